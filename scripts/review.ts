/**
 * The infrastructure review: what a change does to the estate, as Terraform plans it, offline.
 *
 *   npm run review                                   # the working tree against the merge base with main
 *   npm run review -- --head my-branch               # a branch, reviewed with this checkout's code
 *   npm run review -- --base origin/main --format markdown --output review.md
 *   npm run --silent review -- --format json         # only JSON on standard output
 *   npm run --silent review -- --base-src ../base --head-src ../head --head-synthesis ../head-synthesis   # CI
 *
 * Exit status: 0 nothing dangerous left unallowed; 1 a dangerous change without an allowance on the base branch (or
 * Terraform refuses the change); 2 the review could not run (it says why; never a verdict). See review/README.md.
 */
import { Option } from "commander";
import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { commandLine, parseCommandLine } from "../command-line/program.cjs";
import { AllowanceError, todayUtc } from "../review/allowances";
import { exitStatus } from "../review/report";
import { COULD_NOT_RUN, FORMATS, isFormat, renderFailure, renderReport, type Format } from "../review/render";
import { runReview } from "../review/run-review";
import { ReviewError } from "../review/synthesize";
import { diskFullCause, onInterrupt } from "../twin/rehearsal/processes";

interface CliOptions {
  readonly base?: string;
  readonly baseSrc?: string;
  readonly head?: string;
  readonly headSrc?: string;
  readonly headSynthesis?: string;
  readonly format: string;
  readonly output?: string;
  readonly json?: string;
  readonly fullReport?: string;
  readonly keepScratch?: boolean;
  readonly quiet?: boolean;
}

/** The code running now: in CI the base revision's, never the pull request's. */
const trustedRoot = path.join(__dirname, "..");

export async function main(argv: readonly string[]): Promise<number> {
  const started = Date.now();
  const program = commandLine("review", {
    description:
      "What a change does to the estate: Terraform's plan of the head against the base's rehearsed state, offline, judged by danger class.",
    exitStatuses: [
      "0  nothing dangerous left unallowed",
      "1  a dangerous change no allowance on the base branch covers, or Terraform refuses the change",
      "2  could not run (it says why; never a verdict): bad arguments, no Terraform, an unusable TMPDIR, a provider twin that died, a killed Terraform, a base that does not synthesize or rehearse, an interruption",
    ],
  })
    .option("--base <ref>", "git revision to compare against (default: merge base of HEAD and main)")
    .option("--base-src <dir>", "a checkout of the base revision to compare against, instead of --base")
    .option("--head <ref>", "git revision to review, instead of the working tree (this checkout's code reviews it)")
    .option("--head-src <dir>", "a checkout of the change to review (default: this working tree)")
    .option(
      "--head-synthesis <dir>",
      "the head's syntheses made elsewhere (<dir>/local, <dir>/cloud), read as untrusted data instead of running the head's code",
    )
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("text"))
    .option("--output <file>", "write the report to a file instead of standard output")
    .option("--json <file>", "also write the report as JSON to a file (CI keeps both: the comment, and the report a deploy checks)")
    .option("--full-report <where>", "where the whole report can be read, named when the Markdown must be cut (CI: the run's artifact)")
    .option("--keep-scratch", "keep the scratch folder for a look")
    .option("--quiet", "print nothing on standard error but failures");
  const parsed = parseCommandLine(program, argv);
  if (parsed !== undefined) return parsed;
  const options = program.opts<CliOptions>();
  const format: Format = isFormat(options.format) ? options.format : "text";
  const say = (line: string): void => {
    if (options.quiet !== true) process.stderr.write(`${line}\n`);
  };
  const today = todayUtc();
  try {
    const report = await runReview({
      ...(options.base !== undefined ? { base: options.base } : {}),
      ...(options.baseSrc !== undefined ? { baseSrc: options.baseSrc } : {}),
      ...(options.head !== undefined ? { head: options.head } : {}),
      ...(options.headSrc !== undefined ? { headSrc: options.headSrc } : {}),
      ...(options.headSynthesis !== undefined ? { headSynthesis: options.headSynthesis } : {}),
      cwd: process.cwd(),
      trustedRoot,
      env: process.env,
      today,
      say,
      keepScratch: options.keepScratch === true,
    });
    await emit(
      renderReport(report, format, { today, ...(options.fullReport !== undefined ? { fullReport: options.fullReport } : {}) }),
      options.output,
    );
    if (options.json !== undefined) await emit(renderReport(report, "json"), options.json);
    const status = exitStatus(report);
    say(
      `review: ${status === 0 ? "nothing dangerous left unallowed" : "dangerous change(s) not allowed"}; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return status;
  } catch (error) {
    const diskFull = diskFullCause(error);
    const known = error instanceof ReviewError || error instanceof AllowanceError || diskFull !== undefined;
    const message = diskFull ?? (known ? (error as Error).message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    const output = error instanceof ReviewError ? error.output : known ? "" : error instanceof Error ? (error.stack ?? "") : "";
    process.stderr.write(`review: could not run: ${message}\n${output !== "" ? `${output}\n` : ""}`);
    await emit(renderFailure(format, message, output), options.output).catch(() => undefined);
    if (options.json !== undefined) await emit(renderFailure("json", message, output), options.json).catch(() => undefined);
    return COULD_NOT_RUN;
  }
}

async function emit(text: string, output: string | undefined): Promise<void> {
  if (output === undefined) {
    process.stdout.write(text);
    return;
  }
  await mkdir(path.dirname(path.resolve(output)), { recursive: true });
  await writeFile(output, text, "utf8");
}

if (require.main === module) {
  // Ctrl-C, SIGTERM or SIGHUP: every process ended, every scratch folder removed, and "could not run".
  onInterrupt("review", COULD_NOT_RUN);
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`review: could not run: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = COULD_NOT_RUN;
    },
  );
}
