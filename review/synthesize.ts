/**
 * Scratch checkouts and synthesis for the review CLI. Each revision is synthesized in its own
 * directory, so the working tree (and its cdktf.out) is never touched, and nothing is written
 * into the repository's .git: the base comes from `git archive`, the head is a plain copy.
 */
import { spawn } from "node:child_process";
import { constants as fsConstants } from "node:fs";
import { access, copyFile, lstat, mkdir, readdir, readFile, readlink, symlink, unlink } from "node:fs/promises";
import * as path from "node:path";
import { dirname, join } from "node:path";
import { isCredentialVariable } from "../provider-schemas/credentials";
import { runGroup } from "../twin/rehearsal/processes";
import { isRecord } from "./json";

export class ReviewError extends Error {
  constructor(
    message: string,
    /** Output of the failing command (stderr, or stdout when stderr is empty), already trimmed. */
    readonly output: string = "",
  ) {
    super(message);
    this.name = "ReviewError";
  }
}

interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly shell?: boolean;
}

export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      shell: options.shell ?? false,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => resolve({ code: 127, stdout: "", stderr: error.message }));
    child.on("close", (code, signal) =>
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8") + (signal ? `\n(killed by ${signal})` : ""),
      }),
    );
  });
}

async function git(args: readonly string[], cwd: string): Promise<RunResult> {
  return run("git", args, { cwd });
}

export async function repositoryRoot(cwd: string): Promise<string> {
  const result = await git(["rev-parse", "--show-toplevel"], cwd);
  if (result.code !== 0) {
    throw new ReviewError(
      `${cwd} is not inside a git repository; run the review from a clone, or compare two synthesized directories with --base-dir and --head-dir.`,
    );
  }
  return result.stdout.trim();
}

export interface ResolvedBase {
  readonly commit: string;
  readonly label: string;
}

/**
 * The commit to compare against: the given ref, or else the merge base with main (what a pull
 * request would change), falling back to main itself and then HEAD when there is no merge base.
 */
export async function resolveBase(root: string, ref: string | undefined): Promise<ResolvedBase> {
  if (ref !== undefined) {
    const commit = await commitOf(root, ref);
    if (!commit) throw new ReviewError(`--base ${ref}: no such commit in ${root}`);
    return { commit, label: `${ref}@${commit.slice(0, 10)}` };
  }
  for (const main of ["main", "origin/main"]) {
    const mergeBase = await git(["merge-base", "HEAD", main], root);
    if (mergeBase.code === 0 && mergeBase.stdout.trim() !== "") {
      const commit = mergeBase.stdout.trim();
      return { commit, label: `merge base of HEAD and ${main} (${commit.slice(0, 10)})` };
    }
  }
  for (const fallback of ["main", "origin/main", "HEAD"]) {
    const commit = await commitOf(root, fallback);
    if (commit) return { commit, label: `${fallback}@${commit.slice(0, 10)}` };
  }
  throw new ReviewError(`${root} has no commit to compare against (no main branch and no HEAD commit); pass --base <ref>.`);
}

async function commitOf(root: string, ref: string): Promise<string | null> {
  const result = await git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], root);
  return result.code === 0 ? result.stdout.trim() : null;
}

/** Writes the tree of `commit` into `dest` (which must exist) without touching the repository. */
export async function exportCommit(root: string, commit: string, dest: string): Promise<void> {
  const result = await run("sh", ["-c", 'git archive --format=tar "$1" | tar -x -C "$2"', "sh", commit, dest], { cwd: root });
  if (result.code !== 0) throw new ReviewError(`git archive ${commit} failed`, tail(result.stderr));
}

