/**
 * Offline review of infrastructure changes: synthesizes the base revision and the working tree in
 * scratch checkouts and compares the two estates, with no Terraform state and no credentials.
 *
 *   npm run review                      # against the merge base with main, text on the terminal
 *   npm run review -- --base origin/main --format markdown --output review.md
 *   npm run review -- --base-dir a/cdktf.out --head-dir b/cdktf.out --format json
 *
 * Exit status: 0 no dangerous change; 1 a protected resource would be destroyed or replaced without
 * an allowance in review/allowances.ts; 2 the review could not run (bad arguments, synthesis failed).
 */
import { Command, CommanderError, Option } from "commander";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { validateAllowances } from "../review/allowance-check";
import { reviewEstates, reviewExitStatus } from "../review/engine";
import { isRecord } from "../review/json";
import { LoadError, loadSynthesizedDir } from "../review/load";
import { FORMATS, type Format, isFormat, renderReport } from "../review/render";
import { renderFailure } from "../review/render-failure";
import { RESOURCE_TYPE_FACTS } from "../provider-schemas/facts";
import {
  ReviewError,
  copyWorkingTree,
  exportCommit,
  repositoryRoot,
  resolveBase,
  synthesizeCheckout,
} from "../review/synthesize";
import type { DestructionAllowance, Estate } from "../review/types";

interface CliOptions {
  readonly base?: string;
  readonly baseDir?: string;
  readonly headDir?: string;
  readonly format: string;
  readonly output?: string;
  readonly allowances?: string;
  readonly keepScratch?: boolean;
}

interface Side {
  readonly label: string;
  readonly estate: Estate;
  /** Milliseconds spent generating provider bindings and synthesizing, when this side was synthesized. */
  readonly timings: { readonly bindingsMs: number; readonly synthMs: number } | null;
  /** The allowances file of this revision, when it was checked out. */
  readonly allowancesFile: string | null;
}

const EXIT_ERROR = 2;

export async function main(argv: readonly string[]): Promise<number> {
  const started = Date.now();
  const program = new Command()
    .name("review")
    .description("Compare the synthesized estate of a base revision with the working tree, offline.")
    .option("--base <ref>", "git revision to compare against (default: merge base of HEAD and main)")
    .option("--base-dir <dir>", "use an existing cdktf output directory as the base instead of synthesizing")
    .option("--head-dir <dir>", "use an existing cdktf output directory as the head instead of the working tree")
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("text"))
    .option("--output <file>", "write the report to a file instead of stdout")
    .option("--allowances <file>", "module exporting DESTRUCTION_ALLOWANCES (default: review/allowances.ts of the head)")
    .option("--keep-scratch", "keep the scratch checkouts for debugging")
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

  let scratch: string | null = null;
  const cleanUp = async (): Promise<void> => {
    if (scratch && !options.keepScratch) await rm(scratch, { recursive: true, force: true });
  };
  const onSignal = (): void => {
    void cleanUp().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    if (options.base !== undefined && options.baseDir !== undefined) throw new ReviewError("--base and --base-dir exclude each other");
    const needsGit = options.baseDir === undefined || options.headDir === undefined;
    const root = needsGit ? await repositoryRoot(process.cwd()) : null;
    if (root !== null) {
      scratch = await mkdtemp(path.join(os.tmpdir(), "psf-review-"));
      if (options.keepScratch) process.stderr.write(`review: scratch checkouts in ${scratch}\n`);
    }
    const nodeModules = root === null ? "" : path.join(root, "node_modules");
    if (root !== null && !existsSync(nodeModules)) throw new ReviewError(`${nodeModules} is missing; run npm ci first.`);

    const baseSide = async (): Promise<Side> => {
      if (options.baseDir !== undefined) return fromDir(options.baseDir);
      if (root === null || scratch === null) throw new ReviewError("no repository to take the base from");
      const resolved = await resolveBase(root, options.base);
      const checkout = path.join(scratch, "base", "src");
      await mkdir(checkout, { recursive: true });
      await exportCommit(root, resolved.commit, checkout);
      return fromCheckout(`base ${resolved.label}`, resolved.label, checkout, nodeModules, path.join(scratch, "base", "out"));
    };
    const headSide = async (): Promise<Side> => {
      if (options.headDir !== undefined) return fromDir(options.headDir);
      if (root === null || scratch === null) throw new ReviewError("no repository to take the head from");
      const checkout = path.join(scratch, "head", "src");
      await mkdir(checkout, { recursive: true });
      await copyWorkingTree(root, checkout);
      return fromCheckout("head (working tree)", "working tree", checkout, nodeModules, path.join(scratch, "head", "out"));
    };
    // The two synths are independent: run them side by side, and wait for both before cleaning up.
    const [baseResult, headResult] = await Promise.allSettled([baseSide(), headSide()]);
    if (baseResult.status === "rejected" || headResult.status === "rejected") {
      const failures = [baseResult, headResult].flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
      if (failures.length === 2 && failures.every((f) => f instanceof ReviewError)) {
        const [a, b] = failures as ReviewError[];
        throw new ReviewError(`${a?.message ?? ""}; and ${b?.message ?? ""}`, [a?.output, b?.output].filter(Boolean).join("\n\n---\n\n"));
      }
      throw failures[0];
    }
    const base = baseResult.value;
    const head = headResult.value;

    const allowancesFile =
      options.allowances !== undefined
        ? path.resolve(options.allowances)
        : (head.allowancesFile ?? defaultAllowancesFile(root ?? process.cwd()));
    const allowances = await loadAllowances(allowancesFile);
    const report = reviewEstates(base.estate, head.estate, {
      facts: RESOURCE_TYPE_FACTS,
      allowances,
      baseLabel: base.label,
      headLabel: head.label,
    });
    await emit(renderReport(report, format), options.output);
    const status = reviewExitStatus(report);
    const timings = [base, head]
      .flatMap((s) => {
        if (s.timings === null) return [];
        const bindings = s.timings.bindingsMs > 0 ? `bindings ${seconds(s.timings.bindingsMs)} + ` : "";
        return [`${s === base ? "base" : "head"}: ${bindings}synth ${seconds(s.timings.synthMs)}`];
      })
      .join("; ");
    process.stderr.write(
      `review: ${status === 0 ? "no dangerous change" : `${report.dangerous.length} dangerous change(s) not allowed`}; ` +
        `wall time ${seconds(Date.now() - started)}${timings ? ` (${timings}; both sides in parallel)` : ""}\n`,
    );
    return status;
  } catch (error) {
    if (error instanceof ReviewError || error instanceof LoadError) {
      process.stderr.write(`review: ${error.message}\n${error instanceof ReviewError && error.output ? `${error.output}\n` : ""}`);
      await emit(renderFailure(format, error.message, error instanceof ReviewError ? error.output : ""), options.output).catch(() => undefined);
      process.stderr.write(`review: failed after ${seconds(Date.now() - started)}\n`);
      return EXIT_ERROR;
    }
    throw error;
  } finally {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    await cleanUp();
  }
}

