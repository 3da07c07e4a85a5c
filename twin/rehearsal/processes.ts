/*
 * The processes a rehearsal or a review starts (Terraform, the provider twin, a synthesis), each in a process group
 * of its own so that it can be ended with everything it started; and what happens on Ctrl-C, SIGTERM or SIGHUP:
 * every group still running is killed, the scratch folders are removed, and the command exits with the status its
 * README gives for "could not run".
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const running = new Set<ChildProcess>();
const scratchFolders = new Set<string>();

/** Thrown when no scratch folder can be made: TMPDIR missing, not writable, or the disk full. */
export class ScratchFolderError extends Error {
  constructor(
    readonly folder: string,
    cause: unknown,
  ) {
    const code = typeof cause === "object" && cause !== null && "code" in cause ? String((cause as { code: unknown }).code) : "";
    const why =
      code === "ENOSPC"
        ? "the disk is full"
        : code === "ENOENT"
          ? "it does not exist"
          : code === "ENOTDIR"
            ? "it is not a folder"
            : code === "EACCES" || code === "EPERM" || code === "EROFS"
              ? "it is not writable"
              : (cause as Error).message;
    super(`cannot make a scratch folder in ${folder} (${why}${code !== "" ? `, ${code}` : ""}): set TMPDIR to a writable folder with room`);
    this.name = "ScratchFolderError";
  }
}

/** A new scratch folder under TMPDIR, removed by `removeScratch` or, on an interruption, by `onInterrupt`'s handler. */
export function makeScratch(prefix: string): string {
  const parent = tmpdir();
  let folder: string;
  try {
    folder = mkdtempSync(join(parent, prefix));
  } catch (error) {
    throw new ScratchFolderError(parent, error);
  }
  scratchFolders.add(folder);
  return folder;
}

/** Removes a scratch folder (and forgets it). */
export function removeScratch(folder: string): void {
  scratchFolders.delete(folder);
  rmSync(folder, { recursive: true, force: true });
}

/** Keeps a scratch folder past an interruption (`--keep-scratch`). */
export function keepScratch(folder: string): void {
  scratchFolders.delete(folder);
}

/** Starts `command` in a process group of its own, remembered until it exits. */
export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, [...args], { ...options, detached: true });
  running.add(child);
  const forget = (): void => void running.delete(child);
  child.once("exit", forget);
  child.once("error", forget);
  return child;
}

/** Kills a child's whole process group (it and what it started); quiet when it is gone already. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL"): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group has ended.
  }
}

/** The process groups this process started that are still running (for a test that kills one, as a crash would). */
export function runningGroups(): readonly ChildProcess[] {
  return [...running];
}

/** Kills every process group still running. */
export function killAll(signal: NodeJS.Signals = "SIGKILL"): void {
  for (const child of running) killGroup(child, signal);
}

export interface CommandOutcome {
  readonly exitCode: number;
  /** The signal that ended it, if one did (a killed Terraform). */
  readonly signal?: NodeJS.Signals;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command in a group of its own and collects what it prints. `timeoutMs` kills the group. A command that cannot
 * be started resolves with exit code 127 and the reason as its standard error.
 */
export function runGroup(
  command: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly env: NodeJS.ProcessEnv; readonly timeoutMs?: number },
): Promise<CommandOutcome> {
  return new Promise((resolve) => {
    const child = spawnGroup(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk));
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => killGroup(child), options.timeoutMs);
    child.once("error", (error) => {
      if (timer !== undefined) clearTimeout(timer);
      resolve({ exitCode: 127, stdout: "", stderr: error.message });
    });
    child.once("close", (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      // Whatever the command left running in its group goes with it.
      killGroup(child);
      resolve({
        exitCode: code ?? 128,
        ...(signal !== null ? { signal } : {}),
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      });
    });
  });
}

/** Why a write failed for want of room ("the disk is full (ENOSPC, writing …)"), or undefined for any other error. */
export function diskFullCause(error: unknown): string | undefined {
  const failure = error as NodeJS.ErrnoException | null | undefined;
  if (failure?.code !== "ENOSPC" && failure?.code !== "EDQUOT") return undefined;
  return `the disk is full (${failure.code}${failure.path !== undefined ? `, writing ${failure.path}` : ""}): free some room, or set TMPDIR to a folder with room`;
}

/** Ends every process group still running and removes every scratch folder (an interruption's or a crash's cleanup). */
function endEverything(): void {
  killAll();
  for (const folder of scratchFolders) rmSync(folder, { recursive: true, force: true });
}

/**
 * On SIGINT, SIGTERM or SIGHUP: kills every group this process started, removes every scratch folder it made, says so
 * on standard error and exits with `status` (the command's "could not run"). A crash (an exception nothing caught, a
 * rejection nothing handled) is met the same way, with its cause. Returns a function that removes the handlers.
 */
export function onInterrupt(command: string, status: number): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    endEverything();
    process.stderr.write(
      `${command}: interrupted by ${signal}; its processes are ended and its scratch folders removed (exit ${status}: it could not finish)\n`,
    );
    process.exit(status);
  };
  const crash = (error: unknown): void => {
    endEverything();
    const cause = diskFullCause(error) ?? `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    process.stderr.write(
      `${command}: could not run: ${cause}\n${command}: its processes are ended and its scratch folders removed (exit ${status})\n`,
    );
    process.exit(status);
  };
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const signal of signals) process.on(signal, handler);
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);
  return () => {
    for (const signal of signals) process.off(signal, handler);
    process.off("uncaughtException", crash);
    process.off("unhandledRejection", crash);
  };
}