/** Copies tracked and untracked-but-not-ignored files: what the next commit could contain. */
export async function copyWorkingTree(root: string, dest: string): Promise<void> {
  const listed = await git(["ls-files", "-co", "--exclude-standard", "-z"], root);
  if (listed.code !== 0) throw new ReviewError("git ls-files failed", tail(listed.stderr));
  const files = [...new Set(listed.stdout.split("\0").filter((f) => f !== ""))];
  const madeDirs = new Set<string>();
  await forEachLimited(files, 32, async (file) => {
    const from = path.join(root, file);
    const to = path.join(dest, file);
    let stat;
    try {
      stat = await lstat(from);
    } catch {
      return; // tracked but deleted in the working tree: the head does not have it
    }
    const dir = path.dirname(to);
    if (!madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      madeDirs.add(dir);
    }
    if (stat.isSymbolicLink()) await symlink(await readlink(from), to);
    else if (stat.isFile()) await copyFile(from, to);
  });
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * What a synthesis must never be given besides credentials (provider-schemas/credentials.ts, so the review provably
 * needs none): the CI runner's files and tokens (a synthesis that could write $GITHUB_OUTPUT or $GITHUB_ENV could
 * speak for the job), Node's options (a `--require` would run code before the app), Terraform's settings, and the
 * choices the review makes itself.
 */
const NOT_FOR_SYNTHESIS = /^TF_|^PSF_ESTATE_|^GITHUB_|^ACTIONS_|^RUNNER_|^NODE_OPTIONS$|^npm_/i;

/** Environment for synthesis: nothing of `NOT_FOR_SYNTHESIS`, the output folder and cdktf's context. */
export function synthEnvironment(base: NodeJS.ProcessEnv, outDir: string, context: unknown): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (isCredentialVariable(name) || NOT_FOR_SYNTHESIS.test(name)) continue;
    if (name === "CDKTF_TARGET_STACK_ID") continue; // every stack, always
    env[name] = value;
  }
  env["CDKTF_OUTDIR"] = outDir;
  env["CDKTF_CONTEXT_JSON"] = JSON.stringify(isRecord(context) ? context : {});
  env["SYNTH_HCL_OUTPUT"] = "false";
  env["CI"] = "1";
  return env;
}

export interface SynthTimings {
  readonly bindingsMs: number;
  readonly synthMs: number;
  /** What synthesis printed on standard error (the policy's warnings among it). */
  readonly stderr: string;
}

/** How long a synthesis may take before it is killed (the estate's takes seconds). */
const SYNTHESIS_TIMEOUT_MS = 5 * 60 * 1000;
const GENERATOR = path.join("scripts", "generate-provider-bindings.mjs");

/**
 * The environment a revision's own commands run with in `checkout`: scrubbed (synthEnvironment), HOME and TMPDIR in
 * folders beside `checkout`, and `extraEnv` on top. Also links the repository's node_modules and reads cdktf.json.
 */
async function prepareCheckout(
  label: string,
  checkout: string,
  nodeModules: string,
  outDir: string,
  extraEnv: NodeJS.ProcessEnv,
): Promise<{ env: NodeJS.ProcessEnv; app: string }> {
  await linkNodeModules(nodeModules, path.join(checkout, "node_modules"));
  let cdktfJson: unknown;
  try {
    cdktfJson = JSON.parse(await readFile(path.join(checkout, "cdktf.json"), "utf8")) as unknown;
  } catch (error) {
    throw new ReviewError(`${label}: cannot read cdktf.json (${(error as Error).message})`);
  }
  const app = isRecord(cdktfJson) ? cdktfJson["app"] : undefined;
  if (typeof app !== "string" || app.trim() === "") throw new ReviewError(`${label}: cdktf.json has no "app" command`);
  const home = join(dirname(checkout), "home");
  const tmp = join(dirname(checkout), "tmp");
  await Promise.all([mkdir(home, { recursive: true }), mkdir(tmp, { recursive: true })]);
  return {
    env: { ...synthEnvironment(process.env, outDir, isRecord(cdktfJson) ? cdktfJson["context"] : undefined), HOME: home, TMPDIR: tmp, ...extraEnv },
    app,
  };
}

