/**
 * What Route 53, the AWS provider and the receivers of the estate's mail make of a record's values and TTLs: each
 * function says what is wrong with one value, or returns undefined. The inventory's shape (shape/) applies them to every
 * value the inventory writes into a record: the zones' SPF and TXT values, hand-written records, Fastly's apex addresses.
 */
import { isIPv6 } from "node:net";

/** The TTLs Route 53 records of this estate may have, in seconds: a minute to a day. */
export const TTL_MIN = 60;
export const TTL_MAX = 86400;

/** A TTL Route 53 records of this estate may have: whole seconds within TTL_MIN-TTL_MAX. */
export function isValidTtl(ttl: number): boolean {
  return Number.isInteger(ttl) && ttl >= TTL_MIN && ttl <= TTL_MAX;
}

/** An SPF policy: the value of a TXT record that starts so (RFC 7208 section 4.5). */
export const SPF_POLICY = /^v=spf1( |$)/;

/** RFC 7208 section 4.6.4: a receiver stops at the 10th DNS lookup of a policy's evaluation and answers permerror. */
export const SPF_LOOKUP_LIMIT = 10;

/**
 * The DNS lookups the terms of `policy` itself cost: each `include`, `a`, `mx`, `ptr` and `exists` mechanism and the
 * `redirect` modifier (RFC 7208 section 4.6.4); `all`, `ip4`, `ip6` and `exp` cost none. The policies an `include`
 * names cost lookups of their own, which cannot be counted without asking the DNS: this is the least the policy costs.
 */
export function spfLookups(policy: string): number {
  return policy
    .split(/\s+/)
    .slice(1)
    .filter((term) => {
      // split gives one part at least: the whole term when it holds no separator.
      const [mechanism = ""] = term.replace(/^[+?~-]/, "").split(/[:/=]/);
      const name = mechanism.toLowerCase();
      return ["include", "a", "mx", "ptr", "exists"].includes(name) || /^redirect=/i.test(term);
    }).length;
}

/** What is wrong with an SPF policy, or undefined. */
export function spfProblem(policy: string): string | undefined {
  const lookups = spfLookups(policy);
  return lookups > SPF_LOOKUP_LIMIT
    ? `"${policy}" needs ${lookups} DNS lookups, not counting those of the policies it includes: receivers stop at ${SPF_LOOKUP_LIMIT} (RFC 7208 section 4.6.4) and treat the domain's mail as failing SPF; use ip4:/ip6: ranges or fewer includes`
    : undefined;
}

/**
 * What is wrong with a TXT value, as the AWS provider hands it to Route 53: it wraps each value in double quotes (its
 * records' TXT handling), so a quote inside the text must be escaped (`\"`); `""` between two parts splits a value longer
 * than 255 characters into two strings (policy rule dns.txt-split-255). Any other quote ends the string where the text
 * goes on, and Route 53 refuses the record set.
 */
export function txtProblem(value: string): string | undefined {
  const outsideEscapes = value.replace(/\\"/g, "");
  const outsideSplits = outsideEscapes.replace(/(?<=[^"])""(?=[^"])/g, "");
  return outsideSplits.includes('"')
    ? `"${value}" has an unescaped double quote: write \\" for a quote in the text, or "" between two strings of a value longer than 255 characters (Route 53 refuses a quote that ends the string early)`
    : undefined;
}

/** An MX priority: a 16-bit unsigned number (RFC 1035 section 3.3.9). */
export const MX_PRIORITY_MAX = 65535;

/** What is wrong with an MX value, `<priority> <host name>`, or undefined. */
export function mxProblem(value: string): string | undefined {
  const match = /^(\d+) (\S+)$/.exec(value);
  if (match === null) return `"${value}" is not an MX value: a priority, one space, a host name ("10 mail.python.org")`;
  const priority = Number(match[1]);
  return priority > MX_PRIORITY_MAX
    ? `"${value}" has priority ${priority}, above ${MX_PRIORITY_MAX}: an MX priority is a 16-bit number (RFC 1035 section 3.3.9), and Route 53 refuses it`
    : undefined;
}

/**
 * What is wrong with an IPv6 address written for a record, or undefined. Capitals are refused, not lowered: Route 53
 * answers an AAAA record in lower case, so a value in capitals would show as a change on every plan, and the value a
 * reader finds in the inventory is the one Terraform sends.
 */
export function ipv6Problem(value: string): string | undefined {
  if (!isIPv6(value)) return `"${value}" is not an IPv6 address`;
  return value !== value.toLowerCase()
    ? `"${value}" has capitals: write "${value.toLowerCase()}", as Route 53 answers it (in capitals, every plan would show it changing)`
    : undefined;
}
