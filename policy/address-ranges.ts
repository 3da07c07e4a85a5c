/*
 * Address space: how much of the internet a list of sources covers, counted per family with overlaps once. "Wide
 * open" is more than a /8's worth of either family: 0.0.0.0/0, or 0.0.0.0/1 with 128.0.0.0/1, or enough smaller
 * ranges to add up to it. Interpolated sources (`${...}`) are not counted: they are judged where their values are
 * known (the review reads Terraform's plan).
 */
import { isIPv4, isIPv6 } from "node:net";

/** More than this many addresses of a family is wide open: a /8 of IPv4, a /8 of IPv6. */
export const WIDE_OPEN = { ipv4: 2n ** 24n, ipv6: 2n ** 120n } as const;

interface Range {
  readonly family: 4 | 6;
  readonly start: bigint;
  readonly end: bigint;
}

function ipv4Value(address: string): bigint {
  return address.split(".").reduce((acc, octet) => acc * 256n + BigInt(Number(octet)), 0n);
}

function ipv6Value(address: string): bigint {
  const [head, tail] = address.includes("::") ? (address.split("::") as [string, string]) : [address, undefined];
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return groups.reduce((acc, group) => acc * 65536n + BigInt(parseInt(group, 16)), 0n);
}

/** A source as a range of addresses (a bare address is a range of one), or undefined when it is not one. */
export function addressRange(source: string): Range | undefined {
  const [address = "", prefixText] = source.trim().split("/");
  const family = isIPv4(address) ? 4 : isIPv6(address) ? 6 : undefined;
  if (family === undefined || (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText))) return undefined;
  const bits = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return undefined;
  const size = 2n ** BigInt(bits - prefix);
  const value = family === 4 ? ipv4Value(address) : ipv6Value(address.toLowerCase());
  const start = value - (value % size);
  return { family, start, end: start + size - 1n };
}

/** How many addresses of each family the sources cover together, overlaps counted once; what is not an address or range is listed. */
export function addressCoverage(sources: readonly string[]): { readonly ipv4: bigint; readonly ipv6: bigint; readonly uncounted: readonly string[] } {
  const ranges: Range[] = [];
  const uncounted: string[] = [];
  for (const source of sources) {
    const range = addressRange(source);
    if (range === undefined) uncounted.push(source);
    else ranges.push(range);
  }
  const total = (family: 4 | 6): bigint => {
    const sorted = ranges.filter((r) => r.family === family).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    let sum = 0n;
    let end = -1n;
    for (const range of sorted) {
      if (range.end <= end) continue;
      sum += range.end - (range.start > end ? range.start : end + 1n) + 1n;
      end = range.end;
    }
    return sum;
  };
  return { ipv4: total(4), ipv6: total(6), uncounted };
}

/** Whether the sources together cover more than a /8 of either family of the internet. */
export function isWideOpen(sources: readonly string[]): boolean {
  const coverage = addressCoverage(sources);
  return coverage.ipv4 > WIDE_OPEN.ipv4 || coverage.ipv6 > WIDE_OPEN.ipv6;
}
