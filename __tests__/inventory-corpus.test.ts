/*
 * A corpus of bad inventories: each a small edit of the PSF's own, each rejected with exactly one problem that
 * names the item and the field, as `<item> field "<field>": <problem>`. A handful go through the real synth
 * command, which must print that message once, without a stack trace, exit 1 and leave no output behind; and a
 * source that does not compile must print esbuild's file, line and message once, the same way.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEstate, PSF_INVENTORY } from "../inventory";
import type { EstateInventory } from "../inventory";
import { CORPUS, expectRefusedByPolicy, expectRejected, POLICY_REFUSALS } from "./support/inventory-corpus";

describe("the corpus of bad inventories", () => {
  it("is large enough, and its cases are distinct", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(75);
    expect(new Set(CORPUS.map((c) => c.name)).size).toBe(CORPUS.length);
  });

  it("starts from an inventory that is accepted", () => {
    expect(() => loadEstate(JSON.parse(JSON.stringify(PSF_INVENTORY)) as EstateInventory)).not.toThrow();
  });

  it.each(CORPUS)("rejects $name with one message naming $item and field $field", (input) => expectRejected(PSF_INVENTORY, input));
});

describe("the corpus of inventories the policy refuses when synthesis ends", () => {
  it.each(POLICY_REFUSALS)(
    "refuses $name with one problem naming $item and field $field",
    (refusal) => expectRefusedByPolicy(PSF_INVENTORY, refusal),
    60_000,
  );
});

describe("the synth command on a bad inventory or a bad source", () => {
  const root = join(__dirname, "..");
  // A copy of what `npm run synth` compiles; node_modules is the project's, package by package, so that the
  // copy's build cache stays in the copy.
  const copy = mkdtempSync(join(tmpdir(), "psf-estate-corpus-"));
  for (const path of [
    "main.ts",
    "inventory",
    "values",
    "constructs",
    "stacks",
    "synthesis",
    "policy",
    "adoption",
    "provider-schemas",
    ".gen",
    "command-line",
    "bundling",
  ])
    cpSync(join(root, path), join(copy, path), { recursive: true });
  mkdirSync(join(copy, "scripts"));
  cpSync(join(root, "scripts", "synth-app.mjs"), join(copy, "scripts", "synth-app.mjs"));
  mkdirSync(join(copy, "node_modules"));
  for (const entry of readdirSync(join(root, "node_modules")).filter((e) => e !== ".cache"))
    symlinkSync(join(root, "node_modules", entry), join(copy, "node_modules", entry));

  /** Runs the synth command in the copy with `file` (relative to the project) edited by `change`, then restores it. */
  function synthWith(file: string, change: (source: string) => string): { status: number | null; stderr: string; outdir: string } {
    const original = readFileSync(join(root, file), "utf8");
    const changed = change(original);
    expect(changed).not.toBe(original);
    writeFileSync(join(copy, file), changed);
    const outdir = join(copy, "cdktf.out");
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.CDKTF_OUTDIR;
    try {
      const result = spawnSync(process.execPath, [join(copy, "scripts", "synth-app.mjs"), "--output", outdir], { cwd: copy, env, encoding: "utf8" });
      return { status: result.status, stderr: result.stderr, outdir };
    } finally {
      writeFileSync(join(copy, file), original);
    }
  }

  const replace =
    (from: string, to: string) =>
    (source: string): string =>
      source.replace(from, to);

  // The two examples through the real command; the corpus above covers the rest in-process.
  it.each([
    {
      name: "a boolean written as a string",
      file: "inventory/hosts.ts",
      change: replace(
        'issues.roundup-tracker.org", image: "ubuntu-22-04-x64", size: "s-4vcpu-8gb", holdsData: true',
        'issues.roundup-tracker.org", image: "ubuntu-22-04-x64", size: "s-4vcpu-8gb", holdsData: "no"',
      ),
      message: 'host "bugs.nyc1" field "holdsData": is "no", a string, where true or false is wanted',
    },
    {
      name: "a host without its size",
      file: "inventory/hosts.ts",
      change: replace(
        'purpose: "Builds and serves docs.python.org", image: "ubuntu-24-04-x64", size: "s-4vcpu-8gb", ',
        'purpose: "Builds and serves docs.python.org", image: "ubuntu-24-04-x64", ',
      ),
      message: 'host "docs.nyc1" field "size": is missing (a string)',
    },
  ])(
    "rejects $name: exit 1, the message once, no stack trace, no output",
    ({ file, change, message }) => {
      const result = synthWith(file, change);
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(`The estate inventory is invalid:\n  - ${message}\n`);
      expect(existsSync(result.outdir)).toBe(false);
    },
    60_000,
  );

  it("reports a syntax error once, as esbuild's file, line and message, with no stack trace and no output", () => {
    const result = synthWith(
      "inventory/owners.ts",
      replace(
        '{ key: "pypy", name: "PyPy team", contact: "pypy-dev@python.org",',
        '{ key: "pypy", name: "PyPy team" contact: "pypy-dev@python.org",',
      ),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/\[ERROR\] Expected "}" but found "contact"/);
    expect(result.stderr.match(/inventory\/owners\.ts:\d+:\d+/g)).toHaveLength(1);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).not.toMatch(/Build failed/);
    expect(existsSync(result.outdir)).toBe(false);
  }, 60_000);
});
