/*
 * Whether the head's synthesis wrote where it must not. Locally the head's code runs as the same user as the review
 * (in CI it never runs in the verdict's job at all): it could rewrite the review's own files, its compiled twin or
 * its cache of the base's state between two steps. So the review fingerprints those before the head runs and
 * compares after; everything else it reads after that point it read into memory before.
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join, relative } from "node:path";

/** Each file under the watched places, by path relative to a root, with a hash of its content (or link target). */
export type Fingerprint = ReadonlyMap<string, string>;

/** Adds `path` (a file, a link, or a folder's every file) to `out`, named relative to `root`, `excluded` left out. */
function walk(path: string, root: string, excluded: readonly string[], out: Map<string, string>): void {
  if (excluded.some((e) => path === e || path.startsWith(`${e}/`))) return;
  const stats = lstatSync(path, { throwIfNoEntry: false });
  if (stats === undefined) return;
  const name = relative(root, path);
  if (stats.isSymbolicLink()) out.set(name, `link:${readlinkSync(path)}`);
  else if (stats.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry), root, excluded, out);
  else if (stats.isFile()) out.set(name, createHash("sha256").update(readFileSync(path)).digest("hex"));
}

/** The review's own files (what git tracks in `root`) and the folders given (its tooling), fingerprinted, `excluded` left out. */
export function fingerprint(root: string, folders: readonly string[], excluded: readonly string[] = []): Fingerprint {
  const out = new Map<string, string>();
  let tracked: string[] = [];
  try {
    tracked = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
      .split("\0")
      .filter((f) => f !== "");
  } catch {
    // Not a git checkout (an unpacked release): the folders alone are watched.
  }
  for (const file of tracked) walk(join(root, file), root, excluded, out);
  for (const folder of folders) walk(folder, root, excluded, out);
  return out;
}

/** What differs between two fingerprints: files changed, added or removed, sorted. */
export function changedFiles(before: Fingerprint, after: Fingerprint): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((file) => before.get(file) !== after.get(file)).sort();
}

/**
 * Each entry of the base-state cache (a folder by key) with a fingerprint of its files; locks and entries being
 * written (`.<key>.<pid>.tmp`) are other reviews' work in progress and left out.
 */
export function cacheEntries(folder: string): Map<string, string> {
  const entries = new Map<string, string>();
  if (!existsSync(folder)) return entries;
  for (const entry of readdirSync(folder).filter((e) => !e.startsWith(".") && !e.endsWith(".lock"))) {
    const files = new Map<string, string>();
    walk(join(folder, entry), join(folder, entry), [], files);
    entries.set(entry, JSON.stringify([...files].sort(([a], [b]) => (a < b ? -1 : 1))));
  }
  return entries;
}
