/**
 * The inventory's shape, as a zod schema: every field's type, which fields are required and which are known,
 * and every rule about one item alone (a slug, a CIDR range, a port range, a TTL, a host's previous name).
 * `shapeProblems` parses a whole inventory with it and turns each issue into a line in the house style,
 * `<item> field "<field>": <problem>`; validate.ts then checks what lies between items (references,
 * uniqueness, record planning) on the parsed data.
 *
 * types.ts stays the documented shape that constructs and stacks read; the assertion at the end of this file
 * keeps the two the same, so a field added to one and not the other fails type-checking.
 */
import { isIPv4 } from "node:net";
import { z } from "zod";
import {
  DIGITALOCEAN_DEFAULT_DATABASE, DIGITALOCEAN_DROPLET_SIZES, DIGITALOCEAN_POSTGRES_SIZES, DIGITALOCEAN_POSTGRES_VERSIONS, DIGITALOCEAN_REGIONS, type OfferedValues,
} from "../provider-schemas/facts/digitalocean";
import { ESCALATION_DELAY_MINUTES } from "../provider-schemas/facts/pagerduty";
import type { AttributeValueRule } from "../provider-schemas/facts/types";
import { firstAddress, formatAddress, hasHostBits, parseCidr, rangeContains } from "./address-ranges";
import { DOMAIN_NAME, isRecordName } from "./dns-names";
import { ipv6Problem, mxProblem, SPF_POLICY, spfProblem, txtProblem } from "./dns-values";
import { dayProblem, exceptionTermProblems } from "./exception-term";
import type { ProblemList } from "./inventory-error";
import { asRecord, ITEMS, listedItemLabel, SINGLE_ITEMS } from "./item-labels";
import { looksSecretName } from "./looks-secret";
import type { EstateInventory } from "./types";

// ---------------------------------------------------------------------------------------------------------
// Rules of single values, shared with validate.ts.

export const TTL_MIN = 60;
export const TTL_MAX = 86400;

/** A TTL Route 53 records of this estate may have: whole seconds within TTL_MIN-TTL_MAX. */
export function isValidTtl(ttl: number): boolean {
  return Number.isInteger(ttl) && ttl >= TTL_MIN && ttl <= TTL_MAX;
}

/** Heroku's rule for app names. */
export const HEROKU_APP_NAME = /^[a-z][a-z0-9-]{2,29}$/;
/** Lowercase letters and digits in words joined by single dashes: keys, names that become tags and droplet names. */
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** A DigitalOcean volume name: lowercase letters, digits and dashes, starting with a letter, at most 64. */
const DO_VOLUME_NAME = /^[a-z][a-z0-9-]{0,63}$/;
/** A database name the managed cluster takes. */
const DATABASE_NAME = /^[a-z][a-z0-9_-]{0,62}$/;
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-[0-9]$/;
/** S3's rule for bucket names (a website bucket is named after the host it serves, so dots are usual). */
const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const CONFIG_VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HTTP_HEADER_NAME = /^[A-Za-z0-9-]+$/;
const ADDON_PLAN = /^[a-z0-9-]+:[a-z0-9-]+$/;

/** The private IPv4 blocks of RFC 1918. */
const RFC1918 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] as const;
/** DigitalOcean takes VPC ranges from /16 (the largest) to /28; a datacenter needs room for its droplets: /24 at least. */
const DATACENTER_PREFIX = { min: 16, max: 24 } as const;

/** What is wrong with `value` as a datacenter's private network, or undefined when nothing is. */
function privateRangeProblem(value: string): string | undefined {
  const range = parseCidr(value);
  if (range === undefined || range.family !== "ipv4") return `"${value}" is not an IPv4 CIDR range`;
  if (hasHostBits(range)) {
    return `"${value}" has host bits set: the range is ${formatAddress({ family: "ipv4", value: firstAddress(range) })}/${range.prefixLength}`;
  }
  const block = RFC1918.map((text) => parseCidr(text)!).find((b) => rangeContains(b, { family: "ipv4", value: range.address }));
  if (block === undefined || range.prefixLength < block.prefixLength) {
    return `"${value}" is not a private range (RFC 1918: ${RFC1918.join(", ")})`;
  }
  if (range.prefixLength < DATACENTER_PREFIX.min || range.prefixLength > DATACENTER_PREFIX.max) {
    return `"${value}" is a /${range.prefixLength}: a datacenter's private network is a /${DATACENTER_PREFIX.min} to a /${DATACENTER_PREFIX.max} (DigitalOcean takes no VPC larger than a /16)`;
  }
  return undefined;
}

/** What is wrong with a volume's mount point, or undefined. */
function mountPointProblem(value: string): string | undefined {
  if (!value.startsWith("/")) return `"${value}" is not an absolute path`;
  const parts = value.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.includes("..")) return `"${value}" climbs with "..": write the path it means`;
  // The droplet's own disk is mounted at /: a volume there would hide the operating system it boots from.
  return parts.length === 0 ? `"${value}" is the root of the droplet's own disk: a volume is mounted below it (e.g. /backup)` : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Building blocks.

const quote = (value: unknown): string => (typeof value === "string" ? `"${value}"` : JSON.stringify(value) ?? String(value));

/** A string with text in it and no spaces at either end, that also passes `rule` (which says what is wrong). */
function text(rule?: (value: string) => string | undefined, whenEmpty = "is empty") {
  return z.string().superRefine((value, ctx) => {
    const problem = value.trim() === "" ? whenEmpty : value !== value.trim() ? `${quote(value)} has spaces at either end` : rule?.(value);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  });
}

/** A list that must hold something; `whenEmpty` says why. */
function nonEmptyList<T extends z.ZodType>(element: T, whenEmpty = "is empty") {
  return z.array(element).superRefine((list, ctx) => {
    if (list.length === 0) ctx.addIssue({ code: "custom", message: whenEmpty });
  });
}

