/*
 * How the live commands run Terraform: against a snapshot, through the provider twin (a rehearsal whose twin answers
 * from the snapshot: twin/live-answers.ts), or against the clouds with the real providers and the stacks' real state
 * (credentials and PSF_ESTATE_BACKEND from the environment). Either way each stack is planned in dependency order and
 * its plan read as Terraform's JSON; nothing is ever applied to the clouds.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readSynthesisOutput, type SynthesisOutput } from "../review/synthesis-output";
import type { TerraformPlanJson } from "../review/terraform-plan";
import { makeScratch, removeScratch, runGroup } from "../twin/rehearsal/processes";
import { rehearse, type RehearsalOptions } from "../twin/rehearsal/rehearse";
import { locateTerraform } from "../twin/rehearsal/terraform-cli";

/** A live command that cannot run: the message says why (exit status 2). */
export class LiveCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LiveCommandError";
  }
}

export interface StackPlan {
  readonly stack: string;
  /** Terraform's one-line verdict, or what kept the stack from being planned. */
  readonly summary: string;
  readonly plan?: TerraformPlanJson;
  /** Why it was not planned (Terraform's error, or a stack it reads that failed). */
  readonly failure?: string;
}

export interface PlanRun {
  readonly terraformVersion: string;
  readonly plans: readonly StackPlan[];
}

