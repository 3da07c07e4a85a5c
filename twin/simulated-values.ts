/*
 * The values the twin makes up where a real provider would ask the cloud: computed attributes at apply
 * and data sources at read. Deterministic: each value is drawn from a hash of the resource type, the
 * object's configured values and the attribute's path, so the same configuration gets the same ids and
 * addresses in every run and on every machine. Addresses come from the ranges reserved for documentation
 * (RFC 5737 and RFC 3849), account numbers are all zeros: nothing made up here can be mistaken for a live
 * object.
 */
import { createHash } from "node:crypto";
import { attributeValueType, type SchemaBlock } from "../provider-schemas/schema-file";
import { ACME_CHALLENGE_PREFIX } from "../provider-schemas/facts/fastly-challenges";
import { canonical, isObjectValue, isUnknown, type CtyType, type Value } from "./cty";
import { mapElements } from "./resource-plan";

/** A made-up value for one attribute, given the object it belongs to and a seeded hash source. */
type Simulator = (object: Readonly<Record<string, Value>>, hash: (salt: string) => string) => Value;

const ACCOUNT = "000000000000";
const REGION = "us-east-1";

const ipv4 = (hash: (salt: string) => string, salt: string): string => `203.0.113.${1 + (parseInt(hash(salt).slice(0, 4), 16) % 254)}`;
const ipv6 = (hash: (salt: string) => string, salt: string): string => `2001:db8::${hash(salt).slice(0, 4)}`;
const uuid = (h: string): string => `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
const digits = (h: string, n: number): string =>
  BigInt(`0x${h.slice(0, 15)}`)
    .toString()
    .padStart(n, "1")
    .slice(0, n);
const str = (object: Readonly<Record<string, Value>>, name: string): string => (typeof object[name] === "string" ? (object[name] as string) : "");

/** Four Route 53 name servers, one per top-level domain, as Route 53 hands them out. */
const awsNameServers: Simulator = (_, h) =>
  [0, 1, 2, 3].map(
    (i) =>
      `ns-${parseInt(h(`ns${i}`).slice(0, 3), 16) % 2048}.awsdns-${String(parseInt(h(`ns${i}`).slice(3, 5), 16) % 64).padStart(2, "0")}.${["com", "net", "org", "co.uk"][i]}`,
  );

/**
 * Values that other resources read and that must look like the real thing for the estate to plan and
 * apply: addresses the DNS records take, ARNs a validator checks, the challenges Fastly asks for.
 */
const SIMULATED: Readonly<Record<string, Readonly<Record<string, Simulator>>>> = {
  digitalocean_droplet: {
    id: (_, h) => digits(h("id"), 9),
    ipv4_address: (_, h) => ipv4(h, "ipv4"),
    ipv4_address_private: (_, h) =>
      `10.${parseInt(h("private").slice(0, 2), 16)}.${parseInt(h("private").slice(2, 4), 16)}.${1 + (parseInt(h("private").slice(4, 6), 16) % 254)}`,
    ipv6_address: (o, h) => (o.ipv6 === true ? ipv6(h, "ipv6") : ""),
    urn: (_, h) => `do:droplet:${digits(h("id"), 9)}`,
    status: () => "active",
  },
  digitalocean_database_cluster: {
    port: () => 25060,
    host: (o) => `${str(o, "name")}-do-user-0.db.ondigitalocean.com`,
    private_host: (o) => `private-${str(o, "name")}-do-user-0.db.ondigitalocean.com`,
  },
  aws_route53_zone: {
    zone_id: (_, h) => `Z${h("zone").slice(0, 20).toUpperCase()}`,
    id: (_, h) => `Z${h("zone").slice(0, 20).toUpperCase()}`,
    name_servers: awsNameServers,
  },
  aws_route53_delegation_set: {
    id: (_, h) => `N${h("set").slice(0, 20).toUpperCase()}`,
    name_servers: awsNameServers,
  },
  aws_kms_key: {
    key_id: (_, h) => uuid(h("key")),
    id: (_, h) => uuid(h("key")),
    arn: (_, h) => `arn:aws:kms:${REGION}:${ACCOUNT}:key/${uuid(h("key"))}`,
  },
  aws_kms_alias: {
    arn: (o) => `arn:aws:kms:${REGION}:${ACCOUNT}:${str(o, "name")}`,
    target_key_arn: (o) => `arn:aws:kms:${REGION}:${ACCOUNT}:key/${str(o, "target_key_id")}`,
  },
  aws_s3_bucket: {
    arn: (o) => `arn:aws:s3:::${str(o, "bucket")}`,
    id: (o) => str(o, "bucket"),
    bucket_domain_name: (o) => `${str(o, "bucket")}.s3.amazonaws.com`,
    bucket_regional_domain_name: (o) => `${str(o, "bucket")}.s3.${REGION}.amazonaws.com`,
    region: () => REGION,
  },
  aws_s3_bucket_website_configuration: {
    website_endpoint: (o) => `${str(o, "bucket")}.s3-website-${REGION}.amazonaws.com`,
    website_domain: () => `s3-website-${REGION}.amazonaws.com`,
  },
  heroku_app: {
    id: (_, h) => uuid(h("app")),
    uuid: (_, h) => uuid(h("app")),
    heroku_hostname: (o) => `${str(o, "name")}.herokuapp.com`,
    web_url: (o) => `https://${str(o, "name")}.herokuapp.com/`,
    git_url: (o) => `https://git.heroku.com/${str(o, "name")}.git`,
  },
  heroku_domain: {
    cname: (o, h) => `${str(o, "hostname").split(".")[0]}-${h("cname").slice(0, 12)}.herokudns.com`,
  },
  aws_route53_key_signing_key: {
    // ECDSAP256SHA256 with the KSK flag, as Route 53 creates every key-signing key.
    signing_algorithm_type: () => 13,
    signing_algorithm_mnemonic: () => "ECDSAP256SHA256",
    flag: () => 257,
    key_tag: (_, h) => parseInt(h("tag").slice(0, 4), 16),
    public_key: (_, h) => Buffer.from(h("public key") + h("public key 2"), "hex").toString("base64"),
    digest_algorithm_type: () => 2,
    digest_algorithm_mnemonic: () => "SHA-256",
    digest_value: (_, h) => h("digest").toUpperCase(),
    ds_record: (_, h) => `${parseInt(h("tag").slice(0, 4), 16)} 13 2 ${h("digest").toUpperCase()}`,
  },
  // Ids their providers parse as integers, and which their listings show as numbers (datadog_monitors' monitors.id):
  // datadog 3.91.0 resource_datadog_monitor.go strconv.ParseInt(d.Id()); pingdom 1.5.0 resource_pingdom_check.go strconv.Atoi.
  datadog_monitor: {
    id: (_, h) => digits(h("id"), 9),
  },
  pingdom_check: {
    id: (_, h) => digits(h("id"), 8),
  },
  pagerduty_service_integration: {
    // A routing key: 32 hexadecimal digits.
    integration_key: (_, h) => h("key").slice(0, 32),
  },
  fastly_tls_subscription: {
    managed_dns_challenges: (o, h) =>
      ((o.domains as readonly Value[] | null) ?? []).map((domain) => ({
        record_name: `${ACME_CHALLENGE_PREFIX}${String(domain)}`,
        record_type: "CNAME",
        record_value: `${h(`challenge ${String(domain)}`).slice(0, 16)}.fastly-validations.com`,
      })),
    state: () => "issued",
  },
};

