/*
 * npm run deploy -- --reviewed review.json [stack...] [--apply] [--auto-approve] [--local-state-dir DIR]
 *
 * Plans, and with --apply applies, only a configuration whose content hash equals the one a review judged
 * (README, "Deploying what was reviewed"). It synthesizes the estate here with the environment's backend choice
 * (PSF_ESTATE_BACKEND), reads the output as data, hashes it (review/reviewed-configuration.ts) and compares it with
 * the `reviewed` hashes of the review's JSON report; a review that was not clean, a state that departs from the
 * estate's convention, or a stack whose hash differs stops it before Terraform runs. Then, one stack at a time in
 * dependency order: terraform init, plan -out (printed), and with --apply, after a confirmation, apply of that saved
 * plan. Terraform runs on the checked configurations written afresh into a private scratch folder, which also holds
 * the saved plans (secrets in clear) and is removed at the end, on Ctrl-C and SIGTERM too.
 *
 * Exit status: 0 done; 1 refused (the review was not clean, this is not what it reviewed, or the apply was
 * declined); 2 could not run (bad arguments, no backend chosen, an unusable report, no Terraform, a failed synthesis
 * or Terraform command, an interruption).
 */
import { Command, CommanderError } from "commander";
import { spawn, type ChildProcess } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { z } from "zod";
import { configurationHashes, differingStacks, type ConfigurationHashes, type StateDeparture } from "../review/reviewed-configuration";
import { readSynthesisOutput, SynthesisOutputError, writeSynthesisOutput, type SynthesisOutput } from "../review/synthesis-output";
import { BACKEND_VARIABLES, BackendChoiceError, stateBackendFromEnvironment, type StateBackend } from "../stacks/state-backend";
import { isCredentialVariable } from "../provider-schemas/credentials";
import { locateTerraform, TerraformMissingError } from "../twin/rehearsal/terraform-cli";

const root = join(__dirname, "..");

/** The exit statuses, as `--help` and the README document them. */
export const EXIT = { done: 0, refused: 1, couldNotRun: 2 } as const;
type ExitStatus = (typeof EXIT)[keyof typeof EXIT];

const EXIT_HELP = `
Exit status:
  0  done: every selected stack planned (and with --apply, applied, or had no changes)
  1  refused: the review was not clean (its exitStatus is not 0), or the configuration synthesized here is not
     the one it reviewed (the stacks that differ are named) or departs from the estate's state convention:
     nothing was planned; or an apply was declined at the prompt: that stack and the ones after it are not applied
  2  could not run: bad arguments, no backend chosen (PSF_ESTATE_BACKEND), an unreadable report, no Terraform,
     a failed synthesis or Terraform command, or an interruption (Ctrl-C, SIGTERM)

Stacks: the named ones only, in dependency order; a stack they read is not deployed with them (name it too), and
its state is read as last applied. With no stack named, every stack, and the whole estate's hash must match.
State: PSF_ESTATE_BACKEND=cloud (Terraform Cloud, organization psf: the PSF's practice; terraform plan uploads the
stack's folder, exactly the configuration checked here, and HCP Terraform runs it), s3 or local.
Saved plans hold the configuration's secrets in clear: they live in a private scratch folder removed at the end.
`;

