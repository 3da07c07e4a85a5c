/*
 * Where the code that synthesizes the estate reads the environment. Synthesis may depend on the
 * environment only through the state backend choice and the adoption switches, read in the files below;
 * anything else could make a deploy's configuration differ from the one this review planned.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** The folders and files synthesis is built from. */
const SYNTH_SOURCES = ["main.ts", "inventory", "values", "constructs", "stacks", "synthesis", "policy", "adoption", "provider-schemas"];

/** Files allowed to read the environment, each for the reason given. */
const ALLOWED: Readonly<Record<string, string>> = {
  "main.ts": "hands process.env to the backend and adoption choices",
  "synthesis/synth-failure.ts": "removes CDKTF_OUTDIR, the output folder cdktf names",
};

const READS = /\bprocess\.env\b|\bprocess\[["']env["']\]|\brequire\(["'](node:)?process["']\)/;

/** Every line of the synthesis sources, outside the allowed files, that reads the environment. */
export function environmentReads(root: string): { file: string; line: number; text: string }[] {
  const reads: { file: string; line: number; text: string }[] = [];
  const visit = (path: string): void => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      return;
    }
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
      return;
    }
    if (!/\.(ts|js|mjs|cjs|json)$/.test(path)) return;
    const file = relative(root, path);
    if (ALLOWED[file] !== undefined) return;
    readFileSync(path, "utf8")
      .split("\n")
      .forEach((text, i) => {
        if (READS.test(text)) reads.push({ file, line: i + 1, text });
      });
  };
  for (const source of SYNTH_SOURCES) visit(join(root, source));
  return reads;
}
