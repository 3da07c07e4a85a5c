/*
 * A zone's records from an export, for the unmanaged listing offline (`--zone-export FILE`): Route 53's own JSON
 * (`aws route53 list-resource-record-sets --hosted-zone-id Z…`), or a BIND zone file (parsed by dns-zonefile). Values
 * are written as the estate's records and Terraform write them: TXT without its quotes, names without the root's dot.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { compareStrings } from "../values/string-order";
import { LiveCommandError } from "./terraform-runs";

/** One record set of a zone. */
export interface ZoneRecord {
  readonly name: string;
  readonly type: string;
  readonly ttl?: number;
  readonly values: readonly string[];
}

export interface ZoneExport {
  readonly zone: string;
  readonly records: readonly ZoneRecord[];
}

const route53Export = z
  .object({
    ResourceRecordSets: z.array(
      z
        .object({
          Name: z.string(),
          Type: z.string(),
          TTL: z.number().optional(),
          ResourceRecords: z.array(z.object({ Value: z.string() })).optional(),
          AliasTarget: z.object({ DNSName: z.string() }).loose().optional(),
        })
        .loose(),
    ),
  })
  .loose();

/** A name as the estate writes it: lower case, no root's dot, `\052` (Route 53's escaped `*`) as `*`. */
export function canonicalRecordName(name: string): string {
  return name.replace(/\\052/g, "*").replace(/\.$/, "").toLowerCase();
}

/** A TXT value as Terraform's records hold it: its character strings without their quotes, joined as the provider joins them. */
export function unquoteTxt(value: string): string {
  const strings = [...value.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(([, quoted = ""]) => quoted.replace(/\\"/g, '"'));
  return strings.length === 0 ? value : strings.join('""');
}

function sorted(records: ZoneRecord[]): ZoneRecord[] {
  return records.sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.type, b.type));
}

/** Route 53's JSON export; the zone is the SOA record's name unless `zone` says. */
export function parseRoute53Export(text: string, file: string, zone?: string): ZoneExport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new LiveCommandError(`${file} is not JSON: ${(error as Error).message}`);
  }
  const result = route53Export.safeParse(parsed);
  if (!result.success)
    throw new LiveCommandError(
      `${file} is not Route 53's list-resource-record-sets JSON: ${result.error.issues[0]?.path.join(".") ?? ""}: ${result.error.issues[0]?.message ?? ""}`,
    );
  const records = result.data.ResourceRecordSets.map((set): ZoneRecord => ({
    name: canonicalRecordName(set.Name),
    type: set.Type,
    ...(set.TTL !== undefined ? { ttl: set.TTL } : {}),
    values:
      set.AliasTarget !== undefined
        ? [`ALIAS ${canonicalRecordName(set.AliasTarget.DNSName)}`]
        : (set.ResourceRecords ?? []).map((r) => (set.Type === "TXT" || set.Type === "SPF" ? unquoteTxt(r.Value) : r.Value.replace(/\.$/, ""))),
  }));
  const soa = records.find((r) => r.type === "SOA");
  const name = zone ?? soa?.name;
  if (name === undefined) throw new LiveCommandError(`${file}: no SOA record names the zone; give it with --zone`);
  return { zone: canonicalRecordName(name), records: sorted(records) };
}

/** The record types dns-zonefile reads; a zone file with others is refused, so that no record goes unseen. */
const BIND_TYPES = ["SOA", "NS", "A", "AAAA", "CNAME", "MX", "TXT", "PTR", "SRV", "SPF", "CAA", "DS"] as const;

interface BindZone {
  readonly $origin?: string;
  readonly $ttl?: number | string;
  readonly soa?: {
    readonly name: string;
    readonly ttl?: number;
    readonly mname: string;
    readonly rname: string;
    readonly serial: number;
    readonly refresh: number;
    readonly retry: number;
    readonly expire: number;
    readonly minimum: number;
  };
  readonly [type: string]: unknown;
}

