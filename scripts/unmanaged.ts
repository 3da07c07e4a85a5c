/*
 * npm run unmanaged -- (--live FILE | --zone-export FILE... [--zone NAME]) [--entries FILE] [--date YYYY-MM-DD] [--format text|markdown|json] [--output FILE]
 *
 * What nobody manages here (README, "What nobody manages"): for every zone, the record sets no stack declares, with
 * who manages them where the inventory knows; from a snapshot, also the other objects no stack declares
 * (live/unmanaged.ts). --entries writes the listed records as inventory entries (source "live zone export", its day).
 * Exit 0 listed; 2 could not run.
 */
import { join } from "node:path";
import { liveCommandMain, runLiveCommand, type LiveCommand } from "../live/cli";
import { runUnmanaged } from "../live/commands";
import { renderUnmanaged } from "../live/unmanaged";
import { LiveCommandError } from "../live/terraform-runs";

export const command: LiveCommand = {
  name: "unmanaged",
  description: "What the zones (and, from a snapshot, the accounts) hold that no stack declares, with who manages it where the inventory knows.",
  exitStatuses: [
    "0  listed (whatever it lists)",
    "2  could not run (bad arguments, an unreadable snapshot or export, a zone file with record types the parser does not read, a failed synthesis, an interruption)",
  ],
  extraOptions: (command) =>
    command
      .option("--zone-export <file...>", "a zone's export: Route 53's list-resource-record-sets JSON, or a BIND zone file")
      .option("--import-ids <file>", "with --live: the ids recorded by hand (default: adoption/import-ids.json)")
      .option("--zone <name>", "the zone of the one --zone-export, when the file does not say")
      .option("--entries <file>", "also write the listed records as inventory entries (JSON) to this file")
      .option("--date <day>", "the day the export was taken, for the entries' source (YYYY-MM-DD)"),
  run: async (options, common) => {
    const date = options["date"];
    if (date !== undefined && (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date)))
      throw new LiveCommandError(`--date ${String(date)}: not a day (YYYY-MM-DD)`);
    const report = await runUnmanaged({
      ...common,
      zoneExports: Array.isArray(options["zoneExport"]) ? (options["zoneExport"] as string[]) : [],
      ...(typeof options["zone"] === "string" ? { zone: options["zone"] } : {}),
      ...(typeof options["importIds"] === "string" ? { importIds: options["importIds"] } : {}),
      ...(typeof options["entries"] === "string" ? { entries: options["entries"] } : {}),
      ...(typeof date === "string" ? { date } : {}),
    });
    return { status: 0, render: (format) => renderUnmanaged(report, format) };
  },
};

/** The command, run in this process: its exit status. */
export function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return liveCommandMain(command, argv, env, join(__dirname, ".."));
}

if (require.main === module) void runLiveCommand(command);
