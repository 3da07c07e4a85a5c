/*
 * The rehearsal: the real Terraform runs every stack against the provider twin, in a scratch folder, into
 * scratch state. For each stack in dependency order: init, validate, plan, apply (so that every
 * terraform_remote_state a later stack reads resolves); then every stack is planned again and must
 * show no changes. Stacks that do not read each other run side by side. It is never a plan of the live
 * estate: no credentials reach Terraform, and the only providers it can install are the twin's.
 */
import type { ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { installTwin } from "./twin-installation";
import { killGroup, keepScratch, makeScratch, removeScratch, runGroup, spawnGroup } from "./processes";
import { rehearsalVariableValues, type VariableDeclaration } from "./variables";
import { httpBackendOverride, serveStates, stateFileName, type StateServer } from "./state-server";
import { locateTerraform, runTerraform, type CommandResult } from "./terraform-cli";

export type RehearsalStep = "synth" | "init" | "validate" | "plan" | "show" | "apply" | "converge";

export interface RehearsalOptions {
  /** The project root. */
  readonly root: string;
  /** The compiled twin (twin/plugin.ts) Terraform starts as every provider. */
  readonly twinBundle: string;
  /** The stacks to rehearse, with every stack they read; all when empty. */
  readonly stacks: readonly string[];
  /** Stop after each stack's first plan (stacks that others read are still applied, into scratch state). */
  readonly planOnly: boolean;
  /** Rehearse these already synthesized configurations (a cdktf.out folder, copied first) instead of synthesizing the estate. @default synthesize */
  readonly synthesized?: string;
  /** Synthesize in adoption mode (PSF_ESTATE_ADOPT=1), with the ids file `importIdsFile` if given. */
  readonly adopt: boolean;
  readonly importIdsFile?: string;
  /** The environment to take PATH and Terraform's binary from; credentials in it are dropped. */
  readonly env: NodeJS.ProcessEnv;
  /** How many stacks may run at once. @default the machine's cores, at least 2 */
  readonly concurrency?: number;
  /** Progress, one line at a time. */
  readonly progress: (line: string) => void;
  /** Keep the scratch folder (its path is reported) instead of removing it. @default false */
  readonly keepScratch?: boolean;
  /** Start from the states in this folder (`terraform.<stack>.tfstate`, as a rehearsal leaves them; all of them) instead of none. @default empty state */
  readonly stateFrom?: string;
  /** Copy every stack's state into this folder at the end. @default not kept */
  readonly saveStateTo?: string;
  /** Also read each plan as Terraform's JSON (`terraform show -json`). @default false */
  readonly planJson?: boolean;
  /** Plan every applied stack again and require no changes. @default true, unless planOnly */
  readonly converge?: boolean;
  /** Run `terraform validate` before planning (plan validates too; the separate step names validation errors as such). @default true */
  readonly validate?: boolean;
  /** Also return the state of every applied stack (`terraform.<stack>.tfstate`, parsed). @default false */
  readonly returnStates?: boolean;
  /** The twin answers imports and reads from this live answers file (twin/live-answers.ts, written by live/). @default made-up values */
  readonly live?: string;
  /** Arguments added to each stack's first plan (`-refresh-only` for drift). @default none */
  readonly planArguments?: readonly string[];
}

export interface StackRehearsal {
  readonly stack: string;
  /** Terraform's own plan, as it printed it. */
  readonly plan?: string;
  /** Terraform's one-line summary ("Plan: 3 to add, ..." or "No changes."). */
  readonly summary?: string;
  /** The plan as `terraform show -json` writes it, when asked for. */
  readonly planJson?: unknown;
  readonly applied: boolean;
  readonly converged?: boolean;
  /** The stack's state after it was applied, when asked for. */
  readonly state?: unknown;
  /** Seconds spent on each step. */
  readonly seconds: Partial<Record<RehearsalStep, number>>;
}

export interface RehearsalFailure {
  readonly stack: string;
  readonly step: RehearsalStep;
  /** The stack was not run because a stack it reads failed (the message names which). @default false */
  readonly blocked?: boolean;
  /**
   * The rehearsal's own machinery failed, not the configuration: the provider twin died, Terraform was killed, the
   * disk is full. A command reports it as "could not run", never as a verdict on the configuration. @default undefined
   */
  readonly tooling?: string;
  /** What Terraform said (its error diagnostics), or what stopped the step. */
  readonly message: string;
}

export interface RehearsalResult {
  readonly terraformVersion: string;
  readonly stacks: readonly StackRehearsal[];
  readonly failures: readonly RehearsalFailure[];
  readonly seconds: number;
  readonly scratch?: string;
}

interface ManifestStack {
  readonly dependencies: readonly string[];
  readonly workingDirectory: string;
  readonly synthesizedStackPath: string;
}

/** A stack of the synthesis's manifest.json: the names asked for are checked against it, the others are its own. */
function manifestStack(manifest: Readonly<Record<string, ManifestStack>>, name: string): ManifestStack {
  const stack = manifest[name];
  if (stack === undefined) throw new Error(`stack "${name}" is not in the synthesis's manifest.json`);
  return stack;
}

/** Thrown when the stacks asked for are not all the estate's: a usage problem, so the rehearsal could not run. */
export class UnknownStacksError extends Error {
  constructor(
    readonly unknown: readonly string[],
    known: readonly string[],
  ) {
    super(`no such stack: ${unknown.join(", ")} (the estate has ${[...known].sort().join(", ")})`);
    this.name = "UnknownStacksError";
  }
}

/**
 * Rehearses the estate; resolves with every stack's outcome and every failure, never throws for Terraform's errors.
 * Throws `ScratchFolderError` when no scratch folder can be made, `TerraformMissingError` without Terraform, and
 * `UnknownStacksError` when a stack asked for is not the estate's.
 */
export async function rehearse(options: RehearsalOptions): Promise<RehearsalResult> {
  // Fewer than one stack at a time would wait forever.
  if (options.concurrency !== undefined && (!Number.isSafeInteger(options.concurrency) || options.concurrency < 1)) {
    throw new RangeError(`concurrency must be a whole number of at least 1, not ${options.concurrency}`);
  }
  const started = Date.now();
  const terraform = locateTerraform(options.env);
  const scratch = makeScratch("psf-estate-rehearsal-");
  try {
    const outcome = await rehearseIn(scratch, terraform, options);
    return {
      ...outcome,
      terraformVersion: terraform.version,
      seconds: (Date.now() - started) / 1000,
      ...(options.keepScratch === true ? { scratch } : {}),
    };
  } finally {
    if (options.keepScratch === true) keepScratch(scratch);
    else removeScratch(scratch);
  }
}

/** A stack's provisioners (`resource.<type>.<name>.provisioner`): commands a rehearsal must never run. */
export function provisionersOf(configuration: unknown): string[] {
  const resources = (configuration as { resource?: Record<string, Record<string, Record<string, unknown>>> } | null)?.resource ?? {};
  return Object.entries(resources)
    .flatMap(([type, byName]) =>
      Object.entries(byName ?? {})
        .filter(([, body]) => body?.["provisioner"] !== undefined)
        .map(([name]) => `${type}.${name}`),
    )
    .sort();
}

/** Why a failed command is the machinery's fault rather than the configuration's, or undefined. */
function toolingCause(result: CommandResult, twinExit: string | undefined): string | undefined {
  if (twinExit !== undefined) return `the provider twin stopped (${twinExit})`;
  if (result.signal !== undefined) return `Terraform was killed (${result.signal})`;
  if (/no space left on device|ENOSPC/i.test(`${result.stderr}\n${result.stdout}`)) return "the disk is full (no space left on device)";
  if (result.exitCode === 127) return `Terraform could not be started (${result.stderr.trim()})`;
  return undefined;
}

async function rehearseIn(
  scratch: string,
  terraform: { readonly binary: string },
  options: RehearsalOptions,
): Promise<{ stacks: StackRehearsal[]; failures: RehearsalFailure[] }> {
  const failures: RehearsalFailure[] = [];
  const outdir = join(scratch, "cdktf.out");
  if (options.synthesized !== undefined) cpSync(options.synthesized, outdir, { recursive: true });
  const synthError = options.synthesized !== undefined ? undefined : await synthesize(options, outdir);
  if (synthError !== undefined) return { stacks: [], failures: [{ stack: "(all)", step: "synth", message: synthError }] };

  const manifest = (JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, ManifestStack> }).stacks;
  const unknown = options.stacks.filter((name) => manifest[name] === undefined);
  if (unknown.length > 0) throw new UnknownStacksError(unknown, Object.keys(manifest));
  const selected = withDependencies(options.stacks.length > 0 ? options.stacks : Object.keys(manifest), manifest);
  const readByOthers = new Set(selected.flatMap((name) => manifestStack(manifest, name).dependencies));
  let started: { twin: ChildProcess; port: number };
  try {
    started = await startTwin(options);
  } catch (error) {
    const tooling = `the provider twin could not start (${(error as Error).message})`;
    return { stacks: [], failures: [{ stack: "(all)", step: "init", tooling, message: tooling }] };
  }
  const { twin, port } = started;
  let twinExit: string | undefined;
  twin.once("exit", (code, signal) => {
    twinExit = signal !== null ? `killed by ${signal}` : `exit ${String(code)}`;
  });
  let env: NodeJS.ProcessEnv;
  let states: StateServer | undefined;
  // From here the twin runs: whatever fails (its installation too) ends it, or the process would never exit.
  try {
    ({ env } = installTwin(scratch, options.root, options.env, port));
    states = await serveStates(scratch);
    return await runStacks(states);
  } finally {
    await states?.close();
    twin.stdin?.end();
    killGroup(twin);
  }

  async function runStacks(states: StateServer): Promise<{ stacks: StackRehearsal[]; failures: RehearsalFailure[] }> {
    const records = new Map<
      string,
      {
        plan?: string;
        summary?: string;
        planJson?: unknown;
        applied: boolean;
        converged?: boolean;
        state?: unknown;
        seconds: Partial<Record<RehearsalStep, number>>;
      }
    >();
    const stateFile = stateFileName;
    if (options.stateFrom !== undefined) {
      // Every state, the rehearsed stacks' and those they read without rehearsing them (a review leaves some out).
      for (const file of readdirSync(options.stateFrom).filter((f) => /^terraform\..+\.tfstate$/.test(f)))
        cpSync(join(options.stateFrom, file), join(scratch, file));
    }
    const failed = new Set<string>();
    const dir = (name: string): string => join(outdir, manifestStack(manifest, name).workingDirectory);
    /** A stack's record, made when its rehearsal starts. */
    const recordOf = (name: string) => {
      const record = records.get(name);
      if (record === undefined) throw new Error(`stack "${name}" has no rehearsal record: its rehearsal has not started`);
      return record;
    };

    const step = async (name: string, which: RehearsalStep, args: string[]): Promise<CommandResult | undefined> => {
      const record = recordOf(name);
      const t0 = Date.now();
      const result = await runTerraform(terraform.binary, args, dir(name), env);
      const seconds = (Date.now() - t0) / 1000;
      record.seconds[which] = seconds;
      const ok = result.signal === undefined && (result.exitCode === 0 || (which === "converge" && result.exitCode === 2));
      options.progress(`${name}: ${which} ${ok ? "done" : "FAILED"} (${seconds.toFixed(1)} s)`);
      if (!ok) {
        const tooling = toolingCause(result, twinExit);
        failures.push({
          stack: name,
          step: which,
          message: tooling === undefined ? terraformMessage(result) : `${tooling} during ${which} of ${name}`,
          ...(tooling !== undefined ? { tooling } : {}),
        });
        failed.add(name);
        return undefined;
      }
      return result;
    };

    const converge = async (name: string): Promise<void> => {
      const again = await step(name, "converge", ["plan", "-input=false", "-no-color", "-detailed-exitcode"]);
      if (again === undefined) return;
      const record = recordOf(name);
      record.converged = again.exitCode === 0;
      if (again.exitCode === 2) {
        failures.push({
          stack: name,
          step: "converge",
          message: `planning again after apply still shows changes, so the configuration does not converge:\n${again.stdout}`,
        });
      }
    };
    const converging = !options.planOnly && options.converge !== false;

    /** Rehearses one stack up to its apply; resolves with its converge, to run once the stacks that read it may start. */
    const rehearseStack = async (name: string): Promise<FollowUp | undefined> => {
      records.set(name, { applied: false, seconds: {} });
      const blockedBy = manifestStack(manifest, name).dependencies.filter((d) => failed.has(d) || !records.get(d)?.applied);
      if (blockedBy.length > 0) {
        failures.push({ stack: name, step: "plan", blocked: true, message: `not rehearsed: it reads ${blockedBy.join(", ")}, which failed` });
        failed.add(name);
        return undefined;
      }
      const configuration = JSON.parse(readFileSync(join(outdir, manifestStack(manifest, name).synthesizedStackPath), "utf8")) as {
        variable?: Record<string, VariableDeclaration>;
      };
      const provisioners = provisionersOf(configuration);
      if (provisioners.length > 0) {
        failures.push({
          stack: name,
          step: "validate",
          message: `${provisioners.join(", ")} declare${provisioners.length === 1 ? "s" : ""} a provisioner: a rehearsal never runs one (they run commands on the machine that applies)`,
        });
        failed.add(name);
        return undefined;
      }
      const declarations = configuration.variable ?? {};
      writeFileSync(join(dir(name), "rehearsal.auto.tfvars.json"), `${JSON.stringify(rehearsalVariableValues(declarations), null, 2)}\n`);
      // The state in terraform.<stack>.tfstate of the scratch folder, as the local backend would keep it, but written
      // once per apply rather than after every resource (twin/rehearsal/state-server.ts).
      writeFileSync(join(dir(name), "rehearsal_override.tf.json"), httpBackendOverride(states, name));
      if ((await step(name, "init", ["init", "-input=false", "-no-color"])) === undefined) return undefined;
      if (options.validate !== false && (await step(name, "validate", ["validate", "-no-color"])) === undefined) return undefined;
      const plan = await step(name, "plan", ["plan", "-input=false", "-no-color", ...(options.planArguments ?? []), "-out=rehearsal.tfplan"]);
      if (plan === undefined) return undefined;
      const record = recordOf(name);
      record.plan = plan.stdout;
      record.summary = planSummary(plan.stdout);
      if (options.planJson === true) {
        const shown = await step(name, "show", ["show", "-json", "-no-color", "rehearsal.tfplan"]);
        if (shown === undefined) return undefined;
        record.planJson = JSON.parse(shown.stdout) as unknown;
      }
      if (options.planOnly && !readByOthers.has(name)) return undefined;
      if ((await step(name, "apply", ["apply", "-input=false", "-no-color", "rehearsal.tfplan"])) === undefined) return undefined;
      record.applied = true;
      if (options.returnStates === true) record.state = JSON.parse(readFileSync(join(scratch, stateFile(name)), "utf8")) as unknown;
      // Planning a stack again reads only its own state and the states it reads, all applied by now: it need not wait for
      // the other stacks, and runs beside them.
      return converging ? () => converge(name) : undefined;
    };

    const concurrency = options.concurrency ?? Math.max(2, availableParallelism());
    const size = new Map(
      selected.map((name) => [
        name,
        resourceCount(JSON.parse(readFileSync(join(outdir, manifestStack(manifest, name).synthesizedStackPath), "utf8"))),
      ]),
    );
    await inDependencyOrder(selected, manifest, concurrency, criticalPaths(selected, manifest, size), rehearseStack);
    if (options.saveStateTo !== undefined) {
      mkdirSync(options.saveStateTo, { recursive: true });
      for (const name of selected)
        if (existsSync(join(scratch, stateFile(name)))) cpSync(join(scratch, stateFile(name)), join(options.saveStateTo, stateFile(name)));
    }
    const stacks = selected.map((name) => ({ stack: name, ...(records.get(name) ?? { applied: false, seconds: {} }) }));
    return { stacks, failures: sortFailures(failures, selected) };
  }
}

