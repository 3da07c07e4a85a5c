/*
 * DNS rules over the Route 53 zones and records: who may issue certificates (CAA), what the zones say
 * about mail (SPF, MX), and values that cannot be right in a public zone.
 */
import { knownCidr, parseAddress, rangeContains, type AddressRange } from "../../values/address-ranges";
import { zoneContaining } from "../../values/dns-names";
import { MX_PRIORITY_MAX } from "../../inventory/dns-values";
import { inventoryCause } from "../cause";
import { resourcesOfType, type ResourceEntry } from "../configuration";
import type { PolicyCause, PolicyContext, PolicyFinding, PolicyRule } from "../types";

/**
 * The CAA issuer domain of each certificate authority the estate's providers can use. Sources: Fastly's
 * TLS subscription docs (fastly/terraform-provider-fastly v9.5.1 docs/resources/tls_subscription.md:
 * `lets-encrypt`, `globalsign`, `certainly`) and each CA's published CAA identifier (Let's Encrypt:
 * letsencrypt.org; GlobalSign: globalsign.com; Fastly's Certainly: certainly.com); Heroku ACM issues
 * through Let's Encrypt (Heroku Dev Center, "Automated Certificate Management").
 */
export const CAA_ISSUER_OF: Readonly<Record<string, string>> = {
  "lets-encrypt": "letsencrypt.org",
  globalsign: "globalsign.com",
  certainly: "certainly.com",
  "heroku-acm": "letsencrypt.org",
};

interface Zone {
  readonly name: string;
  readonly reference: string;
  readonly entry: ResourceEntry;
}

function zones(context: PolicyContext): Zone[] {
  return resourcesOfType(context, "aws_route53_zone").map((entry) => ({
    name: String(entry.body.name),
    reference: `\${${entry.address}.zone_id}`,
    entry,
  }));
}

/** Records by the zone whose id they reference; records in another stack name the zone through remote state and are left out. */
function recordsOf(context: PolicyContext): { record: ResourceEntry; zone: Zone }[] {
  const all = zones(context);
  return resourcesOfType(context, "aws_route53_record").flatMap((record) => {
    const zone = all.find((z) => z.entry.stack === record.stack && z.reference === record.body.zone_id);
    return zone === undefined ? [] : [{ record, zone }];
  });
}

function literalValues(record: ResourceEntry): string[] {
  return ((record.body.records as unknown[] | undefined) ?? []).filter((v): v is string => typeof v === "string" && !v.includes("${"));
}

/**
 * The inventory field a record's value comes from: the apex TXT set is the zone's spf and then its txt values, the apex
 * CAA set the CAA policy's issuers, Fastly's apex addresses the Fastly edge's, an external host's address its own; any
 * other literal value is a hand-written record of the zone's.
 */
function recordCause(context: PolicyContext, record: ResourceEntry, zone: Zone, value: string): PolicyCause {
  const name = String(record.body.name);
  const type = String(record.body.type);
  const index = literalValues(record).indexOf(value);
  if (name === zone.name && type === "TXT") return inventoryCause(`zone "${zone.name}"`, index <= 0 ? "spf" : `txt[${index - 1}]`);
  if (name === zone.name && type === "CAA") return inventoryCause("CAA policy", "issuers");
  if ((type === "A" || type === "AAAA") && context.facts.owned.addresses.includes(value.toLowerCase()))
    return inventoryCause("Fastly edge", type === "A" ? "apexIpv4" : "apexIpv6");
  if (type === "A" && context.facts.owned.names.includes(name)) return inventoryCause(`external host "${name}"`, "ipv4");
  return inventoryCause(`zone "${zone.name}"`, "records");
}

function finding(context: PolicyContext, rule: string, record: ResourceEntry, zone: Zone, value: string, message: string): PolicyFinding {
  return {
    rule,
    stack: record.stack,
    address: record.address,
    subject: { kind: "zone", name: zone.name },
    cause: recordCause(context, record, zone, value),
    message: `${record.path}: ${message}`,
  };
}