/** A BIND zone file; the zone is its $ORIGIN (or `zone`). */
export async function parseBindZone(text: string, file: string, zone?: string): Promise<ZoneExport> {
  const unknownTypes = new Set<string>();
  for (const line of text.split("\n")) {
    const tokens = line.replace(/;.*$/, "").trim().split(/\s+/);
    if (tokens.length < 2 || line.trim().startsWith("$")) continue;
    const type = tokens.find((t) => /^[A-Z][A-Z0-9]+$/.test(t) && t !== "IN");
    if (type !== undefined && !(BIND_TYPES as readonly string[]).includes(type) && !/^\d/.test(type)) unknownTypes.add(type);
  }
  if (unknownTypes.size > 0)
    throw new LiveCommandError(
      `${file} holds records of type ${[...unknownTypes].sort().join(", ")}, which the zone file parser does not read: export the zone as Route 53's JSON instead`,
    );
  // dns-zonefile is an ES module: loaded when a BIND file is read.
  const { default: zonefile } = (await import("dns-zonefile")) as unknown as { default: { parse: (text: string) => BindZone } };
  const parsed = zonefile.parse(text);
  const origin = canonicalRecordName(zone ?? parsed.$origin ?? parsed.soa?.name ?? "");
  if (origin === "" || origin === "@") throw new LiveCommandError(`${file}: no $ORIGIN names the zone; give it with --zone`);
  const defaultTtl = parsed.$ttl === undefined ? undefined : Number(parsed.$ttl);
  const absolute = (name: string): string =>
    name === "@" ? origin : name.endsWith(".") ? canonicalRecordName(name) : `${name.toLowerCase()}.${origin}`;
  const sets = new Map<string, { name: string; type: string; ttl?: number; values: string[] }>();
  const add = (name: string, type: string, ttl: number | undefined, value: string): void => {
    const key = `${absolute(name)} ${type}`;
    const set = sets.get(key) ?? { name: absolute(name), type, ...((ttl ?? defaultTtl) !== undefined ? { ttl: ttl ?? defaultTtl } : {}), values: [] };
    set.values.push(value);
    sets.set(key, set);
  };
  const rows = (type: string): Record<string, unknown>[] => (Array.isArray(parsed[type]) ? (parsed[type] as Record<string, unknown>[]) : []);
  const ttlOf = (row: Record<string, unknown>): number | undefined => (typeof row["ttl"] === "number" ? row["ttl"] : undefined);
  const host = (value: unknown): string => String(value).replace(/\.$/, "");
  if (parsed.soa !== undefined) {
    const s = parsed.soa;
    add(s.name, "SOA", s.ttl, `${s.mname} ${s.rname} ${s.serial} ${s.refresh} ${s.retry} ${s.expire} ${s.minimum}`);
  }
  for (const row of rows("ns")) add(String(row["name"]), "NS", ttlOf(row), host(row["host"]));
  for (const row of rows("a")) add(String(row["name"]), "A", ttlOf(row), String(row["ip"]));
  for (const row of rows("aaaa")) add(String(row["name"]), "AAAA", ttlOf(row), String(row["ip"]));
  for (const row of rows("cname")) add(String(row["name"]), "CNAME", ttlOf(row), host(row["alias"]));
  for (const row of rows("mx")) add(String(row["name"]), "MX", ttlOf(row), `${String(row["preference"])} ${host(row["host"])}`);
  for (const row of rows("txt")) add(String(row["name"]), "TXT", ttlOf(row), unquoteTxt(String(row["txt"])));
  for (const row of rows("spf")) add(String(row["name"]), "SPF", ttlOf(row), unquoteTxt(String(row["data"])));
  for (const row of rows("caa")) add(String(row["name"]), "CAA", ttlOf(row), `${String(row["flags"])} ${String(row["tag"])} ${String(row["value"])}`);
  for (const row of rows("srv"))
    add(String(row["name"]), "SRV", ttlOf(row), `${String(row["priority"])} ${String(row["weight"])} ${String(row["port"])} ${host(row["target"])}`);
  for (const row of rows("ptr")) add(String(row["name"]), "PTR", ttlOf(row), host(row["host"]));
  for (const row of rows("ds"))
    add(
      String(row["name"]),
      "DS",
      ttlOf(row),
      `${String(row["key_tag"])} ${String(row["algorithm"])} ${String(row["digest_type"])} ${String(row["digest"])}`,
    );
  return { zone: origin, records: sorted([...sets.values()]) };
}

/** Reads an export: JSON when it parses as JSON, a BIND zone file otherwise. */
export async function readZoneExport(file: string, zone?: string): Promise<ZoneExport> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new LiveCommandError(`cannot read the zone export ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return /^\s*\{/.test(text) ? parseRoute53Export(text, file, zone) : parseBindZone(text, file, zone);
}