/**
 * Starts the rehearsal's twin process (twin/plugin.ts, compiled) and waits until it says the port it listens on.
 * Exported for tests that run Terraform against the twin themselves (the deploy's): end its stdin and kill it after.
 */
export function startTwin(options: Pick<RehearsalOptions, "twinBundle" | "root" | "live">): Promise<{ twin: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const twin = spawnGroup(process.execPath, [options.twinBundle, options.root, ...(options.live !== undefined ? [options.live] : [])], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    twin.once("error", reject);
    twin.once("exit", (code, signal) =>
      reject(new Error(`it ended, ${signal !== null ? `killed by ${signal}` : `exit ${String(code)}`}, before it was ready`)),
    );
    let said = "";
    const onData = (chunk: Buffer): void => {
      said += String(chunk);
      const ready = /^ready (\d+)\n/.exec(said);
      if (ready === null) return;
      twin.stdout?.off("data", onData);
      resolve({ twin, port: Number(ready[1]) });
    };
    twin.stdout?.on("data", onData);
  });
}

/**
 * Synthesizes the estate into `outdir` with local state (the scratch folder's), as the project's synth does: in a process
 * group of its own, so that an interruption ends it at once with the rest.
 */
async function synthesize(options: RehearsalOptions, outdir: string): Promise<string | undefined> {
  const env: NodeJS.ProcessEnv = { ...options.env, CDKTF_OUTDIR: outdir, PSF_ESTATE_BACKEND: "local", PSF_ESTATE_ADOPT: options.adopt ? "1" : "0" };
  if (options.importIdsFile !== undefined) env.PSF_ESTATE_IMPORT_IDS = options.importIdsFile;
  else delete env.PSF_ESTATE_IMPORT_IDS;
  const result = await runGroup(process.execPath, [join(options.root, "scripts", "synth-app.mjs")], { cwd: options.root, env });
  if (result.exitCode === 0 && result.signal === undefined) return undefined;
  return (result.stderr || result.stdout || `synth exited with ${result.signal ?? result.exitCode}`).trim();
}