/** Why the deploy stops: the exit status and one line saying why. */
export class DeployStop extends Error {
  constructor(readonly status: Exclude<ExitStatus, 0>, message: string) {
    super(message);
    this.name = "DeployStop";
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The review's report

/** How large a report may be: far above any review's, far below what would hurt the machine. */
const REPORT_LIMIT_BYTES = 64 * 1024 * 1024;
const HASH = z.string().regex(/^sha256:[0-9a-f]{64}$/, "not a sha256:<64 hex> hash");
/** The part of the review's JSON report (`npm run --silent review -- --format json`) the deploy reads. */
const reportSchema = z.object({
  exitStatus: z.number().int(),
  reviewed: z.object({ configuration: HASH, stacks: z.record(z.string(), HASH) }).optional(),
  head: z.string().optional(),
  base: z.string().optional(),
}).passthrough();

export interface ReviewedReport {
  readonly reviewed: ConfigurationHashes;
  readonly head?: string;
  readonly base?: string;
}

const REVIEW_STATUS = { 1: "a dangerous change left unallowed", 2: "the review could not run" } as Readonly<Record<number, string>>;

/** Reads the review's report: a clean review's reviewed hashes, or why not (1: not clean; 2: not a usable report). */
export function readReviewReport(file: string): ReviewedReport {
  let text: string;
  try {
    const stats = lstatSync(file);
    if (!stats.isFile()) throw new DeployStop(EXIT.couldNotRun, `--reviewed ${file} is not a file`);
    if (stats.size > REPORT_LIMIT_BYTES) throw new DeployStop(EXIT.couldNotRun, `--reviewed ${file} has ${stats.size} bytes, more than any review report (${REPORT_LIMIT_BYTES})`);
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof DeployStop) throw error;
    throw new DeployStop(EXIT.couldNotRun, `cannot read the review report --reviewed ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw new DeployStop(EXIT.couldNotRun, `--reviewed ${file} is not JSON: give the review's JSON report (npm run --silent review -- --format json, or review.json of CI's review-report artifact)`);
  }
  const parsed = reportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DeployStop(EXIT.couldNotRun, `--reviewed ${file} is not a review's JSON report (${issue === undefined ? "" : `${issue.path.join(".") || "top level"}: ${issue.message}`})`);
  }
  const report = parsed.data;
  if (report.exitStatus !== 0) {
    throw new DeployStop(EXIT.refused,
      `refused, nothing planned: the review in ${file} exited ${report.exitStatus} (${REVIEW_STATUS[report.exitStatus] ?? "not a review's exit status"}), and only a configuration the review passed (exit 0) is deployed; deal with what it found, then review again`);
  }
  if (report.reviewed === undefined) {
    throw new DeployStop(EXIT.couldNotRun, `--reviewed ${file} names no reviewed configuration (no "reviewed" hashes): it comes from a review older than the deploy; review again`);
  }
  return { reviewed: report.reviewed, ...(report.head !== undefined ? { head: report.head } : {}), ...(report.base !== undefined ? { base: report.base } : {}) };
}

// ---------------------------------------------------------------------------------------------------------------
// The comparison with what was reviewed

/**
 * Why the configuration synthesized here may not be deployed against `reviewed`, or undefined when it may: a state
 * departing from the convention (anywhere: the hashes replace only the convention), or a selected stack whose hash
 * differs; with every stack selected, the whole estate's hash must match, so a stack added or removed counts too.
 */
export function refusalReason(
  reviewed: ConfigurationHashes,
  synthesized: { readonly hashes: ConfigurationHashes; readonly departures: readonly StateDeparture[] },
  selection: readonly string[],
): string | undefined {
  if (synthesized.departures.length > 0) {
    return `the state of ${synthesized.departures.map((d) => `${d.stack} (${d.subject} ${d.detail})`).join("; ")} departs from the estate's convention, so it is not what any review judged`;
  }
  const all = selection.length === 0;
  const differing = all
    ? differingStacks(reviewed, synthesized.hashes)
    : selection.filter((stack) => reviewed.stacks[stack] !== synthesized.hashes.stacks[stack]);
  if (differing.length === 0 && (!all || reviewed.configuration === synthesized.hashes.configuration)) return undefined;
  if (differing.length === 0) return "the whole estate's hash differs from the reviewed one although every stack's matches: the report is not a review's";
  const described = differing.map((stack) =>
    reviewed.stacks[stack] === undefined ? `${stack} (not in the reviewed configuration)`
      : synthesized.hashes.stacks[stack] === undefined ? `${stack} (reviewed, but not synthesized here)`
        : stack);
  return `${described.join(", ")} ${differing.length === 1 ? "differs" : "differ"} from the configuration the review judged`;
}

/** The selected stacks, each after the selected stacks it reads (by the manifest's dependencies), in name order otherwise. */
export function deployOrder(selected: readonly string[], dependencies: ReadonlyMap<string, readonly string[]>): string[] {
  const chosen = new Set(selected);
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (stack: string, path: readonly string[]): void => {
    if (state.get(stack) === "done") return;
    if (state.get(stack) === "visiting") throw new DeployStop(EXIT.couldNotRun, `the stacks read each other in a cycle: ${[...path, stack].join(" → ")}`);
    state.set(stack, "visiting");
    for (const read of [...(dependencies.get(stack) ?? [])].sort()) if (chosen.has(read)) visit(read, [...path, stack]);
    state.set(stack, "done");
    order.push(stack);
  };
  for (const stack of [...chosen].sort()) visit(stack, []);
  return order;
}

/**
 * The environment synthesis runs with: the PSF_ESTATE_* choices and the machine's ordinary variables, no credential.
 * Synthesis never needs one, and what it builds must depend on the commit and those choices alone; so the synthesis
 * code (the very code being deployed) is never handed the tokens Terraform is given.
 */
export function synthesisEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (isCredentialVariable(name) || /^CDKTF_/i.test(name)) continue;
    kept[name] = value;
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------------------------
// Running: children, signals and the scratch folder

interface Session {
  scratch?: string;
  child?: ChildProcess;
  /** Terraform is asked to stop gracefully (SIGINT: it finishes what it is doing and saves state); synthesis is killed. */
  childKind?: "terraform" | "synthesis";
  prompt?: Interface;
  interrupted?: NodeJS.Signals;
  /** What a signal does (installSignalHandlers); the prompt hands a terminal's Ctrl-C to it. */
  onSignal?: (signal: NodeJS.Signals) => void;
}

const say = (line: string): void => {
  process.stderr.write(`deploy: ${line}\n`);
};

/** Kills a child started with `detached: true` and everything it started (its process group). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function removeScratch(session: Session): void {
  if (session.scratch === undefined) return;
  rmSync(session.scratch, { recursive: true, force: true });
  session.scratch = undefined;
}

/**
 * One Ctrl-C can arrive twice: from the terminal, and forwarded by `npm run`, which passes SIGINT and SIGTERM on to
 * the script it runs. A second signal this soon after the first is that same one.
 */
const SAME_SIGNAL_MS = 1000;

/**
 * Ctrl-C and SIGTERM: the first asks the running Terraform to stop (it ends the operations in progress and writes
 * state; a plain kill could leave resources made but not recorded), then the deploy stops at that point and removes
 * its scratch folder; a second kills every child at once and removes the folder.
 */
function installSignalHandlers(session: Session): () => void {
  let firstAt = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (session.interrupted !== undefined && Date.now() - firstAt < SAME_SIGNAL_MS) return;
    if (session.interrupted === undefined) {
      session.interrupted = signal;
      firstAt = Date.now();
      if (session.child !== undefined && session.childKind === "terraform") {
        say(`${signal}: asking Terraform to stop (it finishes the operations in progress and saves state); again to kill it at once`);
        session.child.kill("SIGINT");
      } else if (session.child !== undefined) {
        killGroup(session.child, "SIGTERM");
      }
      if (session.prompt !== undefined) {
        process.stderr.write("\n");
        session.prompt.close();
      }
      return;
    }
    if (session.child !== undefined) killGroup(session.child, "SIGKILL");
    removeScratch(session);
    say(`${signal} again: killed Terraform and removed the scratch folder; a stack being applied may hold a stale lock or miss what was just made (terraform force-unlock, terraform import)`);
    process.exit(EXIT.couldNotRun);
  };
  const onExit = (): void => {
    if (session.child !== undefined) killGroup(session.child, "SIGKILL");
    removeScratch(session);
  };
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  session.onSignal = onSignal;
  for (const signal of signals) process.on(signal, onSignal);
  process.on("exit", onExit);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
    process.off("exit", onExit);
  };
}

