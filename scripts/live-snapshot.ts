/*
 * npm run live-snapshot -- --output FILE [STACK...] [--import-ids FILE] [--live FILE] [--taken YYYY-MM-DD]
 *
 * Writes a snapshot of the live estate (README, "The live snapshot"), taken through the real providers with the
 * environment's credentials: discovery, `terraform import` of every object into scratch state, `terraform show -json`,
 * secrets withheld (live/live-snapshot.ts). With --live FILE the provider twin answers from that snapshot instead: a
 * rehearsal of the command, offline. Exit 0 written (objects not live are listed on standard error); 2 could not run
 * (bad arguments, no Terraform, discovery or an import failed, an interruption), and nothing is written.
 */
import { InvalidArgumentError } from "commander";
import { commandLine, parseCommandLine } from "../command-line/program.cjs";
import { join, resolve } from "node:path";
import { COULD_NOT_RUN, couldNotRun } from "../live/cli";
import { takeLiveSnapshot } from "../live/live-snapshot";
import { writeSnapshot } from "../live/snapshot";
import { onInterrupt } from "../twin/rehearsal/processes";

/** A day as YYYY-MM-DD that the calendar has. */
function isDay(value: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value)
    throw new InvalidArgumentError("not a day (YYYY-MM-DD)");
  return value;
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, root: string = join(__dirname, "..")): Promise<number> {
  const program = commandLine("live-snapshot", {
    description: "Write a snapshot of the live estate, read through the real providers (or, with --live, through the provider twin from a snapshot).",
    exitStatuses: ["0  written", "2  could not run (bad arguments, no Terraform, discovery or an import failed, an interruption): nothing written"],
  })
    .argument("[stacks...]", "stacks whose objects to read; all when none")
    .requiredOption("--output <file>", "where to write the snapshot (keep it where the stacks' states are kept, not in the repository)")
    .option("--import-ids <file>", "the ids recorded by hand (default: adoption/import-ids.json)")
    .option("--live <file>", "read a snapshot back through the provider twin instead of the clouds (offline)")
    .option("--taken <day>", "the day the snapshot says it was taken (YYYY-MM-DD; default: today, UTC)", isDay);
  const usage = parseCommandLine(program, argv);
  if (usage !== undefined) return usage;
  const options = program.opts<{ output: string; importIds?: string; live?: string; taken?: string }>();
  try {
    const result = await takeLiveSnapshot({
      root,
      env,
      stacks: program.args,
      progress: (line) => process.stderr.write(`${line}\n`),
      ...(options.live !== undefined ? { live: resolve(options.live) } : {}),
      ...(options.importIds !== undefined ? { importIds: resolve(options.importIds) } : {}),
      ...(options.taken !== undefined ? { taken: options.taken } : {}),
    });
    writeSnapshot(options.output, result.snapshot);
    for (const o of result.notLive) process.stderr.write(`live-snapshot: not live: ${o.stack} ${o.address} (${o.importId})\n`);
    for (const s of result.skipped) process.stderr.write(`live-snapshot: left out: ${s}\n`);
    process.stderr.write(
      `live-snapshot: wrote ${options.output}: ${result.snapshot.objects.length} objects, ${result.snapshot.dataSources?.length ?? 0} data sources, secrets withheld\n`,
    );
    return 0;
  } catch (error) {
    return couldNotRun("live-snapshot", error);
  }
}

if (require.main === module) {
  onInterrupt("live-snapshot", COULD_NOT_RUN);
  void main(process.argv.slice(2), process.env, join(__dirname, "..")).then((status) => {
    process.exitCode = status;
  });
}
