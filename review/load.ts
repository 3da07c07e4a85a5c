/** Reads a synthesized cdktf output directory (`cdktf.out`) into an Estate. */
import { readFile } from "node:fs/promises";
import * as path from "node:path";
import type { Estate, TerraformJson } from "./types";
import { compareStrings, isRecord } from "./json";

export class LoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LoadError";
  }
}

export interface LoadOptions {
  /**
   * The scratch checkout the directory was synthesized in. Stacks may embed absolute paths under
   * it (a local backend's state file, a remote state's path); they are rewritten to `<checkout>`
   * so that two checkouts in different directories compare equal.
   */
  readonly checkout?: string;
}

export async function loadSynthesizedDir(outDir: string, options: LoadOptions = {}): Promise<Estate> {
  const manifestPath = path.join(outDir, "manifest.json");
  const manifest = await readJson(manifestPath);
  const stacks = isRecord(manifest) ? manifest["stacks"] : undefined;
  if (!isRecord(stacks)) throw new LoadError(`${manifestPath} has no "stacks" object: is this a cdktf output directory?`);
  const estate: Record<string, TerraformJson> = {};
  for (const name of Object.keys(stacks).sort(compareStrings)) {
    const entry = stacks[name];
    const relative = isRecord(entry) ? entry["synthesizedStackPath"] : undefined;
    if (typeof relative !== "string") throw new LoadError(`${manifestPath}: stack ${name} has no synthesizedStackPath`);
    const json = await readJson(path.join(outDir, relative));
    if (!isRecord(json)) throw new LoadError(`${path.join(outDir, relative)} is not a JSON object`);
    estate[name] = options.checkout === undefined ? json : (replaceInStrings(json, options.checkout, "<checkout>") as TerraformJson);
  }
  return estate;
}

function replaceInStrings(value: unknown, find: string, replacement: string): unknown {
  if (typeof value === "string") return value.split(find).join(replacement);
  if (Array.isArray(value)) return value.map((item) => replaceInStrings(item, find, replacement));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = replaceInStrings(inner, find, replacement);
    return out;
  }
  return value;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new LoadError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new LoadError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}
