/*
 * What nobody manages here: for every zone, the record sets it holds that no stack declares, each with who manages it
 * where the inventory knows (a name of an external service: pypi/infra; a host name Salt's DNS state writes), and the
 * zone's own SOA and NS apart. From a live snapshot, also every other object of an account that no stack declares.
 * The records can become inventory entries (`inventoryEntries`): generated data with its source, "live zone export",
 * and its date.
 */
import type { Estate } from "../inventory";
import { isInZone } from "../values/dns-names";
import { ACME_CHALLENGE_PREFIX } from "../provider-schemas/facts/fastly-challenges";
import type { Configurations } from "../review/configuration";
import { compareStrings } from "../values/string-order";
import { isRecord } from "../review/json";
import { canonicalRecordName, type ZoneExport, type ZoneRecord } from "./zone-export";

export interface UnmanagedRecord extends ZoneRecord {
  /** Who manages it, as the inventory records it; undefined when the inventory does not know. */
  readonly managedBy?: string;
}

export interface UnmanagedZone {
  readonly zone: string;
  /** Whether a stack of the estate declares the zone. */
  readonly declared: boolean;
  readonly records: readonly UnmanagedRecord[];
}

export interface UnmanagedObject {
  readonly type: string;
  readonly importId: string;
  readonly name: string;
}

export interface UnmanagedReport {
  readonly source: string;
  readonly zones: readonly UnmanagedZone[];
  /** Objects of other types the live source lists that no stack declares (from a snapshot). */
  readonly objects: readonly UnmanagedObject[];
}

/** Every record set the estate's stacks declare, as `name TYPE`: literal names, and the TLS challenges Fastly asks for. */
export function declaredRecords(configurations: Configurations): Set<string> {
  const declared = new Set<string>();
  for (const configuration of configurations.values()) {
    const resources = (configuration as { resource?: Record<string, Record<string, Record<string, unknown>>> }).resource ?? {};
    for (const body of Object.values(resources["aws_route53_record"] ?? {})) {
      if (typeof body["name"] === "string" && !body["name"].includes("${"))
        declared.add(`${canonicalRecordName(body["name"])} ${String(body["type"])}`);
    }
    // A challenge record per domain of a subscription, made per key at apply: `_acme-challenge.<domain>` CNAME.
    for (const body of Object.values(resources["fastly_tls_subscription"] ?? {})) {
      for (const domain of Array.isArray(body["domains"]) ? body["domains"] : [])
        declared.add(`${ACME_CHALLENGE_PREFIX}${canonicalRecordName(String(domain))} CNAME`);
    }
  }
  return declared;
}

/** Who manages a record no stack declares, where the inventory says. */
export function managerOf(estate: Estate, record: ZoneRecord): string | undefined {
  const service = estate.externalServices.find((s) => s.names.map(canonicalRecordName).includes(record.name));
  if (service !== undefined) return `${service.managedBy} (external service "${service.name}", inventory/fastly.ts)`;
  const [host, datacenter, ...zone] = record.name.split(".");
  if (
    (record.type === "A" || record.type === "AAAA") &&
    host !== undefined &&
    estate.datacenters.some((d) => d.key === datacenter) &&
    zone.join(".") === estate.hostZone
  ) {
    return `${estate.hostRecords.retiringWriter.name}, for a host the inventory does not list (inventory/zones.ts HOST_RECORDS)`;
  }
  const external = estate.externalZones.find((z) => isInZone(record.name, z.name));
  if (external !== undefined) return `${external.managedBy} (external zone, inventory/zones.ts)`;
  return undefined;
}