/** The issuers a zone's apex CAA record allows (`0 issue "letsencrypt.org"`). */
function caaIssuers(context: PolicyContext): Map<string, string[]> {
  const issuers = new Map<string, string[]>();
  for (const { record, zone } of recordsOf(context)) {
    if (record.body.type !== "CAA" || record.body.name !== zone.name) continue;
    const allowed = literalValues(record)
      .flatMap((v) => /^\d+\s+issue\s+"([^";]*)/.exec(v)?.[1] ?? [])
      .filter((d) => d !== "");
    issuers.set(zone.name, [...(issuers.get(zone.name) ?? []), ...allowed]);
  }
  return issuers;
}

export const CAA_ON_EVERY_ZONE: PolicyRule = {
  id: "dns.caa-on-every-zone",
  rationale: "every zone says which certificate authorities may issue for it (CAA), with at least one issuer",
  severity: "error",
  check: (context) => {
    const issuers = caaIssuers(context);
    return zones(context)
      .filter((z) => (issuers.get(z.name) ?? []).length === 0)
      .map((z) => ({
        rule: "dns.caa-on-every-zone",
        stack: z.entry.stack,
        address: z.entry.address,
        subject: { kind: "zone" as const, name: z.name },
        cause: inventoryCause("CAA policy", "issuers"),
        message: `${z.entry.path}: zone ${z.name} has no CAA record allowing an issuer at its apex`,
      }));
  },
};

export const CAA_ALLOWS_USED_CAS: PolicyRule = {
  id: "dns.caa-allows-used-cas",
  rationale: "every certificate authority the estate asks for a certificate is allowed by the zone of the name",
  severity: "error",
  check: (context) => {
    const issuers = caaIssuers(context);
    const all = zones(context);
    const uses: { name: string; ca: string; entry: ResourceEntry }[] = [];
    for (const subscription of resourcesOfType(context, "fastly_tls_subscription")) {
      for (const domain of (subscription.body.domains as string[] | undefined) ?? [])
        uses.push({ name: domain, ca: String(subscription.body.certificate_authority), entry: subscription });
    }
    const acmApps = new Set(
      resourcesOfType(context, "heroku_app")
        .filter((a) => a.body.acm === true)
        .map((a) => `\${${a.address}.id}`),
    );
    for (const domain of resourcesOfType(context, "heroku_domain")) {
      if (acmApps.has(String(domain.body.app_id))) uses.push({ name: String(domain.body.hostname), ca: "heroku-acm", entry: domain });
    }
    return uses.flatMap(({ name, ca, entry }) => {
      const zone = all.find(
        (z) =>
          z.name ===
          zoneContaining(
            name,
            all.map((a) => a.name),
          ),
      );
      const issuer = CAA_ISSUER_OF[ca];
      if (zone === undefined) return [];
      if (issuer !== undefined && (issuers.get(zone.name) ?? []).includes(issuer)) return [];
      return [
        {
          rule: "dns.caa-allows-used-cas",
          stack: entry.stack,
          address: entry.address,
          subject: { kind: "zone" as const, name: zone.name },
          cause: inventoryCause("CAA policy", "issuers"),
          message: `${entry.path}: ${name} gets its certificate from ${ca}${issuer === undefined ? " (no known CAA identifier)" : ` (${issuer})`}, which zone ${zone.name}'s CAA does not allow`,
        },
      ];
    });
  },
};