/** The hash source for one object: its type and its known values, so equal configurations get equal values. */
export function seededHash(typeName: string, object: Value, type: CtyType): (salt: string) => string {
  const base = `${typeName}\0${canonical(object, type)}`;
  return (salt) => createHash("sha256").update(`${base}\0${salt}`).digest("hex");
}

/** Replaces every unknown in `object` with a made-up value of its type. */
export function fillUnknowns(typeName: string, block: SchemaBlock, object: Value, hash: (salt: string) => string): Value {
  return fillBlock(typeName, block, object, hash, "");
}

function fillBlock(typeName: string, block: SchemaBlock, object: Value, hash: (salt: string) => string, path: string): Value {
  if (!isObjectValue(object)) return object;
  const out: Record<string, Value> = { ...object };
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    const value = object[name] ?? null;
    const here = path === "" ? name : `${path}.${name}`;
    const type = attributeValueType(attribute);
    if (isUnknown(value)) {
      const special = path === "" ? SIMULATED[typeName]?.[name] : undefined;
      out[name] = special !== undefined ? special(out, (salt) => hash(salt)) : generic(typeName, name, type, (salt) => hash(`${here}\0${salt}`));
    } else {
      out[name] = fillNested(type, value, (salt) => hash(`${here}\0${salt}`), name);
    }
  }
  for (const [name, blockType] of Object.entries(block.block_types ?? {})) {
    const here = path === "" ? name : `${path}.${name}`;
    out[name] = mapElements(blockType.nesting_mode, object[name] ?? null, (element, key) =>
      fillBlock(typeName, blockType.block, element, hash, `${here}[${key}]`),
    );
  }
  return out;
}

