/*
 * npm run live-fixture [-- --output FILE]
 *
 * Writes the live snapshot fixture (__tests__/fixtures/live-estate/snapshot.json): the whole estate rehearsed through
 * the provider twin, its states read as a live snapshot, with the deliberate differences of edits.ts beside it
 * (live/fixture.ts). Run it after a change to what the estate synthesizes; a test fails while the committed fixture
 * is not what this writes. Exit 0 written; 2 could not run (the rehearsal failed, no Terraform, an interruption).
 */
import { Command, CommanderError } from "commander";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURE_EDITS, FIXTURE_TAKEN } from "../__tests__/fixtures/live-estate/edits";
import { deriveFixture } from "../live/fixture";
import { writeSnapshot } from "../live/snapshot";
import { stableStringify } from "../review/json";
import { objectsOfStateFile } from "../live/state-objects";
import { onInterrupt } from "../twin/rehearsal/processes";
import { rehearse } from "../twin/rehearsal/rehearse";
import { cachedBundle } from "../bundling/cached-bundle.cjs";

const root = join(__dirname, "..");
export const FIXTURE_FILE = join(root, "__tests__", "fixtures", "live-estate", "snapshot.json");
/** The ids of the fixture's objects that an adopter gives by hand, beside it. */
export const FIXTURE_IDS_FILE = join(root, "__tests__", "fixtures", "live-estate", "import-ids.json");

async function main(argv: readonly string[]): Promise<number> {
  const program = new Command("live-fixture")
    .description("Write the live snapshot fixture: the estate rehearsed, read as a snapshot, with the edits of __tests__/fixtures/live-estate/edits.ts. Exit 0 written, 2 could not run.")
    .option("--output <file>", "where to write it", FIXTURE_FILE)
    .option("--ids-output <file>", "where to write the ids an adopter gives by hand", FIXTURE_IDS_FILE)
    .exitOverride();
  try {
    program.parse([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const { output, idsOutput } = program.opts<{ output: string; idsOutput: string }>();
  const result = await rehearse({
    root, twinBundle: cachedBundle("twin/plugin.ts", "twin", { bundlePackages: true }), stacks: [], planOnly: false, adopt: false,
    env: process.env, converge: false, validate: false, returnStates: true, progress: (line) => process.stderr.write(`  ${line}\n`),
  });
  if (result.failures.length > 0) {
    process.stderr.write(`live-fixture: could not run: the rehearsal failed (${result.failures.map((f) => `${f.stack}, ${f.step}`).join("; ")})\n`);
    return 2;
  }
  const states = new Map(result.stacks.map((s) => [s.stack, s.state]));
  const fixture = deriveFixture({ states, terraformVersion: result.terraformVersion, edits: FIXTURE_EDITS, taken: FIXTURE_TAKEN, root }, objectsOfStateFile);
  writeSnapshot(output, fixture.snapshot);
  writeFileSync(idsOutput, `${stableStringify(fixture.idsByHand, 2)}\n`);
  process.stderr.write(`live-fixture: wrote ${output} and ${idsOutput}\n`);
  return 0;
}

if (require.main === module) {
  onInterrupt("live-fixture", 2);
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: unknown) => {
    process.stderr.write(`live-fixture: could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
