/**
 * The term of a policy exception: the day it was granted and the last day it counts. Checked by the inventory's
 * schema when the inventory is loaded, and by the policy on exceptions read back as data (a pull request's facts
 * are written by its own code, so they are checked again where they are judged).
 */

/**
 * The longest an exception lasts: its expiry is at most this many days after the day it was granted, so that
 * every exception is looked at again, by its owner, at least twice a year.
 */
export const EXCEPTION_TERM_MAX_DAYS = 180;

const MS_PER_DAY = 24 * 60 * 60 * 1000;

/** The day `value` names (YYYY-MM-DD, a real calendar day), as days since 1970-01-01, or undefined. */
export function dayNumber(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  // Date.UTC rolls 2027-02-30 over to March: a day that does not exist comes back as another.
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? time / MS_PER_DAY : undefined;
}

/** What is wrong with `value` as a day, or undefined. */
export function dayProblem(value: string): string | undefined {
  return dayNumber(value) === undefined ? notADay(value) : undefined;
}

function notADay(value: string): string {
  return `"${value}" is not a date (YYYY-MM-DD)`;
}

/** What is wrong with an exception's term, by field: dates that are not dates, an expiry before the grant or too late. */
export function exceptionTermProblems(term: {
  readonly granted: string;
  readonly expires: string;
}): { readonly field: "granted" | "expires"; readonly problem: string }[] {
  const granted = dayNumber(term.granted);
  const expires = dayNumber(term.expires);
  const problems: { field: "granted" | "expires"; problem: string }[] = [];
  if (granted === undefined) problems.push({ field: "granted", problem: notADay(term.granted) });
  if (expires === undefined) problems.push({ field: "expires", problem: notADay(term.expires) });
  if (granted === undefined || expires === undefined) return problems;
  if (expires < granted) problems.push({ field: "expires", problem: `"${term.expires}" is before the exception was granted (${term.granted})` });
  else if (expires - granted > EXCEPTION_TERM_MAX_DAYS) {
    problems.push({
      field: "expires",
      problem: `"${term.expires}" is ${expires - granted} days after the exception was granted (${term.granted}): an exception lasts at most ${EXCEPTION_TERM_MAX_DAYS} days; renew it then, with a reason`,
    });
  }
  return problems;
}
