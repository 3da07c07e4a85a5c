// npm run bench [-- --runs N] [--only synth,rehearsal,scaled,review,test]
//
// Times what the issues set targets for, on this machine (bench/cases.mjs), and marks each target met or MISSED:
// synthesis against the floor (node loading cdktf), in CPU, paired; the whole-estate rehearsal; the grown estate
// (180 more hosts, built in the benchmark) against today's, synthesis and rehearsal, in CPU and wall time; a
// cached-base review; `npm test`. Progress goes to standard error, the figures to standard output.
import { createRequire } from "node:module";
import { join } from "node:path";
import { CASES } from "../bench/cases.mjs";
import { CommandFailed } from "../bench/measure.mjs";

const require = createRequire(import.meta.url);
const { COULD_NOT_RUN, commandLine, oneLine, parseCommandLine, someOf, wholeNumber } = require("../command-line/program.cjs");

const PARTS = Object.keys(CASES);
const program = commandLine("bench", {
  description:
    "Time synthesis, the rehearsal (today's estate and one grown by 180 hosts), a cached-base review and the tests against their targets; each figure says whether its target is met.",
  exitStatuses: [
    "0  every target measured is met",
    "1  a target is missed (each is marked MISSED)",
    "2  could not run: bad arguments, or a command it times failed",
  ],
})
  .option("--runs <n>", "runs of each timed command (paired runs for the ratios; the slow ones at most 3)", wholeNumber(1), 5)
  .option("--only <parts>", `which parts, comma-separated: ${PARTS.join(", ")}`, someOf(PARTS), PARTS);
const parsed = parseCommandLine(program, process.argv.slice(2));
if (parsed !== undefined) process.exit(parsed);
const { runs, only } = program.opts();

const root = join(import.meta.dirname, "..");
const progress = (line) => process.stderr.write(`bench: ${line}\n`);
const missed = [];
try {
  for (const part of PARTS.filter((p) => only.includes(p))) {
    progress(`--- ${part}`);
    for (const line of CASES[part]({ root, runs, progress })) {
      const verdict = line.target === undefined ? "" : `  [target: ${line.target.text}: ${line.target.met ? "met" : "MISSED"}]`;
      if (line.target !== undefined && !line.target.met) missed.push(line.name);
      process.stdout.write(`${line.name.padEnd(38)} ${line.detail}${verdict}\n`);
    }
  }
} catch (error) {
  if (!(error instanceof CommandFailed)) throw error;
  process.stderr.write(`bench: could not run: ${oneLine(error.message)}\n`);
  process.exit(COULD_NOT_RUN);
}
process.stdout.write(missed.length === 0 ? "every target measured is met\n" : `${missed.length} target(s) MISSED: ${missed.join("; ")}\n`);
process.exitCode = missed.length === 0 ? 0 : 1;