function checkInterrupted(session: Session, what: string): void {
  if (session.interrupted !== undefined) throw new DeployStop(EXIT.couldNotRun, `interrupted (${session.interrupted}) ${what}`);
}

/**
 * Runs a child in a process group of its own (`detached`), so that a terminal's Ctrl-C reaches only the deploy,
 * which then decides what the child gets (one SIGINT for Terraform); its output is passed through as it comes.
 */
function runChild(session: Session, kind: "terraform" | "synthesis", command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; stdout: "pass" | "drop" }): Promise<{ code: number; stdout: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(command, [...args], { cwd: options.cwd, env: options.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    session.child = child;
    session.childKind = kind;
    const stdout: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => {
      stdout.push(chunk);
      if (options.stdout === "pass") process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    let settled = false;
    const settle = (code: number): void => {
      if (settled) return;
      settled = true;
      // Anything the child left running in its group goes with it.
      killGroup(child, "SIGKILL");
      session.child = undefined;
      session.childKind = undefined;
      resolvePromise({ code, stdout: Buffer.concat(stdout).toString("utf8") });
    };
    child.once("error", (error) => {
      process.stderr.write(`${error.message}\n`);
      settle(127);
    });
    child.once("close", (code, signal) => settle(code ?? (signal !== null ? 128 : 1)));
  });
}

/** Asks on the terminal; true only for "yes", as Terraform asks. Ctrl-C while asking interrupts the deploy. */
function confirm(session: Session, question: string): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const prompt = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    session.prompt = prompt;
    let answer: string | undefined;
    // readline takes Ctrl-C from the terminal itself: hand it to the same handler as a signal.
    prompt.on("SIGINT", () => session.onSignal?.("SIGINT"));
    prompt.once("close", () => {
      session.prompt = undefined;
      resolvePromise(answer?.trim() === "yes");
    });
    prompt.question(question, (text) => {
      answer = text;
      prompt.close();
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The deploy

interface CliOptions {
  readonly reviewed: string;
  readonly apply?: boolean;
  readonly autoApprove?: boolean;
  readonly localStateDir?: string;
}

/** Files Terraform may find in a stack's folder: the checked configuration, and what `terraform init` writes. */
const RUN_FOLDER_ENTRIES = new Set(["cdk.tf.json", ".terraform", ".terraform.lock.hcl"]);

async function deploy(stacks: readonly string[], options: CliOptions, environment: NodeJS.ProcessEnv, session: Session): Promise<void> {
  if (options.autoApprove === true && options.apply !== true) throw new DeployStop(EXIT.couldNotRun, "--auto-approve goes with --apply only");
  if (options.apply === true && options.autoApprove !== true && process.stdin.isTTY !== true) {
    throw new DeployStop(EXIT.couldNotRun, "--apply asks before each apply, and standard input is not a terminal: run it on one, or add --auto-approve");
  }
  let backend: StateBackend;
  try {
    backend = stateBackendFromEnvironment(environment);
  } catch (error) {
    if (error instanceof BackendChoiceError) throw new DeployStop(EXIT.couldNotRun, error.message);
    throw error;
  }
  if (backend.kind === "unchosen") {
    throw new DeployStop(EXIT.couldNotRun,
      `${BACKEND_VARIABLES.kind} is not set, so nothing says where the state lives: set ${BACKEND_VARIABLES.kind}=cloud (Terraform Cloud, the PSF's practice), s3 or local (README, "Where state lives")`);
  }
  if (options.localStateDir !== undefined && backend.kind !== "local") {
    throw new DeployStop(EXIT.couldNotRun, `--local-state-dir is for ${BACKEND_VARIABLES.kind}=local; with ${backend.kind} the state lives where the backend says`);
  }
  const report = readReviewReport(options.reviewed);
  say(`the review report ${options.reviewed}: head ${report.head ?? "(not named)"}, base ${report.base ?? "(not named)"}, exit 0`);

  // Local state lives beside the output folder (`../../../terraform.<stack>.tfstate` from a stack's folder), so the
  // scratch folder is made in the folder that keeps it; any other state is remote, and the scratch folder is private.
  const base = backend.kind === "local" ? resolve(options.localStateDir ?? root) : tmpdir();
  try {
    session.scratch = mkdtempSync(join(base, ".psf-estate-deploy-"));
  } catch (error) {
    throw new DeployStop(EXIT.couldNotRun, `cannot make a scratch folder in ${base} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const scratch = session.scratch;

  // Synthesis, in a folder of its own, with the backend chosen here.
  say(`synthesizing the estate with ${BACKEND_VARIABLES.kind}=${backend.kind}`);
  const synthesized = join(scratch, "synthesis");
  const synth = await runChild(session, "synthesis", process.execPath, [join(root, "scripts", "synth-app.mjs"), "--output", synthesized], { cwd: root, env: synthesisEnvironment(environment), stdout: "drop" });
  checkInterrupted(session, "while synthesizing; nothing was planned");
  if (synth.code !== 0) throw new DeployStop(EXIT.couldNotRun, `synthesis failed (scripts/synth-app.mjs exited ${synth.code}; its messages are above); nothing was planned`);
  let output: SynthesisOutput;
  try {
    output = readSynthesisOutput(synthesized);
  } catch (error) {
    if (error instanceof SynthesisOutputError) throw new DeployStop(EXIT.couldNotRun, `the synthesis is not one of this estate: ${error.problems.join("; ")}`);
    throw error;
  }
  rmSync(synthesized, { recursive: true, force: true });

  const known = [...output.configurations.keys()];
  const unknown = stacks.filter((stack) => !output.configurations.has(stack));
  if (unknown.length > 0) throw new DeployStop(EXIT.couldNotRun, `no such stack: ${unknown.join(", ")} (the estate has ${known.join(", ")})`);
  const selection = [...new Set(stacks)];
  const hashes = configurationHashes(output.configurations, backend);
  const why = refusalReason(report.reviewed, hashes, selection);
  if (why !== undefined) {
    throw new DeployStop(EXIT.refused,
      `refused, nothing planned: ${why}. Review this commit again and deploy with that review's report (README, "Deploying what was reviewed")`);
  }
  const order = deployOrder(selection.length > 0 ? selection : known, output.dependencies);
  say(selection.length > 0
    ? `${order.join(", ")}: the same configuration as reviewed (${order.map((stack) => `${stack} ${hashes.hashes.stacks[stack]!.slice(0, 19)}…`).join(", ")})`
    : `the whole estate is the configuration reviewed (${hashes.hashes.configuration})`);
  for (const stack of order) {
    const unselected = (output.dependencies.get(stack) ?? []).filter((read) => !order.includes(read));
    if (unselected.length > 0) say(`${stack} reads the state of ${unselected.join(", ")} as last applied: not deployed now (name it to deploy it too)`);
  }

  // What Terraform runs on: the checked configurations, written afresh, nothing else.
  writeSynthesisOutput(scratch, { configurations: new Map(order.map((stack) => [stack, output.configurations.get(stack)!])), dependencies: output.dependencies });
  const written = new Map(order.map((stack) => [stack, readFileSync(join(scratch, "stacks", stack, "cdk.tf.json"), "utf8")]));
  mkdirSync(join(scratch, "plans"), { mode: 0o700 });

  let terraform: { readonly binary: string; readonly version: string };
  try {
    terraform = locateTerraform(environment);
  } catch (error) {
    if (error instanceof TerraformMissingError) throw new DeployStop(EXIT.couldNotRun, error.message);
    throw error;
  }
  if (backend.kind === "cloud") {
    say(`state in Terraform Cloud (organization ${backend.organization}, workspaces ${backend.workspacePrefix}<stack>): terraform plan uploads each stack's folder, exactly the configuration checked above, and HCP Terraform runs that`);
  }
  const env: NodeJS.ProcessEnv = { ...environment, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1" };
  const color = process.stdout.isTTY === true ? [] : ["-no-color"];
  const applied: string[] = [];
  const unchanged: string[] = [];
  const planned: string[] = [];
  const progress = (stack: string): string => {
    const rest = order.slice(order.indexOf(stack) + 1);
    return [applied.length > 0 ? `applied before it: ${applied.join(", ")}` : "nothing applied before it", rest.length > 0 ? `not deployed: ${rest.join(", ")}` : ""].filter((s) => s !== "").join("; ");
  };
  const step = async (stack: string, name: string, args: readonly string[]): Promise<string> => {
    checkInterrupted(session, `before ${stack}'s terraform ${name}; ${progress(stack)}`);
    const dir = join(scratch, "stacks", stack);
    // Nothing but the checked configuration (and init's own files) may be in the folder Terraform reads.
    const extra = readdirSync(dir).filter((entry) => !RUN_FOLDER_ENTRIES.has(entry));
    if (extra.length > 0 || readFileSync(join(dir, "cdk.tf.json"), "utf8") !== written.get(stack)) {
      throw new DeployStop(EXIT.couldNotRun, `${stack}: its folder changed after the check (${extra.length > 0 ? extra.join(", ") : "cdk.tf.json"}), so it is no longer what was reviewed; ${progress(stack)}`);
    }
    say(`${stack}: terraform ${[name, ...args].join(" ")}`);
    const result = await runChild(session, "terraform", terraform.binary, [name, ...args], { cwd: dir, env, stdout: "pass" });
    checkInterrupted(session, `during ${stack}'s terraform ${name}; ${progress(stack)}`);
    if (result.code !== 0) throw new DeployStop(EXIT.couldNotRun, `${stack}: terraform ${name} failed (exit ${result.code}; Terraform's messages are above); ${progress(stack)}`);
    return result.stdout;
  };

  for (const stack of order) {
    await step(stack, "init", ["-input=false", ...color]);
    const plan = join(scratch, "plans", `${stack}.tfplan`);
    say(`${stack}: saving the plan in ${plan} (secrets in clear; the folder is removed at the end)`);
    const shown = await step(stack, "plan", ["-input=false", `-out=${plan}`, ...color]);
    planned.push(stack);
    if (options.apply !== true) continue;
    if (/^No changes\./m.test(withoutAnsi(shown))) {
      say(`${stack}: no changes, nothing to apply`);
      unchanged.push(stack);
      continue;
    }
    if (options.autoApprove !== true) {
      const yes = await confirm(session, `Apply this plan to ${stack}? Only 'yes' will be accepted: `);
      checkInterrupted(session, `while asking to apply ${stack}; ${progress(stack)}`);
      if (!yes) throw new DeployStop(EXIT.refused, `${stack}: not applied, as answered; ${progress(stack)}`);
    }
    await step(stack, "apply", ["-input=false", ...color, plan]);
    applied.push(stack);
  }
  say(options.apply === true
    ? `done: applied ${applied.length > 0 ? applied.join(", ") : "nothing"}${unchanged.length > 0 ? `; no changes in ${unchanged.join(", ")}` : ""}`
    : `done: planned ${planned.join(", ")}; nothing applied (add --apply)`);
}

function withoutAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, "; ");
}

/** The command: `argv` without node and the script, `env` the environment it reads its choices and credentials from. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const program = new Command("deploy")
    .description("Plan, and with --apply apply, the estate only if its configuration is the one a clean review judged.")
    .argument("[stacks...]", "stacks to deploy, in dependency order (all when none)")
    .requiredOption("--reviewed <file>", "the review's JSON report (npm run --silent review -- --format json; CI: review.json of the review-report artifact)")
    .option("--apply", "apply each saved plan, after a confirmation on the terminal")
    .option("--auto-approve", "with --apply: apply without asking (the deploy workflow)")
    .option("--local-state-dir <dir>", `with ${BACKEND_VARIABLES.kind}=local: the folder holding terraform.<stack>.tfstate (default: the project root)`)
    .addHelpText("after", EXIT_HELP)
    .showSuggestionAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => process.stdout.write(text),
      writeErr: (text) => process.stderr.write(text),
      outputError: (text, write) => write(`deploy: ${oneLine(text.replace(/^error: /, ""))} (see --help)\n`),
    });
  try {
    program.parse([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.done : EXIT.couldNotRun;
    throw error;
  }
  const session: Session = {};
  const uninstall = installSignalHandlers(session);
  try {
    await deploy(program.args, program.opts<CliOptions>(), env, session);
    return EXIT.done;
  } catch (error) {
    if (error instanceof DeployStop) {
      say(oneLine(error.message));
      return error.status;
    }
    say(`could not run: ${oneLine(error instanceof Error ? error.message : String(error))}`);
    return EXIT.couldNotRun;
  } finally {
    if (session.child !== undefined) killGroup(session.child, "SIGKILL");
    removeScratch(session);
    uninstall();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      say(`could not run: ${oneLine(error instanceof Error ? error.message : String(error))}`);
      process.exitCode = EXIT.couldNotRun;
    },
  );
}