/** Synthesizes the estate into `outdir` (the project's own synth), with `extra` in its environment; the output as data. */
export function synthesize(root: string, env: NodeJS.ProcessEnv, outdir: string, extra: NodeJS.ProcessEnv): SynthesisOutput {
  const result = spawnSync(process.execPath, [join(root, "scripts", "synth-app.mjs")], {
    cwd: root,
    env: { ...env, ...extra, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
  });
  if (result.status !== 0)
    throw new LiveCommandError(`the estate does not synthesize: ${(result.stderr || result.stdout).trim().split("\n").slice(-5).join(" ")}`);
  return readSynthesisOutput(outdir);
}

/** Plans the stacks through the provider twin answering from the snapshot `liveFile`. */
export async function planWithTwin(options: Omit<RehearsalOptions, "planOnly" | "adopt" | "live"> & { readonly liveFile: string }): Promise<PlanRun> {
  const { liveFile, ...rest } = options;
  const result = await rehearse({ ...rest, planOnly: true, adopt: false, live: liveFile, planJson: true, converge: false, validate: false });
  const tooling = result.failures.find((f) => f.tooling !== undefined);
  if (tooling !== undefined) throw new LiveCommandError(`${tooling.tooling} (stack ${tooling.stack}, ${tooling.step})`);
  const synth = result.failures.find((f) => f.step === "synth");
  if (synth !== undefined)
    throw new LiveCommandError(`${synth.stack === "(all)" ? "the estate does not synthesize" : `stack ${synth.stack}`}: ${synth.message}`);
  return {
    terraformVersion: result.terraformVersion,
    plans: result.stacks.map((s): StackPlan => {
      const failed = result.failures.find((f) => f.stack === s.stack);
      return failed !== undefined
        ? { stack: s.stack, summary: `${failed.step} failed`, failure: failed.message }
        : { stack: s.stack, summary: s.summary ?? "", ...(s.planJson !== undefined ? { plan: s.planJson as TerraformPlanJson } : {}) };
    }),
  };
}

/**
 * Plans the synthesized stacks in `outdir` against the clouds: the real providers (downloaded by `terraform init`), the
 * credentials and backend of `env`. One stack at a time, in dependency order; a stack whose plan fails blocks those
 * that read it. `planArguments` go to each plan (`-refresh-only -detailed-exitcode` for drift).
 */
export async function planWithClouds(options: {
  readonly outdir: string;
  readonly stacks: readonly string[];
  readonly planArguments: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly progress: (line: string) => void;
}): Promise<PlanRun> {
  const terraform = locateTerraform(options.env);
  const manifest = (
    JSON.parse(readFileSync(join(options.outdir, "manifest.json"), "utf8")) as {
      stacks: Record<string, { dependencies: string[]; workingDirectory: string }>;
    }
  ).stacks;
  const order = dependencyOrder(options.stacks.length > 0 ? options.stacks : Object.keys(manifest), manifest);
  const plans: StackPlan[] = [];
  const failed = new Set<string>();
  const env = { ...options.env, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1" };
  for (const [stack, entry] of order) {
    const blockedBy = entry.dependencies.filter((d) => failed.has(d));
    if (blockedBy.length > 0) {
      failed.add(stack);
      plans.push({ stack, summary: "not planned", failure: `it reads ${blockedBy.join(", ")}, which could not be planned` });
      continue;
    }
    const cwd = join(options.outdir, entry.workingDirectory);
    const run = async (args: readonly string[], okCodes: readonly number[]): Promise<string | undefined> => {
      const outcome = await runGroup(terraform.binary, args, { cwd, env });
      if (outcome.signal !== undefined) throw new LiveCommandError(`Terraform was killed (${outcome.signal}) during ${args[0]} of ${stack}`);
      if (!okCodes.includes(outcome.exitCode)) {
        failed.add(stack);
        plans.push({ stack, summary: `${args[0]} failed`, failure: `${outcome.stderr}\n${outcome.stdout}`.trim() });
        return undefined;
      }
      return outcome.stdout;
    };
    options.progress(`${stack}: planning against the clouds`);
    if ((await run(["init", "-input=false", "-no-color"], [0])) === undefined) continue;
    const planned = await run(
      ["plan", "-input=false", "-no-color", ...options.planArguments, "-out=live.tfplan"],
      options.planArguments.includes("-detailed-exitcode") ? [0, 2] : [0],
    );
    if (planned === undefined) continue;
    const shown = await run(["show", "-json", "-no-color", "live.tfplan"], [0]);
    if (shown === undefined) continue;
    const summary =
      planned
        .split("\n")
        .map((l) => l.trim())
        .find((l) => /^(Plan: |No changes\.)/.test(l)) ?? "(no summary line)";
    plans.push({ stack, summary, plan: JSON.parse(shown) as TerraformPlanJson });
  }
  return { terraformVersion: terraform.version, plans };
}

/** The named stacks and every stack they read, directly or not; none named: none (every stack). Unknown names stay, for the planner to refuse. */
export function withStacksRead(names: readonly string[], dependencies: ReadonlyMap<string, readonly string[]>): string[] {
  const out = new Set<string>();
  const visit = (name: string): void => {
    if (out.has(name)) return;
    out.add(name);
    for (const dependency of dependencies.get(name) ?? []) visit(dependency);
  };
  for (const name of names) visit(name);
  return [...out].sort();
}

/** The named stacks and those they read, each after the stacks it reads, with its manifest entry. */
function dependencyOrder<S extends { readonly dependencies: readonly string[] }>(
  names: readonly string[],
  manifest: Readonly<Record<string, S>>,
): [string, S][] {
  const out: [string, S][] = [];
  const visit = (name: string): void => {
    if (out.some(([done]) => done === name)) return;
    const stack = manifest[name];
    if (stack === undefined) throw new LiveCommandError(`no such stack: ${name}; the estate has ${Object.keys(manifest).sort().join(", ")}`);
    for (const dependency of stack.dependencies) visit(dependency);
    out.push([name, stack]);
  };
  for (const name of [...names].sort()) visit(name);
  return out;
}

/** A scratch folder for one command, removed when `work` ends (and on an interruption: twin/rehearsal/processes.ts). */
export async function inScratch<T>(prefix: string, work: (folder: string) => Promise<T>): Promise<T> {
  const folder = makeScratch(prefix);
  try {
    return await work(folder);
  } finally {
    removeScratch(folder);
  }
}
