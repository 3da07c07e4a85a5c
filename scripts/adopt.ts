/*
 * npm run adopt [-- STACK...] [--live FILE] [--import-ids FILE] [--write-ids] [--format text|markdown|json] [--output FILE]
 *
 * What adopting the live estate would do (README, "Adopting the live estate"): discovery through the providers' data
 * sources (live/discovery-run.ts), then each stack planned with an import block for every resource found live,
 * reported per resource (live/commands.ts, live/adoption.ts). With --live, against a snapshot through the provider
 * twin, offline; without it, against the clouds with the environment's credentials and PSF_ESTATE_BACKEND. Exit 0: adoption destroys and replaces nothing; 1: it would destroy or replace something;
 * 2: it could not run.
 */
import { join } from "node:path";
import { liveCommandMain, runLiveCommand, type LiveCommand } from "../live/cli";
import { runAdopt } from "../live/commands";
import { adoptionStatus } from "../live/adoption";
import { renderAdoption } from "../live/render";

export const command: LiveCommand = {
  name: "adopt",
  description:
    "What adopting the live estate would do, per resource: adopted as it is, adopted with changes (live → code), to be created, ids needed by hand, and what the review calls dangerous.",
  exitStatuses: [
    "0  adoption destroys and replaces nothing",
    "1  adoption would destroy or replace something",
    "2  could not run (bad arguments, an unreadable snapshot or ids file, no Terraform, no backend chosen against the clouds, a failed synthesis or plan, an interruption)",
  ],
  extraOptions: (command) =>
    command
      .option("--import-ids <file>", "the ids recorded by hand (default: adoption/import-ids.json)")
      .option("--write-ids", "record the ids discovery found in the ids file (adoption/import-ids.json, or --import-ids)"),
  run: async (options, common) => {
    const report = await runAdopt({
      ...common,
      ...(typeof options["importIds"] === "string" ? { importIds: options["importIds"] } : {}),
      writeIds: options["writeIds"] === true,
    });
    return { status: adoptionStatus(report), render: (format) => renderAdoption(report, format) };
  },
};

/** The command, run in this process: its exit status. */
export function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return liveCommandMain(command, argv, env, join(__dirname, ".."));
}

if (require.main === module) void runLiveCommand(command);
