/*
 * The estate's policy: every rule over the synthesized estate, the exceptions the inventory records beside
 * the items they excuse, and the verdict synthesis, the tests and the review act on.
 */
import type { EstateFacts, PolicyExceptionFacts } from "../inventory/estate-facts";
import { dayNumber, EXCEPTION_TERM_MAX_DAYS, exceptionTermProblems } from "../inventory/exception-term";
import type { PolicyExceptionSubject } from "../inventory";
import { causeLabel, exceptionPlace, exceptionSubjectLabel } from "./cause";
import { expiryWarnings } from "./exception-expiry";
import { DATA_RULES } from "./rules/data";
import { DNS_RULES } from "./rules/dns";
import { NETWORK_RULES } from "./rules/network";
import { SECRET_RULES } from "./rules/secrets";
import type { Configuration, PolicyContext, PolicyFinding, PolicyRule, PolicySubject } from "./types";

export type * from "./types";
export { causeLabel } from "./cause";
export type { PolicyExceptionFacts } from "../inventory/estate-facts";
export { EXPIRY_NOTICE_DAYS, expiringExceptions, expiryNotice, expiryWarnings, type ExpiringException } from "./exception-expiry";
export { exceptionSubjectLabel } from "./cause";

export const POLICY_RULES: readonly PolicyRule[] = [...NETWORK_RULES, ...DATA_RULES, ...DNS_RULES, ...SECRET_RULES];

export interface PolicyViolation extends PolicyFinding {
  readonly severity: PolicyRule["severity"];
}

export interface PolicyVerdict {
  /** Findings no granted exception excuses, with their rule's severity. */
  readonly violations: readonly PolicyViolation[];
  /** Findings a granted exception excuses, with it. */
  readonly excused: readonly { readonly finding: PolicyFinding; readonly exception: PolicyExceptionFacts }[];
  /**
   * Exceptions the judged facts record that are not granted: they excuse nothing, and each comes with the findings
   * it would excuse, which stay violations.
   */
  readonly requested: readonly { readonly exception: PolicyExceptionFacts; readonly wouldExcuse: readonly PolicyFinding[] }[];
  /**
   * Exceptions that are wrong: an unknown rule, a term that is not one, not yet granted or past, no reason, nothing to
   * excuse; each names the item the exception is written beside and its field (`role "mail" field "policyExceptions[0].expires"`).
   */
  readonly exceptionProblems: readonly string[];
}

/** What `judgePolicy` judges. */
export interface PolicyCase {
  /** Every stack's configuration, by stack name: what was synthesized. */
  readonly configurations: ReadonlyMap<string, Configuration>;
  /** The facts written beside them (`cdktf.out/estate-facts.json`), checked by `parseEstateFacts` when read from a file. */
  readonly facts: EstateFacts;
  /**
   * The exceptions that may excuse a finding. Synthesis grants its own (`facts.policy.exceptions`). The review grants
   * the base revision's only: the head's facts are written by the pull request's own code, so an exception that only
   * the head records (or records with any field changed: a later expiry, another reason) is the pull request asking
   * for leave, not having it; it is granted by being merged, after which it is the base's.
   */
  readonly grantedExceptions: readonly PolicyExceptionFacts[];
  /** YYYY-MM-DD (UTC). */
  readonly today: string;
}

/** Thrown by synthesis when the estate breaks a rule (severity error) or an exception is wrong; the message lists each. */
export class PolicyError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The synthesized estate breaks its policy (policy/; README "Policy"):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "PolicyError";
  }
}

/** Whether an exception written beside `where` excuses a finding about `subject`: the common ports' hold for every role. */
function excusesSubject(where: PolicyExceptionSubject, subject: PolicySubject): boolean {
  switch (where.kind) {
    case "common-ports":
      return subject.kind === "role";
    case "role":
    case "host":
    case "zone":
      return subject.kind === where.kind && subject.name === where.name;
  }
}

function sameSubject(a: PolicyExceptionSubject, b: PolicyExceptionSubject): boolean {
  return a.kind === b.kind && (a.kind === "common-ports" || (b.kind !== "common-ports" && a.name === b.name));
}

/** An exception's every field, in one order: two exceptions are the same grant only when all of them are equal. */
function grantKey(exception: PolicyExceptionFacts): string {
  const { subject, rule, reason, owner, granted, expires } = exception;
  return JSON.stringify([subject.kind, subject.kind === "common-ports" ? null : subject.name, rule, reason, owner, granted, expires]);
}

/** A reason is at least this long: a sentence, not a word. */
const REASON_MIN_CHARACTERS = 10;