/** The zones' record sets no stack declares, the zone's own SOA and NS at its apex left out. */
export function unmanagedRecords(exports: readonly ZoneExport[], configurations: Configurations, estate: Estate): UnmanagedZone[] {
  const declared = declaredRecords(configurations);
  const declaredZones = new Set(estate.zones.map((z) => z.name));
  return exports
    .map((zone): UnmanagedZone => ({
      zone: zone.zone,
      declared: declaredZones.has(zone.zone),
      records: zone.records
        .filter((r) => !(r.name === zone.zone && (r.type === "SOA" || r.type === "NS")) && !declared.has(`${r.name} ${r.type}`))
        .map((r) => {
          const managedBy = managerOf(estate, r);
          return managedBy === undefined ? r : { ...r, managedBy };
        }),
    }))
    .sort((a, b) => compareStrings(a.zone, b.zone));
}

/** A snapshot's zones, as exports: each `aws_route53_zone` with the record sets whose `zone_id` is its id. */
export function snapshotZones(objects: readonly { readonly type: string; readonly values: Readonly<Record<string, unknown>> }[]): ZoneExport[] {
  return objects
    .filter((o) => o.type === "aws_route53_zone")
    .map((zone) => ({
      zone: canonicalRecordName(String(zone.values["name"])),
      records: objects
        .filter((o) => o.type === "aws_route53_record" && o.values["zone_id"] === zone.values["id"])
        .map((o): ZoneRecord => ({
          name: canonicalRecordName(String(o.values["name"])),
          type: String(o.values["type"]),
          ...(typeof o.values["ttl"] === "number" ? { ttl: o.values["ttl"] } : {}),
          values: Array.isArray(o.values["records"])
            ? o.values["records"].map(String).sort(compareStrings)
            : Array.isArray(o.values["alias"])
              ? o.values["alias"].filter(isRecord).map((a) => `ALIAS ${String(a["name"])}`)
              : [],
        }))
        .sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.type, b.type)),
    }));
}

/** The records as inventory entries (`LiteralRecord`s by zone), with where and when they were read. */
export function inventoryEntries(
  report: UnmanagedReport,
  date: string,
): {
  source: { kind: "live zone export"; from: string; date: string };
  zones: Record<string, { name: string; type: string; values: readonly string[]; ttl?: number; managedBy?: string }[]>;
} {
  return {
    source: { kind: "live zone export", from: report.source, date },
    zones: Object.fromEntries(
      report.zones
        .filter((z) => z.records.length > 0)
        .map((z) => [
          z.zone,
          z.records.map((r) => ({
            name: r.name,
            type: r.type,
            values: r.values,
            ...(r.ttl !== undefined ? { ttl: r.ttl } : {}),
            ...(r.managedBy !== undefined ? { managedBy: r.managedBy } : {}),
          })),
        ]),
    ),
  };
}

export function renderUnmanaged(report: UnmanagedReport, format: "text" | "markdown" | "json"): string {
  if (format === "json") return `${JSON.stringify({ version: 1, kind: "unmanaged", ...report }, null, 2)}\n`;
  const code = format === "markdown" ? (s: string): string => `\`${s.replace(/`/g, "'")}\`` : (s: string): string => s;
  const lines = [
    format === "markdown" ? "## What nobody manages here" : "What nobody manages here",
    "",
    `Record sets and objects in ${report.source} that no stack declares (a zone's own SOA and NS left out).`,
    "",
  ];
  for (const zone of report.zones) {
    lines.push(
      `${format === "markdown" ? "### " : ""}${zone.zone}${zone.declared ? "" : " (a zone no stack declares)"}: ${zone.records.length === 0 ? "nothing unmanaged" : `${zone.records.length} record set(s)`}`,
    );
    for (const r of zone.records)
      lines.push(
        `- ${code(`${r.name} ${r.type}`)}${r.ttl !== undefined ? ` ttl ${r.ttl}` : ""}: ${r.values.map(code).join(", ")}; managed by ${r.managedBy ?? "nobody the inventory knows"}`,
      );
    lines.push("");
  }
  if (report.objects.length > 0) {
    lines.push(format === "markdown" ? "### Other objects" : "Other objects:");
    for (const o of report.objects) lines.push(`- ${o.type} ${code(o.name)} (id ${code(o.importId)})`);
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
