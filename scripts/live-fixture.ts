/*
 * npm run live-fixture [-- --output FILE]
 *
 * Writes the live snapshot fixture (__tests__/fixtures/live-estate/snapshot.json): the whole estate rehearsed through
 * the provider twin, its states read as a live snapshot, with the deliberate differences of edits.ts beside it
 * (live/fixture.ts). Run it after a change to what the estate synthesizes, or to the provider facts that decide which
 * ids are given by hand; __tests__/live/live-estate.test.ts fails first, saying to run it, while the committed files
 * are not what this writes. Exit 0 written; 2 could not run (the rehearsal failed, no Terraform, an interruption).
 */
import { commandLine, COULD_NOT_RUN, parseCommandLine } from "../command-line/program.cjs";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURE_EDITS, FIXTURE_TAKEN } from "../__tests__/fixtures/live-estate/edits";
import { fixtureFileTexts, fixtureFromRehearsal, fixtureRehearsalOptions } from "../live/fixture";
import { onInterrupt } from "../twin/rehearsal/processes";
import { rehearse } from "../twin/rehearsal/rehearse";
import { cachedBundle } from "../bundling/cached-bundle.cjs";

const root = join(__dirname, "..");
export const FIXTURE_FILE = join(root, "__tests__", "fixtures", "live-estate", "snapshot.json");
/** The ids of the fixture's objects that an adopter gives by hand, beside it. */
export const FIXTURE_IDS_FILE = join(root, "__tests__", "fixtures", "live-estate", "import-ids.json");

export async function main(argv: readonly string[]): Promise<number> {
  const program = commandLine("live-fixture", {
    description:
      "Write the live snapshot fixture: the estate rehearsed, read as a snapshot, with the edits of __tests__/fixtures/live-estate/edits.ts.",
    exitStatuses: ["0  written", "2  could not run (bad arguments, the rehearsal failed, no Terraform, an interruption)"],
  })
    .option("--output <file>", "where to write it", FIXTURE_FILE)
    .option("--ids-output <file>", "where to write the ids an adopter gives by hand", FIXTURE_IDS_FILE);
  const usage = parseCommandLine(program, argv);
  if (usage !== undefined) return usage;
  const { output, idsOutput } = program.opts<{ output: string; idsOutput: string }>();
  const result = await rehearse(
    fixtureRehearsalOptions({
      root,
      twinBundle: cachedBundle("twin/plugin.ts", "twin", { bundlePackages: true }),
      env: process.env,
      progress: (line) => process.stderr.write(`  ${line}\n`),
    }),
  );
  const texts = fixtureFileTexts(fixtureFromRehearsal(result, FIXTURE_EDITS, FIXTURE_TAKEN, root), output);
  writeFileSync(output, texts.snapshot);
  writeFileSync(idsOutput, texts.idsByHand);
  process.stderr.write(`live-fixture: wrote ${output} and ${idsOutput}\n`);
  return 0;
}

if (require.main === module) {
  onInterrupt("live-fixture", COULD_NOT_RUN);
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`live-fixture: could not run: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = COULD_NOT_RUN;
    },
  );
}
