/**
 * npm run deploy (scripts/deploy.ts, the work in deploy/): it plans and applies only the configuration a clean review judged. Offline,
 * each refusal (a stack that differs, a review that was not clean, a state departing from the convention) stops it
 * before Terraform with exit 1, and each bad argument with exit 2, each in one line. Through the real Terraform
 * against the provider twin (local state in a scratch folder), two small stacks are planned and applied, and the
 * private scratch folder with its saved plans is gone afterwards, after an interruption too.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { configurationHashes, type ConfigurationHashes } from "../review/reviewed-configuration";
import { readSynthesisOutput, type SynthesisOutput } from "../review/synthesis-output";
import { deployOrder, refusalReason } from "../deploy/comparison";
import { readReviewReport } from "../deploy/reviewed-report";
import { synthesisEnvironment } from "../deploy/run";
import { DeployStop } from "../deploy/stop";
import { main } from "../scripts/deploy";
import { cachedBundle } from "../bundling/cached-bundle.cjs";
import { conventionalBackend } from "../stacks/state-backend";
import { installTwin } from "../twin/rehearsal/twin-installation";
import { rehearsalVariableValues, type VariableDeclaration } from "../twin/rehearsal/variables";
import { startTwin } from "../twin/rehearsal/rehearse";
import { defined } from "./support/defined";

const ROOT = join(__dirname, "..");
/** For what starts the command or synthesizes: seconds each alone, many more beside a full test run on two cores. */
const SLOW = 120_000;
const LOCAL = { kind: "local" } as const;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `npm run deploy` as a person would (node with tsx, as package.json does), with `env` as its whole environment. */
function runDeploy(args: readonly string[], env: NodeJS.ProcessEnv, onStderr?: (text: string, child: ChildProcess) => void): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--require", "tsx/cjs", join(ROOT, "scripts", "deploy.ts"), ...args], {
      cwd: ROOT,
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    child.stdin.end();
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += String(chunk)));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += String(chunk);
      onStderr?.(stderr, child);
    });
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** The environment without any PSF_ESTATE_* choice or Terraform setting of the machine running the tests. */
function baseEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith("PSF_ESTATE_") && !name.startsWith("TF_")) env[name] = value;
  return { ...env, ...extra };
}

const lines = (text: string): string[] =>
  text
    .trim()
    .split("\n")
    .filter((line) => line !== "");
const last = (text: string): string => lines(text).at(-1) ?? "";