const matching = (pattern: RegExp, what: string) => text((v) => (pattern.test(v) ? undefined : `"${v}" ${what}`));

const slug = matching(SLUG, "must be lowercase letters and digits, in words joined by single dashes");
/** A reference to an owner by key: checked against the owners by validate.ts. */
const ownerKey = text(undefined, "is empty: every item needs someone who answers for it");
const domainName = matching(DOMAIN_NAME, "is not a fully qualified domain name (lower case, no trailing dot)");

/** A whole number within `min`-`max`; `describe` says what is wrong with one that is not. */
function wholeNumber(min: number, max: number, describe: (n: number) => string) {
  return z.number().superRefine((n, ctx) => {
    if (!Number.isInteger(n) || n < min || n > max) ctx.addIssue({ code: "custom", message: describe(n) });
  });
}

const portNumber = wholeNumber(1, 65535, (n) => `port ${n} is outside 1-65535`);
const positive = wholeNumber(1, Number.MAX_SAFE_INTEGER, (n) => `${n} is not a positive whole number`);
const ttl = wholeNumber(TTL_MIN, TTL_MAX, (n) => `${n} is outside ${TTL_MIN}-${TTL_MAX} seconds`);
const ipv4 = text((v) => (isIPv4(v) ? undefined : `"${v}" is not an IPv4 address`));
const ipv6 = text(ipv6Problem);

/** What is wrong with `value` as one of what DigitalOcean offers (`what`: "a region"), or undefined. */
function offeredProblem(value: string, offered: OfferedValues, what: string, list: string, shown: "all" | "none"): string | undefined {
  if (offered.values.includes(value)) return undefined;
  const choices = shown === "all" ? `: ${offered.values.join(", ")}` : "";
  return `"${value}" is not ${what} DigitalOcean offers${choices} (${list} in provider-schemas/facts/digitalocean.ts, read from ${offered.source}; a new one is added there with where it was read)`;
}

/** Reports each value of `values` that `problem` finds wrong, at its index under `field`. */
function eachValue(values: readonly string[], problem: (value: string) => string | undefined, ctx: z.RefinementCtx, field: PropertyKey[]): void {
  values.forEach((value, index) => {
    const found = problem(value);
    if (found !== undefined) ctx.addIssue({ code: "custom", path: [...field, index], message: found });
  });
}

/** Reports every value of `values` that `keyOf` maps to a key already seen, at its index, under `field`. */
function noRepeats<T>(values: readonly T[], keyOf: (value: T) => string, ctx: z.RefinementCtx, field: PropertyKey[], what: string): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    const key = keyOf(value);
    if (seen.has(key)) ctx.addIssue({ code: "custom", path: [...field, index], message: `${what} "${key}" is listed twice` });
    seen.add(key);
  });
}

// ---------------------------------------------------------------------------------------------------------
// The inventory's items.

/** An inclusive port range: checked as a whole, so that a single port (`from` = `to`) out of bounds is one problem. */
const portRange = z.strictObject({
  protocol: z.enum(["tcp", "udp"]),
  from: z.number(),
  to: z.number(),
  service: text(),
}).superRefine((port, ctx) => {
  const label = `(${port.protocol} "${port.service}")`;
  const outside = [...new Set([port.from, port.to])].filter((end) => !Number.isInteger(end) || end < 1 || end > 65535);
  if (outside.length > 0) ctx.addIssue({ code: "custom", message: `port ${outside.join(" and ")} ${label} is outside 1-65535` });
  else if (port.from > port.to) ctx.addIssue({ code: "custom", message: `port range ${port.from}-${port.to} ${label} is reversed` });
});

const day = text(dayProblem);
/**
 * An exception's term is checked by exception-term.ts, which the policy also runs on exceptions read back as data;
 * here, only between two days that are dates (the fields report those that are not).
 */
const policyException = z.strictObject({ rule: text(), reason: text(), owner: ownerKey, granted: day, expires: day }).superRefine((exception, ctx) => {
  if (dayProblem(exception.granted) !== undefined || dayProblem(exception.expires) !== undefined) return;
  for (const { field, problem } of exceptionTermProblems(exception)) ctx.addIssue({ code: "custom", path: [field], message: problem });
});
const policyExceptions = z.array(policyException).optional();

const source = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("seed"), section: text() }),
  z.strictObject({ kind: z.literal("public"), repository: matching(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, "is not a repository's owner/name"), path: text() }),
  z.strictObject({ kind: z.literal("assumed"), reason: text(undefined, "is empty: an assumed value says why it was assumed") }),
]);

/**
 * Every item says where its values come from: `source` covers each of its fields, and `fieldSources` names
 * another source for a field that comes from elsewhere (validate.ts checks that each names a field of the item).
 */
const sourced = {
  source,
  fieldSources: z.record(z.string(), source).optional(),
  differences: z.array(z.strictObject({ feature: text(), published: text(), reason: text() })).optional(),
};

/**
 * An item of the inventory: its own fields, and where they come from; a field source must name one of them, or a part
 * of one (`formation.size`: the size of each of its processes).
 */
function sourcedObject<S extends z.ZodRawShape>(shape: S) {
  const fields = Object.keys(shape);
  return z.strictObject({ ...sourced, ...shape }).superRefine((item, ctx) => {
    for (const field of Object.keys((item as { fieldSources?: object }).fieldSources ?? {})) {
      if (!fields.includes(field.split(".")[0]!)) ctx.addIssue({ code: "custom", path: ["fieldSources", field], message: `names no field of the item (its fields: ${fields.join(", ")})` });
    }
  });
}

const datacenter = sourcedObject({
  key: slug,
  provider: z.literal("digitalocean"),
  region: text((v) => offeredProblem(v, DIGITALOCEAN_REGIONS, "a region", "DIGITALOCEAN_REGIONS", "all")),
  privateRange: text(privateRangeProblem),
});

const owner = sourcedObject({ key: slug, name: text(), contact: text() });

