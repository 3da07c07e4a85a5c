/*
 * Every command a person runs (npm run <command>) reads its command line the same way (command-line/program.cjs):
 * `--help` prints its usage and exit statuses and exits 0; an unknown flag, a bad value or a stray argument prints one
 * line, `<command>: <why> (see --help)`, on standard error, nothing on standard output, and exits 2 ("could not run"):
 * never a stack trace, never 1 or 0. The TypeScript commands run in this process (their main), each also once as
 * npm starts it; the plain-node ones as processes.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main as adopt } from "../scripts/adopt";
import { main as deploy } from "../scripts/deploy";
import { main as drift } from "../scripts/drift";
import { main as exceptions } from "../scripts/exceptions";
import { main as importPlan } from "../scripts/import-plan";
import { main as liveFixture } from "../scripts/live-fixture";
import { main as liveSnapshot } from "../scripts/live-snapshot";
import { main as overview } from "../scripts/overview";
import { main as rehearse } from "../scripts/rehearse";
import { main as review } from "../scripts/review";
import { main as stateProbe } from "../scripts/state-probe";
import { main as unmanaged } from "../scripts/unmanaged";

const ROOT = join(__dirname, "..");
/** Starting a command beside a full test run on two cores takes seconds. */
const SLOW = 120_000;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A file where a folder is expected, and a folder that does not exist. */
const scratch = mkdtempSync(join(tmpdir(), "commands-"));
const aFile = join(scratch, "a-file");
writeFileSync(aFile, "");
const missing = join(scratch, "missing");

