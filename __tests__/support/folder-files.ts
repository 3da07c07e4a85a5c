/** What a folder holds, for tests that compare two folders (two syntheses, two generations of the bindings). */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** Every file under `dir`, as its path relative to `dir`, sorted. */
export function relativeFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

/** Every file under `dir` with its text, by its path relative to `dir`. */
export function fileTexts(dir: string): Map<string, string> {
  return new Map(relativeFiles(dir).map((file) => [file, readFileSync(join(dir, file), "utf8")]));
}