const role = sourcedObject({
  policyExceptions,
  name: slug,
  purpose: text(),
  shortName: slug.optional(),
  worldPorts: z.array(portRange),
  internalPorts: z.array(portRange),
  fastlyPorts: z.array(portRange),
  estatePorts: z.array(portRange).optional(),
  estatePortsAlsoFrom: z.array(z.strictObject({ address: ipv4, what: text() })).optional(),
}).superRefine((r, ctx) => {
  // A port in two entries is two firewall rules for one opening: a reader of one entry (a world-open port listed again
  // as internal reads as closed to the world) or a change of one leaves the other. Each port is said once.
  const lists = ["worldPorts", "internalPorts", "fastlyPorts", "estatePorts"] as const;
  const seen: { field: string; port: { protocol: string; from: number; to: number; service: string } }[] = [];
  for (const list of lists) {
    (r[list] ?? []).forEach((port, index) => {
      const earlier = seen.find(({ port: p }) => p.protocol === port.protocol && p.from <= port.to && port.from <= p.to);
      const ports = port.from === port.to ? `${port.from}` : `${port.from}-${port.to}`;
      if (earlier !== undefined) {
        ctx.addIssue({ code: "custom", path: [list, index], message: `${port.protocol} ${ports} ("${port.service}") is listed twice in the role: ${earlier.field} ("${earlier.port.service}") has it already` });
      }
      seen.push({ field: `${list}[${index}]`, port });
    });
  }
  if ((r.estatePortsAlsoFrom ?? []).length > 0 && (r.estatePorts ?? []).length === 0) {
    ctx.addIssue({ code: "custom", path: ["estatePortsAlsoFrom"], message: "admits addresses to estate ports the role does not open (estatePorts is empty)" });
  }
});

const host = sourcedObject({
  policyExceptions,
  name: slug,
  datacenter: slug,
  role: slug,
  purpose: text(),
  owner: ownerKey,
  image: z.enum(["ubuntu-14-04-x64", "ubuntu-20-04-x64", "ubuntu-22-04-x64", "ubuntu-24-04-x64"]),
  size: text((v) => offeredProblem(v, DIGITALOCEAN_DROPLET_SIZES, "a droplet size", "DIGITALOCEAN_DROPLET_SIZES", "none")),
  holdsData: z.boolean(),
  dropletName: domainName.optional(),
  volume: z.strictObject({
    name: matching(DO_VOLUME_NAME, "is not a DigitalOcean volume name (lowercase letters, digits and dashes, starting with a letter)"),
    sizeGiB: wholeNumber(1, 16384, (n) => `${n} is not a whole number of GiB within 1-16384`),
    mountPoint: text(mountPointProblem),
  }).optional(),
  previously: z.strictObject({ name: slug.optional(), datacenter: slug.optional() }).optional(),
}).superRefine((h, ctx) => {
  const before = h.previously;
  if (before === undefined) return;
  const renamed = before.name !== undefined && before.name !== h.name;
  const moved = before.datacenter !== undefined && before.datacenter !== h.datacenter;
  if (renamed && moved) {
    ctx.addIssue({ code: "custom", path: ["previously"], message: "records both a rename and a move: the droplet keeps its state through one of them at a time, so make them two changes" });
  } else if (!renamed && !moved) {
    ctx.addIssue({ code: "custom", path: ["previously"], message: "records no earlier name or datacenter: give what the host had before" });
  }
});

/** A host's name: a fully qualified domain name, or one label (a host the server list names without a domain). */
const hostName = text((v) => (DOMAIN_NAME.test(v) || /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(v) ? undefined : `"${v}" is neither a fully qualified domain name nor a host name (lower case)`));

const externalHost = sourcedObject({
  name: hostName,
  purpose: text(),
  owner: ownerKey,
  hostedBy: text(),
  managedBy: text(),
  distro: text().optional(),
  ipv4: ipv4.optional(),
});

const origin = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("load-balancer"), backendRole: slug }),
  z.strictObject({ kind: z.literal("load-balancer-redirect"), redirectTo: matching(/^https?:\/\/\S+$/, "is not an http(s) URL") }),
  z.strictObject({ kind: z.literal("load-balancer-proxy"), upstream: domainName }),
  z.strictObject({ kind: z.literal("droplet"), role: slug }),
  z.strictObject({ kind: z.literal("fastly"), service: text() }),
  z.strictObject({ kind: z.literal("heroku"), app: text() }),
  z.strictObject({ kind: z.literal("s3-website"), site: text() }),
]);

const urlPath = text((v) => (v.startsWith("/") ? undefined : `"${v}" does not start with "/"`));

const serviceCheck = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("https"), path: urlPath, reason: text().optional() }),
  z.strictObject({ kind: z.literal("https-self-signed"), path: urlPath, reason: text(undefined, "is empty: say why the certificate is not verified") }),
  z.strictObject({ kind: z.literal("http"), path: urlPath, reason: text(undefined, "is empty: say why the names are not checked over HTTPS") }),
  z.strictObject({ kind: z.literal("none"), reason: text(undefined, "is empty: say why the names are not checked") }),
]);

const publicService = sourcedObject({
  key: slug,
  description: text(),
  owner: ownerKey,
  names: nonEmptyList(domainName, "is empty: a service answers to at least one name"),
  origin,
  ttl: ttl.optional(),
  check: serviceCheck.optional(),
}).superRefine((service, ctx) => noRepeats(service.names, (n) => n, ctx, ["names"], "name"));

const literalRecord = z.strictObject({
  name: text((v) => (isRecordName(v) ? undefined : `"${v}" is not a record name (lower case labels, "_" allowed at a label's start)`)),
  type: z.enum(["A", "AAAA", "CAA", "CNAME", "MX", "TXT"]),
  values: nonEmptyList(text()),
  ttl: ttl.optional(),
}).superRefine((record, ctx) => {
  const problem = recordValueProblem[record.type];
  if (problem !== undefined) eachValue(record.values, problem, ctx, ["values"]);
  // Route 53 refuses a record set that holds one value twice ("Duplicate Resource Record").
  noRepeats(record.values, (v) => v, ctx, ["values"], "value");
});

