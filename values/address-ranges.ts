/**
 * Address arithmetic for IPv4 and IPv6: addresses and CIDR ranges parsed into numbers, and how much of an address
 * family a list of ranges covers. One module for every reader of addresses: the inventory's private networks, the
 * policy's public-address and exposure rules, the review, which counts a firewall's planned sources, and the twin's
 * CIDR validator. It lives in values/, which imports nothing of the project, so every folder can use it without a cycle.
 *
 * Values are bigints: an IPv6 address is 128 bits, past a JavaScript number's exact range.
 */
import { isIPv4, isIPv6 } from "node:net";

export type AddressFamily = "ipv4" | "ipv6";

/** The number of bits of an address of each family. */
export const ADDRESS_BITS: Readonly<Record<AddressFamily, number>> = { ipv4: 32, ipv6: 128 };

export interface Address {
  readonly family: AddressFamily;
  readonly value: bigint;
}

/** A CIDR range as written: its address (host bits included, as the text has them) and prefix length. */
export interface AddressRange {
  readonly family: AddressFamily;
  readonly address: bigint;
  readonly prefixLength: number;
}

/** An address of either family in its usual text form, or undefined. IPv6 zone indexes (`%eth0`) are refused. */
export function parseAddress(text: string): Address | undefined {
  if (isIPv4(text)) return { family: "ipv4", value: ipv4Value(text) };
  if (isIPv6(text) && !text.includes("%")) return { family: "ipv6", value: ipv6Value(text) };
  return undefined;
}

/** `address/prefix` of either family, the prefix a decimal within the family's bits, or undefined. */
export function parseCidr(text: string): AddressRange | undefined {
  const [, addressText, prefixText] = /^([^/]+)\/(0|[1-9][0-9]{0,2})$/.exec(text) ?? [];
  if (addressText === undefined || prefixText === undefined) return undefined;
  const address = parseAddress(addressText);
  const prefixLength = Number(prefixText);
  if (address === undefined || prefixLength > ADDRESS_BITS[address.family]) return undefined;
  return { family: address.family, address: address.value, prefixLength };
}

/**
 * `parseCidr` for text known to be a range: a constant of the code, or an inventory field its shape has checked. Text
 * that does not parse there is a bug of the code, which this throws, saying so.
 */
export function knownCidr(text: string): AddressRange {
  const range = parseCidr(text);
  if (range === undefined) throw new Error(`"${text}" is not a CIDR range, but the code holds it as one`);
  return range;
}

/** A CIDR range, or a single address as the range of itself alone (firewalls take both). */
export function parseAddressRange(text: string): AddressRange | undefined {
  const address = parseAddress(text);
  return address !== undefined ? { family: address.family, address: address.value, prefixLength: ADDRESS_BITS[address.family] } : parseCidr(text);
}

/** The number of addresses in `range`. */
export function rangeSize(range: AddressRange): bigint {
  return 1n << BigInt(ADDRESS_BITS[range.family] - range.prefixLength);
}

/** The range's first address: its address with the host bits cleared. */
export function firstAddress(range: AddressRange): bigint {
  return range.address - (range.address % rangeSize(range));
}

export function hasHostBits(range: AddressRange): boolean {
  return range.address !== firstAddress(range);
}

export function rangeContains(range: AddressRange, address: Address): boolean {
  const first = firstAddress(range);
  return address.family === range.family && address.value >= first && address.value < first + rangeSize(range);
}

export function rangesOverlap(a: AddressRange, b: AddressRange): boolean {
  if (a.family !== b.family) return false;
  const [aFirst, bFirst] = [firstAddress(a), firstAddress(b)];
  return aFirst < bFirst + rangeSize(b) && bFirst < aFirst + rangeSize(a);
}

/**
 * How many addresses of each family `ranges` cover together: their union, so that an address in several ranges
 * counts once (`0.0.0.0/1` and `128.0.0.0/1` cover all 2^32 IPv4 addresses; `10.0.0.0/8` and `10.1.0.0/16`, 2^24).
 */
export function addressCount(ranges: readonly AddressRange[]): Readonly<Record<AddressFamily, bigint>> {
  const count = (family: AddressFamily): bigint => {
    const spans = ranges
      .filter((r) => r.family === family)
      .map((r) => ({ first: firstAddress(r), end: firstAddress(r) + rangeSize(r) }))
      .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    let total = 0n;
    let coveredTo = -1n;
    for (const { first, end } of spans) {
      const from = first > coveredTo ? first : coveredTo;
      if (end > from) total += end - from;
      if (end > coveredTo) coveredTo = end;
    }
    return total;
  };
  return { ipv4: count("ipv4"), ipv6: count("ipv6") };
}

/** An address in its usual text: dotted IPv4, or IPv6 with its longest run of zero groups as `::` (RFC 5952). */
export function formatAddress(address: Address): string {
  if (address.family === "ipv4") return [24n, 16n, 8n, 0n].map((shift) => String((address.value >> shift) & 0xffn)).join(".");
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) => Number((address.value >> shift) & 0xffffn));
  let best = { start: -1, length: 0 };
  for (let start = 0; start < 8; start += 1) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length += 1;
    if (length > best.length) best = { start, length };
  }
  const hex = (part: readonly number[]): string => part.map((g) => g.toString(16)).join(":");
  return best.length < 2 ? hex(groups) : `${hex(groups.slice(0, best.start))}::${hex(groups.slice(best.start + best.length))}`;
}

function ipv4Value(text: string): bigint {
  return text.split(".").reduce((value, octet) => (value << 8n) + BigInt(Number(octet)), 0n);
}

/** An IPv6 address `isIPv6` accepted: groups around at most one `::`, the last two possibly a dotted IPv4 address. */
function ipv6Value(text: string): bigint {
  const groupsOf = (part: string): number[] =>
    part === ""
      ? []
      : part.split(":").flatMap((group) => {
          if (!group.includes(".")) return [parseInt(group, 16)];
          const v4 = Number(ipv4Value(group));
          return [Math.floor(v4 / 65536), v4 % 65536];
        });
  const [head = "", tail] = text.split("::");
  const before = groupsOf(head);
  const after = tail === undefined ? [] : groupsOf(tail);
  const groups = [...before, ...new Array<number>(8 - before.length - after.length).fill(0), ...after];
  return groups.reduce((value, group) => (value << 16n) + BigInt(group), 0n);
}
