/*
 * The base revision's rehearsed state, cached so that a second review of the same base costs one plan. An entry is
 * keyed by what decides the state: the base's configuration (its content hash) and the tooling that rehearsed it
 * (the twin, the rehearsal, the provider schemas, Terraform's version). It is written whole or not at all (a folder
 * renamed into place), every file's hash is recorded and checked when read, and a lock keeps two reviews from
 * building the same entry at once. A missing, damaged or unverifiable entry is rebuilt: never "start from no state".
 *
 * Where: node_modules/.cache/psf-estate/review-base/ of the checkout whose review code runs. Clear it with
 * `rm -rf node_modules/.cache/psf-estate/review-base` (README, "Reviewing a change").
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";

/** The cache's folder under a checkout. */
export function baseCacheFolder(root: string): string {
  return join(root, "node_modules", ".cache", "psf-estate", "review-base");
}

const INDEX = "index.json";
/** How long a review waits for another one building the same entry. */
const LOCK_WAIT_MS = 10 * 60 * 1000;

interface Index {
  readonly key: string;
  /** sha256 of each state file, by file name. */
  readonly files: Readonly<Record<string, string>>;
}

function sha256(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The key of an entry: a hash of every input that decides the rehearsed state. */
export function baseCacheKey(inputs: Readonly<Record<string, string>>): string {
  return sha256(JSON.stringify(Object.entries(inputs).sort(([a], [b]) => (a < b ? -1 : 1)))).slice(0, 40);
}

/** The hash of a set of files' contents (the tooling part of a key); a missing file counts as empty. */
export function filesHash(files: readonly string[]): string {
  const hash = createHash("sha256");
  for (const file of [...files].sort()) hash.update(`\0${file}\0`).update(existsSync(file) ? readFileSync(file) : Buffer.alloc(0));
  return hash.digest("hex");
}

/**
 * The state files of entry `key`, read and checked against its index: `undefined` when there is no entry, or the
 * entry is damaged (a file missing, altered or added), in which case it is removed.
 */
export function readBaseCache(folder: string, key: string): ReadonlyMap<string, Buffer> | undefined {
  const entry = join(folder, key);
  if (!existsSync(entry)) return undefined;
  try {
    const index = JSON.parse(readFileSync(join(entry, INDEX), "utf8")) as Index;
    if (index.key !== key || typeof index.files !== "object") throw new Error("index names another entry");
    const present = readdirSync(entry)
      .filter((f) => f !== INDEX)
      .sort();
    if (JSON.stringify(present) !== JSON.stringify(Object.keys(index.files).sort())) throw new Error("files differ from the index");
    const states = new Map<string, Buffer>();
    for (const [file, hash] of Object.entries(index.files)) {
      const bytes = readFileSync(join(entry, file));
      if (bytes.length === 0 || sha256(bytes) !== hash) throw new Error(`${file} does not match its recorded hash`);
      states.set(file, bytes);
    }
    return states;
  } catch {
    rmSync(entry, { recursive: true, force: true });
    return undefined;
  }
}

/** Writes entry `key` whole: into a folder of this process's own, then renamed into place. */
export function writeBaseCache(folder: string, key: string, states: ReadonlyMap<string, Buffer>): void {
  mkdirSync(folder, { recursive: true });
  const temporary = join(folder, `.${key}.${process.pid}.tmp`);
  rmSync(temporary, { recursive: true, force: true });
  mkdirSync(temporary);
  const files: Record<string, string> = {};
  for (const [file, bytes] of states) {
    writeFileSync(join(temporary, file), bytes);
    files[file] = sha256(bytes);
  }
  writeFileSync(join(temporary, INDEX), `${JSON.stringify({ key, files } satisfies Index, null, 2)}\n`);
  rmSync(join(folder, key), { recursive: true, force: true });
  renameSync(temporary, join(folder, key));
}

/** Removes entry `key` (a review that found it tampered with). */
export function removeBaseCache(folder: string, key: string): void {
  rmSync(join(folder, key), { recursive: true, force: true });
}

/**
 * Runs `work` holding the lock of entry `key`; waits while another live process holds it, and takes over a lock whose
 * holder is gone.
 */
export async function withBaseCacheLock<T>(folder: string, key: string, work: () => Promise<T>): Promise<T> {
  mkdirSync(folder, { recursive: true });
  const lock = join(folder, `${key}.lock`);
  const started = Date.now();
  for (;;) {
    try {
      const fd = openSync(lock, "wx");
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (!holderAlive(lock) || Date.now() - started > LOCK_WAIT_MS) {
        rmSync(lock, { force: true });
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { force: true });
  }
}

function holderAlive(lock: string): boolean {
  try {
    const pid = Number(readFileSync(lock, "utf8").trim());
    if (!Number.isInteger(pid) || pid <= 0) return Date.now() - statSync(lock).mtimeMs < 5_000;
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