let scratch: string;
let output: SynthesisOutput;
let reviewed: ConfigurationHashes;
const report = (name: string, body: unknown): string => {
  const file = join(scratch, name);
  writeFileSync(file, typeof body === "string" ? body : JSON.stringify(body));
  return file;
};
let clean: string;
let dnsDiffers: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "deploy-test-"));
  // The review's JSON report is being rebuilt; until it writes `reviewed`, the fixture is the hashes of a synthesis.
  const synthesized = join(scratch, "synthesized");
  const synth = spawnSync(process.execPath, [join(ROOT, "scripts", "synth-app.mjs"), "--output", synthesized], {
    cwd: ROOT,
    env: baseEnv({ PSF_ESTATE_BACKEND: "local" }),
    encoding: "utf8",
  });
  if (synth.status !== 0) throw new Error(`synthesis failed: ${synth.stderr}`);
  output = readSynthesisOutput(synthesized);
  reviewed = configurationHashes(output.configurations, LOCAL).hashes;
  clean = report("clean.json", { base: "main@0123456789", head: "pull request head", exitStatus: 0, reviewed });
  const otherDns = { configuration: `sha256:${"1".repeat(64)}`, stacks: { ...reviewed.stacks, dns: `sha256:${"0".repeat(64)}` } };
  dnsDiffers = report("dns-differs.json", { base: "main", head: "an older head", exitStatus: 0, reviewed: otherDns });
}, SLOW);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("npm run deploy refuses what was not reviewed, before Terraform runs", () => {
  it(
    "names the stack whose hash differs from the report's, exits 1 and says to review again",
    async () => {
      const stateDir = mkdtempSync(join(scratch, "state-"));
      // No Terraform at all: a refusal must come before it is needed.
      const run = await runDeploy(
        ["--reviewed", dnsDiffers, "--local-state-dir", stateDir],
        baseEnv({ PSF_ESTATE_BACKEND: "local", PSF_ESTATE_TERRAFORM: join(scratch, "no-terraform") }),
      );
      expect({ status: run.status, last: last(run.stderr) }).toEqual({
        status: 1,
        last: expect.stringMatching(
          /^deploy: refused, nothing planned: dns differs from the configuration the review judged\. Review this commit again .*"Deploying what was reviewed"/,
        ),
      });
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).toBe("");
      expect(readdirSync(stateDir)).toEqual([]);
    },
    SLOW,
  );

  it(
    "refuses a review that was not clean (a dangerous change), without synthesizing",
    async () => {
      const dangerous = report("dangerous.json", { base: "main", head: "head", exitStatus: 1, reviewed });
      const run = await runDeploy(["--reviewed", dangerous], baseEnv({ PSF_ESTATE_BACKEND: "cloud" }));
      expect({ status: run.status, stderr: lines(run.stderr) }).toEqual({
        status: 1,
        stderr: [
          expect.stringMatching(/^deploy: refused, nothing planned: the review in .*dangerous\.json exited 1 \(a dangerous change left unallowed\)/),
        ],
      });
      expect(run.stderr).not.toContain("synthesizing");
    },
    SLOW,
  );

  it("refuses a state that departs from the convention, and a stack added or removed since the review", () => {
    const configurations = new Map(output.configurations);
    const gandi = structuredClone(defined(configurations.get("gandi"))) as { terraform: Record<string, unknown> };
    gandi.terraform = { ...gandi.terraform, backend: { http: { address: "https://state.example.net/gandi" } } };
    delete gandi.terraform["cloud"];
    configurations.set("gandi", gandi);
    expect(conventionalBackend("gandi", LOCAL)).not.toEqual({ backend: gandi.terraform["backend"] });
    const departing = configurationHashes(configurations, LOCAL);
    expect(refusalReason(reviewed, departing, [])).toMatch(
      /^the state of gandi \(backend keeps its state at .*state\.example\.net.*\) departs from the estate's convention/,
    );
    // Named alone, another stack is still refused: a departure anywhere is.
    expect(refusalReason(reviewed, departing, ["static-sites"])).toMatch(/departs from the estate's convention/);

    const added = new Map(output.configurations).set("extra", { terraform: conventionalBackend("extra", LOCAL), resource: {} });
    expect(refusalReason(reviewed, configurationHashes(added, LOCAL), [])).toBe(
      "extra (not in the reviewed configuration) differs from the configuration the review judged",
    );
    const removed = new Map(output.configurations);
    removed.delete("pingdom");
    expect(refusalReason(reviewed, configurationHashes(removed, LOCAL), [])).toBe(
      "pingdom (reviewed, but not synthesized here) differs from the configuration the review judged",
    );
    expect(refusalReason(reviewed, configurationHashes(output.configurations, LOCAL), [])).toBeUndefined();
    // Named alone, dns is refused by a report that differs for it; static-sites, named alone, is not.
    const otherDns = { ...reviewed, stacks: { ...reviewed.stacks, dns: `sha256:${"0".repeat(64)}` } };
    expect(refusalReason(otherDns, configurationHashes(output.configurations, LOCAL), ["dns"])).toBe(
      "dns differs from the configuration the review judged",
    );
    expect(refusalReason(otherDns, configurationHashes(output.configurations, LOCAL), ["static-sites"])).toBeUndefined();
    expect(
      refusalReason(
        reviewed,
        configurationHashes(output.configurations, {
          kind: "cloud",
          organization: "psf",
          workspacePrefix: "psf-estate-",
          hostname: "app.terraform.io",
        }),
        [],
      ),
    ).toMatch(/departs/);
  });

  it("reads only a clean review's hashes from a report", () => {
    expect(readReviewReport(clean)).toEqual({ reviewed, head: "pull request head", base: "main@0123456789" });
    const stop = (file: string): [number, string] => {
      try {
        readReviewReport(file);
      } catch (error) {
        if (error instanceof DeployStop) return [error.status, error.message];
        throw error;
      }
      return [0, ""];
    };
    expect(stop(report("could-not-run.json", { exitStatus: 2 }))).toEqual([1, expect.stringMatching(/exited 2 \(the review could not run\)/)]);
    expect(stop(report("bad-hash.json", { exitStatus: 0, reviewed: { configuration: "md5:x", stacks: {} } }))).toEqual([
      2,
      expect.stringMatching(/is not a review's JSON report \(reviewed\.configuration: not a sha256/),
    ]);
  });

  it("deploys the selected stacks each after the stacks it reads, and nothing else", () => {
    const some = deployOrder(["gandi", "static-sites", "dns", "digitalocean-nyc1"], output.dependencies);
    expect([...some].sort()).toEqual(["digitalocean-nyc1", "dns", "gandi", "static-sites"]);
    expect(some.indexOf("digitalocean-nyc1")).toBeLessThan(some.indexOf("dns"));
    expect(some.indexOf("dns")).toBeLessThan(some.indexOf("gandi"));
    expect(deployOrder(["fastly", "heroku"], output.dependencies)).toEqual(["heroku", "fastly"]);
    const all = deployOrder([...output.configurations.keys()], output.dependencies);
    for (const [stack, reads] of output.dependencies)
      for (const read of reads) expect({ stack, read, before: all.indexOf(read) < all.indexOf(stack) }).toEqual({ stack, read, before: true });
  });

  it("synthesizes without credentials, with the PSF_ESTATE_* choices", () => {
    const env = synthesisEnvironment({
      PATH: "/bin",
      PSF_ESTATE_BACKEND: "cloud",
      DIGITALOCEAN_TOKEN: "x",
      AWS_SECRET_ACCESS_KEY: "x",
      AWS_PROFILE: "x",
      DD_APP_KEY: "x",
      TF_TOKEN_app_terraform_io: "x",
      TF_VAR_fastly_origin_token: "x",
      GANDI_PERSONAL_ACCESS_TOKEN: "x",
      CDKTF_OUTDIR: "/elsewhere",
    });
    expect(env).toEqual({ PATH: "/bin", PSF_ESTATE_BACKEND: "cloud" });
  });
});

/** Runs the command in this process, as `npm run deploy` would with `env`, capturing what it writes. */
async function runInProcess(args: readonly string[], env: NodeJS.ProcessEnv): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const capture = (stream: NodeJS.WriteStream, into: (text: string) => void) =>
    jest.spyOn(stream, "write").mockImplementation(((chunk: string | Uint8Array) => (into(String(chunk)), true)) as typeof stream.write);
  const out = capture(process.stdout, (text) => (stdout += text));
  const err = capture(process.stderr, (text) => (stderr += text));
  try {
    const status = await main(args, env);
    return { status, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe("npm run deploy: what it cannot run with, exit 2 in one line", () => {
  const cases: ReadonlyArray<[string, () => readonly string[], NodeJS.ProcessEnv, RegExp]> = [
    ["an unknown flag", () => ["--reviewed", clean, "--aply"], { PSF_ESTATE_BACKEND: "local" }, /^deploy: unknown option '--aply' \(see --help\)$/],
    ["no report", () => [], { PSF_ESTATE_BACKEND: "local" }, /^deploy: required option '--reviewed <file>' not specified/],
    ["no backend chosen", () => ["--reviewed", clean], {}, /^deploy: PSF_ESTATE_BACKEND is not set, .* set PSF_ESTATE_BACKEND=cloud .*, s3 or local/],
    [
      "an s3 backend without its bucket",
      () => ["--reviewed", clean],
      { PSF_ESTATE_BACKEND: "s3" },
      /^deploy: PSF_ESTATE_BACKEND=s3 needs PSF_ESTATE_S3_BUCKET/,
    ],
    [
      "a report that is not there",
      () => ["--reviewed", join(scratch, "missing.json")],
      { PSF_ESTATE_BACKEND: "local" },
      /^deploy: cannot read the review report --reviewed .*missing\.json \(ENOENT\)$/,
    ],
    [
      "a report that is not JSON",
      () => ["--reviewed", report("text.json", "Nothing dangerous.\n")],
      { PSF_ESTATE_BACKEND: "local" },
      /^deploy: --reviewed .*text\.json is not JSON/,
    ],
    [
      "a report that names no reviewed configuration",
      () => ["--reviewed", report("old.json", { exitStatus: 0, head: "h", base: "b" })],
      { PSF_ESTATE_BACKEND: "local" },
      /names no reviewed configuration .* review again$/,
    ],
    [
      "--auto-approve without --apply",
      () => ["--reviewed", clean, "--auto-approve"],
      { PSF_ESTATE_BACKEND: "local" },
      /^deploy: --auto-approve goes with --apply only$/,
    ],
    [
      "--local-state-dir with remote state",
      () => ["--reviewed", clean, "--local-state-dir", scratch],
      { PSF_ESTATE_BACKEND: "cloud" },
      /^deploy: --local-state-dir is for PSF_ESTATE_BACKEND=local/,
    ],
  ];

  it.each(cases)("%s", async (_what, args, env, message) => {
    const run = await runInProcess(args(), env);
    expect({ status: run.status, stderr: lines(run.stderr), stdout: run.stdout }).toEqual({
      status: 2,
      stderr: [expect.stringMatching(message)],
      stdout: "",
    });
  });

  it("documents its exit statuses in --help", async () => {
    const run = await runInProcess(["--help"], {});
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Exit status:\n\s+0 +done[\s\S]*\n\s+1 +refused[\s\S]*\n\s+2 +could not run/);
    expect(run.stdout).toMatch(/uploads the\s+stack's folder/);
  });

  it(
    "as a command: an unknown flag, and --apply with no terminal to ask on, each one line on standard error",
    async () => {
      const unknown = await runDeploy(["--reviewed", clean, "--aply"], baseEnv({ PSF_ESTATE_BACKEND: "local" }));
      const noTerminal = await runDeploy(["--reviewed", clean, "--apply"], baseEnv({ PSF_ESTATE_BACKEND: "local" }));
      expect([unknown, noTerminal].map((run) => ({ status: run.status, stderr: lines(run.stderr), stdout: run.stdout }))).toEqual([
        { status: 2, stderr: ["deploy: unknown option '--aply' (see --help)"], stdout: "" },
        {
          status: 2,
          stderr: [
            expect.stringMatching(
              /^deploy: --apply asks before each apply, and standard input is not a terminal: run it on one, or add --auto-approve$/,
            ),
          ],
          stdout: "",
        },
      ]);
    },
    SLOW,
  );

  it(
    "a stack the estate does not have, named after synthesis, in one last line",
    async () => {
      const run = await runDeploy(["--reviewed", clean, "no-such-stack", "--local-state-dir", scratch], baseEnv({ PSF_ESTATE_BACKEND: "local" }));
      expect({ status: run.status, last: last(run.stderr) }).toEqual({
        status: 2,
        last: expect.stringMatching(/^deploy: no such stack: no-such-stack \(the estate has datadog, .*static-sites\)$/),
      });
      expect(run.stderr).not.toMatch(/\n\s+at /);
    },
    SLOW,
  );
});

describe("npm run deploy through the real Terraform against the provider twin", () => {
  let twin: ChildProcess | undefined;
  let env: NodeJS.ProcessEnv;
  const STACKS = ["static-sites", "digitalocean-nyc3"];

  beforeAll(async () => {
    const started = await startTwin({ root: ROOT, twinBundle: cachedBundle("twin/plugin.ts", "twin", { bundlePackages: true }) });
    twin = started.twin;
    const installation = mkdtempSync(join(scratch, "twin-"));
    env = { ...installTwin(installation, ROOT, baseEnv(), started.port).env, PSF_ESTATE_BACKEND: "local" };
    // The stacks' variables, as a person gives them (TF_VAR_*): the rehearsal's placeholders.
    for (const stack of STACKS) {
      const declared = (output.configurations.get(stack) as { variable?: Record<string, VariableDeclaration> }).variable ?? {};
      for (const [name, value] of Object.entries(rehearsalVariableValues(declared))) env[`TF_VAR_${name}`] = JSON.stringify(value);
    }
  }, SLOW);

  afterAll(() => {
    twin?.stdin?.end();
    twin?.kill();
  });

  const savedPlans = (stderr: string): string[] => [...stderr.matchAll(/saving the plan in (\S+)/g)].map((m) => defined(m[1]));

  it(
    "plans and applies the named stacks, with only their hashes checked, leaves the state and removes the scratch folder with its plans",
    async () => {
      const stateDir = join(scratch, "state");
      mkdirSync(stateDir);
      // The report differs for dns, which is not named: only the named stacks' hashes count.
      const run = await runDeploy(["--reviewed", dnsDiffers, ...STACKS, "--apply", "--auto-approve", "--local-state-dir", stateDir], env);
      expect({ status: run.status, last: last(run.stderr) }).toEqual({ status: 0, last: "deploy: done: applied digitalocean-nyc3, static-sites" });
      expect(run.stdout).toMatch(
        /Plan: 3 to add, 0 to change, 0 to destroy\.[\s\S]*Apply complete! Resources: 3 added[\s\S]*Plan: 6 to add, 0 to change, 0 to destroy\.[\s\S]*Apply complete! Resources: 6 added/,
      );
      expect(readdirSync(stateDir).sort()).toEqual(["terraform.digitalocean-nyc3.tfstate", "terraform.static-sites.tfstate"]);
      const plans = savedPlans(run.stderr);
      expect(plans.map((plan) => plan.split("/").slice(-3).join("/"))).toEqual([
        expect.stringMatching(/^\.psf-estate-deploy-\w+\/plans\/digitalocean-nyc3\.tfplan$/),
        expect.stringMatching(/^\.psf-estate-deploy-\w+\/plans\/static-sites\.tfplan$/),
      ]);
      for (const plan of plans)
        expect({ plan, exists: existsSync(plan), scratch: existsSync(dirname(dirname(plan))) }).toEqual({ plan, exists: false, scratch: false });

      // Again: nothing to change, nothing applied, nothing asked.
      const again = await runDeploy(["--reviewed", clean, ...STACKS, "--apply", "--auto-approve", "--local-state-dir", stateDir], env);
      expect({ status: again.status, last: last(again.stderr) }).toEqual({
        status: 0,
        last: "deploy: done: applied nothing; no changes in digitalocean-nyc3, static-sites",
      });
      expect(readdirSync(stateDir).sort()).toEqual(["terraform.digitalocean-nyc3.tfstate", "terraform.static-sites.tfstate"]);
      expect(JSON.parse(readFileSync(join(stateDir, "terraform.static-sites.tfstate"), "utf8")).resources.length).toBeGreaterThan(0);
    },
    SLOW,
  );

  it(
    "stops on SIGTERM while Terraform plans: exit 2, and the private scratch folder and its plan are gone",
    async () => {
      const stateDir = mkdtempSync(join(scratch, "interrupted-"));
      let sent = false;
      let mode: number | undefined;
      const run = await runDeploy(
        ["--reviewed", clean, "static-sites", "--apply", "--auto-approve", "--local-state-dir", stateDir],
        env,
        (stderr, child) => {
          const plan = savedPlans(stderr)[0];
          if (sent || plan === undefined || !/terraform plan /.test(stderr)) return;
          sent = true;
          mode = statSync(dirname(dirname(plan))).mode & 0o777;
          child.kill("SIGTERM");
        },
      );
      expect({ status: run.status, last: last(run.stderr), mode }).toEqual({
        status: 2,
        last: expect.stringMatching(/^deploy: interrupted \(SIGTERM\) during static-sites's terraform plan; nothing applied before it$/),
        mode: 0o700,
      });
      const plan = defined(savedPlans(run.stderr)[0]);
      expect({
        plan: existsSync(plan),
        scratch: existsSync(dirname(dirname(plan))),
        left: readdirSync(stateDir).filter((entry) => entry.startsWith(".psf-estate-deploy-")),
      }).toEqual({ plan: false, scratch: false, left: [] });
    },
    SLOW,
  );
});
