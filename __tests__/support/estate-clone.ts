/*
 * A fresh clone of this repository with a change committed on a branch: what a pull request against the estate is.
 * The change edits files, and may append code to main.ts that rewrites the synthesized configurations after the
 * head's own policy has run (as a contributor who wants a change past the review would: the head's code is theirs).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const repoRoot = join(__dirname, "..", "..");

/** Helpers the appended code may use: `patch(stack, edit)` rewrites a stack's cdk.tf.json; `records(c)` lists its records. */
const PRELUDE = `
/* eslint-disable */
const __fs = require("node:fs");
const __out = process.env.CDKTF_OUTDIR;
function patch(stack: string, edit: (c: any) => void): void {
  const file = __out + "/stacks/" + stack + "/cdk.tf.json";
  const c = JSON.parse(__fs.readFileSync(file, "utf8"));
  edit(c);
  __fs.writeFileSync(file, JSON.stringify(c, null, 2));
}
function record(c: any, name: string, type: string): any {
  return Object.values(c.resource.aws_route53_record).find((r: any) => r.name === name && r.type === type);
}
function recordKey(c: any, name: string, type: string): string {
  return Object.keys(c.resource.aws_route53_record).find((k) => c.resource.aws_route53_record[k].name === name && c.resource.aws_route53_record[k].type === type)!;
}
`;

export interface Change {
  /** Files to write, by path: new text, or a function of the old text. */
  readonly files?: Readonly<Record<string, string | ((old: string) => string)>>;
  /** TypeScript appended to main.ts, run after synthesis (and after the head's own policy); may use PRELUDE's helpers. */
  readonly afterSynthesis?: string;
  readonly message: string;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=contributor", "-c", "user.email=contributor@example.org", "-c", "commit.gpgsign=false", ...args], {
    cwd: dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** A clone of this repository's main with `change` committed on the branch `change`; returns its folder. */
export function estateClone(change: Change): string {
  const dir = mkdtempSync(join(tmpdir(), "estate-clone-"));
  execFileSync("git", ["clone", "--quiet", "--branch", "main", repoRoot, dir], { stdio: ["ignore", "pipe", "pipe"] });
  git(dir, "checkout", "-q", "-b", "change");
  for (const [path, edit] of Object.entries(change.files ?? {})) {
    const file = join(dir, path);
    writeFileSync(file, typeof edit === "string" ? edit : edit(readFileSync(file, "utf8")));
  }
  if (change.afterSynthesis !== undefined)
    writeFileSync(join(dir, "main.ts"), `${readFileSync(join(dir, "main.ts"), "utf8")}\n${PRELUDE}\n${change.afterSynthesis}\n`);
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", change.message);
  return dir;
}
