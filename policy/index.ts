/*
 * The estate's policy: every rule over the synthesized estate, the exceptions the inventory records beside
 * the items they excuse, and the verdict synthesis, the tests and the review act on.
 */
import type { Estate, PolicyException } from "../inventory";
import { DATA_RULES } from "./rules/data";
import { DNS_RULES } from "./rules/dns";
import { NETWORK_RULES } from "./rules/network";
import { SECRET_RULES } from "./rules/secrets";
import type { PolicyContext, PolicyFinding, PolicyRule, PolicySubject } from "./types";

export type * from "./types";

export const POLICY_RULES: readonly PolicyRule[] = [...NETWORK_RULES, ...DATA_RULES, ...DNS_RULES, ...SECRET_RULES];

export interface PolicyVerdict {
  /** Findings no exception excuses, with their rule's severity. */
  readonly violations: readonly (PolicyFinding & { readonly severity: PolicyRule["severity"] })[];
  /** Findings an exception excuses, with it. */
  readonly excused: readonly { readonly finding: PolicyFinding; readonly exception: PolicyException }[];
  /** Exceptions that are wrong: an unknown rule, a malformed or past expiry date, or nothing to excuse. */
  readonly exceptionProblems: readonly string[];
}

/** Thrown by synthesis when the estate breaks a rule (severity error) or an exception is wrong; the message lists each. */
export class PolicyError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The synthesized estate breaks its policy (policy/; README "Policy"):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "PolicyError";
  }
}

function exceptionsFor(estate: Estate, subject: PolicySubject): readonly PolicyException[] {
  switch (subject.kind) {
    case "role":
      return estate.roleExceptions(estate.role(subject.name));
    case "host":
      return estate.hosts.find((h) => h.fqdn === subject.name)?.policyExceptions ?? [];
    case "zone":
      return estate.zones.find((z) => z.name === subject.name)?.policyExceptions ?? [];
    case "heroku-app":
    case "fastly-service":
    case "estate":
      return [];
  }
}

/** Runs every rule; `today` is YYYY-MM-DD (UTC). */
export function evaluatePolicy(context: PolicyContext, today: string, rules: readonly PolicyRule[] = POLICY_RULES): PolicyVerdict {
  const violations: (PolicyFinding & { severity: PolicyRule["severity"] })[] = [];
  const excused: { finding: PolicyFinding; exception: PolicyException }[] = [];
  const used = new Set<PolicyException>();
  for (const rule of rules) {
    for (const finding of rule.check(context)) {
      const exception = exceptionsFor(context.estate, finding.subject).find((e) => e.rule === rule.id && e.expires >= today);
      if (exception !== undefined) {
        excused.push({ finding, exception });
        used.add(exception);
      } else {
        violations.push({ ...finding, severity: rule.severity });
      }
    }
  }
  const known = new Set(POLICY_RULES.map((r) => r.id));
  const exceptionProblems = context.estate.policyExceptions().flatMap(({ where, exception }) => {
    const label = `the exception to ${exception.rule} on ${where}`;
    if (!known.has(exception.rule)) return [`${label}: no such rule (the rules: ${[...known].join(", ")})`];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(exception.expires)) return [`${label}: expires "${exception.expires}" is not a date (YYYY-MM-DD)`];
    if (exception.expires < today) return [`${label}: expired on ${exception.expires}; fix what it excused, or renew it with a reason`];
    if (exception.reason.trim().length < 10) return [`${label}: give a reason`];
    if (!used.has(exception) && rules === POLICY_RULES) return [`${label}: excuses nothing; remove it`];
    return [];
  });
  return { violations, excused, exceptionProblems };
}

/** What synthesis does with the verdict: errors and wrong exceptions stop it; warnings are returned to print. */
export function enforcePolicy(context: PolicyContext, today: string): readonly string[] {
  const verdict = evaluatePolicy(context, today);
  const errors = [
    ...verdict.violations.filter((v) => v.severity === "error").map((v) => `${v.rule} (${v.stack} ${v.address}): ${v.message}`),
    ...verdict.exceptionProblems,
  ];
  if (errors.length > 0) throw new PolicyError(errors);
  return verdict.violations.filter((v) => v.severity === "warning").map((v) => `${v.rule} (${v.stack} ${v.address}): ${v.message}`);
}
