/*
 * What a rehearsal or a review does when it crashes (twin/rehearsal/processes.ts, onInterrupt): an exception nothing caught or a
 * rejection nothing handled ends every process group it started and removes every scratch folder it made, like an
 * interruption, says why in a line naming the cause, and exits with the command's "could not run".
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..");

/** A command that makes a scratch folder, starts a long process in a group of its own, then crashes with `crash`. */
function crashing(crash: string): Promise<{ status: number | null; stderr: string; scratch: string; pid: number }> {
  const dir = mkdtempSync(join(tmpdir(), "crash-"));
  const script = join(dir, "command.ts");
  writeFileSync(
    script,
    [
      `import { writeFileSync } from "node:fs";`,
      `import { makeScratch, onInterrupt, spawnGroup } from ${JSON.stringify(join(ROOT, "twin", "rehearsal", "processes"))};`,
      `onInterrupt("crashing", 2);`,
      `const scratch = makeScratch("crash-scratch-");`,
      `const child = spawnGroup("sleep", ["300"], { stdio: "ignore" });`,
      `writeFileSync(${JSON.stringify(join(dir, "facts.json"))}, JSON.stringify({ scratch, pid: child.pid }));`,
      `setTimeout(() => { ${crash} }, 50);`,
      `setTimeout(() => undefined, 60_000);`,
    ].join("\n"),
  );
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--require", "tsx/cjs", script], {
      cwd: ROOT,
      env: { ...process.env, TSX_DISABLE_CACHE: "1", TMPDIR: dir },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += String(chunk)));
    child.once("close", (status) => {
      const facts = JSON.parse(readFileSync(join(dir, "facts.json"), "utf8")) as { scratch: string; pid: number };
      resolve({ status, stderr, ...facts });
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("a command that crashes", () => {
  it.each([
    ["an exception nothing caught", `throw new Error("boom");`, /^crashing: could not run: unexpected error: Error: boom\n/],
    [
      "a rejection nothing handled",
      `void Promise.reject(Object.assign(new Error("no room"), { code: "ENOSPC", path: "/tmp/x/state" }));`,
      /^crashing: could not run: the disk is full \(ENOSPC, writing \/tmp\/x\/state\): free some room, or set TMPDIR to a folder with room\n/,
    ],
  ])(
    "on %s ends its processes, removes its scratch folder and exits 2, naming the cause",
    async (_what, crash, said) => {
      const run = await crashing(crash);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(said);
      expect(run.stderr).toMatch(/crashing: its processes are ended and its scratch folders removed \(exit 2\)\n$/);
      expect(existsSync(run.scratch)).toBe(false);
      // Killed and reaped by now, or about to be: give the kernel a moment.
      for (let waited = 0; alive(run.pid) && waited < 5_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(alive(run.pid)).toBe(false);
    },
    60_000,
  );
});