/** What is wrong with one value of a hand-written record of each type, or undefined; types without an entry take any text. */
const recordValueProblem: Partial<Record<string, (value: string) => string | undefined>> = {
  A: (v) => (isIPv4(v) ? undefined : `"${v}" is not an IPv4 address`),
  AAAA: ipv6Problem,
  MX: mxProblem,
  TXT: (v) => txtProblem(v) ?? (SPF_POLICY.test(v) ? spfProblem(v) : undefined),
};

const zone = sourcedObject({
  policyExceptions,
  name: domainName,
  purpose: text(),
  spf: text((v) => (SPF_POLICY.test(v) ? txtProblem(v) ?? spfProblem(v) : `"${v}" is not an SPF policy (it starts with "v=spf1")`)),
  txt: z.array(text()).optional(),
  defaultTtl: ttl,
  records: z.array(literalRecord).optional(),
}).superRefine((apex, ctx) => {
  (apex.txt ?? []).forEach((value, index) => {
    // Two SPF records make every receiver's SPF check fail (RFC 7208 section 4.5).
    if (SPF_POLICY.test(value)) ctx.addIssue({ code: "custom", path: ["txt", index], message: `"${value}" is an SPF policy: the zone has one, its spf field` });
  });
  eachValue(apex.txt ?? [], txtProblem, ctx, ["txt"]);
  noRepeats(apex.txt ?? [], (v) => v, ctx, ["txt"], "TXT value");
  noRepeats(apex.records ?? [], (r) => `${r.type} ${r.name}`, ctx, ["records"], "record");
  (apex.records ?? []).forEach((record, index) => {
    if (record.type === "TXT" && record.name === apex.name) {
      ctx.addIssue({ code: "custom", path: ["records", index, "name"], message: `a TXT record at the apex "${apex.name}" would be a second TXT record set beside the SPF one: write its values in the zone's txt field` });
    }
  });
});

const externalZone = sourcedObject({ name: domainName, purpose: text(), managedBy: text() });

const caa = sourcedObject({
  issuers: nonEmptyList(domainName, "is empty: no certificate authority could issue"),
  iodef: matching(/^(mailto:|https?:\/\/)\S+$/, "is not a mailto: or http(s) URL"),
}).superRefine((policy, ctx) => {
  // Every zone's CAA record set holds one value per issuer: Route 53 refuses one value twice.
  noRepeats(policy.issuers, (issuer) => issuer, ctx, ["issuers"], "issuer");
});

const fastlyEdge = sourcedObject({
  dualstackCname: domainName,
  apexIpv4: nonEmptyList(ipv4),
  apexIpv6: nonEmptyList(ipv6),
}).superRefine((edge, ctx) => {
  // Each list is the record set of a Fastly apex: Route 53 refuses one value twice.
  noRepeats(edge.apexIpv4, (a) => a, ctx, ["apexIpv4"], "address");
  noRepeats(edge.apexIpv6, (a) => a, ctx, ["apexIpv6"], "address");
});

const staticSite = sourcedObject({
  bucket: matching(S3_BUCKET, "is not a valid S3 bucket name"),
  region: matching(AWS_REGION, "is not an AWS region (e.g. us-east-1)"),
  owner: ownerKey,
  indexDocument: text(),
  errorDocument: text(),
});

const stateStore = sourcedObject({
  bucket: matching(S3_BUCKET, "is not a valid S3 bucket name"),
  region: matching(AWS_REGION, "is not an AWS region (e.g. us-east-1)"),
  kmsKeyAlias: matching(/^(?!aws\/)[A-Za-z0-9/_-]{1,250}$/, "is not a KMS alias name without alias/ (letters, digits, / _ -, not aws/…)"),
  owner: ownerKey,
});

const databaseCluster = sourcedObject({
  name: slug,
  datacenter: slug,
  engine: z.literal("pg"),
  version: text((v) => (/^[0-9]{1,2}$/.test(v)
    ? offeredProblem(v, DIGITALOCEAN_POSTGRES_VERSIONS, "a PostgreSQL version", "DIGITALOCEAN_POSTGRES_VERSIONS", "all")
    : `"${v}" is not a PostgreSQL major version (e.g. 16)`)),
  size: text(),
  // A primary and at most two standby nodes.
  nodeCount: wholeNumber(1, 3, (n) => `${n} is not a node count DigitalOcean runs (1-3: a primary and up to two standbys)`),
  port: portNumber,
  connectionPool: z.strictObject({ name: slug, port: portNumber }).optional(),
  administeredByRole: slug,
  owner: ownerKey,
  databases: z.array(z.strictObject({
    name: text((v) => (!DATABASE_NAME.test(v)
      ? `"${v}" is not a database name (a lowercase letter, then letters, digits, "_" and "-")`
      : v === DIGITALOCEAN_DEFAULT_DATABASE.name
        ? `"${v}" is the database DigitalOcean makes in every cluster: it exists already, so creating it fails (${DIGITALOCEAN_DEFAULT_DATABASE.source}); name the database after what uses it`
        : undefined)),
    usedByRole: slug.optional(),
  })),
}).superRefine((cluster, ctx) => {
  // The sizes DigitalOcean offers depend on the node count (a standby needs more than the smallest plans): checked once
  // the count is one it runs, which its own field reports otherwise.
  const offered = DIGITALOCEAN_POSTGRES_SIZES[cluster.nodeCount];
  const problem = offered === undefined ? undefined : offeredProblem(cluster.size, offered, `a PostgreSQL size of ${cluster.nodeCount} node${cluster.nodeCount === 1 ? "" : "s"}`, "DIGITALOCEAN_POSTGRES_SIZES", "none");
  if (problem !== undefined) ctx.addIssue({ code: "custom", path: ["size"], message: problem });
});

