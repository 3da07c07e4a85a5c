/**
 * The CLI end to end, as a child process: on fixture cdktf output directories (--base-dir/--head-dir),
 * and in git mode on a throwaway repository whose "app" copies JSON fixtures (no cdktf stacks needed).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { dnsStack, doStack, droplet, estate, record } from "./fixtures/estates";
import { writeOutDir } from "./fixtures/out-dir";

const REPO = path.resolve(__dirname, "..", "..");
const CLI = path.join(REPO, "scripts", "review.ts");
// `--import tsx` resolves from the working directory; the git-mode tests run elsewhere.
const TSX = pathToFileURL(path.join(REPO, "node_modules", "tsx", "dist", "loader.mjs")).href;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function review(args: readonly string[], cwd = REPO, env: NodeJS.ProcessEnv = process.env): Run {
  const result = spawnSync(process.execPath, ["--import", TSX, CLI, ...args], { cwd, env, encoding: "utf8", timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "review-cli-test-"));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe("review CLI on two cdktf output directories", () => {
  let base: string;
  let same: string;
  let zoneDeleted: string;
  beforeAll(() => {
    const baseEstate = estate({ dns: dnsStack(), "digitalocean-ams1": doStack("digitalocean-ams1") });
    base = writeOutDir(path.join(tmp, "base.out"), baseEstate);
    same = writeOutDir(path.join(tmp, "same.out"), baseEstate);
    const dns = dnsStack({ docs_a: record("docs.python.org", "A", ["151.101.0.223"]) });
    const resources = dns["resource"] as Record<string, unknown>;
    zoneDeleted = writeOutDir(path.join(tmp, "zone-deleted.out"), {
      dns: { ...dns, resource: { ...resources, aws_route53_zone: {} } },
      "digitalocean-ams1": doStack("digitalocean-ams1"),
    });
  });

  test("identical: exit 0, no changes", () => {
    const run = review(["--base-dir", base, "--head-dir", same]);
    expect(run.stderr).toMatch(/wall time/);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("No changes.");
  });

  test("protected delete without allowance: exit 1, flagged at the top", () => {
    const run = review(["--base-dir", base, "--head-dir", zoneDeleted]);
    expect(run.status).toBe(1);
    expect(run.stdout.split("\n").slice(0, 4).join("\n")).toContain("DANGEROUS CHANGES NOT ALLOWED (1)");
    expect(run.stdout).toContain("dns  aws_route53_zone.python_org: would be destroyed");
  });

  test("protected delete with an allowance (a .ts module like review/allowances.ts): exit 0", () => {
    const file = path.join(tmp, "allowances.ts");
    writeFileSync(
      file,
      'export const DESTRUCTION_ALLOWANCES = [{ stack: "dns", address: "aws_route53_zone.python_org", reason: "zone handed over to the registrar (test)" }];\n',
    );
    const run = review(["--base-dir", base, "--head-dir", zoneDeleted, "--allowances", file, "--format", "markdown"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("### Allowed destruction (1)");
    expect(run.stdout).toContain("zone handed over to the registrar (test)");
  });

  test("an allowance without a reason is an error: exit 2", () => {
    const file = path.join(tmp, "bad-allowances.json");
    writeFileSync(file, JSON.stringify([{ stack: "dns", address: "aws_route53_zone.python_org", reason: "" }]));
    const run = review(["--base-dir", base, "--head-dir", zoneDeleted, "--allowances", file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('"reason" must say why destroying aws_route53_zone.python_org is intended');
  });

  test("--format json --output writes parseable JSON with the exit status", () => {
    const output = path.join(tmp, "out", "review.json");
    const run = review(["--base-dir", base, "--head-dir", zoneDeleted, "--format", "json", "--output", output]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    const parsed = JSON.parse(readFileSync(output, "utf8")) as { exitStatus: number; report: { totals: Record<string, number> } };
    expect(parsed.exitStatus).toBe(1);
    expect(parsed.report.totals).toEqual({ create: 1, delete: 1, rename: 0, replace: 0, update: 0 });
  });

  test("a missing directory or a bad option is an error: exit 2", () => {
    expect(review(["--base-dir", base, "--head-dir", path.join(tmp, "nope")]).status).toBe(2);
    expect(review(["--base-dir", base, "--head-dir", same, "--format", "yaml"]).status).toBe(2);
  });
});

describe("review CLI in git mode (scratch checkouts, synthesis, exit codes)", () => {
  let repo: string;
  const git = (...args: string[]): void => {
    const result = spawnSync("git", ["-c", "user.name=review-test", "-c", "user.email=review-test@example.invalid", "-c", "commit.gpgsign=false", ...args], {
      cwd: repo,
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  };
  const writeStack = (name: string, json: unknown): void => {
    writeFileSync(path.join(repo, "stacks", `${name}.json`), JSON.stringify(json, null, 2));
  };

  beforeAll(() => {
    repo = path.join(tmp, "repo");
    mkdirSync(path.join(repo, "stacks"), { recursive: true });
    // Stands in for `node --import tsx main.ts`: copies stacks/*.json into CDKTF_OUTDIR like cdktf would,
    // and refuses to run with credentials in its environment (the review must not pass them on).
    writeFileSync(
      path.join(repo, "app.js"),
      `const fs = require("fs"), path = require("path");
if (process.env.DIGITALOCEAN_TOKEN || process.env.AWS_SECRET_ACCESS_KEY) throw new Error("credentials leaked into synthesis");
if (process.env.CI !== "1") throw new Error("CI=1 expected");
const out = process.env.CDKTF_OUTDIR;
const stacks = {};
for (const file of fs.readdirSync("stacks").sort()) {
  const name = file.replace(/\\.json$/, "");
  const json = JSON.parse(fs.readFileSync(path.join("stacks", file), "utf8"));
  // Like a local backend's remote state: an absolute path under the checkout, different in each one.
  json.data = { terraform_remote_state: { other: { backend: "local", config: { path: path.join(process.cwd(), "other.tfstate") } } } };
  fs.mkdirSync(path.join(out, "stacks", name), { recursive: true });
  fs.writeFileSync(path.join(out, "stacks", name, "cdk.tf.json"), JSON.stringify(json));
  stacks[name] = { name, synthesizedStackPath: "stacks/" + name + "/cdk.tf.json" };
}
fs.writeFileSync(path.join(out, "manifest.json"), JSON.stringify({ version: "0.21.0", stacks }));
`,
    );
    writeFileSync(path.join(repo, "cdktf.json"), JSON.stringify({ language: "typescript", app: "node app.js" }));
    writeFileSync(path.join(repo, ".gitignore"), "node_modules\nstacks/ignored.json\n");
    symlinkSync(path.join(REPO, "node_modules"), path.join(repo, "node_modules"), "dir");
    writeStack("digitalocean-ams1", doStack("digitalocean-ams1", { droplets: { mail: droplet("digitalocean-ams1", "mail", { preventDestroy: true }) } }));
    writeStack("dns", dnsStack());
    git("init", "--quiet", "--initial-branch=main");
    git("add", ".");
    git("commit", "--quiet", "-m", "base");
  });

  const secrets = { ...process.env, DIGITALOCEAN_TOKEN: "dop_v1_not_a_real_token", AWS_SECRET_ACCESS_KEY: "not-a-real-key" };

  test("working tree equal to the merge base: exit 0", () => {
    const run = review([], repo, secrets);
    expect(run.stderr).toMatch(/head: synth [\d.]+ s/);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Infrastructure review: base merge base of HEAD and main");
    expect(run.stdout).toContain("No changes.");
  });

  test("moving a protected droplet to another region: replacement flagged at the top, exit 1; untracked files count, ignored ones do not", () => {
    writeStack("digitalocean-ams1", doStack("digitalocean-ams1", { droplets: { mail: droplet("digitalocean-ams1", "mail", { preventDestroy: true, region: "nyc3" }) } }));
    writeStack("new-stack", { resource: { digitalocean_tag: { psf: { name: "psf" } } } });
    writeStack("ignored", { resource: { digitalocean_tag: { ignored: { name: "ignored" } } } });
    const run = review(["--base", "main", "--format", "markdown"], repo, secrets);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("### ⛔ Dangerous changes not allowed (1)");
    expect(run.stdout).toContain("`digitalocean_droplet.mail`: would be replaced (destroyed, then created again) because `region` changed");
    expect(run.stdout).toContain("| `new-stack` (new stack) | 2 | 0 | 0 | 0 | 0 |");
    expect(run.stdout).not.toContain("ignored");
  });

  test("renaming a construct id: a proposed move", () => {
    writeStack("digitalocean-ams1", doStack("digitalocean-ams1", { droplets: { mail_server: droplet("digitalocean-ams1", "mail", { preventDestroy: true }) } }));
    rmSync(path.join(repo, "stacks", "new-stack.json"));
    const run = review([], repo, secrets);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("keep it: call moveFromId(\"digitalocean_droplet.mail\") on digitalocean_droplet.mail_server");
    expect(run.stdout).toContain('resource.moveFromId("digitalocean_droplet.mail");');
  });

  test("a head that fails to synthesize: exit 2 with the synthesis error", () => {
    writeFileSync(path.join(repo, "stacks", "broken.json"), "{ not json");
    const run = review(["--format", "markdown"], repo, secrets);
    rmSync(path.join(repo, "stacks", "broken.json"));
    expect(run.status).toBe(2);
    expect(run.stdout).toContain("The review could not run:** head (working tree): synthesis failed");
    expect(run.stdout).toContain("SyntaxError");
  });

  test("outside a git repository without --base-dir/--head-dir: exit 2 with a clear message", () => {
    const run = review([], os.tmpdir());
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("is not inside a git repository");
  });
});
