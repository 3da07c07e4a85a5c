/**
 * The estate's DNS: the zones hosted in Route 53 and the records written by hand, the zones kept elsewhere, the CAA
 * policy and Fastly's edge addresses every zone uses, the hosts' own records, and the registrar.
 */
import { isIPv4 } from "node:net";
import { z } from "zod";
import { isRecordName } from "../../values/dns-names";
import { ipv6Problem, mxProblem, SPF_POLICY, spfProblem, txtProblem } from "../dns-values";
import { domainName, eachValue, ipv4, ipv6, matching, nonEmptyList, noRepeats, text, ttl, type Shape } from "./blocks";
import { asString, ITEM_KINDS } from "./item-kinds";
import { policyExceptions } from "./policy-exceptions";
import { Source, sourcedObject } from "./sources";

/** A record type Route 53 serves and this estate uses. */
export const RecordType = z.enum(["A", "AAAA", "CAA", "CNAME", "MX", "TXT"]);
export type RecordType = Shape<typeof RecordType>;

/** What is wrong with one value of a hand-written record of each type, or undefined; types without an entry take any text. */
const recordValueProblem: Partial<Record<string, (value: string) => string | undefined>> = {
  A: (v) => (isIPv4(v) ? undefined : `"${v}" is not an IPv4 address`),
  AAAA: ipv6Problem,
  MX: mxProblem,
  TXT: (v) => txtProblem(v) ?? (SPF_POLICY.test(v) ? spfProblem(v) : undefined),
};

/** A record written out by hand in the inventory (MX, TXT beyond SPF, and so on). */
export const LiteralRecord = z
  .strictObject({
    /** Fully qualified name. */
    name: text((v) => (isRecordName(v) ? undefined : `"${v}" is not a record name (lower case labels, "_" allowed at a label's start)`)),
    type: RecordType,
    values: nonEmptyList(text()),
    /** @default the zone's default TTL */
    ttl: ttl.optional(),
  })
  .superRefine((record, ctx) => {
    const problem = recordValueProblem[record.type];
    if (problem !== undefined) eachValue(record.values, problem, ctx, ["values"]);
    // Route 53 refuses a record set that holds one value twice ("Duplicate Resource Record").
    noRepeats(record.values, (v) => v, ctx, ["values"], "value");
  });
export type LiteralRecord = Shape<typeof LiteralRecord>;

/** A DNS zone hosted in Route 53. */
export const Zone = sourcedObject({
  /** Policy rules this zone's records are excused from. @default none */
  policyExceptions,
  /** The domain, without a trailing dot. */
  name: domainName,
  purpose: text(),
  /** The SPF policy published at the apex. */
  spf: text((v) => (SPF_POLICY.test(v) ? (txtProblem(v) ?? spfProblem(v)) : `"${v}" is not an SPF policy (it starts with "v=spf1")`)),
  /**
   * Other TXT values published at the apex beside the SPF policy (site verification and the like), in the same
   * record set: a name has one TXT record set. A `_dmarc` policy is an ordinary record in `records`.
   * @default none
   */
  txt: z.array(text()).optional(),
  defaultTtl: ttl,
  /** Records written out by hand. @default none */
  records: z.array(LiteralRecord).optional(),
})
  .superRefine((apex, ctx) => {
    (apex.txt ?? []).forEach((value, index) => {
      // Two SPF records make every receiver's SPF check fail (RFC 7208 section 4.5).
      if (SPF_POLICY.test(value))
        ctx.addIssue({ code: "custom", path: ["txt", index], message: `"${value}" is an SPF policy: the zone has one, its spf field` });
    });
    eachValue(apex.txt ?? [], txtProblem, ctx, ["txt"]);
    noRepeats(apex.txt ?? [], (v) => v, ctx, ["txt"], "TXT value");
    noRepeats(apex.records ?? [], (r) => `${r.type} ${r.name}`, ctx, ["records"], "record");
    (apex.records ?? []).forEach((record, index) => {
      if (record.type === "TXT" && record.name === apex.name) {
        ctx.addIssue({
          code: "custom",
          path: ["records", index, "name"],
          message: `a TXT record at the apex "${apex.name}" would be a second TXT record set beside the SPF one: write its values in the zone's txt field`,
        });
      }
    });
  })
  .register(ITEM_KINDS, { noun: "zone", name: (i) => asString(i?.name) });
