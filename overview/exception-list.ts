/*
 * The policy exceptions of the estate, each with its term and how many days it has left, as text, as the Markdown body
 * of the issue the daily expiry workflow keeps open (.github/workflows/policy-exception-expiry.yml), or as JSON.
 */
import type { PolicyExceptionFacts } from "../inventory/estate-facts";
import { EXPIRY_NOTICE_DAYS, exceptionSubjectLabel, expiryNotice, type ExpiringException } from "../policy";
import { table } from "./markdown";

export const EXCEPTION_LIST_FORMATS = ["text", "markdown", "json"] as const;
export type ExceptionListFormat = (typeof EXCEPTION_LIST_FORMATS)[number];

export interface ExceptionList {
  /** The day the days are counted from (YYYY-MM-DD, UTC). */
  readonly today: string;
  /** Only the exceptions whose last day is at most this many days away; all when undefined. */
  readonly withinDays?: number;
  readonly exceptions: readonly ExpiringException[];
}

/** What the list is: every exception, or those expiring within a number of days. */
function scope(list: ExceptionList): string {
  return list.withinDays === undefined
    ? "every policy exception"
    : `the policy exceptions that expire within ${list.withinDays} days (or have expired)`;
}

function jsonOf(exception: PolicyExceptionFacts, daysLeft: number): Record<string, unknown> {
  const { subject, rule, owner, granted, expires, reason } = exception;
  return { item: exceptionSubjectLabel(subject), subject, rule, owner, granted, expires, daysLeft, reason };
}

/** One exception on a line: the notice when it expires within the notice period, else its term. */
function textLine(entry: ExpiringException): string {
  const { exception, daysLeft } = entry;
  if (daysLeft <= EXPIRY_NOTICE_DAYS) return expiryNotice(entry);
  return `the exception to ${exception.rule} on ${exceptionSubjectLabel(exception.subject)} (owner ${exception.owner}): granted ${exception.granted}, expires ${exception.expires}, in ${daysLeft} days`;
}

export function renderExceptionList(list: ExceptionList, format: ExceptionListFormat): string {
  switch (format) {
    case "json":
      return `${JSON.stringify({ today: list.today, withinDays: list.withinDays ?? null, exceptions: list.exceptions.map((e) => jsonOf(e.exception, e.daysLeft)) }, null, 2)}\n`;
    case "text":
      return list.exceptions.length === 0 ? `none: ${scope(list)}, as of ${list.today}\n` : `${list.exceptions.map(textLine).join("\n")}\n`;
    case "markdown":
      return [
        `As of ${list.today}, ${scope(list)}. An exception past its expiry stops every synthesis (every clone, every pull request) until its owner renews it or fixes what it excuses.`,
        "",
        table(
          ["item", "rule", "owner", "granted", "expires", "days left"],
          list.exceptions.map(({ exception, daysLeft }) => [
            exceptionSubjectLabel(exception.subject),
            exception.rule,
            exception.owner,
            exception.granted,
            exception.expires,
            daysLeft < 0 ? `expired ${-daysLeft} day(s) ago` : String(daysLeft),
          ]),
        ).trimEnd(),
        "",
        'To renew one, its owner changes its `granted` (the day the change is merged) and `expires` (at most 180 days later) beside the item in `inventory/`, with the reason still true, in a pull request; the review shows it as requested until it is merged (README, "Recording an exception"). To end one, fix what it excuses and remove it.',
        "",
      ].join("\n");
  }
}