export const NO_SPF_PLUS_ALL: PolicyRule = {
  id: "dns.no-spf-plus-all",
  rationale: "an SPF record ending in +all lets anyone send mail as the domain",
  severity: "error",
  check: (context) =>
    recordsOf(context)
      .filter(({ record }) => record.body.type === "TXT")
      .flatMap(({ record, zone }) =>
        literalValues(record)
          .filter((v) => /^v=spf1\b/i.test(v.replace(/^"|"$/g, "")) && /(^|\s)\+?all(\s|"|$)/i.test(v))
          .map((v) => finding(context, "dns.no-spf-plus-all", record, zone, v, `SPF "${v}" allows every sender (+all)`)),
      ),
};

/** Ranges that are private, shared, loopback, link-local, reserved or for documentation (RFC 6890), of both families. */
const NOT_PUBLIC: readonly AddressRange[] = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/4",
  "240.0.0.0/4",
  "::/128",
  "::1/128",
  "fc00::/7",
  "fe80::/10",
  "2001:db8::/32",
  "ff00::/8",
].map(knownCidr);

export function isPublicAddress(text: string): boolean {
  const address = parseAddress(text);
  return address !== undefined && !NOT_PUBLIC.some((range) => rangeContains(range, address));
}

export const NO_PRIVATE_ADDRESSES: PolicyRule = {
  id: "dns.no-private-addresses",
  rationale: "a public zone publishes no private, reserved or documentation address",
  severity: "error",
  check: (context) =>
    recordsOf(context)
      .filter(({ record }) => record.body.type === "A" || record.body.type === "AAAA")
      .flatMap(({ record, zone }) =>
        literalValues(record)
          .filter((v) => !isPublicAddress(v))
          .map((v) =>
            finding(
              context,
              "dns.no-private-addresses",
              record,
              zone,
              v,
              `${String(record.body.name)} ${String(record.body.type)} ${v} is not a public address`,
            ),
          ),
      ),
};

/** Route 53 (and DNS) take at most 255 characters in one TXT string; longer values are split into quoted strings. */
const TXT_STRING_MAX = 255;

export const TXT_SPLIT_255: PolicyRule = {
  id: "dns.txt-split-255",
  rationale: "a TXT string longer than 255 characters is refused by Route 53; longer values are split",
  severity: "error",
  check: (context) =>
    recordsOf(context)
      .filter(({ record }) => record.body.type === "TXT")
      .flatMap(({ record, zone }) =>
        literalValues(record)
          .filter((v) => v.split('""').some((part) => part.replace(/^"|"$/g, "").length > TXT_STRING_MAX))
          .map((v) =>
            finding(context, "dns.txt-split-255", record, zone, v, `a TXT string of ${v.length} characters is not split at ${TXT_STRING_MAX}`),
          ),
      ),
};

export const MX_PRIORITY: PolicyRule = {
  id: "dns.mx-priority",
  rationale: "an MX value is a priority (0-65535) and a host name",
  severity: "error",
  check: (context) =>
    recordsOf(context)
      .filter(({ record }) => record.body.type === "MX")
      .flatMap(({ record, zone }) =>
        literalValues(record).flatMap((v) => {
          const priority = /^(\d+) \S+$/.exec(v)?.[1];
          if (priority === undefined) return [finding(context, "dns.mx-priority", record, zone, v, `MX value "${v}" has no priority`)];
          return Number(priority) > MX_PRIORITY_MAX
            ? [finding(context, "dns.mx-priority", record, zone, v, `MX value "${v}" has a priority above ${MX_PRIORITY_MAX}`)]
            : [];
        }),
      ),
};

/** RFC 1123 host names: labels of letters, digits and hyphens, not at either end, at most 63 each, 253 in all. */
export function isHostName(name: string): boolean {
  const bare = name.endsWith(".") ? name.slice(0, -1) : name;
  return (
    bare.length > 0 &&
    bare.length <= 253 &&
    bare.split(".").every((label) => /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/.test(label) || label === "_acme-challenge")
  );
}

export const VALID_TARGETS: PolicyRule = {
  id: "dns.valid-targets",
  rationale: "CNAME and MX targets are host names, or the records point nowhere",
  severity: "error",
  check: (context) =>
    recordsOf(context)
      .filter(({ record }) => record.body.type === "CNAME" || record.body.type === "MX")
      .flatMap(({ record, zone }) =>
        literalValues(record)
          .map((v) => (record.body.type === "MX" ? (v.split(" ")[1] ?? "") : v))
          .filter((target) => !isHostName(target))
          .map((target) =>
            finding(context, "dns.valid-targets", record, zone, target, `${String(record.body.type)} target "${target}" is not a host name`),
          ),
      ),
};

export const DNS_RULES: readonly PolicyRule[] = [
  CAA_ON_EVERY_ZONE,
  CAA_ALLOWS_USED_CAS,
  NO_SPF_PLUS_ALL,
  NO_PRIVATE_ADDRESSES,
  TXT_SPLIT_255,
  MX_PRIORITY,
  VALID_TARGETS,
];
