/*
 * A deploy's session: the one child it runs at a time (a synthesis or Terraform, each in a process group of its own,
 * twin/rehearsal/processes.ts), its scratch folder, the prompt, and what Ctrl-C, SIGTERM and SIGHUP do. Unlike a
 * rehearsal's, a deploy's Terraform is asked to stop before it is killed: it may be applying to the live estate.
 */
import { rmSync } from "node:fs";
import { createInterface, type Interface } from "node:readline";
import type { ChildProcess } from "node:child_process";
import { killGroup, spawnGroup } from "../twin/rehearsal/processes";
import { DeployStop, EXIT } from "./stop";

export interface Session {
  scratch?: string;
  child?: ChildProcess;
  /** Terraform is asked to stop gracefully (SIGINT: it finishes what it is doing and saves state); synthesis is killed. */
  childKind?: "terraform" | "synthesis";
  prompt?: Interface;
  interrupted?: NodeJS.Signals;
  /** What a signal does (installSignalHandlers); the prompt hands a terminal's Ctrl-C to it. */
  onSignal?: (signal: NodeJS.Signals) => void;
}

export const say = (line: string): void => {
  process.stderr.write(`deploy: ${line}\n`);
};

export function removeSessionScratch(session: Session): void {
  if (session.scratch === undefined) return;
  rmSync(session.scratch, { recursive: true, force: true });
  session.scratch = undefined;
}

/**
 * One Ctrl-C can arrive twice: from the terminal, and forwarded by `npm run`, which passes SIGINT and SIGTERM on to
 * the script it runs. A second signal this soon after the first is that same one.
 */
const SAME_SIGNAL_MS = 1000;

/**
 * Ctrl-C and SIGTERM: the first asks the running Terraform to stop (it ends the operations in progress and writes
 * state; a plain kill could leave resources made but not recorded), then the deploy stops at that point and removes
 * its scratch folder; a second kills every child at once and removes the folder.
 */
export function installSignalHandlers(session: Session): () => void {
  let firstAt = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (session.interrupted !== undefined && Date.now() - firstAt < SAME_SIGNAL_MS) return;
    if (session.interrupted === undefined) {
      session.interrupted = signal;
      firstAt = Date.now();
      if (session.child !== undefined && session.childKind === "terraform") {
        say(`${signal}: asking Terraform to stop (it finishes the operations in progress and saves state); again to kill it at once`);
        session.child.kill("SIGINT");
      } else if (session.child !== undefined) {
        killGroup(session.child, "SIGTERM");
      }
      if (session.prompt !== undefined) {
        process.stderr.write("\n");
        session.prompt.close();
      }
      return;
    }
    if (session.child !== undefined) killGroup(session.child, "SIGKILL");
    removeSessionScratch(session);
    say(
      `${signal} again: killed Terraform and removed the scratch folder; a stack being applied may hold a stale lock or miss what was just made (terraform force-unlock, terraform import)`,
    );
    process.exit(EXIT.couldNotRun);
  };
  const onExit = (): void => {
    if (session.child !== undefined) killGroup(session.child, "SIGKILL");
    removeSessionScratch(session);
  };
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  session.onSignal = onSignal;
  for (const signal of signals) process.on(signal, onSignal);
  process.on("exit", onExit);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
    process.off("exit", onExit);
  };
}

export function checkInterrupted(session: Session, what: string): void {
  if (session.interrupted !== undefined) throw new DeployStop(EXIT.couldNotRun, `interrupted (${session.interrupted}) ${what}`);
}

/**
 * Runs a child in a process group of its own (`detached`), so that a terminal's Ctrl-C reaches only the deploy,
 * which then decides what the child gets (one SIGINT for Terraform); its output is passed through as it comes.
 */
export function runChild(
  session: Session,
  kind: "terraform" | "synthesis",
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; stdout: "pass" | "drop" },
): Promise<{ code: number; stdout: string }> {
  return new Promise((resolvePromise) => {
    const child = spawnGroup(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    session.child = child;
    session.childKind = kind;
    const stdout: Buffer[] = [];
    // Both are pipes (stdio above); spawnGroup's type cannot say so.
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout.push(chunk);
      if (options.stdout === "pass") process.stdout.write(chunk);
    });
    child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    let settled = false;
    const settle = (code: number): void => {
      if (settled) return;
      settled = true;
      // Anything the child left running in its group goes with it.
      killGroup(child, "SIGKILL");
      session.child = undefined;
      session.childKind = undefined;
      resolvePromise({ code, stdout: Buffer.concat(stdout).toString("utf8") });
    };
    child.once("error", (error) => {
      process.stderr.write(`${error.message}\n`);
      settle(127);
    });
    child.once("close", (code, signal) => settle(code ?? (signal !== null ? 128 : 1)));
  });
}

/** Asks on the terminal; true only for "yes", as Terraform asks. Ctrl-C while asking interrupts the deploy. */
export function confirm(session: Session, question: string): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const prompt = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    session.prompt = prompt;
    let answer: string | undefined;
    // readline takes Ctrl-C from the terminal itself: hand it to the same handler as a signal.
    prompt.on("SIGINT", () => session.onSignal?.("SIGINT"));
    prompt.once("close", () => {
      session.prompt = undefined;
      resolvePromise(answer?.trim() === "yes");
    });
    prompt.question(question, (text) => {
      answer = text;
      prompt.close();
    });
  });
}
