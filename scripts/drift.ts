/*
 * npm run drift [-- STACK...] [--live FILE] [--state-dir DIR] [--format text|markdown|json] [--output FILE]
 *
 * What changed outside the code (README, "Drift"): a refresh-only plan of every stack, reported as the review reports
 * (live/commands.ts, live/drift.ts). With --live, against a snapshot through the provider twin, offline (the state is
 * the code applied through the twin, or the states of --state-dir); without it, each stack's real state against the
 * clouds, with the environment's credentials and PSF_ESTATE_BACKEND. Exit 0 no drift, 1 drift, 2 could not run.
 */
import { join } from "node:path";
import { liveCommandMain, runLiveCommand, type LiveCommand } from "../live/cli";
import { runDrift } from "../live/commands";
import { LiveCommandError } from "../live/terraform-runs";
import { driftStatus } from "../live/drift";
import { renderDrift } from "../live/render";

export const command: LiveCommand = {
  name: "drift",
  description: "What changed outside the code: a refresh-only plan of every stack (terraform plan -refresh-only), by stack, secrets masked.",
  exitStatuses: [
    "0  no drift",
    "1  drift: something changed outside the code",
    "2  could not run (bad arguments, an unreadable snapshot, no Terraform, no backend chosen against the clouds, a stack that could not be planned, an interruption)",
  ],
  extraOptions: (command) =>
    command.option(
      "--state-dir <dir>",
      "with --live: the states to compare (terraform.<stack>.tfstate each); default: the code applied through the twin",
    ),
  run: async (options, common) => {
    if (options["stateDir"] !== undefined && common.live === undefined) throw new LiveCommandError("--state-dir needs --live");
    const report = await runDrift({ ...common, ...(typeof options["stateDir"] === "string" ? { stateDir: options["stateDir"] } : {}) });
    return { status: driftStatus(report), render: (format) => renderDrift(report, format) };
  },
};

/** The command, run in this process: its exit status. */
export function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return liveCommandMain(command, argv, env, join(__dirname, ".."));
}

if (require.main === module) void runLiveCommand(command);
