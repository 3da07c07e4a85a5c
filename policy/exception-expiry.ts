/*
 * Policy exceptions that expire soon. An exception past its expiry stops synthesis (every clone, every unrelated pull
 * request) until its owner renews it or fixes what it excuses; so synthesis warns from EXPIRY_NOTICE_DAYS ahead (on
 * standard error: what it writes never depends on the day), and a daily workflow opens an issue for them
 * (.github/workflows/policy-exception-expiry.yml, through `npm run exceptions`).
 */
import { compareStrings } from "../values/string-order";
import type { PolicyExceptionFacts } from "../inventory/estate-facts";
import { dayNumber, exceptionTermProblems } from "../inventory/exception-term";
import { exceptionSubjectLabel } from "./cause";

/** How many days ahead an expiry is announced. */
export const EXPIRY_NOTICE_DAYS = 30;

export interface ExpiringException {
  readonly exception: PolicyExceptionFacts;
  /** Days from today to its last day: 0 on the last day, negative once it has expired. */
  readonly daysLeft: number;
}

/**
 * The exceptions whose last day is at most `withinDays` after `today` (YYYY-MM-DD), expired ones included, soonest
 * first. An exception whose term is not one is left to the checks that refuse it.
 */
export function expiringExceptions(
  exceptions: readonly PolicyExceptionFacts[],
  today: string,
  withinDays: number = EXPIRY_NOTICE_DAYS,
): ExpiringException[] {
  const day = dayNumber(today);
  if (day === undefined) throw new Error(`expiringExceptions: today "${today}" is not a date (YYYY-MM-DD)`);
  return exceptions
    .flatMap((exception) => {
      const until = dayNumber(exception.expires);
      if (until === undefined || exceptionTermProblems(exception).length > 0) return [];
      const daysLeft = until - day;
      return daysLeft <= withinDays ? [{ exception, daysLeft }] : [];
    })
    .sort(
      (a, b) =>
        a.daysLeft - b.daysLeft ||
        compareStrings(a.exception.rule, b.exception.rule) ||
        compareStrings(exceptionSubjectLabel(a.exception.subject), exceptionSubjectLabel(b.exception.subject)),
    );
}

/** One line about an exception that expires soon (or has expired), naming it, its owner and what to do. */
export function expiryNotice({ exception, daysLeft }: ExpiringException): string {
  const when =
    daysLeft < 0
      ? `expired on ${exception.expires}, ${-daysLeft} day(s) ago`
      : daysLeft === 0
        ? `expires today (${exception.expires}), its last day`
        : `expires on ${exception.expires}, in ${daysLeft} day(s)`;
  return `the exception to ${exception.rule} on ${exceptionSubjectLabel(exception.subject)} (owner ${exception.owner}) ${when}: its owner renews it (new granted and expires dates, README "Recording an exception") or fixes what it excuses`;
}

/** Synthesis's warnings: the exceptions still in their term that expire within EXPIRY_NOTICE_DAYS (expired ones are errors). */
export function expiryWarnings(exceptions: readonly PolicyExceptionFacts[], today: string): string[] {
  return expiringExceptions(exceptions, today)
    .filter((e) => e.daysLeft >= 0)
    .map(expiryNotice);
}