const herokuApp = sourcedObject({
  name: matching(HEROKU_APP_NAME, "is not a name Heroku accepts (3-30 lowercase letters, digits and dashes, starting with a letter)"),
  description: text(),
  owner: ownerKey,
  codeRepository: text(),
  region: z.enum(["us", "eu"]),
  stack: z.enum(["heroku-22", "heroku-24", "container"]),
  buildpacks: z.array(text()).optional(),
  customDomains: z.array(domainName).optional(),
  formation: z.array(z.strictObject({
    type: matching(/^[a-z][a-z0-9_-]*$/, "is not a Procfile process type"),
    size: text(),
    quantity: wholeNumber(0, 10000, (n) => `${n} is not a whole number of dynos`),
  })),
  addons: z.array(z.strictObject({
    plan: matching(ADDON_PLAN, "is not an add-on plan <service>:<plan>"),
    attachedAs: matching(/^[A-Z][A-Z0-9_]*$/, "is not an attachment name Heroku takes (an upper-case letter, then upper-case letters, digits and \"_\")").optional(),
  })).optional(),
  configVars: z.record(z.string(), z.string()).optional(),
  secretConfigVars: z.array(matching(CONFIG_VAR_NAME, "is not a config var name")).optional(),
  pipeline: z.strictObject({ pipeline: slug, stage: z.enum(["review", "development", "staging", "production"]) }).optional(),
}).superRefine((app, ctx) => {
  if (app.stack === "container" && (app.buildpacks ?? []).length > 0) {
    ctx.addIssue({ code: "custom", path: ["buildpacks"], message: "a container app builds from its Dockerfile and takes no buildpacks" });
  }
  for (const name of Object.keys(app.configVars ?? {})) {
    const field = ["configVars", name];
    if (!CONFIG_VAR_NAME.test(name)) ctx.addIssue({ code: "custom", path: field, message: `"${name}" is not a config var name` });
    else if (looksSecretName(name)) ctx.addIssue({ code: "custom", path: field, message: `"${name}" looks secret: name it in secretConfigVars so its value comes from a sensitive variable` });
    else if ((app.secretConfigVars ?? []).includes(name)) ctx.addIssue({ code: "custom", path: field, message: `"${name}" is also a secret config var` });
  }
  // Two names that differ only in case are two variables, of which the app reads one: the other is a typo that looks set.
  const names = [...Object.keys(app.configVars ?? {}).map((name) => ({ name, path: ["configVars", name] })), ...(app.secretConfigVars ?? []).map((name, index) => ({ name, path: ["secretConfigVars", index] }))];
  names.forEach(({ name, path }, index) => {
    const other = names.slice(0, index).find((n) => n.name !== name && n.name.toUpperCase() === name.toUpperCase());
    if (other !== undefined) ctx.addIssue({ code: "custom", path, message: `"${name}" differs from the config var "${other.name}" only in case: Heroku would set both, and the app reads one of them` });
  });
  // Each is a construct of its own, named after it: a repeat would be two resources with one name.
  noRepeats(app.formation, (p) => p.type, ctx, ["formation"], "process type");
  noRepeats(app.addons ?? [], (a) => a.plan.split(":")[0]!, ctx, ["addons"], "add-on service");
  noRepeats(app.customDomains ?? [], (d) => d, ctx, ["customDomains"], "custom domain");
  noRepeats(app.secretConfigVars ?? [], (v) => v, ctx, ["secretConfigVars"], "secret config var");
});

const heroku = sourcedObject({ team: slug, apps: z.array(herokuApp) });

// The Fastly vocabulary (constructs/fastly-service/types.ts), as the inventory writes it.
const fastlyName = text();
const optionalText = text().optional();
const conditionName = text().optional();
const fastlyXff = z.enum(["clear", "leave", "append", "append_all", "overwrite"]);
const httpStatus = wholeNumber(100, 599, (n) => `${n} is not an HTTP status`);
const nonNegative = wholeNumber(0, Number.MAX_SAFE_INTEGER, (n) => `${n} is not a whole number`);

const fastlyHealthcheck = z.strictObject({
  name: fastlyName,
  host: domainName,
  path: text((v) => (v.startsWith("/") ? undefined : `"${v}" does not start with "/"`)),
  method: z.enum(["HEAD", "GET"]),
  checkIntervalMs: positive,
  expectedResponse: httpStatus,
  threshold: positive,
  window: positive,
  initial: nonNegative,
  timeoutMs: positive,
  httpVersion: z.enum(["1.0", "1.1"]).optional(),
  headers: z.array(text()).optional(),
}).superRefine((check, ctx) => {
  if (check.threshold > check.window) ctx.addIssue({ code: "custom", path: ["threshold"], message: `${check.threshold} exceeds the window of ${check.window}` });
  if (check.initial > check.window) ctx.addIssue({ code: "custom", path: ["initial"], message: `${check.initial} exceeds the window of ${check.window}` });
});

const fastlyCondition = z.strictObject({
  name: fastlyName,
  type: z.enum(["REQUEST", "RESPONSE", "CACHE"]),
  statement: text(),
  priority: nonNegative.optional(),
});

const headerCommon = {
  name: fastlyName,
  type: z.enum(["request", "cache", "response"]),
  destination: text(),
  requestCondition: conditionName,
  responseCondition: conditionName,
  cacheCondition: conditionName,
  priority: nonNegative.optional(),
};

const fastlyHeader = z.discriminatedUnion("action", [
  z.strictObject({ ...headerCommon, action: z.literal("set"), source: text(), ignoreIfSet: z.boolean().optional() }),
  z.strictObject({ ...headerCommon, action: z.literal("append"), source: text() }),
  z.strictObject({ ...headerCommon, action: z.literal("delete") }),
  z.strictObject({ ...headerCommon, action: z.enum(["regex", "regex_repeat"]), source: text(), regex: text(), substitution: z.string() }),
]);

