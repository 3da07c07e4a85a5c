/**
 * DNS names: what the inventory takes as a name (a fully qualified domain name, a hand-written record's name) and which
 * zone a name lies in. One lookup for every reader: the inventory's checks and records, the stacks, the overview page,
 * the policy's rules and the review.
 */

/** A fully qualified domain name, lower case, no trailing dot. */
export const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A label of a hand-written record's name: a host name label, or a service label such as `_dmarc`. */
const RECORD_LABEL = /^_?[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?$/;

/** A hand-written record's name: lower case labels under a top-level domain, `_` allowed at a label's start. */
export function isRecordName(name: string): boolean {
  const labels = name.split(".");
  const topLevel = labels.at(-1);
  return (
    name.length <= 253 &&
    labels.length >= 2 &&
    topLevel !== undefined &&
    /^[a-z]{2,63}$/.test(topLevel) &&
    labels.every((label) => RECORD_LABEL.test(label))
  );
}

/**
 * True when `name` is `zone` itself or a name below it. The dot matters: `planetpython.org` does not lie in
 * `python.org`, and the estate holds both.
 */
export function isInZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

/** The most specific of `zones` that `name` lies in, or undefined when it lies in none. */
export function zoneContaining(name: string, zones: readonly string[]): string | undefined {
  return [...zones].sort((a, b) => b.length - a.length).find((zone) => isInZone(name, zone));
}
