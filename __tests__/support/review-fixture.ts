/*
 * A small project the review can run on: a git repository whose cdktf app writes hand-written stacks
 * (with local state, as the estate's), so a test drives `npm run review` end to end, with the real
 * Terraform and the provider twin, in seconds instead of the whole estate's minute.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** Stacks by name; each a Terraform JSON configuration without its backend (the app adds it). */
export type FixtureStacks = Readonly<Record<string, Record<string, unknown>>>;

export interface FixtureRevision {
  readonly stacks: FixtureStacks;
  /** review/allowances.json of this revision. @default none */
  readonly allowances?: readonly unknown[];
  /** Extra attributes the app adds to a stack's configuration when PSF_ESTATE_BACKEND=cloud (a deploy): by stack. @default none */
  readonly deployOnly?: Readonly<Record<string, Record<string, unknown>>>;
  /** Per stack, a backend path other than the estate's convention. @default the convention */
  readonly backendPaths?: Readonly<Record<string, string>>;
  /** Other files of the revision, by path. @default none */
  readonly files?: Readonly<Record<string, string>>;
}

// The app: local state beside cdktf.out as the estate's stacks keep it, Terraform Cloud for a deploy.
const APP = `
const { mkdirSync, readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const fixture = JSON.parse(readFileSync(join(__dirname, "fixture.json"), "utf8"));
const out = process.env.CDKTF_OUTDIR;
const deploy = process.env.PSF_ESTATE_BACKEND === "cloud";
const manifest = { stacks: {} };
for (const [name, config] of Object.entries(fixture.stacks)) {
  const backend = deploy
    ? { cloud: { hostname: "app.terraform.io", organization: "psf", workspaces: { name: "psf-estate-" + name } } }
    : { backend: { local: { path: (fixture.backendPaths || {})[name] || "../../../terraform." + name + ".tfstate" } } };
  const stack = { ...config, ...(deploy ? (fixture.deployOnly || {})[name] || {} : {}), terraform: { ...(config.terraform || {}), ...backend } };
  mkdirSync(join(out, "stacks", name), { recursive: true });
  writeFileSync(join(out, "stacks", name, "cdk.tf.json"), JSON.stringify(stack, null, 2));
  const dependencies = Object.values((config.data || {}).terraform_remote_state || {}).map((r) => /terraform\\.(.+)\\.tfstate/.exec(r.config.path)[1]);
  manifest.stacks[name] = { name, dependencies, workingDirectory: "stacks/" + name, synthesizedStackPath: "stacks/" + name + "/cdk.tf.json" };
}
writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest, null, 2));
`;

function write(dir: string, revision: FixtureRevision): void {
  mkdirSync(join(dir, "review"), { recursive: true });
  writeFileSync(join(dir, "cdktf.json"), JSON.stringify({ language: "typescript", app: "node app.js" }));
  writeFileSync(join(dir, "app.js"), APP);
  writeFileSync(
    join(dir, "fixture.json"),
    JSON.stringify({ stacks: revision.stacks, deployOnly: revision.deployOnly ?? {}, backendPaths: revision.backendPaths ?? {} }, null, 2),
  );
  writeFileSync(join(dir, "review", "allowances.json"), JSON.stringify(revision.allowances ?? [], null, 2));
  for (const [path, text] of Object.entries(revision.files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

// A fixed date makes the same base the same commit in every run, so the review's cache of the base's state is reused.
const FIXED_DATE = "2026-01-01T00:00:00Z";

function git(dir: string, ...args: string[]): void {
  execFileSync("git", ["-c", "user.name=fixture", "-c", "user.email=fixture@example.org", "-c", "commit.gpgsign=false", ...args], {
    cwd: dir,
    stdio: "pipe",
    env: { ...process.env, GIT_AUTHOR_DATE: FIXED_DATE, GIT_COMMITTER_DATE: FIXED_DATE },
  });
}

/** A repository with `base` committed on main and `head` as its working tree. */
export function fixtureRepository(base: FixtureRevision, head: FixtureRevision): string {
  const dir = mkdtempSync(join(tmpdir(), "review-fixture-"));
  git(dir, "init", "-q", "-b", "main");
  write(dir, base);
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "base");
  write(dir, head);
  return dir;
}
