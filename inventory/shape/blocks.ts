/**
 * The building blocks of the inventory's shape: a schema for each kind of single value, saying what is wrong with a
 * value it refuses in the words of the inventory's messages (`"Bugs" must be lowercase letters…`), and `Shape`, the
 * type of what a schema accepts. The items (the other files of shape/) are made of them.
 */
import { isIPv4 } from "node:net";
import { z } from "zod";
import type { OfferedValues } from "../../provider-schemas/facts/digitalocean";
import type { AttributeValueRule } from "../../provider-schemas/facts/types";
import { DOMAIN_NAME } from "../../values/dns-names";
import { ipv6Problem, TTL_MAX, TTL_MIN } from "../dns-values";
import { REFERENCES } from "./references";

type DeepReadonly<T> = T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/**
 * The type of what `schema` accepts, read-only throughout: the inventory is read, never changed, once it is loaded.
 * Editors show each field's documentation, written on the schema's field, on the type's.
 */
export type Shape<S extends z.ZodType> = DeepReadonly<z.output<S>>;

/** A value as a message quotes it: a string in double quotes, anything else as JSON. */
export const quote = (value: unknown): string => (typeof value === "string" ? `"${value}"` : (JSON.stringify(value) ?? String(value)));

/** A string with text in it and no spaces at either end, that also passes `rule` (which says what is wrong). */
export function text(rule?: (value: string) => string | undefined, whenEmpty = "is empty") {
  return z.string().superRefine((value, ctx) => {
    const problem = value.trim() === "" ? whenEmpty : value !== value.trim() ? `${quote(value)} has spaces at either end` : rule?.(value);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  });
}

/** A list that must hold something; `whenEmpty` says why. */
export function nonEmptyList<T extends z.ZodType>(element: T, whenEmpty = "is empty") {
  return z.array(element).superRefine((list, ctx) => {
    if (list.length === 0) ctx.addIssue({ code: "custom", message: whenEmpty });
  });
}

/** Text that matches `pattern`; `what` says what one that does not is not (`is not a valid S3 bucket name`). */
export const matching = (pattern: RegExp, what: string) => text((v) => (pattern.test(v) ? undefined : `"${v}" ${what}`));

/** A whole number within `min`-`max`; `describe` says what is wrong with one that is not. */
export function wholeNumber(min: number, max: number, describe: (n: number) => string) {
  return z.number().superRefine((n, ctx) => {
    if (!Number.isInteger(n) || n < min || n > max) ctx.addIssue({ code: "custom", message: describe(n) });
  });
}

/** Lowercase letters and digits in words joined by single dashes: keys, names that become tags and droplet names. */
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SLUG_RULE = "must be lowercase letters and digits, in words joined by single dashes";

export const slug = matching(SLUG, SLUG_RULE);
export const domainName = matching(DOMAIN_NAME, "is not a fully qualified domain name (lower case, no trailing dot)");
export const portNumber = wholeNumber(1, 65535, (n) => `port ${n} is outside 1-65535`);
export const positive = wholeNumber(1, Number.MAX_SAFE_INTEGER, (n) => `${n} is not a positive whole number`);
export const nonNegative = wholeNumber(0, Number.MAX_SAFE_INTEGER, (n) => `${n} is not a whole number`);
/** A TTL Route 53 takes for the estate's records (inventory/dns-values.ts). */
export const ttl = wholeNumber(TTL_MIN, TTL_MAX, (n) => `${n} is outside ${TTL_MIN}-${TTL_MAX} seconds`);
export const ipv4 = text((v) => (isIPv4(v) ? undefined : `"${v}" is not an IPv4 address`));
export const ipv6 = text(ipv6Problem);
/** S3's rule for bucket names (a website bucket is named after the host it serves, so dots are usual). */
export const s3BucketName = matching(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "is not a valid S3 bucket name");

// References to other items, looked up once the shape is right (references.ts).
/** The key of an owner (owners.ts). */
export const ownerKey = text(undefined, "is empty: every item needs someone who answers for it").register(REFERENCES, { to: "owner" });
/** The key of a datacenter (datacenters.ts). */
export const datacenterKey = matching(SLUG, SLUG_RULE).register(REFERENCES, { to: "datacenter" });
/** The name of a role (roles.ts). */
export const roleName = matching(SLUG, SLUG_RULE).register(REFERENCES, { to: "role" });

/** What is wrong with `value` as one of what DigitalOcean offers (`what`: "a region"), or undefined. */
export function offeredProblem(value: string, offered: OfferedValues, what: string, list: string, shown: "all" | "none"): string | undefined {
  if (offered.values.includes(value)) return undefined;
  const choices = shown === "all" ? `: ${offered.values.join(", ")}` : "";
  return `"${value}" is not ${what} DigitalOcean offers${choices} (${list} in provider-schemas/facts/digitalocean.ts, read from ${offered.source}; a new one is added there with where it was read)`;
}

/** A whole number within a provider validator's range (provider-schemas/facts), and the message that cites it. */
export function providerRange(validator: AttributeValueRule, unit: string, provider: string) {
  const range = validator.rule;
  if (range.kind !== "number-range") throw new Error(`${validator.path}: not a number range`);
  const [min, max] = [range.min ?? Number.MIN_SAFE_INTEGER, range.max ?? Number.MAX_SAFE_INTEGER];
  const bounds = range.max === undefined ? `at least ${min}` : range.min === undefined ? `at most ${max}` : `${min}-${max}`;
  return wholeNumber(min, max, (n) => `${n} is not a whole number of ${unit} ${provider} takes (${bounds}: ${validator.source})`);
}

/** Reports each value of `values` that `problem` finds wrong, at its index under `field`. */
export function eachValue(
  values: readonly string[],
  problem: (value: string) => string | undefined,
  ctx: z.RefinementCtx,
  field: PropertyKey[],
): void {
  values.forEach((value, index) => {
    const found = problem(value);
    if (found !== undefined) ctx.addIssue({ code: "custom", path: [...field, index], message: found });
  });
}

/** Reports every value of `values` that `keyOf` maps to a key already seen, at its index, under `field`. */
export function noRepeats<T>(values: readonly T[], keyOf: (value: T) => string, ctx: z.RefinementCtx, field: PropertyKey[], what: string): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    const key = keyOf(value);
    if (seen.has(key)) ctx.addIssue({ code: "custom", path: [...field, index], message: `${what} "${key}" is listed twice` });
    seen.add(key);
  });
}
