/**
 * The infrastructure review: what a change does to the estate, as Terraform plans it, offline.
 *
 *   npm run review                                   # the working tree against the merge base with main
 *   npm run review -- --base origin/main --format markdown --output review.md
 *   npm run --silent review -- --format json         # only JSON on standard output
 *   npm run --silent review -- --base-src . --head-src ../head   # CI: this (base) checkout's code reviews ../head
 *
 * The base revision is rehearsed into scratch state through the provider twin (cached by its commit), then
 * Terraform plans the head against that state, stack by stack; the report reads Terraform's JSON plan and adds
 * what Terraform cannot see offline. Exit status: 0 nothing dangerous left unallowed; 1 a dangerous change
 * without an allowance on the base branch (or Terraform refuses the change); 2 the review could not run.
 */
import { Command, CommanderError, Option } from "commander";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { AllowanceError, loadAllowances, todayUtc, type Allowance } from "../review/allowances";
import { loadConfigurations } from "../review/configuration";
import { configurationFindings, deployFindings, environmentFindings, policyWarningFindings } from "../review/configuration-findings";
import { environmentReads } from "../review/environment-reads";
import { stableStringify } from "../review/json";
import { buildReport, exitStatus } from "../review/report";
import { FORMATS, isFormat, renderFailure, renderReport, type Format } from "../review/render";
import { copyWorkingTree, exportCommit, repositoryRoot, resolveBase, ReviewError, synthesizeCheckout } from "../review/synthesize";
import { plannedChanges, type TerraformPlanJson } from "../review/terraform-plan";
import { rehearse, type RehearsalOptions } from "../twin/rehearsal";
import { locateTerraform, TerraformMissingError } from "../twin/terraform-cli";
import { cachedBundle } from "./cached-bundle.cjs";

interface CliOptions {
  readonly base?: string;
  readonly baseSrc?: string;
  readonly headSrc?: string;
  readonly format: string;
  readonly output?: string;
  readonly keepScratch?: boolean;
  readonly quiet?: boolean;
}

const EXIT_ERROR = 2;
/** The code running now: in CI the base revision's, never the pull request's. */
const trustedRoot = path.join(__dirname, "..");