const fastlyGzip = z.strictObject({
  name: fastlyName,
  contentTypes: z.array(text()),
  extensions: z.array(text()),
  cacheCondition: conditionName,
});

const fastlyCacheSetting = z.strictObject({
  name: fastlyName,
  action: z.enum(["pass", "cache", "restart"]),
  cacheCondition: text(),
  ttl: nonNegative.optional(),
  staleTtl: nonNegative.optional(),
});

const fastlyRequestSetting = z.strictObject({
  name: fastlyName,
  requestCondition: conditionName,
  action: z.enum(["lookup", "pass"]).optional(),
  forceSsl: z.boolean().optional(),
  forceMiss: z.boolean().optional(),
  xff: fastlyXff.optional(),
  maxStaleAge: nonNegative.optional(),
  bypassBusyWait: z.boolean().optional(),
  hashKeys: optionalText,
  defaultHost: optionalText,
  timerSupport: z.boolean().optional(),
});

const fastlyHostRedirect = z.strictObject({
  name: fastlyName,
  fromHost: domainName,
  toOrigin: matching(/^https?:\/\/([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "is not a scheme and host without a path"),
  status: z.union([z.literal(301), z.literal(302), z.literal(307), z.literal(308)]).optional(),
});

const fastlyHsts = z.strictObject({
  name: fastlyName,
  maxAgeSeconds: positive,
  includeSubDomains: z.boolean(),
  preload: z.boolean(),
  responseCondition: conditionName,
  priority: nonNegative.optional(),
});

const fastlyBackendOrigin = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("heroku-app"), app: text(), customDomain: domainName }),
  z.strictObject({ kind: z.literal("role"), role: slug, datacenter: slug }),
  z.strictObject({ kind: z.literal("s3-website"), site: text() }),
]);

const fastlyBackend = z.strictObject({
  name: fastlyName,
  origin: fastlyBackendOrigin,
  signedByPsfCa: z.boolean().optional(),
  port: portNumber,
  sslCertHostname: domainName.optional(),
  sslSniHostname: domainName.optional(),
  overrideHost: domainName.optional(),
  shield: optionalText,
  healthcheck: optionalText,
  requestCondition: conditionName,
  autoLoadbalance: z.boolean().optional(),
  weight: nonNegative.optional(),
  maxConn: positive.optional(),
  connectTimeoutMs: positive,
  firstByteTimeoutMs: positive,
  betweenBytesTimeoutMs: positive,
}).superRefine((backend, ctx) => {
  if (backend.origin.kind === "s3-website") {
    // An S3 website endpoint serves HTTP only (port 80): there is no certificate to name or check.
    for (const field of ["sslCertHostname", "sslSniHostname", "signedByPsfCa"] as const) {
      if (backend[field] !== undefined) ctx.addIssue({ code: "custom", path: [field], message: "is given, but an S3 website endpoint serves HTTP only: there is no certificate" });
    }
    if (backend.port !== 80) ctx.addIssue({ code: "custom", path: ["port"], message: `port ${backend.port}: an S3 website endpoint serves HTTP on port 80 only` });
  } else {
    for (const field of ["sslCertHostname", "sslSniHostname"] as const) {
      if (backend[field] === undefined) ctx.addIssue({ code: "custom", path: [field], message: "is missing: the origin is reached over TLS, and its certificate's name is checked" });
    }
  }
});

const fastlyS3Logging = z.strictObject({
  name: fastlyName,
  format: text(),
  formatVersion: z.union([z.literal(1), z.literal(2)]).optional(),
  messageType: z.enum(["classic", "loggly", "logplex", "blank"]).optional(),
  responseCondition: conditionName,
  bucketName: matching(S3_BUCKET, "is not a valid S3 bucket name"),
  domain: domainName.optional(),
  path: text(),
  periodSeconds: positive,
  gzipLevel: wholeNumber(0, 9, (n) => `${n} is outside 0-9`),
  timestampFormat: optionalText,
  redundancy: z.enum(["standard", "intelligent_tiering", "standard_ia", "onezone_ia", "glacier", "glacier_ir", "deep_archive", "reduced_redundancy"]).optional(),
});

const fastlyResponseObject = z.strictObject({
  name: fastlyName,
  status: httpStatus,
  response: text(),
  content: z.string().optional(),
  contentType: optionalText,
  requestCondition: conditionName,
  cacheCondition: conditionName,
});

const fastlyRateLimiter = z.strictObject({
  name: fastlyName,
  action: z.enum(["log_only", "response"]),
  clientKey: text((v) => (/\s/.test(v) ? `"${v}" contains a space` : undefined)),
  httpMethods: nonEmptyList(matching(/^[A-Z]+$/, "is not an upper-case HTTP method")),
  rpsLimit: positive,
  windowSeconds: z.union([z.literal(1), z.literal(10), z.literal(60)]),
  penaltyBoxMinutes: positive,
  loggerType: z.enum(["datadog", "s3", "syslog"]).optional(),
  response: z.strictObject({ status: httpStatus, contentType: text(), content: z.string() }).optional(),
  featureRevision: positive.optional(),
});

