/*
 * Whether the head's synthesis wrote where it must not. Locally the head's code runs as the same user as the review
 * (in CI it never runs in the verdict's job at all): it could rewrite the review's own files, its compiled twin or
 * its cache of the base's state between two steps. So the review fingerprints those before the head runs and
 * compares after; everything else it reads after that point it read into memory before. A difference is tampering:
 * a danger named as such, and the cache entry is dropped.
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join, relative } from "node:path";

/** Each file under the watched places, by path relative to `root`, with a hash of its content (or link target). */
export type Fingerprint = ReadonlyMap<string, string>;

/** The review's own files (what git tracks in `root`) and the folders given (caches), fingerprinted. */
export function fingerprint(root: string, folders: readonly string[]): Fingerprint {
  const out = new Map<string, string>();
  const add = (path: string): void => {
    const stats = lstatSync(path, { throwIfNoEntry: false });
    if (stats === undefined) return;
    const name = relative(root, path);
    if (stats.isSymbolicLink()) out.set(name, `link:${readlinkSync(path)}`);
    else if (stats.isDirectory()) for (const entry of readdirSync(path)) add(join(path, entry));
    else if (stats.isFile()) out.set(name, createHash("sha256").update(readFileSync(path)).digest("hex"));
  };
  let tracked: string[] = [];
  try {
    tracked = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).split("\0").filter((f) => f !== "");
  } catch {
    // Not a git checkout (an unpacked release): the folders alone are watched.
  }
  for (const file of tracked) add(join(root, file));
  for (const folder of folders) if (existsSync(folder)) add(folder);
  return out;
}

/** What differs between two fingerprints: files changed, added or removed, sorted. */
export function changedFiles(before: Fingerprint, after: Fingerprint): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((file) => before.get(file) !== after.get(file)).sort();
}
