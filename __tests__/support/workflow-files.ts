/**
 * GitHub workflow files read as data for the workflow tests: a workflow and its steps, and the checks every
 * workflow of the project must pass (actions pinned to a commit SHA with the version in a comment, no `${{ }}`
 * expression inside a `run:` script or a github-script script).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

export const ROOT = path.join(__dirname, "..", "..");
export const SHA_PIN = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+@[0-9a-f]{40}$/;
export const EXPRESSION = "${{";

export type Mapping = Record<string, unknown>;

export interface Step {
  readonly file: string;
  readonly job: string;
  readonly index: number;
  readonly raw: Mapping;
  /** "file, job J, step N (name)" for messages. */
  readonly label: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with: Mapping;
  readonly env: Mapping;
  readonly workingDirectory?: string;
}

export interface Workflow {
  readonly file: string;
  readonly text: string;
  readonly doc: Mapping;
  readonly steps: readonly Step[];
}

export function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function mapping(value: unknown, where: string): Mapping {
  if (!isMapping(value)) throw new Error(`${where}: expected a mapping, found ${JSON.stringify(value)}`);
  return value;
}

export function optionalString(value: unknown, where: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new Error(`${where}: expected a string, found ${JSON.stringify(value)}`);
  return value;
}

/** Reads a workflow file (a path relative to the project root) and lists its steps. */
export function loadWorkflow(file: string): Workflow {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  // The core schema: plain true/false/null/numbers, no custom tags, as GitHub reads workflows.
  const doc = mapping(parse(text, { schema: "core" }), file);
  const steps: Step[] = [];
  for (const [job, jobValue] of Object.entries(mapping(doc["jobs"], `${file}: jobs`))) {
    const stepList = mapping(jobValue, `${file}, job ${job}`)["steps"];
    if (!Array.isArray(stepList)) throw new Error(`${file}, job ${job}: no steps list`);
    stepList.forEach((stepValue: unknown, index) => {
      const raw = mapping(stepValue, `${file}, job ${job}, step ${index + 1}`);
      const name = optionalString(raw["name"], `${file}, job ${job}, step ${index + 1}: name`);
      const uses = optionalString(raw["uses"], `${file}, job ${job}, step ${index + 1}: uses`);
      const run = optionalString(raw["run"], `${file}, job ${job}, step ${index + 1}: run`);
      const label = `${file}, job ${job}, step ${index + 1} (${name ?? uses ?? run?.split("\n")[0] ?? "unnamed"})`;
      steps.push({
        file,
        job,
        index,
        raw,
        label,
        uses,
        run,
        with: raw["with"] === undefined ? {} : mapping(raw["with"], `${label}: with`),
        env: raw["env"] === undefined ? {} : mapping(raw["env"], `${label}: env`),
        workingDirectory: optionalString(raw["working-directory"], `${label}: working-directory`),
      });
    });
  }
  return { file, text, doc, steps };
}

/** The action a step uses, without its version. */
export function action(step: Step): string | undefined {
  return step.uses?.split("@")[0];
}

export function stepsUsing(workflow: Workflow, name: string): Step[] {
  return workflow.steps.filter((step) => action(step) === name);
}

export function only<T>(items: readonly T[], what: string): T {
  if (items.length !== 1) throw new Error(`expected exactly one ${what}, found ${items.length}`);
  const [item] = items;
  return item as T;
}

/** Every scalar under `value`, with its path, for the expression checks. */
export function strings(value: unknown, at: string): Array<[string, string]> {
  if (typeof value === "string") return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => strings(item, `${at}[${i}]`));
  if (isMapping(value)) return Object.entries(value).flatMap(([key, item]) => strings(item, `${at}.${key}`));
  return [];
}

/** Steps whose `uses:` is not a full 40-hex commit SHA, as "label: uses X". */
export function unpinnedUses(steps: readonly Step[]): string[] {
  return steps.filter((step) => step.uses !== undefined && !SHA_PIN.test(step.uses)).map((step) => `${step.label}: uses ${step.uses}`);
}

/** Text check of every `uses:` line: pinned to a commit SHA, with a trailing "# vX.Y.Z" naming the version. */
export function versionCommentProblems(workflows: readonly Workflow[]): string[] {
  const problems: string[] = [];
  for (const { file, text } of workflows) {
    text.split("\n").forEach((line, i) => {
      const match = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
      if (!match) return;
      const [, target = "", rest = ""] = match;
      if (!SHA_PIN.test(target)) problems.push(`${file}:${i + 1}: ${target} is not pinned to a commit SHA`);
      if (!/^\s+#\s*v\d+(\.\d+)*\s*$/.test(rest)) problems.push(`${file}:${i + 1}: ${target} has no "# vX.Y.Z" comment naming its version`);
    });
  }
  return problems;
}

/** Actions pinned to more than one SHA across `steps`, as "action: sha, sha". */
export function mixedPins(steps: readonly Step[]): string[] {
  const shas = new Map<string, Set<string>>();
  for (const step of steps) {
    const [name, sha] = (step.uses ?? "").split("@");
    if (name === undefined || sha === undefined) continue;
    shas.set(name, (shas.get(name) ?? new Set()).add(sha));
  }
  return [...shas].filter(([, set]) => set.size > 1).map(([name, set]) => `${name}: ${[...set].join(", ")}`);
}

/** Labels of the `run:` steps that expand a `${{ }}` expression in their script. */
export function expressionsInRun(steps: readonly Step[]): string[] {
  return steps.filter((step) => step.run?.includes(EXPRESSION)).map((step) => step.label);
}

/** Labels of the github-script steps that expand a `${{ }}` expression in their script. */
export function expressionsInScripts(steps: readonly Step[]): string[] {
  return steps
    .filter((step) => action(step) === "actions/github-script" && String(step.with["script"] ?? "").includes(EXPRESSION))
    .map((step) => step.label);
}