const fastlyService = sourcedObject({
  name: domainName,
  owner: ownerKey,
  comment: text(),
  domains: nonEmptyList(domainName, "is empty: a service must serve at least one domain"),
  backends: nonEmptyList(fastlyBackend, "is empty: a service needs at least one origin"),
  originToken: z.strictObject({
    header: matching(HTTP_HEADER_NAME, "is not an HTTP header name"),
    name: fastlyName.optional(),
    priority: nonNegative.optional(),
  }).optional(),
  s3Logging: fastlyS3Logging.optional(),
  syslogLogging: z.strictObject({ name: fastlyName, host: text(), format: text() }).optional(),
  datadogLogging: z.strictObject({ name: fastlyName, format: optionalText, responseCondition: conditionName }).optional(),
  responseObjects: z.array(fastlyResponseObject).optional(),
  acls: z.array(z.strictObject({ name: matching(/^[A-Za-z][A-Za-z0-9_]*$/, "is not a VCL identifier (a letter, then letters, digits and \"_\")") })).optional(),
  rateLimiters: z.array(fastlyRateLimiter).optional(),
  certificateAuthority: z.enum(["lets-encrypt", "globalsign", "certainly"]),
  healthchecks: z.array(fastlyHealthcheck).optional(),
  conditions: z.array(fastlyCondition).optional(),
  headers: z.array(fastlyHeader).optional(),
  gzip: z.array(fastlyGzip).optional(),
  cacheSettings: z.array(fastlyCacheSetting).optional(),
  requestSettings: z.array(fastlyRequestSetting).optional(),
  hostRedirects: z.array(fastlyHostRedirect).optional(),
  hsts: nonEmptyList(fastlyHsts, "is empty: every service must send Strict-Transport-Security"),
  forceTls: z.strictObject({ name: fastlyName, xff: fastlyXff.optional(), maxStaleAge: nonNegative.optional(), bypassBusyWait: z.boolean().optional() }),
}).superRefine((spec, ctx) => {
  noRepeats(spec.domains, (d) => d, ctx, ["domains"], "domain");
  if (spec.s3Logging === undefined && spec.syslogLogging === undefined) {
    ctx.addIssue({ code: "custom", path: ["s3Logging"], message: "and syslogLogging are both missing: every service must log somewhere" });
  }
});

const externalService = sourcedObject({
  name: text(),
  owner: ownerKey,
  names: z.array(domainName),
  managedBy: text(),
  notes: text(),
});


/** A whole number within a provider validator's range (provider-schemas/facts), and the message that cites it. */
function providerRange(validator: AttributeValueRule, unit: string, provider: string) {
  const range = validator.rule;
  if (range.kind !== "number-range") throw new Error(`${validator.path}: not a number range`);
  const [min, max] = [range.min ?? Number.MIN_SAFE_INTEGER, range.max ?? Number.MAX_SAFE_INTEGER];
  const bounds = range.max === undefined ? `at least ${min}` : range.min === undefined ? `at most ${max}` : `${min}-${max}`;
  return wholeNumber(min, max, (n) => `${n} is not a whole number of ${unit} ${provider} takes (${bounds}: ${validator.source})`);
}

/** An instant as PagerDuty takes it here: RFC 3339 in UTC, whole seconds. */
const utcInstant = text((v) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(v) && !Number.isNaN(Date.parse(v))
  ? undefined
  : `"${v}" is not an instant in UTC written YYYY-MM-DDThh:mm:ssZ`));

const onCallRotation = z.strictObject({
  key: slug,
  name: text(),
  description: text(),
  // PagerDuty takes turns of one hour to one year.
  turnLengthHours: wholeNumber(1, 365 * 24, (n) => `${n} hours is outside PagerDuty's 1-8760`),
  startsAt: utcInstant,
  escalateAfterMinutes: providerRange(ESCALATION_DELAY_MINUTES, "minutes", "PagerDuty"),
  source,
});

const onCall = z.strictObject({
  team: text(),
  timeZone: matching(/^[A-Za-z]+(\/[A-Za-z0-9_+-]+)+$/, "is not a time zone name such as Etc/UTC or Europe/Amsterdam"),
  escalationPolicy: text(),
  rotations: nonEmptyList(onCallRotation, "is empty: somebody must be paged"),
  policyRepeats: wholeNumber(0, 9, (n) => `${n} is outside PagerDuty's 0-9`),
  acknowledgementTimeoutSeconds: positive,
  autoResolveTimeoutSeconds: positive,
  source,
}).superRefine((spec, ctx) => {
  // The key names a variable and a schedule's construct: two rotations with one key would share both.
  spec.rotations.forEach((rotation, index) => {
    if (spec.rotations.findIndex((r) => r.key === rotation.key) < index) {
      ctx.addIssue({ code: "custom", path: ["rotations", index, "key"], message: `"${rotation.key}" is the key of an earlier rotation too` });
    }
  });
});

const fraction = z.number().refine((n) => n > 0 && n < 1, { error: (issue) => `${quote(issue.input)} is not a fraction between 0 and 1` });

const uptimeChecking = z.strictObject({
  intervalMinutes: z.union([z.literal(1), z.literal(5), z.literal(15), z.literal(30), z.literal(60)]),
  alertAfterFailures: positive,
  certificateWarningDays: positive,
  source,
});

const metricMonitoring = sourcedObject({
  site: z.enum(["datadoghq.com", "datadoghq.eu"]),
  roleTag: matching(/^[a-z][a-z0-9_.-]*$/, "is not a Datadog tag key"),
  silentAfterMinutes: positive,
  diskInUseWarning: fraction,
  diskInUseCritical: fraction,
  databaseTag: matching(/^[a-z][a-z0-9_.-]*$/, "is not a Datadog tag key"),
}).superRefine((spec, ctx) => {
  if (spec.diskInUseWarning >= spec.diskInUseCritical) {
    ctx.addIssue({ code: "custom", path: ["diskInUseWarning"], message: `${spec.diskInUseWarning} is not below diskInUseCritical (${spec.diskInUseCritical}): the warning must come first` });
  }
});

const registrar = z.strictObject({ name: text(), source });

