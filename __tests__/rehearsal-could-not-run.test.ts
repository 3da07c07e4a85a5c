/*
 * When the rehearsal's own machinery fails, `npm run rehearse` says why in one last line, naming the cause and the
 * stack, and exits 2 ("could not run"), never 1 (a stack failed) and never 0: an unusable TMPDIR, a Terraform that is
 * killed, a disk that is full, a provider twin that dies. An interruption ends every process it started and leaves no
 * scratch folder, and so no saved plan, behind; so does a rehearsal that ends.
 */
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../scripts/rehearse";
import { runningGroups } from "../twin/rehearsal/processes";
import { rehearse } from "../twin/rehearsal/rehearse";
import { rehearsalOptions } from "./support/rehearsal";
import { defined } from "./support/defined";

const ROOT = join(__dirname, "..");
/** A synthesis and a small rehearsal, beside a full test run on two cores. */
const SLOW = 180_000;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const lastLine = (text: string): string => text.trim().split("\n").at(-1) ?? "";

/** `npm run rehearse -- ...args` in a process of its own, with `env` over this one's; `onStderr` sees what it says. */
function cli(args: readonly string[], env: NodeJS.ProcessEnv, onStderr?: (said: string, pid: number) => void): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--require", "tsx/cjs", join(ROOT, "scripts", "rehearse.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, TSX_DISABLE_CACHE: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += String(chunk)));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += String(chunk);
      onStderr?.(stderr, defined(child.pid));
    });
    child.once("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** The rehearsal's main in this process, with PSF_ESTATE_TERRAFORM set, capturing what it writes; `watch` sees standard error. */
async function inProcess(args: readonly string[], terraform: string | undefined, watch?: (said: string) => void): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const out = jest
    .spyOn(process.stdout, "write")
    .mockImplementation(((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write);
  const err = jest.spyOn(process.stderr, "write").mockImplementation(((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    watch?.(stderr);
    return true;
  }) as typeof process.stderr.write);
  const before = process.env.PSF_ESTATE_TERRAFORM;
  if (terraform !== undefined) process.env.PSF_ESTATE_TERRAFORM = terraform;
  try {
    return { status: await main(args), stdout, stderr };
  } finally {
    if (before === undefined) delete process.env.PSF_ESTATE_TERRAFORM;
    else process.env.PSF_ESTATE_TERRAFORM = before;
    out.mockRestore();
    err.mockRestore();
  }
}

/** A Terraform that is the real one but for `command`, where it does what `instead` says (a shell line). */
function terraformThat(command: string, instead: string): string {
  const wrapper = join(mkdtempSync(join(tmpdir(), "terraform-")), "terraform");
  writeFileSync(wrapper, `#!/bin/sh\nif [ "$1" = ${command} ]; then ${instead}; fi\nexec terraform "$@"\n`);
  chmodSync(wrapper, 0o755);
  return wrapper;
}

/** Processes whose working folder is inside `folder`. */
function processesIn(folder: string): string[] {
  return readdirSync("/proc")
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`).startsWith(folder);
      } catch {
        return false;
      }
    });
}

/** Processes whose command line names `text` (the twin's names its project root). */
function processesNaming(text: string): string[] {
  return readdirSync("/proc")
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(text);
      } catch {
        return false;
      }
    });
}

describe("a rehearsal that cannot run", () => {
  it(
    "exits 2 with TMPDIR that is not a folder, naming it, in one last line",
    async () => {
      const notAFolder = join(mkdtempSync(join(tmpdir(), "tmpdir-")), "file");
      writeFileSync(notAFolder, "");
      const run = await cli(["static-sites", "--plan-only"], { TMPDIR: notAFolder });
      expect({ status: run.status, last: lastLine(run.stderr), stdout: run.stdout }).toEqual({
        status: 2,
        last: expect.stringMatching(
          /^rehearse: could not run: cannot make a scratch folder in \S+\/file \(it is not a folder, ENOTDIR\): set TMPDIR/,
        ),
        stdout: "",
      });
    },
    SLOW,
  );

  it(
    "exits 2 when Terraform is killed, naming the stack, the step and the signal",
    async () => {
      const run = await inProcess(["static-sites", "--plan-only"], terraformThat("plan", "kill -9 $$"));
      expect({ status: run.status, last: lastLine(run.stderr) }).toEqual({
        status: 2,
        last: "rehearse: could not run: Terraform was killed (SIGKILL) (stack static-sites, plan)",
      });
    },
    SLOW,
  );

  it(
    "exits 2 when the disk is full (Terraform cannot write the state), naming the stack and the step",
    async () => {
      const run = await inProcess(
        ["static-sites"],
        terraformThat("apply", "echo 'Error: Failed to save state: write terraform.tfstate: no space left on device' >&2; exit 1"),
      );
      expect({ status: run.status, last: lastLine(run.stderr) }).toEqual({
        status: 2,
        last: "rehearse: could not run: the disk is full (no space left on device) (stack static-sites, apply)",
      });
    },
    SLOW,
  );

  it(
    "exits 2 when the provider twin dies, in one line and without Terraform's plugin noise",
    async () => {
      let killed = false;
      const run = await inProcess(["static-sites", "digitalocean-ams1", "--concurrency", "1"], undefined, (said) => {
        if (killed || !/: init done/.test(said)) return;
        const twin = runningGroups().find((child) => child.spawnargs.some((arg) => /twin-[0-9a-f]+\.cjs$/.test(arg)));
        if (twin?.pid === undefined) return;
        killed = true;
        process.kill(twin.pid, "SIGKILL");
      });
      expect(killed).toBe(true);
      expect({ status: run.status, last: lastLine(run.stderr) }).toEqual({
        status: 2,
        last: expect.stringMatching(
          /^rehearse: could not run: the provider twin stopped \(killed by SIGKILL\) \(stack (static-sites|digitalocean-ams1), \w+\)$/,
        ),
      });
      expect(`${run.stdout}\n${run.stderr}`.split("\n").filter((line) => /plugin|not compiled/i.test(line))).toEqual([]);
    },
    SLOW,
  );
});

describe("an interrupted rehearsal, and one that ends", () => {
  it(
    "on Ctrl-C ends every process it started, removes its scratch folder (and the plans in it) and exits 2",
    async () => {
      const scratch = mkdtempSync(join(tmpdir(), "interrupted-"));
      let sent = false;
      const run = await cli(["static-sites", "digitalocean-ams1"], { TMPDIR: scratch }, (said, pid) => {
        if (sent || !/: (plan|apply) done/.test(said)) return;
        sent = true;
        process.kill(pid, "SIGINT");
      });
      expect(sent).toBe(true);
      expect({ status: run.status, last: lastLine(run.stderr) }).toEqual({
        status: 2,
        last: expect.stringMatching(/^rehearse: interrupted by SIGINT; its processes are ended and its scratch folders removed \(exit 2/),
      });
      expect(readdirSync(scratch)).toEqual([]);
      expect(processesIn(scratch)).toEqual([]);
    },
    SLOW,
  );

  it(
    "leaves nothing in TMPDIR when it ends: no scratch folder, no saved plan, no state",
    async () => {
      const scratch = mkdtempSync(join(tmpdir(), "ended-"));
      const run = await cli(["static-sites"], { TMPDIR: scratch });
      expect({ status: run.status, last: lastLine(run.stdout) }).toEqual({
        status: 0,
        last: expect.stringMatching(/^Rehearsal passed: 1 stack\(s\)/),
      });
      expect(readdirSync(scratch)).toEqual([]);
      expect(processesIn(scratch)).toEqual([]);
    },
    SLOW,
  );

  it(
    "ends its provider twin when what follows the twin's start fails (the twin's installation), instead of never exiting",
    async () => {
      // A project root with the twin's protocol, so the twin starts, but no pinned providers to install it with.
      const root = mkdtempSync(join(tmpdir(), "rootless-"));
      symlinkSync(join(ROOT, "twin"), join(root, "twin"));
      const synthesized = join(root, "cdktf.out");
      mkdirSync(join(synthesized, "stacks", "lone"), { recursive: true });
      writeFileSync(join(synthesized, "stacks", "lone", "cdk.tf.json"), "{}\n");
      const lone = { dependencies: [], workingDirectory: "stacks/lone", synthesizedStackPath: "stacks/lone/cdk.tf.json" };
      writeFileSync(join(synthesized, "manifest.json"), JSON.stringify({ stacks: { lone } }));
      await expect(rehearse(rehearsalOptions({ root, synthesized, planOnly: true }))).rejects.toThrow(/providers\.json/);
      // The twin is killed as the rehearsal ends; its exit may take a moment to be seen.
      const deadline = Date.now() + 10_000;
      while (processesNaming(root).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(processesNaming(root)).toEqual([]);
    },
    SLOW,
  );
});