/** The named stacks and every stack they read, directly or not. */
function withDependencies(names: readonly string[], manifest: Readonly<Record<string, ManifestStack>>): string[] {
  const out = new Set<string>();
  const visit = (name: string): void => {
    if (out.has(name)) return;
    for (const dependency of manifest[name]?.dependencies ?? []) visit(dependency);
    out.add(name);
  };
  for (const name of [...names].sort()) visit(name);
  return [...out];
}

/** Work to run once a stack's rehearsal has released the stacks that read it (its converge). */
type FollowUp = () => Promise<void>;

/** How many resource blocks a configuration declares: a stack's share of a rehearsal's work. */
function resourceCount(configuration: unknown): number {
  const resources = (configuration as { resource?: Record<string, Record<string, unknown>> } | null)?.resource ?? {};
  return Object.values(resources).reduce((n, byName) => n + Object.keys(byName ?? {}).length, 0);
}

/** What a stack's Terraform start-ups cost (init, validate, plan, apply, plan again), in resources' worth. */
const STACK_OVERHEAD_RESOURCES = 20;

/**
 * For each stack, the work on the longest chain that starts with it: its own size, then the heaviest chain of stacks
 * that read it. Running the stack with the longest chain first keeps the chain that decides a rehearsal's duration
 * (datacenters, then nyc1, then dns, then fastly and gandi) moving while the others fill the idle slots.
 */