/** The whole inventory. */
export const inventorySchema = z.strictObject({
  datacenters: nonEmptyList(datacenter),
  owners: z.array(owner),
  commonWorldPorts: z.array(portRange),
  commonPortsPolicyExceptions: policyExceptions,
  serviceDiscovery: sourcedObject({ datacenters: nonEmptyList(slug), ports: nonEmptyList(portRange) }),
  roles: z.array(role),
  hosts: z.array(host),
  externalHosts: z.array(externalHost),
  hostZone: domainName,
  zones: z.array(zone),
  externalZones: z.array(externalZone),
  caa,
  fastlyEdge,
  services: z.array(publicService),
  staticSites: z.array(staticSite),
  stateStore: stateStore.optional(),
  databaseCluster,
  heroku,
  fastlyServices: z.array(fastlyService),
  externalServices: z.array(externalService),
  onCall,
  uptimeChecking,
  metricMonitoring,
  registrar,
  psfCa: sourcedObject({
    name: text(),
    pem: text((v) => (/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----$/.test(v) ? undefined : "is not one PEM certificate")),
    notAfter: matching(/^\d{4}-\d{2}-\d{2}$/, "is not a date YYYY-MM-DD"),
  }),
  hostRecords: sourcedObject({
    ttlSeconds: ttl,
    retiringWriter: z.strictObject({ name: text(), where: source, until: text() }),
  }),
  factSources: z.strictObject({ hostZone: source, commonWorldPorts: source, loadBalancerRole: source, infrastructureOwner: source }),
  loadBalancerRole: slug,
  infrastructureOwner: ownerKey,
});

// ---------------------------------------------------------------------------------------------------------
// Issues as problems.

/**
 * The field below an item, as a reader finds it: keys joined by dots, and a list element by its name when it
 * has a plain one (`backends.app.port`, `formation.web.quantity`), otherwise by its index (`internalPorts[0]`).
 */
function fieldPath(item: unknown, path: readonly PropertyKey[]): string {
  let field = "";
  let value = item;
  let parentKey = "";
  for (const segment of path) {
    if (typeof segment === "number") {
      const element = Array.isArray(value) ? (value[segment] as unknown) : undefined;
      const name = asRecord(element)?.[parentKey === "formation" ? "type" : "name"];
      field += typeof name === "string" && /^[A-Za-z0-9_-]+$/.test(name) ? `.${name}` : `[${segment}]`;
      value = element;
    } else {
      const key = String(segment);
      field += field === "" ? key : `.${key}`;
      value = asRecord(value)?.[key];
      parentKey = key;
    }
  }
  return field;
}

/** The item an issue's path lies in, and the field within it. */
function locate(input: unknown, path: readonly PropertyKey[]): { readonly item: string; readonly field: string } {
  const root = asRecord(input);
  for (const list of Object.keys(ITEMS)) {
    const keys = list.split(".");
    const index = path[keys.length];
    if (keys.every((k, i) => path[i] === k) && typeof index === "number") {
      const items = keys.reduce<unknown>((value, key) => asRecord(value)?.[key], root);
      const raw = Array.isArray(items) ? asRecord(items[index]) : undefined;
      return { item: listedItemLabel(list, raw, index), field: fieldPath(raw, path.slice(keys.length + 1)) || "(the item)" };
    }
  }
  const top = path[0];
  if (typeof top === "string" && top in SINGLE_ITEMS) {
    const own = !top.startsWith("common");
    return { item: SINGLE_ITEMS[top]!(asRecord(root?.[top])), field: (own ? fieldPath(root?.[top], path.slice(1)) : fieldPath(root, path)) || "(the item)" };
  }
  return { item: "estate", field: fieldPath(root, path) || "(the inventory)" };
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: "a string", number: "a number", int: "a whole number", boolean: "true or false", array: "a list", object: "an object", record: "an object",
};

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  return `${quote(value)}, ${typeof value === "string" ? "a string" : typeof value === "number" ? "a number" : typeof value === "boolean" ? "a boolean" : typeof value}`;
}

/** The problem an issue stands for, in words; `input` is the value the issue is about. */
function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      if (input === undefined) return `is missing (${TYPE_NAMES[issue.expected] ?? issue.expected})`;
      if (issue.expected === "int") return `${quote(input)} is not a whole number`;
      return `is ${describeValue(input)}, where ${TYPE_NAMES[issue.expected] ?? issue.expected} is wanted`;
    case "invalid_value":
      return `${input === undefined ? "is missing" : `${quote(input)} is not`} ${issue.values.length === 1 ? quote(issue.values[0]) : `one of ${issue.values.map(quote).join(", ")}`}`;
    case "invalid_union":
      if (issue.discriminator !== undefined) {
        const options = ("options" in issue ? issue.options ?? [] : []).map(quote).join(", ");
        return input === undefined ? `is missing (one of ${options})` : `${quote(input)} is not one of ${options}`;
      }
      return `${quote(input)} is none of the forms the field takes`;
    case "too_small":
      return issue.origin === "array" ? "is empty" : `${quote(input)} is below ${String(issue.minimum)}`;
    case "too_big":
      return `${quote(input)} is above ${String(issue.maximum)}`;
    default:
      return issue.message;
  }
}

/** The value at `path` in `input`. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((value, key) => (Array.isArray(value) ? value[key as number] : asRecord(value)?.[String(key)]), input);
}

/**
 * Parses `input` with the inventory schema. Returns the parsed inventory, or undefined after adding a problem
 * for each issue to `problems`: one per wrong value, missing field and unknown field.
 */
export function parseInventory(input: unknown, problems: ProblemList): EstateInventory | undefined {
  const result = inventorySchema.safeParse(input);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    // The discriminator's issue points at the union; the field is its discriminator.
    const path = issue.code === "invalid_union" && issue.discriminator !== undefined && issue.path[issue.path.length - 1] !== issue.discriminator
      ? [...issue.path, issue.discriminator]
      : issue.path;
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const { item, field } = locate(input, [...path, key]);
        problems.add(item, field, "is not a field the inventory knows (a typo?)");
      }
      continue;
    }
    const { item, field } = locate(input, path);
    problems.add(item, field, describeIssue(issue, valueAt(input, path)));
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// The schema and types.ts describe the same data.

type DeepReadonly<T> = T extends (infer E)[] ? readonly DeepReadonly<E>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesTypes: Same<DeepReadonly<z.output<typeof inventorySchema>>, DeepReadonly<EstateInventory>> = true;
void schemaMatchesTypes;