/**
 * Runs the revision's bindings generator in `checkout`, if it has one, in a process group of its own; returns how long
 * it took. A revision's bindings are its own code's output, so any synthesis of that revision may reuse them.
 */
export async function generateBindings(checkout: string, nodeModules: string, label = "head"): Promise<number> {
  if (!(await exists(path.join(checkout, GENERATOR)))) return 0;
  const { env } = await prepareCheckout(label, checkout, nodeModules, join(dirname(checkout), "no-output"), {});
  const started = Date.now();
  const result = await runGroup(process.execPath, [GENERATOR], { cwd: checkout, env, timeoutMs: SYNTHESIS_TIMEOUT_MS });
  if (result.exitCode !== 0 || result.signal !== undefined) {
    throw new ReviewError(
      `${label}: generating provider bindings failed (${result.signal ?? `exit ${result.exitCode}`})`,
      tail(result.stderr || result.stdout),
    );
  }
  return Date.now() - started;
}

/**
 * In `checkout`: links the repository's node_modules, regenerates provider bindings if that revision has a generator
 * (unless `withBindings` says they are there), and runs the app from its cdktf.json with CDKTF_OUTDIR=outDir. Each
 * command runs in a process group of its own with HOME and TMPDIR beside `checkout`, and the group is killed when
 * the command ends, so nothing it started outlives it.
 */
export async function synthesizeCheckout(
  label: string,
  checkout: string,
  nodeModules: string,
  outDir: string,
  /** Set on top of the scrubbed environment, e.g. the backend choice. @default nothing */
  extraEnv: NodeJS.ProcessEnv = {},
  /** The checkout holds its bindings already (generateBindings ran on the tree it was copied from). @default false */
  withBindings = false,
): Promise<SynthTimings> {
  const bindingsMs = withBindings ? 0 : await generateBindings(checkout, nodeModules, label);
  const { env, app } = await prepareCheckout(label, checkout, nodeModules, outDir, extraEnv);
  await mkdir(outDir, { recursive: true });
  const started = Date.now();
  const result = await runGroup("/bin/sh", ["-c", app], { cwd: checkout, env, timeoutMs: SYNTHESIS_TIMEOUT_MS });
  const synthMs = Date.now() - started;
  if (result.exitCode !== 0 || result.signal !== undefined) {
    throw new ReviewError(
      `${label}: synthesis failed (\`${app}\` ${result.signal !== undefined ? `was killed by ${result.signal}` : `exited with ${result.exitCode}`})`,
      tail(result.stderr || result.stdout),
    );
  }
  if (!(await exists(path.join(outDir, "manifest.json")))) {
    throw new ReviewError(`${label}: \`${app}\` wrote no manifest.json to CDKTF_OUTDIR; does the app call app.synth()?`, tail(result.stderr));
  }
  return { bindingsMs, synthMs, stderr: result.stderr };
}

/**
 * The repository's installed packages serve both revisions (no install per review), but each
 * checkout gets its own node_modules directory of links, one per package, with a private `.cache`:
 * tools write build caches there (the app's own bundle among them), and two synths running side
 * by side must not share one, nor overwrite the working tree's.
 */
async function linkNodeModules(target: string, dir: string): Promise<void> {
  try {
    const existing = await lstat(dir);
    // A revision that commits its own node_modules keeps it; a committed link is replaced.
    if (!existing.isSymbolicLink()) return;
    await unlink(dir);
  } catch {
    // nothing there yet
  }
  await mkdir(path.join(dir, ".cache"), { recursive: true });
  const entries = await readdir(target);
  await Promise.all(entries.filter((name) => name !== ".cache").map((name) => symlink(path.join(target, name), path.join(dir, name))));
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file, fsConstants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/** Last lines of a command's output: enough to see the error, short enough for a comment. */
export function tail(text: string, lines = 40, chars = 6000): string {
  const kept = text.trimEnd().split("\n").slice(-lines).join("\n");
  return kept.length > chars ? `…${kept.slice(-chars)}` : kept;
}
