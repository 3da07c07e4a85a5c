/*
 * Address arithmetic (values/address-ranges.ts): parsing addresses and CIDR ranges of both families, and the
 * union of a list of ranges counted per family.
 */
import {
  addressCount,
  formatAddress,
  hasHostBits,
  parseAddress,
  parseAddressRange,
  parseCidr,
  rangeContains,
  rangesOverlap,
  type AddressRange,
} from "../values/address-ranges";
import { defined } from "./support/defined";

const range = (text: string): AddressRange => {
  const parsed = parseAddressRange(text);
  if (parsed === undefined) throw new Error(`the test expects ${text} to parse`);
  return parsed;
};
const counted = (...texts: string[]): { ipv4: bigint; ipv6: bigint } => ({ ...addressCount(texts.map(range)) });

describe("parseAddress", () => {
  it.each([
    ["0.0.0.0", "ipv4", 0n],
    ["255.255.255.255", "ipv4", 2n ** 32n - 1n],
    ["10.132.0.5", "ipv4", (10n << 24n) + (132n << 16n) + 5n],
    ["::", "ipv6", 0n],
    ["::1", "ipv6", 1n],
    ["2001:db8::", "ipv6", 0x2001_0db8n << 96n],
    ["2001:DB8::1", "ipv6", (0x2001_0db8n << 96n) + 1n],
    ["1:2:3:4:5:6:7:8", "ipv6", 0x0001_0002_0003_0004_0005_0006_0007_0008n],
    ["::ffff:192.0.2.1", "ipv6", (0xffffn << 32n) + (192n << 24n) + (2n << 8n) + 1n],
    ["ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ipv6", 2n ** 128n - 1n],
  ] as const)("reads %s", (text, family, value) => {
    expect(parseAddress(text)).toEqual({ family, value });
  });

  it.each(["", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", " 1.2.3.4", "1::2::3", "fe80::1%eth0", "12345::", "g::1", "0.0.0.0/0", "localhost"])(
    "refuses %j",
    (text) => {
      expect(parseAddress(text)).toBeUndefined();
    },
  );

  it.each(["0.0.0.0", "203.0.113.7", "::", "::1", "2001:db8::1", "2a04:4e42::645", "1:0:0:2::3", "fe80::"])(
    "writes %s back as it reads it",
    (text) => {
      expect(formatAddress(defined(parseAddress(text)))).toBe(text);
    },
  );

  it("writes the longest run of zero groups as ::, the first of two as long, and a single zero group as 0 (RFC 5952)", () => {
    expect(formatAddress(defined(parseAddress("2001:0DB8:0000:0000:0001:0000:0000:0000")))).toBe("2001:db8:0:0:1::");
    expect(formatAddress(defined(parseAddress("1:0:0:2:0:0:3:4")))).toBe("1::2:0:0:3:4");
    expect(formatAddress(defined(parseAddress("1:0:2:3:4:5:6:7")))).toBe("1:0:2:3:4:5:6:7");
  });
});

describe("parseCidr and parseAddressRange", () => {
  it.each([
    ["0.0.0.0/0", "ipv4", 0],
    ["10.132.0.0/16", "ipv4", 16],
    ["198.51.100.7/32", "ipv4", 32],
    ["::/0", "ipv6", 0],
    ["2001:db8::/32", "ipv6", 32],
    ["::1/128", "ipv6", 128],
  ] as const)("reads %s", (text, family, prefixLength) => {
    expect(parseCidr(text)).toEqual(expect.objectContaining({ family, prefixLength }));
  });

  it.each([
    "10.0.0.0/33",
    "::/129",
    "10.0.0.0/",
    "10.0.0.0/-1",
    "10.0.0.0/08",
    "10.0.0.0/8/8",
    "/8",
    "10.0.0/8",
    "0/0",
    "any",
    "10.0.0.0 /8",
    "10.0.0.0/8 ",
  ])("refuses %j", (text) => {
    expect(parseCidr(text)).toBeUndefined();
    expect(parseAddressRange(text)).toBeUndefined();
  });

  it("takes a bare address as the range of itself alone, where parseCidr wants a prefix", () => {
    expect(parseCidr("192.0.2.1")).toBeUndefined();
    expect(parseAddressRange("192.0.2.1")).toEqual({ family: "ipv4", address: (192n << 24n) + (2n << 8n) + 1n, prefixLength: 32 });
    expect(parseAddressRange("2001:db8::1")).toEqual(expect.objectContaining({ family: "ipv6", prefixLength: 128 }));
  });

  it("keeps host bits as written, and says so", () => {
    expect(hasHostBits(range("10.133.0.1/16"))).toBe(true);
    expect(hasHostBits(range("10.133.0.0/16"))).toBe(false);
    expect(rangeContains(range("10.133.0.1/16"), defined(parseAddress("10.133.255.255")))).toBe(true);
  });

  it("tells overlapping ranges, and never across families", () => {
    expect(rangesOverlap(range("10.132.0.0/16"), range("10.132.16.0/20"))).toBe(true);
    expect(rangesOverlap(range("10.132.0.0/16"), range("10.133.0.0/16"))).toBe(false);
    expect(rangesOverlap(range("0.0.0.0/0"), range("::/0"))).toBe(false);
    expect(rangeContains(range("::/0"), defined(parseAddress("1.2.3.4")))).toBe(false);
  });
});

describe("addressCount: the union of a list of ranges, per family", () => {
  it.each([
    { ranges: [], ipv4: 0n, ipv6: 0n },
    { ranges: ["0.0.0.0/0"], ipv4: 2n ** 32n, ipv6: 0n },
    { ranges: ["::/0"], ipv4: 0n, ipv6: 2n ** 128n },
    // The two halves of IPv4 are all of it: the case the literal "0.0.0.0/0" missed.
    { ranges: ["0.0.0.0/1", "128.0.0.0/1"], ipv4: 2n ** 32n, ipv6: 0n },
    { ranges: ["::/1", "8000::/1"], ipv4: 0n, ipv6: 2n ** 128n },
    // Overlaps count once, nested or repeated.
    { ranges: ["10.0.0.0/8", "10.1.0.0/16", "10.0.0.0/8"], ipv4: 2n ** 24n, ipv6: 0n },
    { ranges: ["0.0.0.0/0", "0.0.0.0/1", "203.0.113.7"], ipv4: 2n ** 32n, ipv6: 0n },
    // Partly overlapping spans, given out of order: 10.0.0.0-10.0.1.255 and 10.0.1.0-10.0.1.255 and 10.0.2.0/24.
    { ranges: ["10.0.2.0/24", "10.0.1.0/24", "10.0.0.0/23"], ipv4: 768n, ipv6: 0n },
    // Adjacent ranges add up.
    { ranges: ["192.0.2.0/25", "192.0.2.128/25"], ipv4: 256n, ipv6: 0n },
    // A range with host bits set counts as the range it lies in.
    { ranges: ["10.133.0.1/16"], ipv4: 2n ** 16n, ipv6: 0n },
    { ranges: ["2001:db8::/32", "2001:db8:1::/48", "2001:db8::1"], ipv4: 0n, ipv6: 2n ** 96n },
    { ranges: ["0.0.0.0/0", "::/0"], ipv4: 2n ** 32n, ipv6: 2n ** 128n },
  ])("counts $ranges as $ipv4 IPv4 and $ipv6 IPv6 addresses", ({ ranges, ipv4, ipv6 }) => {
    expect(counted(...ranges)).toEqual({ ipv4, ipv6 });
  });

  it("counts 256 /8s as all of IPv4, and 255 of them as a /8 less", () => {
    const slash8s = Array.from({ length: 256 }, (_, i) => `${i}.0.0.0/8`);
    expect(counted(...slash8s).ipv4).toBe(2n ** 32n);
    expect(counted(...slash8s.slice(1)).ipv4).toBe(2n ** 32n - 2n ** 24n);
  });
});
