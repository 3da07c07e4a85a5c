/*
 * A lock the test files of one run share (a file in the run's own temporary folder: scratch-tmpdir.js), for tests
 * that must not run at the same time in two workers. The review's attack test tampers, as an attacker's branch would,
 * with every review's scratch folder in the shared TMPDIR and with the checkout's cache of base states: a review
 * another worker runs meanwhile is damaged (seen when the live tests got fast enough for could-not-run.test.ts to
 * overlap it: both failed). That review holds it, and so do the other review test files while they run.
 */
import { closeSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const WAIT_MS = 10 * 60 * 1000;

/** Waits until no other test file of the run holds `name`, then holds it; resolves with the function that releases it. */
export async function holdLock(name: string): Promise<() => void> {
  const file = join(process.env["PSF_ESTATE_TEST_TMPDIR"] ?? tmpdir(), `${name}.lock`);
  const started = Date.now();
  for (;;) {
    try {
      closeSync(openSync(file, "wx"));
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (Date.now() - started > WAIT_MS) throw new Error(`waited ${WAIT_MS / 60000} minutes for the test lock ${file}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Holds `name` for the whole test file: call at the file's top level. */
export function holdLockForFile(name: string): void {
  let release: (() => void) | undefined;
  beforeAll(async () => {
    release = await holdLock(name);
  }, WAIT_MS + 60_000);
  afterAll(() => release?.());
}