/**
 * Judges `configurations` with this module's rules (`POLICY_RULES`): the rules are the code of whoever calls, never
 * taken from the facts or the configurations, so a review running the base revision applies the base's rules to a
 * head that deleted or weakened its own. Every finding is a violation unless an exception that is recorded in the
 * facts, granted (`grantedExceptions`, field for field), for its rule and its item, and within its term excuses it.
 */
export function judgePolicy({ configurations, facts, grantedExceptions, today }: PolicyCase): PolicyVerdict {
  const context: PolicyContext = { configurations, facts };
  const findings = POLICY_RULES.flatMap((rule) => rule.check(context).map((finding) => ({ finding, severity: rule.severity })));
  const granted = new Set(grantedExceptions.map(grantKey));
  const known = new Set(POLICY_RULES.map((r) => r.id));
  const day = dayNumber(today);
  if (day === undefined) throw new Error(`judgePolicy: today "${today}" is not a date (YYYY-MM-DD)`);

  const exceptions = facts.policy.exceptions.map((exception) => {
    const term = exceptionTermProblems(exception);
    const [from, until] = [dayNumber(exception.granted), dayNumber(exception.expires)];
    const inTerm = term.length === 0 && from !== undefined && until !== undefined && from <= day && day <= until;
    const wouldExcuse = findings.map((f) => f.finding).filter((f) => f.rule === exception.rule && excusesSubject(exception.subject, f.subject));
    return { exception, term, from, until, inTerm, wouldExcuse, isGranted: granted.has(grantKey(exception)) };
  });

  const violations: PolicyViolation[] = [];
  const excused: { finding: PolicyFinding; exception: PolicyExceptionFacts }[] = [];
  for (const { finding, severity } of findings) {
    const excusing = exceptions.find((e) => e.isGranted && e.inTerm && known.has(e.exception.rule) && e.wouldExcuse.includes(finding));
    if (excusing !== undefined) excused.push({ finding, exception: excusing.exception });
    else violations.push({ ...finding, severity });
  }

  const exceptionProblems = exceptions.flatMap(({ exception, term, from, until, wouldExcuse }, position) => {
    // Where the exception is written: its item, and its place among the item's exceptions (the facts keep the inventory's order).
    const { item, list } = exceptionPlace(exception.subject);
    const index = exceptions.slice(0, position).filter((e) => sameSubject(e.exception.subject, exception.subject)).length;
    const at = (field: string, problem: string): string =>
      `${item} field "${list}[${index}].${field}": the exception to ${exception.rule} on ${exceptionSubjectLabel(exception.subject)}: ${problem}`;
    if (!known.has(exception.rule)) return [at("rule", `no such rule (the rules: ${[...known].join(", ")})`)];
    if (term.length > 0) return term.map(({ field, problem }) => at(field, `${field} ${problem}`));
    const problems: string[] = [];
    if (from !== undefined && from > day) {
      const beyond =
        until !== undefined && until - day > EXCEPTION_TERM_MAX_DAYS
          ? `, so it would last until ${exception.expires}, more than ${EXCEPTION_TERM_MAX_DAYS} days from today`
          : "";
      problems.push(
        at("granted", `granted on ${exception.granted}, after today (${today}): an exception counts from the day it is granted${beyond}`),
      );
    }
    if (until !== undefined && until < day)
      problems.push(at("expires", `expired on ${exception.expires}; fix what it excused, or renew it with a reason`));
    if (exception.reason.trim().length < REASON_MIN_CHARACTERS) problems.push(at("reason", "give a reason"));
    if (problems.length === 0 && wouldExcuse.length === 0) problems.push(at("rule", "excuses nothing; remove it"));
    return problems;
  });

  const requested = exceptions.filter((e) => !e.isGranted).map(({ exception, wouldExcuse }) => ({ exception, wouldExcuse }));
  return { violations, excused, requested, exceptionProblems };
}

/**
 * What synthesis does: it judges its own output with its own exceptions, all granted (what it synthesized is what
 * its inventory declares); errors and wrong exceptions stop it; warnings are returned to print, among them every
 * exception that expires within EXPIRY_NOTICE_DAYS, so that its expiry is a renewal and not a failed synthesis.
 */
export function enforcePolicy(context: PolicyContext, today: string): readonly string[] {
  const verdict = judgePolicy({ ...context, grantedExceptions: context.facts.policy.exceptions, today });
  // Each names the inventory item and field that made it first, as the inventory's own refusals do.
  const line = (v: PolicyViolation): string => `${causeLabel(v.cause)}: ${v.rule} (${v.stack} ${v.address}): ${v.message}`;
  const errors = [...verdict.violations.filter((v) => v.severity === "error").map(line), ...verdict.exceptionProblems];
  if (errors.length > 0) throw new PolicyError(errors);
  return [...verdict.violations.filter((v) => v.severity === "warning").map(line), ...expiryWarnings(context.facts.policy.exceptions, today)];
}