/** Unknowns inside a known collection or object (rare: a list with one element computed). */
function fillNested(type: CtyType, value: Value, hash: (salt: string) => string, name: string): Value {
  if (isUnknown(value)) return generic("", name, type, hash);
  if (value === null || typeof type === "string") return value;
  switch (type[0]) {
    case "list":
    case "set":
      return (value as readonly Value[]).map((v, i) => fillNested(type[1], v, (s) => hash(`${i}\0${s}`), name));
    case "map":
      return Object.fromEntries(
        Object.entries(value as Record<string, Value>).map(([k, v]) => [k, fillNested(type[1], v, (s) => hash(`${k}\0${s}`), k)]),
      );
    case "object":
      return Object.fromEntries(
        Object.entries(type[1]).map(([k, t]) => [k, fillNested(t, (value as Record<string, Value>)[k] ?? null, (s) => hash(`${k}\0${s}`), k)]),
      );
    case "tuple":
      return value;
  }
}

/** A plausible value of a type, shaped by the attribute's name where the name says what it holds. */
function generic(typeName: string, name: string, type: CtyType, hash: (salt: string) => string): Value {
  if (typeof type !== "string") {
    switch (type[0]) {
      case "list":
      case "set":
      case "tuple":
        return [];
      case "map":
        return {};
      case "object":
        return Object.fromEntries(Object.entries(type[1]).map(([k, t]) => [k, generic(typeName, k, t, (s) => hash(`${k}\0${s}`))]));
    }
  }
  switch (type) {
    case "number":
      return parseInt(hash("n").slice(0, 4), 16) % 1000;
    case "bool":
      return false;
    case "dynamic":
      return null;
    case "string": {
      const h = hash("s");
      if (name === "arn" || name.endsWith("_arn")) {
        const service = typeName.startsWith("aws_") ? (typeName.split("_")[1] ?? "aws") : "aws";
        return `arn:aws:${service}:${REGION}:${ACCOUNT}:${typeName.replace(/^aws_/, "").replace(/_/g, "-")}/${h.slice(0, 16)}`;
      }
      if (name.endsWith("ipv4_address") || name === "ip_address") return ipv4(hash, "ip");
      if (name.endsWith("ipv6_address")) return ipv6(hash, "ip");
      if (name === "urn") return `do:${typeName.replace(/^digitalocean_/, "")}:${uuid(h)}`;
      if (name === "id" || name === "uuid" || name.endsWith("_id"))
        return typeName.startsWith("digitalocean_") || typeName.startsWith("heroku_") || typeName.startsWith("fastly_") ? uuid(h) : h.slice(0, 20);
      if (name.endsWith("_at") || name === "created" || name === "updated") return "2026-01-01T00:00:00Z";
      return `${name.replace(/_/g, "-")}-${h.slice(0, 8)}`;
    }
  }
}

/** What a data source reads, where the twin knows how; otherwise its computed attributes are made up. */
export function readDataSource(typeName: string, block: SchemaBlock, config: Value, hash: (salt: string) => string): Value {
  const known = DATA_SOURCES[typeName]?.(config as Readonly<Record<string, Value>>) ?? {};
  const withKnown: Record<string, Value> = { ...(config as Record<string, Value>) };
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    const knownValue = known[name];
    if (knownValue !== undefined) withKnown[name] = knownValue;
    else if (attribute.computed === true && (withKnown[name] ?? null) === null)
      withKnown[name] = generic(typeName, name, attributeValueType(attribute), (s) => hash(`${name}\0${s}`));
  }
  return withKnown;
}