export async function main(argv: readonly string[]): Promise<number> {
  const started = Date.now();
  const program = new Command()
    .name("review")
    .description("What a change does to the estate: Terraform's plan of the head against the base's rehearsed state, offline.")
    .option("--base <ref>", "git revision to compare against (default: merge base of HEAD and main)")
    .option("--base-src <dir>", "a checkout of the base revision to compare against, instead of --base")
    .option("--head-src <dir>", "a checkout of the change to review (default: this working tree)")
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("text"))
    .option("--output <file>", "write the report to a file instead of standard output")
    .option("--keep-scratch", "keep the scratch folder for a look")
    .option("--quiet", "print nothing on standard error but failures")
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  try {
    program.parse([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_ERROR;
    throw error;
  }
  const options = program.opts<CliOptions>();
  const format: Format = isFormat(options.format) ? options.format : "text";
  const scratch = await mkdtemp(path.join(os.tmpdir(), "psf-review-"));
  try {
    const status = await review(options, format, scratch);
    if (options.quiet !== true) process.stderr.write(`review: ${status === 0 ? "nothing dangerous left unallowed" : "dangerous change(s) not allowed"}; ${seconds(Date.now() - started)}\n`);
    return status;
  } catch (error) {
    if (error instanceof ReviewError || error instanceof AllowanceError || error instanceof TerraformMissingError) {
      const output = error instanceof ReviewError ? error.output : "";
      process.stderr.write(`review: ${error.message}\n${output ? `${output}\n` : ""}`);
      await emit(renderFailure(format, error.message, output), options.output).catch(() => undefined);
      return EXIT_ERROR;
    }
    throw error;
  } finally {
    if (options.keepScratch === true) process.stderr.write(`review: scratch folder kept: ${scratch}\n`);
    else await rm(scratch, { recursive: true, force: true });
  }
}

async function review(options: CliOptions, format: Format, scratch: string): Promise<number> {
  const say = (line: string): void => {
    if (options.quiet !== true) process.stderr.write(`${line}\n`);
  };
  if (options.base !== undefined && options.baseSrc !== undefined) throw new ReviewError("--base and --base-src exclude each other");
  const headRoot = options.headSrc !== undefined ? path.resolve(options.headSrc) : await repositoryRoot(process.cwd());
  const nodeModules = path.join(trustedRoot, "node_modules");
  if (!existsSync(nodeModules)) throw new ReviewError(`${nodeModules} is missing; run npm ci first.`);

  // The two revisions' sources, each in a scratch copy: nothing is written into either checkout.
  const baseSrc = path.join(scratch, "base", "src");
  const headSrc = path.join(scratch, "head", "src");
  await Promise.all([mkdir(baseSrc, { recursive: true }), mkdir(headSrc, { recursive: true })]);
  let baseLabel: string;
  let baseCommit: string | undefined;
  if (options.baseSrc !== undefined) {
    const dir = path.resolve(options.baseSrc);
    await copyWorkingTree(dir, baseSrc);
    baseCommit = cleanCommit(dir);
    baseLabel = `${options.baseSrc}${baseCommit !== undefined ? `@${baseCommit.slice(0, 10)}` : ""}`;
  } else {
    const resolved = await resolveBase(headRoot, options.base);
    await exportCommit(headRoot, resolved.commit, baseSrc);
    baseCommit = resolved.commit;
    baseLabel = resolved.label;
  }
  await copyWorkingTree(headRoot, headSrc);
  const headLabel = options.headSrc !== undefined ? options.headSrc : "working tree";

  // Allowances count from the base revision only; the head's own are requests.
  const today = todayUtc();
  const allowances = loadAllowances(baseSrc, today);
  let requested: Allowance[];
  try {
    const known = new Set(allowances.map((a) => stableStringify(a)));
    requested = loadAllowances(headSrc, today).filter((a) => !known.has(stableStringify(a)));
  } catch (error) {
    if (!(error instanceof AllowanceError)) throw error;
    requested = [];
  }

  // Synthesize the way CI does (local state) for both, and the head the way a deploy does (Terraform Cloud).
  const out = (name: string): string => path.join(scratch, name);
  const [baseSynth, headSynth] = await Promise.all([
    synthesizeCheckout("base", baseSrc, nodeModules, out("base-out"), { PSF_ESTATE_BACKEND: "local" }),
    synthesizeCheckout("head", headSrc, nodeModules, out("head-out"), { PSF_ESTATE_BACKEND: "local" }),
  ]);
  await synthesizeCheckout("head (as deployed)", headSrc, nodeModules, out("head-deploy-out"), { PSF_ESTATE_BACKEND: "cloud" });
  const baseConfigurations = loadConfigurations(out("base-out"));
  const headConfigurations = loadConfigurations(out("head-out"));

  const terraform = locateTerraform(process.env);
  const twinBundle = cachedBundle("twin/plugin.ts", "twin", { bundlePackages: true });
  const common: Omit<RehearsalOptions, "synthesized"> = {
    root: trustedRoot,
    twinBundle,
    stacks: [],
    planOnly: false,
    adopt: false,
    // Terraform's plan validates the configuration as well; a review needs no separate step for it.
    validate: false,
    env: process.env,
    progress: (line) => say(`  ${line}`),
  };

  // The base's rehearsed state, cached by its commit, the twin and Terraform: a second review of one base costs one plan.
  const baseState = baseCommit === undefined
    ? out("base-state")
    : path.join(trustedRoot, "node_modules", ".cache", "psf-estate", "review-base", `${baseCommit}-${path.basename(twinBundle, ".cjs")}-${terraform.version}`);
  if (!existsSync(path.join(baseState, "complete"))) {
    say(`review: rehearsing the base ${baseLabel} into scratch state`);
    const base = await rehearse({ ...common, synthesized: out("base-out"), converge: false, saveStateTo: baseState });
    if (base.failures.length > 0) {
      throw new ReviewError(`the base revision ${baseLabel} does not rehearse, so there is nothing to compare against`, base.failures.map((f) => `stack ${f.stack}, step ${f.step}:\n${f.message}`).join("\n\n"));
    }
    await writeFile(path.join(baseState, "complete"), `${baseLabel}\n`);
  } else {
    say(`review: the base ${baseLabel} was rehearsed before; using its state`);
  }
  const head = await rehearse({ ...common, synthesized: out("head-out"), planOnly: true, planJson: true, stateFrom: baseState });

  const findings = [
    ...policyWarningFindings(baseSynth.stderr, headSynth.stderr),
    ...configurationFindings(baseConfigurations, headConfigurations),
    ...deployFindings(headConfigurations, loadConfigurations(out("head-deploy-out"))),
    ...environmentFindings(environmentReads(headSrc)),
  ];
  const report = buildReport({
    base: baseLabel,
    head: headLabel,
    terraformVersion: terraform.version,
    baseConfigurations,
    headConfigurations,
    changes: head.stacks.flatMap((s) => (s.planJson === undefined ? [] : plannedChanges(s.stack, s.planJson as TerraformPlanJson))),
    failures: head.failures,
    summaries: new Map(head.stacks.filter((s) => s.summary !== undefined).map((s) => [s.stack, s.summary!])),
    findings,
    allowances,
    requestedAllowances: requested,
  });
  await emit(renderReport(report, format), options.output);
  return exitStatus(report);
}

/** The commit a checkout is at, when it has no uncommitted change (only then can its rehearsal be cached). */
function cleanCommit(dir: string): string | undefined {
  try {
    const status = execFileSync("git", ["status", "--porcelain"], { cwd: dir, encoding: "utf8" });
    if (status.trim() !== "") return undefined;
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd: dir, encoding: "utf8" }).trim();
  } catch {
    return undefined;
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

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`review: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = EXIT_ERROR;
    },
  );
}