export type Zone = Shape<typeof Zone>;

/**
 * A zone the estate's names lie in whose records are kept elsewhere (by hand, or by another configuration): names in it
 * may be served by the estate's hosts, but no record of it is written here, and none is removed.
 */
export const ExternalZone = sourcedObject({
  /** The domain, without a trailing dot. */
  name: domainName,
  purpose: text(),
  /** Who keeps its records. */
  managedBy: text(),
}).register(ITEM_KINDS, { noun: "external zone", name: (i) => asString(i?.name) });
export type ExternalZone = Shape<typeof ExternalZone>;

/** CAA policy published at every zone's apex. */
export const CaaPolicy = sourcedObject({
  /** Certificate authorities allowed to issue for the domain. */
  issuers: nonEmptyList(domainName, "is empty: no certificate authority could issue"),
  /** Where CAs report refused requests. */
  iodef: matching(/^(mailto:|https?:\/\/)\S+$/, "is not a mailto: or http(s) URL"),
})
  .superRefine((policy, ctx) => {
    // Every zone's CAA record set holds one value per issuer: Route 53 refuses one value twice.
    noRepeats(policy.issuers, (issuer) => issuer, ctx, ["issuers"], "issuer");
  })
  .register(ITEM_KINDS, { noun: "CAA policy" });
export type CaaPolicy = Shape<typeof CaaPolicy>;

/** Fastly's published edge addresses, for names served by Fastly. */
export const FastlyEdge = sourcedObject({
  /** CNAME target for a subdomain. */
  dualstackCname: domainName,
  /** A records for an apex, which cannot be a CNAME. */
  apexIpv4: nonEmptyList(ipv4),
  /** AAAA records for an apex. */
  apexIpv6: nonEmptyList(ipv6),
})
  .superRefine((edge, ctx) => {
    // Each list is the record set of a Fastly apex: Route 53 refuses one value twice.
    noRepeats(edge.apexIpv4, (a) => a, ctx, ["apexIpv4"], "address");
    noRepeats(edge.apexIpv6, (a) => a, ctx, ["apexIpv6"], "address");
  })
  .register(ITEM_KINDS, { noun: "Fastly edge" });
export type FastlyEdge = Shape<typeof FastlyEdge>;

/** The A and AAAA records of every host's own name, `<name>.<datacenter>.<host zone>`, which the DNS stack writes. */
export const HostRecords = sourcedObject({
  ttlSeconds: ttl,
  /** A configuration that writes the same records today and must stop, so that the DNS stack is their one writer. */
  retiringWriter: z.strictObject({ name: text(), where: Source, until: text() }),
}).register(ITEM_KINDS, { noun: "host records" });
export type HostRecords = Shape<typeof HostRecords>;

/** The domain registrar: every zone's domain is registered there, and its delegation and DNSSEC key published. */
export const Registrar = z
  .strictObject({
    name: text(),
    source: Source,
  })
  .register(ITEM_KINDS, { noun: "registrar" });
export type Registrar = Shape<typeof Registrar>;

/** The DNS's fields of the inventory. */
export const dnsFields = {
  /** The zone that carries every host's name, `<name>.<dc>.<hostZone>`. */
  hostZone: domainName,
  zones: z.array(Zone),
  /** Zones whose records are kept elsewhere, in which some of the estate's names lie. */
  externalZones: z.array(ExternalZone),
  caa: CaaPolicy,
  fastlyEdge: FastlyEdge,
  hostRecords: HostRecords,
  registrar: Registrar,
};
