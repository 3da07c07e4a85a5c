/*
 * When the review cannot see the whole change it says why and exits 2, never 1 ("dangerous") and never 0: an unusable
 * TMPDIR, a provider twin that dies, a Terraform that is killed, an untrusted synthesis that is not one. A damaged
 * cache of the base's state is rebuilt, never read as "no state". An interruption ends every process and leaves no
 * scratch folder.
 */
import { spawn } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { baseCacheFolder } from "../../review/base-cache";
import type { ReviewReport } from "../../review/report";
import { main } from "../../scripts/review";
import { runningGroups } from "../../twin/rehearsal/processes";
import { fixtureRepository, type FixtureRevision } from "../support/review-fixture";
import { holdLockForFile } from "../support/exclusive";

// Not beside another review test file: the attack test tampers with every review's scratch folders and cache.
holdLockForFile("review-tests");

const repoRoot = join(__dirname, "..", "..");
const heroku = { required_providers: { heroku: { source: "heroku/heroku", version: "~> 5.3" } } };
/** Three stacks of a few apps: enough planning for a test to step in while it runs. */
const REVISION: FixtureRevision = {
  stacks: Object.fromEntries(
    ["a", "b", "c"].map((name) => [
      name,
      {
        terraform: heroku,
        resource: { heroku_app: Object.fromEntries([1, 2, 3].map((i) => [`app${i}`, { name: `psf-${name}-${i}`, region: "us" }])) },
      },
    ]),
  ),
};

async function review(dir: string, extra: string[] = []): Promise<{ status: number; output: string }> {
  const output = join(dir, "..", `${dir.split("/").pop()}-review.json`);
  const status = await main(["--head-src", dir, "--base", "main", "--format", "json", "--output", output, ...extra]);
  return { status, output: existsSync(output) ? readFileSync(output, "utf8") : "" };
}

/** The review as `npm run review` starts it (tsx without its cache in TMPDIR), in a process of its own, with `env` on top of this one's. */
function cli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--require", "tsx/cjs", join(repoRoot, "scripts", "review.ts"), ...args], {
      cwd: repoRoot,
      env: { ...process.env, TSX_DISABLE_CACHE: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += String(chunk)));
    child.stderr.on("data", (chunk: Buffer) => (stderr += String(chunk)));
    child.once("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs `work` with the environment variable set, as a user's shell would have it. */
async function withEnv<T>(name: string, value: string, work: () => Promise<T>): Promise<T> {
  const before = process.env[name];
  process.env[name] = value;
  try {
    return await work();
  } finally {
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- process.env is node's object, and deleting is how a variable is unset (assigning undefined would set "undefined")
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  }
}

/** What the review printed on standard error while `work` ran. */
async function stderrOf<T>(work: () => Promise<T>): Promise<{ result: T; stderr: string }> {
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    return { result: await work(), stderr: written.join("") };
  } finally {
    spy.mockRestore();
  }
}