const DATA_SOURCES: Readonly<Record<string, (config: Readonly<Record<string, Value>>) => Record<string, Value>>> = {
  aws_caller_identity: () => ({ account_id: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/rehearsal`, user_id: "AIDAREHEARSAL", id: ACCOUNT }),
  aws_iam_policy_document: (config) => {
    const document = policyDocument(config);
    return { json: JSON.stringify(document, null, 2), minified_json: JSON.stringify(document), id: String(hashText(JSON.stringify(document))) };
  },
  heroku_team: (config) => ({
    id: uuid(createHash("sha256").update(str(config, "name")).digest("hex")),
    default: false,
    membership_limit: 0,
    provisioned_licenses: false,
    type: "enterprise",
  }),
};

function hashText(text: string): number {
  return parseInt(createHash("sha256").update(text).digest("hex").slice(0, 8), 16);
}

/** The policy JSON aws_iam_policy_document renders from its statements, in the provider's key order. */
function policyDocument(config: Readonly<Record<string, Value>>): Record<string, unknown> {
  const strings = (v: Value): string[] => ((v as readonly Value[] | null) ?? []).map(String).sort();
  const one = (list: string[]): string | string[] => {
    const [only, ...more] = list;
    return only !== undefined && more.length === 0 ? only : list;
  };
  const statements = ((config.statement as readonly Value[] | null) ?? []).map((s) => {
    const st = s as Record<string, Value>;
    const principals = (key: string): Record<string, string | string[]> | undefined => {
      const blocks = (st[key] as readonly Value[] | null) ?? [];
      if (blocks.length === 0) return undefined;
      return Object.fromEntries(
        blocks.map((b) => [String((b as Record<string, Value>).type), one(strings((b as Record<string, Value>).identifiers ?? null))]),
      );
    };
    const conditions = ((st.condition as readonly Value[] | null) ?? []).reduce<Record<string, Record<string, string | string[]>>>((acc, c) => {
      const cond = c as Record<string, Value>;
      const test = String(cond.test);
      acc[test] = { ...(acc[test] ?? {}), [String(cond.variable)]: one(strings(cond.values ?? null)) };
      return acc;
    }, {});
    const entry: Record<string, unknown> = {};
    if (typeof st.sid === "string" && st.sid !== "") entry.Sid = st.sid;
    entry.Effect = typeof st.effect === "string" ? st.effect : "Allow";
    if (strings(st.actions ?? null).length > 0) entry.Action = one(strings(st.actions ?? null));
    if (strings(st.not_actions ?? null).length > 0) entry.NotAction = one(strings(st.not_actions ?? null));
    if (strings(st.resources ?? null).length > 0) entry.Resource = one(strings(st.resources ?? null));
    if (strings(st.not_resources ?? null).length > 0) entry.NotResource = one(strings(st.not_resources ?? null));
    const p = principals("principals");
    if (p !== undefined) entry.Principal = p;
    const np = principals("not_principals");
    if (np !== undefined) entry.NotPrincipal = np;
    if (Object.keys(conditions).length > 0) entry.Condition = conditions;
    return entry;
  });
  return {
    Version: typeof config.version === "string" ? config.version : "2012-10-17",
    ...(typeof config.policy_id === "string" ? { Id: config.policy_id } : {}),
    Statement: statements,
  };
}

/**
 * What an importer stores as the id, where it looks the object up by another name: the Heroku provider's
 * app importer takes a name or a UUID and keeps the UUID (resource_heroku_app.go, v5.3.2).
 */
const IMPORTED_IDS: Readonly<Record<string, (id: string) => string>> = {
  heroku_app: (id) =>
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)
      ? id
      : uuid(createHash("sha256").update(`heroku_app\0${id}`).digest("hex")),
};

/** The id an imported object gets in state, given the id the adopter recorded. */
export function importedId(typeName: string, id: string): string {
  return IMPORTED_IDS[typeName]?.(id) ?? id;
}