async function fromDir(dir: string): Promise<Side> {
  const resolved = path.resolve(dir);
  return { label: dir, estate: await loadSynthesizedDir(resolved), timings: null, allowancesFile: null };
}

async function fromCheckout(what: string, label: string, checkout: string, nodeModules: string, outDir: string): Promise<Side> {
  const timings = await synthesizeCheckout(what, checkout, nodeModules, outDir);
  return {
    label,
    estate: await loadSynthesizedDir(outDir, { checkout }),
    timings,
    allowancesFile: path.join(checkout, "review", "allowances.ts"),
  };
}

function defaultAllowancesFile(root: string): string {
  return path.join(root, "review", "allowances.ts");
}

/** Allowances come from code (a module exporting DESTRUCTION_ALLOWANCES) or a JSON array; a missing file means none. */
async function loadAllowances(file: string): Promise<DestructionAllowance[]> {
  if (!existsSync(file)) return [];
  let value: unknown;
  if (file.endsWith(".json")) {
    value = JSON.parse(await readFile(file, "utf8")) as unknown;
  } else {
    let loaded: unknown;
    try {
      // tsx (the CLI's loader) compiles the .ts module on require.
      loaded = require(file) as unknown;
    } catch (error) {
      throw new ReviewError(`cannot load allowances from ${file}: ${(error as Error).message}`);
    }
    value = isRecord(loaded) ? loaded["DESTRUCTION_ALLOWANCES"] : undefined;
    if (value === undefined) throw new ReviewError(`${file} does not export DESTRUCTION_ALLOWANCES`);
  }
  try {
    return validateAllowances(value);
  } catch (error) {
    throw new ReviewError(`${file}: ${(error as Error).message}`);
  }
}

async function emit(text: string, output: string | undefined): Promise<void> {
  if (output === undefined) {
    process.stdout.write(text);
    return;
  }
  await mkdir(path.dirname(path.resolve(output)), { recursive: true });
  await writeFile(output, text, "utf8");
  process.stderr.write(`review: wrote ${output}\n`);
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