describe("a review that cannot see the whole change", () => {
  it("exits 2 with TMPDIR that is not a folder, naming it", async () => {
    // A process of its own: TMPDIR is read from the process's environment.
    const notAFolder = join(mkdtempSync(join(tmpdir(), "tmpdir-")), "file");
    writeFileSync(notAFolder, "");
    const { status, stderr, stdout } = await cli(
      ["--head-src", fixtureRepository(REVISION, REVISION), "--base", "main", "--format", "json", "--quiet"],
      { TMPDIR: notAFolder },
    );
    expect(status).toBe(2);
    expect(stderr).toMatch(/could not run: cannot make a scratch folder in \S+\/file \(it is not a folder, ENOTDIR\): set TMPDIR/);
    expect(JSON.parse(stdout)).toMatchObject({ exitStatus: 2, error: { message: expect.stringMatching(/TMPDIR/) } });
  }, 60_000);

  it("exits 2 when Terraform is killed, naming the stack and the signal", async () => {
    const wrapper = join(mkdtempSync(join(tmpdir(), "terraform-")), "terraform");
    // The real Terraform, but killed when the review reads its plan (`show`).
    writeFileSync(wrapper, `#!/bin/sh\nif [ "$1" = show ]; then kill -9 $$; fi\nexec terraform "$@"\n`);
    chmodSync(wrapper, 0o755);
    const result = await withEnv("PSF_ESTATE_TERRAFORM", wrapper, () => review(fixtureRepository(REVISION, REVISION), ["--quiet"]));
    expect(result.status).toBe(2);
    expect(JSON.parse(result.output).error.message).toMatch(/Terraform was killed \(SIGKILL\) \(stack [abc], show\)/);
  }, 120_000);

  it("exits 2 when the provider twin dies while the head is planned, in one line", async () => {
    const { result, stderr } = await stderrOf(async () => {
      const running = review(fixtureRepository(REVISION, REVISION));
      const twinOf = (): ReturnType<typeof runningGroups>[number] | undefined =>
        runningGroups().find((child) => child.spawnargs.some((arg) => /twin-[0-9a-f]+\.cjs$/.test(arg)));
      // Wait for the head's rehearsal (the base's, if it runs, comes first) and kill its twin, as a crash would.
      for (let waited = 0; waited < 60_000; waited += 20) {
        const said = (process.stderr.write as unknown as jest.Mock).mock.calls.map((c) => String(c[0])).join("");
        const planning = said.slice(said.indexOf("planning the head"));
        const twin = said.includes("planning the head") && /: init done/.test(planning) ? twinOf() : undefined;
        if (twin?.pid !== undefined) {
          process.kill(twin.pid, "SIGKILL");
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return running;
    });
    expect(result.status).toBe(2);
    expect(stderr).toMatch(/review: could not run: the review could not plan the head: the provider twin stopped \(killed by SIGKILL\)/);
    expect(stderr.split("\n").filter((line) => /plugin|not compiled/i.test(line))).toEqual([]);
  }, 120_000);

  it("exits 2 on a head synthesis that is not one (a symbolic link in it), naming the file", async () => {
    const dir = fixtureRepository(REVISION, REVISION);
    const synthesis = mkdtempSync(join(tmpdir(), "head-synthesis-"));
    for (const kind of ["local", "cloud"]) {
      mkdirSync(join(synthesis, kind, "stacks", "a"), { recursive: true });
      writeFileSync(
        join(synthesis, kind, "manifest.json"),
        JSON.stringify({
          stacks: { a: { name: "a", dependencies: [], synthesizedStackPath: "stacks/a/cdk.tf.json", workingDirectory: "stacks/a" } },
        }),
      );
      symlinkSync("/etc/passwd", join(synthesis, kind, "stacks", "a", "cdk.tf.json"));
    }
    const result = await review(dir, ["--quiet", "--head-synthesis", synthesis]);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.output).error.message).toMatch(/stacks\/a\/cdk\.tf\.json is not a regular file \(a symbolic link\)/);
  }, 60_000);
});

describe("a damaged cache of the base's state", () => {
  it("is rebuilt: an emptied state file gives No changes on an unchanged tree, not phantom creates", async () => {
    const dir = fixtureRepository(REVISION, REVISION);
    expect((await review(dir, ["--quiet"])).status).toBe(0);
    const folder = baseCacheFolder(repoRoot);
    const emptied = readdirSync(folder).filter((entry) => existsSync(join(folder, entry, "terraform.a.tfstate")));
    for (const entry of emptied) truncateSync(join(folder, entry, "terraform.a.tfstate"), 0);
    expect(emptied.length).toBeGreaterThan(0);
    const again = await review(dir, ["--quiet"]);
    expect(again.status).toBe(0);
    expect((JSON.parse(again.output) as ReviewReport).noChanges).toBe(true);
  }, 120_000);
});

describe("an interrupted review", () => {
  it("ends every process it started, removes its scratch folders and exits 2", async () => {
    const scratch = mkdtempSync(join(tmpdir(), "interrupted-"));
    const dir = fixtureRepository(REVISION, REVISION);
    const child = spawn(
      process.execPath,
      ["--require", "tsx/cjs", join(repoRoot, "scripts", "review.ts"), "--head-src", dir, "--base", "main", "--format", "json"],
      {
        cwd: repoRoot,
        env: { ...process.env, TSX_DISABLE_CACHE: "1", TMPDIR: scratch },
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let stderr = "";
    const done = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await new Promise<void>((resolve) =>
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += String(chunk);
        if (/: (init|plan) done/.test(stderr)) resolve();
      }),
    );
    child.kill("SIGTERM");
    expect(await done).toBe(2);
    expect(stderr).toMatch(/review: interrupted by SIGTERM; its processes are ended and its scratch folders removed \(exit 2/);
    expect(readdirSync(scratch)).toEqual([]);
    // No process is left working in its scratch folders.
    const left = readdirSync("/proc")
      .filter((pid) => /^\d+$/.test(pid))
      .filter((pid) => {
        try {
          return readlinkSync(`/proc/${pid}/cwd`).startsWith(scratch);
        } catch {
          return false;
        }
      });
    expect(left).toEqual([]);
  }, 120_000);
});
