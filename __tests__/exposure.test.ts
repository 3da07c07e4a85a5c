/*
 * Exposure (policy/exposure.ts): firewall sources counted as address space, and the line past which they are wide
 * open: more than a /8's worth of IPv4 or of IPv6, or a source nobody can count.
 */
import { describeExposure, exposureOf, isWideOpen, readSource, WIDE_OPEN_ADDRESSES } from "../policy/exposure";

describe("readSource", () => {
  it.each([
    ["203.0.113.0/24", "range"],
    ["2001:db8::/32", "range"],
    ["198.51.100.7", "range"],
    // The estate's own references: their values exist when Terraform plans.
    ["${var.fastly_source_ranges}", "planned"],
    [
      "${data.terraform_remote_state.cross-stack-reference-input-digitalocean-sfo1.outputs.cross-stack-output-digitalocean_dropletbackup_droplet_7372FC5Fipv4_address}",
      "planned",
    ],
    ["${digitalocean_droplet.web.ipv4_address}", "planned"],
    ["${digitalocean_droplet.web[0].ipv4_address}", "planned"],
    ['${data.terraform_remote_state.x.outputs["ranges"]}', "planned"],
    // Expressions and what is not an address.
    ['${"0.0.0.0/0"}', "uncountable"],
    ['${cidrsubnet("0.0.0.0/0", 0, 0)}', "uncountable"],
    ["${local.sources}", "uncountable"],
    ["${var.a}${var.b}", "uncountable"],
    ["0.0.0.0/${var.prefix}", "uncountable"],
    ["${var.on ? var.wide : var.narrow}", "uncountable"],
    ["%{ if true }0.0.0.0/0%{ endif }", "uncountable"],
    ["0/0", "uncountable"],
    ["any", "uncountable"],
    ["10.0.0.0/33", "uncountable"],
  ] as const)("reads %j as %s", (source, kind) => {
    expect(readSource(source).kind).toBe(kind);
  });
});

describe("wide open", () => {
  it.each([
    { sources: ["0.0.0.0/0"], wide: true },
    { sources: ["::/0"], wide: true },
    { sources: ["0.0.0.0/1", "128.0.0.0/1"], wide: true },
    { sources: ["0.0.0.0/1"], wide: true },
    // Exactly a /8 is not more than a /8; a /8 and one address more is.
    { sources: ["10.0.0.0/8"], wide: false },
    { sources: ["10.0.0.0/8", "10.128.0.0/9"], wide: false },
    { sources: ["10.0.0.0/8", "11.0.0.0/32"], wide: true },
    { sources: ["10.0.0.0/7"], wide: true },
    { sources: ["2001:db8::/8"], wide: false },
    { sources: ["2000::/7"], wide: true },
    { sources: ["2000::/8", "2100::/8"], wide: true },
    { sources: ["10.132.0.0/16", "203.0.113.7"], wide: false },
    { sources: ["${var.fastly_source_ranges}"], wide: false },
    { sources: ['${"0.0.0.0/0"}'], wide: true },
    { sources: ["10.132.0.0/16", "not-an-address"], wide: true },
    { sources: [], wide: false },
    // IPv4-mapped IPv6 counts as the IPv4 it maps too, and as IPv6.
    { sources: ["::ffff:0.0.0.0/96"], wide: true },
    { sources: ["::ffff:0:0/97", "::ffff:128.0.0.0/97"], wide: true },
    { sources: ["::ffff:10.0.0.0/104"], wide: false },
    // A range that only contains the mapped block is IPv6: 2^48 addresses.
    { sources: ["::/80"], wide: false },
  ])("$sources: $wide", ({ sources, wide }) => {
    expect(isWideOpen(exposureOf(sources))).toBe(wide);
  });

  it("is measured at a /8 of each family", () => {
    expect(WIDE_OPEN_ADDRESSES).toEqual({ ipv4: 2n ** 24n, ipv6: 2n ** 120n });
  });

  it("says what makes sources wide open", () => {
    expect(describeExposure(exposureOf(["0.0.0.0/1", "128.0.0.0/1", "::/0"]))).toBe("all of IPv4; all of IPv6");
    expect(describeExposure(exposureOf(["0.0.0.0/1"]))).toBe("50% of IPv4");
    expect(describeExposure(exposureOf(['${"0.0.0.0/0"}']))).toBe(
      '"${"0.0.0.0/0"}" is an expression the policy cannot evaluate, so it counts as the whole internet',
    );
    expect(exposureOf(["${var.x}", "10.0.0.0/8"]).planned).toEqual(["${var.x}"]);
    expect(describeExposure(exposureOf(["::ffff:0.0.0.0/97"]))).toBe("50% of IPv4");
    expect(exposureOf(["::ffff:192.0.2.1"]).addresses).toEqual({ ipv4: 1n, ipv6: 1n });
  });
});
