/*
 * Allowances: a maintainer's permission, landed on the base branch before the change it covers, for a
 * dangerous change the review would otherwise fail. The review reads them from the base revision only; a
 * pull request's own entries are shown as requested, never granted. Each names the stack, the subjects it
 * covers (Terraform addresses, or a finding's subject such as `provider.aws`), why, and the day it expires.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dayNumber, dayProblem } from "../inventory/exception-term";

/** Where allowances live, relative to a revision's root. */
export const ALLOWANCES_FILE = "review/allowances.json";

export interface Allowance {
  readonly stack: string;
  /** Addresses (`aws_route53_zone.x`, an instance such as `aws_route53_record.y["a"]`) or finding subjects. */
  readonly subjects: readonly string[];
  /** Why the danger is intended, with the issue or discussion that decided it. */
  readonly reason: string;
  /** The last day (YYYY-MM-DD, UTC) it counts; remove the entry once the change has been applied. */
  readonly expires: string;
}

export class AllowanceError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: invalid allowances:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "AllowanceError";
  }
}

/** Checks every entry (all problems at once); `today` is YYYY-MM-DD. Expired entries are problems too. */
export function validateAllowances(input: unknown, today: string, file: string = ALLOWANCES_FILE): Allowance[] {
  if (!Array.isArray(input)) throw new AllowanceError(file, ["must be a JSON array of { stack, subjects, reason, expires }"]);
  const problems: string[] = [];
  const valid: Allowance[] = [];
  input.forEach((entry: unknown, index: number) => {
    const where = `entry ${index}`;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      problems.push(`${where}: must be an object { stack, subjects, reason, expires }`);
      return;
    }
    const { stack, subjects, reason, expires, ...rest } = entry as Record<string, unknown>;
    const before = problems.length;
    for (const key of Object.keys(rest)) problems.push(`${where}: unknown field "${key}"`);
    if (typeof stack !== "string" || stack.trim() === "") problems.push(`${where}: "stack" must name a stack`);
    if (!Array.isArray(subjects) || subjects.length === 0 || !subjects.every((s) => typeof s === "string" && s.trim() !== "")) {
      problems.push(`${where}: "subjects" must list the addresses it covers`);
    }
    if (typeof reason !== "string" || reason.trim().length < 10) problems.push(`${where}: "reason" must say why (at least a sentence)`);
    // The same days as a policy exception's term (inventory/exception-term.ts): a real calendar day, YYYY-MM-DD.
    const expiresDay = typeof expires === "string" ? dayNumber(expires) : undefined;
    if (expiresDay === undefined) {
      problems.push(`${where}: "expires" must be a date, YYYY-MM-DD${typeof expires === "string" ? ` (${dayProblem(expires)})` : ""}`);
    } else if (expiresDay < (dayNumber(today) ?? Infinity)) {
      problems.push(`${where}: expired on ${expires}: remove it (the change it allowed has landed) or renew it with a reason`);
    }
    if (problems.length === before)
      valid.push({ stack: stack as string, subjects: subjects as string[], reason: (reason as string).trim(), expires: expires as string });
  });
  if (problems.length > 0) throw new AllowanceError(file, problems);
  return valid;
}

/** The allowances of the revision checked out at `root`: none when it has no file. */
export function loadAllowances(root: string, today: string): Allowance[] {
  let text: string;
  try {
    text = readFileSync(join(root, ALLOWANCES_FILE), "utf8");
  } catch {
    return [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AllowanceError(ALLOWANCES_FILE, [`not JSON: ${(error as Error).message}`]);
  }
  return validateAllowances(parsed, today);
}

/** The allowance that covers `subject` in `stack`, if any. An instance is covered by its resource's address too. */
export function allowanceFor(allowances: readonly Allowance[], stack: string, subject: string): Allowance | undefined {
  const resource = subject.replace(/\[[^\]]*\]$/, "");
  return allowances.find((a) => a.stack === stack && (a.subjects.includes(subject) || a.subjects.includes(resource)));
}

/** Today in UTC, as allowances write dates. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