function criticalPaths(
  names: readonly string[],
  manifest: Readonly<Record<string, ManifestStack>>,
  size: ReadonlyMap<string, number>,
): ReadonlyMap<string, number> {
  const paths = new Map<string, number>();
  const readers = (name: string): string[] => names.filter((other) => manifestStack(manifest, other).dependencies.includes(name));
  const path = (name: string): number => {
    const known = paths.get(name);
    if (known !== undefined) return known;
    const own = STACK_OVERHEAD_RESOURCES + (size.get(name) ?? 0);
    const value = own + Math.max(0, ...readers(name).map(path));
    paths.set(name, value);
    return value;
  };
  for (const name of names) path(name);
  return paths;
}

/**
 * Runs `work` for each stack once every stack it reads is done, and each follow-up `work` returns once it is,
 * at most `limit` at a time: the ready stack with the longest critical path first, the follow-ups when no stack is
 * ready. Rejects with the first error `work` throws, after everything started has ended, starting nothing more.
 */
async function inDependencyOrder(
  names: readonly string[],
  manifest: Readonly<Record<string, ManifestStack>>,
  limit: number,
  urgency: ReadonlyMap<string, number>,
  work: (name: string) => Promise<FollowUp | undefined>,
): Promise<void> {
  const done = new Set<string>();
  const started = new Set<string>();
  const followUps: FollowUp[] = [];
  let running = 0;
  let failure: { readonly error: unknown } | undefined;
  const order = [...names].sort((a, b) => (urgency.get(b) ?? 0) - (urgency.get(a) ?? 0) || names.indexOf(a) - names.indexOf(b));
  await new Promise<void>((resolve, reject) => {
    const finish = <T>(job: Promise<T>, after: (value: T) => void): void => {
      running++;
      void job
        .then(after, (error: unknown) => {
          failure ??= { error };
        })
        .finally(() => {
          running--;
          launch();
        });
    };
    const launch = (): void => {
      while (failure === undefined && running < limit) {
        const next = order.find(
          (name) =>
            !started.has(name) &&
            manifestStack(manifest, name)
              .dependencies.filter((d) => names.includes(d))
              .every((d) => done.has(d)),
        );
        if (next !== undefined) {
          started.add(next);
          finish(work(next), (followUp) => {
            done.add(next);
            if (followUp !== undefined) followUps.push(followUp);
          });
          continue;
        }
        const followUp = followUps.shift();
        if (followUp === undefined) break;
        finish(followUp(), () => undefined);
      }
      if (running > 0) return;
      if (failure !== undefined) reject(failure.error);
      else resolve();
    };
    launch();
  });
}

/** Terraform's one-line verdict on a plan. */
export function planSummary(planText: string): string {
  const line = planText.split("\n").find((l) => /^(Plan: |No changes\.)/.test(l.trim()));
  return line?.trim() ?? "(no summary line)";
}

/** The part of Terraform's output that explains a failure: its error diagnostics, else all it printed. */
function terraformMessage(result: CommandResult): string {
  const text = `${result.stderr}\n${result.stdout}`.trim();
  const errors = text.split("\n").reduce<string[][]>((blocks, line) => {
    if (/^(│ )?Error: /.test(line) || /^╷/.test(line)) blocks.push([]);
    blocks[blocks.length - 1]?.push(line);
    return blocks;
  }, []);
  const relevant = errors.filter((block) => block.some((l) => /Error: /.test(l)));
  return (relevant.length > 0 ? relevant.map((b) => b.join("\n")).join("\n") : text).trim();
}

function sortFailures(failures: readonly RehearsalFailure[], order: readonly string[]): RehearsalFailure[] {
  return [...failures].sort((a, b) => order.indexOf(a.stack) - order.indexOf(b.stack));
}
