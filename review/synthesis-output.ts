/*
 * A synthesized estate as the review receives it from a synthesis it does not trust (the head's, run by the head's
 * code): a folder that must hold exactly what a cdktf synthesis of this project writes and nothing else. It is
 * read as data only: regular files in the expected layout, within size limits, no symbolic link, no path that
 * leaves the folder, every file valid JSON, the manifest's stacks and their folders in agreement. What Terraform
 * later runs on is written afresh from the parsed configurations (`writeSynthesisOutput`), so nothing else the
 * synthesis left behind (a `.terraform` folder, a lock file, a state file, a plugin) ever reaches it.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Configuration, Configurations } from "./configuration";
import { isRecord } from "./json";
import { ESTATE_FACTS_FILE } from "../inventory/estate-facts";
import { compareStrings } from "../values/string-order";

/** How large an output may be: far above the estate's (about 1 MB in all), far below what would hurt the machine. */
export const SYNTHESIS_OUTPUT_LIMITS = { fileBytes: 16 * 1024 * 1024, totalBytes: 64 * 1024 * 1024, stacks: 200 } as const;

/** A stack's name: what cdktf derives from a construct id, and a safe folder name. */
const STACK_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export class SynthesisOutputError extends Error {
  constructor(
    readonly folder: string,
    readonly problems: readonly string[],
  ) {
    super(`${folder} is not a synthesis of this project's estate:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "SynthesisOutputError";
  }
}

export interface SynthesisOutput {
  /** Every stack's configuration, by name, in name order. */
  readonly configurations: Configurations;
  /** The stacks each stack reads, from the manifest. */
  readonly dependencies: ReadonlyMap<string, readonly string[]>;
  /** The parsed estate facts file, when the synthesis wrote one (checked by its own schema where it is used). */
  readonly facts?: unknown;
}

const manifestSchema = z
  .object({
    version: z.string().optional(),
    stacks: z.record(
      z.string(),
      z
        .object({
          name: z.string(),
          dependencies: z.array(z.string()),
          synthesizedStackPath: z.string(),
          workingDirectory: z.string(),
        })
        .passthrough(),
    ),
  })
  .strict();

/** Reads and checks an output folder; throws `SynthesisOutputError` with every problem found. */
export function readSynthesisOutput(folder: string): SynthesisOutput {
  const problems: string[] = [];
  let total = 0;
  const read = (relative: string): unknown => {
    const path = join(folder, relative);
    const stats = lstatSync(path, { throwIfNoEntry: false });
    if (stats === undefined) return (problems.push(`${relative} is missing`), undefined);
    if (!stats.isFile()) return (problems.push(`${relative} is not a regular file${stats.isSymbolicLink() ? " (a symbolic link)" : ""}`), undefined);
    if (stats.size > SYNTHESIS_OUTPUT_LIMITS.fileBytes)
      return (problems.push(`${relative} has ${stats.size} bytes, more than ${SYNTHESIS_OUTPUT_LIMITS.fileBytes}`), undefined);
    total += stats.size;
    if (total > SYNTHESIS_OUTPUT_LIMITS.totalBytes)
      return (problems.push(`the output holds more than ${SYNTHESIS_OUTPUT_LIMITS.totalBytes} bytes`), undefined);
    try {
      return JSON.parse(readFileSync(path, "utf8")) as unknown;
    } catch (error) {
      return (problems.push(`${relative} is not JSON (${(error as Error).message})`), undefined);
    }
  };
  const entries = (relative: string): string[] => {
    const stats = lstatSync(join(folder, relative), { throwIfNoEntry: false });
    if (stats === undefined || !stats.isDirectory()) {
      problems.push(`${relative === "" ? "the output" : relative} is not a folder${stats?.isSymbolicLink() === true ? " (a symbolic link)" : ""}`);
      return [];
    }
    return readdirSync(join(folder, relative)).sort();
  };

  for (const entry of entries("")) {
    if (entry !== "manifest.json" && entry !== "stacks" && entry !== ESTATE_FACTS_FILE)
      problems.push(`unexpected ${entry}: an output holds manifest.json, ${ESTATE_FACTS_FILE} and stacks/ only`);
  }
  if (problems.length > 0) throw new SynthesisOutputError(folder, problems);
  const parsed = manifestSchema.safeParse(read("manifest.json"));
  if (!parsed.success) {
    throw new SynthesisOutputError(folder, [
      ...problems,
      ...parsed.error.issues.map((issue) => `manifest.json ${issue.path.join(".") || "(top level)"}: ${issue.message}`),
    ]);
  }
  const manifest = parsed.data.stacks;
  const stacks = Object.entries(manifest).sort(([a], [b]) => compareStrings(a, b));
  const names = stacks.map(([name]) => name);
  if (names.length > SYNTHESIS_OUTPUT_LIMITS.stacks)
    problems.push(`the manifest names ${names.length} stacks, more than ${SYNTHESIS_OUTPUT_LIMITS.stacks}`);
  for (const [name, stack] of stacks) {
    if (!STACK_NAME.test(name)) problems.push(`stack "${name.slice(0, 80)}": not a stack name (${STACK_NAME.source})`);
    if (stack.name !== name) problems.push(`stack "${name}": its manifest entry names "${stack.name}"`);
    if (stack.synthesizedStackPath !== `stacks/${name}/cdk.tf.json`)
      problems.push(`stack "${name}": synthesizedStackPath is "${stack.synthesizedStackPath}", not stacks/${name}/cdk.tf.json`);
    if (stack.workingDirectory !== `stacks/${name}`)
      problems.push(`stack "${name}": workingDirectory is "${stack.workingDirectory}", not stacks/${name}`);
    for (const dependency of stack.dependencies) {
      if (dependency === name || manifest[dependency] === undefined)
        problems.push(`stack "${name}": reads "${dependency}", which is not another stack of the manifest`);
    }
  }
  const folders = entries("stacks");
  for (const dir of folders) {
    if (manifest[dir] === undefined) {
      problems.push(`unexpected stacks/${dir}: the manifest names no such stack`);
      continue;
    }
    for (const entry of entries(`stacks/${dir}`))
      if (entry !== "cdk.tf.json") problems.push(`unexpected stacks/${dir}/${entry}: a stack's folder holds cdk.tf.json only`);
  }
  if (problems.length > 0) throw new SynthesisOutputError(folder, problems);

  const configurations = new Map<string, Configuration>();
  for (const name of names) {
    const configuration = read(`stacks/${name}/cdk.tf.json`);
    if (configuration === undefined) continue;
    if (!isRecord(configuration)) problems.push(`stacks/${name}/cdk.tf.json is not a Terraform JSON object`);
    else configurations.set(name, configuration);
  }
  const hasFacts = lstatSync(join(folder, ESTATE_FACTS_FILE), { throwIfNoEntry: false }) !== undefined;
  const facts = hasFacts ? read(ESTATE_FACTS_FILE) : undefined;
  if (problems.length > 0) throw new SynthesisOutputError(folder, problems);
  return {
    configurations,
    dependencies: new Map(stacks.map(([name, stack]) => [name, [...stack.dependencies].sort()])),
    ...(facts !== undefined ? { facts } : {}),
  };
}

/**
 * Writes an output folder Terraform can run on (what the rehearsal reads: a manifest with each stack's dependencies
 * and folder, and each stack's configuration), from checked data alone.
 */
export function writeSynthesisOutput(folder: string, output: Pick<SynthesisOutput, "configurations" | "dependencies">): void {
  const stacks: Record<string, unknown> = {};
  for (const [name, configuration] of output.configurations) {
    mkdirSync(join(folder, "stacks", name), { recursive: true });
    writeFileSync(join(folder, "stacks", name, "cdk.tf.json"), `${JSON.stringify(configuration, null, 2)}\n`);
    stacks[name] = {
      name,
      dependencies: output.dependencies.get(name) ?? [],
      synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
      workingDirectory: `stacks/${name}`,
    };
  }
  writeFileSync(join(folder, "manifest.json"), `${JSON.stringify({ stacks }, null, 2)}\n`);
}
