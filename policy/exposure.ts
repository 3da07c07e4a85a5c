/**
 * Exposure: how much of the internet a list of firewall sources admits, and the line past which that counts as open
 * to the whole internet ("wide open"). Address space is counted, not spelled: `0.0.0.0/1` beside `128.0.0.0/1` is all
 * of IPv4 as surely as `0.0.0.0/0` is. The policy's network rules judge a configuration's sources with it; the review
 * judges the planned values of sources with it (a planned value is a literal by then).
 */
import { addressCount, parseAddressRange, rangeContains, type AddressFamily, type AddressRange } from "../values/address-ranges";

/**
 * More addresses than this, of one family, is wide open: a /8's worth of IPv4 (2^24) or of IPv6 (2^120). Exactly a
 * /8 is not; the estate's widest sources are its datacenters' private /16s and Fastly's published ranges.
 */
export const WIDE_OPEN_ADDRESSES: Readonly<Record<AddressFamily, bigint>> = { ipv4: 1n << 24n, ipv6: 1n << 120n };

const FAMILY_NAME: Readonly<Record<AddressFamily, string>> = { ipv4: "IPv4", ipv6: "IPv6" };
const FAMILY_SIZE: Readonly<Record<AddressFamily, bigint>> = { ipv4: 1n << 32n, ipv6: 1n << 128n };

/** A source as the policy reads it from a configuration. */
export type SourceReading =
  /** An address or CIDR range, counted. */
  | { readonly kind: "range"; readonly source: string; readonly range: AddressRange }
  /**
   * One reference and nothing else (`${var.fastly_source_ranges}`, a remote state's output, a droplet's
   * `ipv4_address`): its value exists only when Terraform plans, so the policy does not count it; the review
   * counts the planned value, and treats a value unknown until apply as a danger of its own.
   */
  | { readonly kind: "planned"; readonly source: string }
  /**
   * What cannot be counted and is no plain reference: a malformed range, or an expression (a function, a literal
   * in `${…}`, an operator, a local value). Counted as the whole internet: a source nobody can size is not trusted.
   */
  | { readonly kind: "uncountable"; readonly source: string; readonly why: string };

/**
 * A single reference: `var.<name>`, `data.<type>.<name>` or `<type>.<name>` (a resource's), then attributes, keys
 * and indexes (`.outputs.x`, `["key"]`, `[0]`, `[*]`). Anything more is an expression.
 */
const PLAIN_REFERENCE =
  /^\$\{(var\.[A-Za-z_][A-Za-z0-9_-]*|(data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_-]*)(\.[A-Za-z_*][A-Za-z0-9_-]*|\[(\d+|\*|"[^"\\$%{}]*")\])*\}$/;

export function readSource(source: string): SourceReading {
  if (source.includes("${") || source.includes("%{")) {
    return PLAIN_REFERENCE.test(source)
      ? { kind: "planned", source }
      : { kind: "uncountable", source, why: `"${source}" is an expression the policy cannot evaluate` };
  }
  const range = parseAddressRange(source);
  return range !== undefined
    ? { kind: "range", source, range }
    : { kind: "uncountable", source, why: `"${source}" is not an address or a CIDR range` };
}

export interface Exposure {
  /** The addresses of each family the counted sources admit together, each once. */
  readonly addresses: Readonly<Record<AddressFamily, bigint>>;
  /** Sources only Terraform's plan gives a value (see SourceReading). */
  readonly planned: readonly string[];
  /** Sources nobody can count, each with why: each is taken as the whole internet. */
  readonly uncountable: readonly { readonly source: string; readonly why: string }[];
}

/** IPv4-mapped IPv6 addresses (RFC 4291 2.5.5.2): `::ffff:a.b.c.d` is IPv4's a.b.c.d to a dual-stack listener. */
const IPV4_MAPPED = { family: "ipv6", address: 0xffffn << 32n, prefixLength: 96 } as const satisfies AddressRange;

/**
 * The IPv4 range an IPv6 range written in mapped form stands for, or undefined: software that parses
 * `::ffff:0.0.0.0/96` may take it for IPv4's `0.0.0.0/0` (Go's net package reads such an address as IPv4), so it
 * counts as that IPv4 range too. A wider IPv6 range written otherwise (`::/0`) is read as IPv6 only.
 */
function mappedIpv4(range: AddressRange): AddressRange | undefined {
  return range.family === "ipv6" &&
    range.prefixLength >= IPV4_MAPPED.prefixLength &&
    rangeContains(IPV4_MAPPED, { family: "ipv6", value: range.address })
    ? { family: "ipv4", address: range.address - IPV4_MAPPED.address, prefixLength: range.prefixLength - IPV4_MAPPED.prefixLength }
    : undefined;
}

export function exposureOf(sources: readonly string[]): Exposure {
  const readings = sources.map(readSource);
  const ranges: AddressRange[] = [];
  const planned: string[] = [];
  const uncountable: { source: string; why: string }[] = [];
  for (const reading of readings) {
    switch (reading.kind) {
      case "range":
        ranges.push(reading.range, ...[mappedIpv4(reading.range)].filter((r) => r !== undefined));
        break;
      case "planned":
        planned.push(reading.source);
        break;
      case "uncountable":
        uncountable.push({ source: reading.source, why: reading.why });
        break;
    }
  }
  return { addresses: addressCount(ranges), planned, uncountable };
}

/** More than a /8's worth of either family, or a source nobody can count. */
export function isWideOpen(exposure: Exposure): boolean {
  return exposure.uncountable.length > 0 || (["ipv4", "ipv6"] as const).some((family) => exposure.addresses[family] > WIDE_OPEN_ADDRESSES[family]);
}

/** What makes `exposure` wide open, in words: "all of IPv4", "50% of IPv6", an uncountable source. */
export function describeExposure(exposure: Exposure): string {
  const parts = (["ipv4", "ipv6"] as const)
    .filter((family) => exposure.addresses[family] > WIDE_OPEN_ADDRESSES[family])
    .map((family) => {
      const count = exposure.addresses[family];
      // Hundredths of a percent: a share past a /8 is at least 0.39%.
      const share = count === FAMILY_SIZE[family] ? "all" : `${Number((count * 10_000n) / FAMILY_SIZE[family]) / 100}%`;
      return `${share} of ${FAMILY_NAME[family]}`;
    });
  return [...parts, ...exposure.uncountable.map((u) => `${u.why}, so it counts as the whole internet`)].join("; ");
}