/** Runs a command's main in this process, capturing what it writes. */
async function inProcess(main: (argv: readonly string[]) => number | Promise<number>, argv: readonly string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const capture = (stream: NodeJS.WriteStream, into: (text: string) => void): jest.SpyInstance =>
    jest.spyOn(stream, "write").mockImplementation(((chunk: string | Uint8Array) => (into(String(chunk)), true)) as typeof stream.write);
  const out = capture(process.stdout, (text) => (stdout += text));
  const err = capture(process.stderr, (text) => (stderr += text));
  try {
    return { status: await main(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** Runs a command as npm runs it: `node [--require tsx/cjs] scripts/<file> ...argv`, with no PSF_ESTATE_* choice. */
function asProcess(file: string, argv: readonly string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { TSX_DISABLE_CACHE: "1" };
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith("PSF_ESTATE_") && name !== "CDKTF_OUTDIR") env[name] = value;
  const loader = file.endsWith(".ts") ? ["--require", "tsx/cjs"] : [];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...loader, join(ROOT, "scripts", file), ...argv], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += String(chunk)));
    child.stderr.on("data", (chunk: Buffer) => (stderr += String(chunk)));
    child.once("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** What a usage problem must look like: exit 2, one line naming the command, nothing on standard output. */
function expectOneLine(run: Run, command: string, why: RegExp): void {
  const lines = run.stderr.split("\n").filter((line) => line !== "");
  expect({ status: run.status, stdout: run.stdout, lines: lines.length, trace: /\n\s+at /.test(run.stderr) }).toEqual({
    status: 2,
    stdout: "",
    lines: 1,
    trace: false,
  });
  expect(lines[0]).toMatch(new RegExp(`^${command}: `));
  expect(lines[0]).toMatch(why);
}

function expectHelp(run: Run, command: string): void {
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
  expect(run.stdout).toMatch(new RegExp(`^Usage: ${command} `));
  expect(run.stdout).toMatch(/\nExit status:\n\s+0 [\s\S]*\n\s+2 +could not run/);
}

type Main = (argv: readonly string[]) => number | Promise<number>;

/** The TypeScript commands: each one's main, the options it requires, and a bad value for it. */
const IN_PROCESS: ReadonlyArray<readonly [string, string, Main, readonly string[], readonly string[], RegExp]> = [
  [
    "rehearse",
    "rehearse.ts",
    rehearse,
    [],
    ["--concurrency", "0"],
    /^rehearse: option '--concurrency <n>' argument '0' is invalid\. give a whole number of at least 1 \(see --help\)$/,
  ],
  ["review", "review.ts", review, [], ["--format", "xml"], /argument 'xml' is invalid\. Allowed choices are markdown, text, json\. \(see --help\)$/],
  [
    "import-plan",
    "import-plan.ts",
    importPlan,
    [],
    ["--out-dir", missing],
    /^import-plan: option '--out-dir <dir>' argument '.*missing' is invalid\. no such folder \(see --help\)$/,
  ],
  ["overview", "overview.ts", overview, [], ["docs/estate.md"], /^overview: too many arguments\. Expected 0 arguments but got 1\. \(see --help\)$/],
  [
    "exceptions",
    "exceptions.ts",
    (argv) => exceptions(argv),
    [],
    ["--today", "2027-02-30"],
    /^exceptions: option '--today <day>' argument '2027-02-30' is invalid\. "2027-02-30" is not a date \(YYYY-MM-DD\) \(see --help\)$/,
  ],
  [
    "state:probe",
    "state-probe.ts",
    (argv) => stateProbe(argv, {}),
    [],
    ["the-bucket"],
    /^state:probe: too many arguments\. Expected 0 arguments but got 1\. \(see --help\)$/,
  ],
  [
    "deploy",
    "deploy.ts",
    (argv) => deploy(argv, { PSF_ESTATE_BACKEND: "local" }),
    ["--reviewed", aFile],
    ["--reviewed", aFile, "--auto-approve"],
    /^deploy: --auto-approve goes with --apply only$/,
  ],
  [
    "adopt",
    "adopt.ts",
    (argv) => adopt(argv, {}),
    [],
    ["--format", "xml"],
    /^adopt: option '--format <format>' argument 'xml' is invalid\. Allowed choices are .* \(see --help\)$/,
  ],
  [
    "drift",
    "drift.ts",
    (argv) => drift(argv, {}),
    [],
    ["--format", "html"],
    /^drift: option '--format <format>' argument 'html' is invalid\. Allowed choices are .* \(see --help\)$/,
  ],
  [
    "unmanaged",
    "unmanaged.ts",
    (argv) => unmanaged(argv, {}),
    [],
    ["--format", "csv"],
    /^unmanaged: option '--format <format>' argument 'csv' is invalid\. Allowed choices are .* \(see --help\)$/,
  ],
  [
    "live-snapshot",
    "live-snapshot.ts",
    (argv) => liveSnapshot(argv, {}),
    ["--output", join(scratch, "snapshot.json")],
    ["--output", join(scratch, "snapshot.json"), "--taken", "2027-02-30"],
    /^live-snapshot: option '--taken <day>' argument '2027-02-30' is invalid\. not a day \(YYYY-MM-DD\) \(see --help\)$/,
  ],
  [
    "live-fixture",
    "live-fixture.ts",
    liveFixture,
    [],
    ["snapshot.json"],
    /^live-fixture: too many arguments\. Expected 0 arguments but got 1\. \(see --help\)$/,
  ],
];

describe.each(IN_PROCESS)("npm run %s", (command, file, main, required, badValue, why) => {
  const unknown = [...required, "--no-such-flag"];
  it("has --help, with its exit statuses", async () => expectHelp(await inProcess(main, ["--help"]), command));
  it("answers an unknown flag in one line, exit 2", async () =>
    expectOneLine(await inProcess(main, unknown), command, /unknown option '--no-such-flag' \(see --help\)$/));
  it(`answers a bad value (${badValue.join(" ")}) in one line, exit 2`, async () => expectOneLine(await inProcess(main, badValue), command, why));
  it(
    "as npm starts it: an unknown flag, one line, exit 2",
    async () => expectOneLine(await asProcess(file, unknown), command, /unknown option '--no-such-flag' \(see --help\)$/),
    SLOW,
  );
});

/** The plain-node commands (no TypeScript loader: they start in a fraction of a second). */
const PROCESSES: ReadonlyArray<readonly [string, string, readonly string[], RegExp]> = [
  [
    "synth",
    "synth-app.mjs",
    ["--output", aFile],
    /^synth: option '--output <dir>' argument '.*a-file' is invalid\. it is a file, not a folder \(see --help\)$/,
  ],
  [
    "bench",
    "bench.mjs",
    ["--only", "synth,tset"],
    /^bench: option '--only <parts>' argument 'synth,tset' is invalid\. "tset" is not one of synth, rehearsal, scaled, review, test \(see --help\)$/,
  ],
  [
    "bindings",
    "generate-provider-bindings.mjs",
    ["--out", aFile],
    /^bindings: option '--out <dir>' argument '.*a-file' is invalid\. it is a file, not a folder \(see --help\)$/,
  ],
];

describe.each(PROCESSES)("npm run %s", (command, file, badValue, why) => {
  it("has --help, with its exit statuses", async () => expectHelp(await asProcess(file, ["--help"]), command), SLOW);
  it(
    "answers an unknown flag in one line, exit 2",
    async () => expectOneLine(await asProcess(file, ["--no-such-flag"]), command, /unknown option '--no-such-flag' \(see --help\)$/),
    SLOW,
  );
  it(
    `answers a bad value (${badValue.join(" ")}) in one line, exit 2`,
    async () => expectOneLine(await asProcess(file, badValue), command, why),
    SLOW,
  );
});

describe("values only the work itself can check", () => {
  it(
    "npm run synth refuses, before removing anything, an --output folder holding what no synthesis writes",
    async () => {
      expectOneLine(
        await asProcess("synth-app.mjs", ["--output", ROOT]),
        "synth",
        /argument '.*' is invalid\. it holds .*, which no synthesis writes: give a new folder \(see --help\)$/,
      );
    },
    SLOW,
  );

  it(
    "npm run bench refuses --runs 0 and --runs abc",
    async () => {
      for (const runs of ["0", "abc"])
        expectOneLine(
          await asProcess("bench.mjs", ["--runs", runs]),
          "bench",
          new RegExp(`argument '${runs}' is invalid\\. give a whole number of at least 1`),
        );
    },
    SLOW,
  );

  it(
    "npm run rehearse refuses --concurrency abc, and a stack the estate does not have with exit 2 after synthesis",
    async () => {
      expectOneLine(await inProcess(rehearse, ["--concurrency", "abc"]), "rehearse", /argument 'abc' is invalid/);
      const unknown = await inProcess(rehearse, ["no-such-stack", "--plan-only"]);
      expect(unknown.status).toBe(2);
      expect(unknown.stderr.trim().split("\n").at(-1)).toMatch(
        /^rehearse: could not run: no such stack: no-such-stack \(the estate has datadog, .*static-sites\)$/,
      );
    },
    SLOW,
  );

  it("npm run import-plan refuses a folder that is not a synthesis", async () => {
    expectOneLine(
      await inProcess(importPlan, ["--out-dir", scratch]),
      "import-plan",
      /^import-plan: could not run: --out-dir .* is not a synthesized cdktf\.out \(its manifest\.json: ENOENT\)/,
    );
  });

  it("npm run review says which --base-src is missing", async () => {
    const run = await inProcess(review, ["--base-src", missing, "--quiet"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^review: could not run: --base-src .*missing: no such folder$/m);
    expect(run.stderr).not.toMatch(/ENOENT|\n\s+at /);
  });
});
