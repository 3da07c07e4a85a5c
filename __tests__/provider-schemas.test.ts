/*
 * Cross-checks the committed schemas of the providers with prebuilt bindings (provider-schemas/aws.json,
 * provider-schemas/digitalocean.json) against @cdktf/provider-aws and @cdktf/provider-digitalocean, which
 * cdktf generated from the same provider versions' schemas. The bindings are read as text (the generator's
 * TypeScript travels in each index.js source map); no provider package is loaded.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  PREBUILT,
  readBinding,
  sortKeysDeep,
  type BindingAttribute,
  type BindingBlock,
  type BindingBlockType,
  type Flags,
  type SchemaKind,
} from "../provider-schemas/prebuilt-binding";

interface JsonAttribute {
  readonly type?: unknown;
  readonly nested_type?: { readonly nesting_mode: string; readonly attributes: Readonly<Record<string, JsonAttribute>> };
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
}
interface JsonBlock {
  readonly attributes?: Readonly<Record<string, JsonAttribute>>;
  readonly block_types?: Readonly<Record<string, JsonBlockType>>;
  readonly deprecated?: boolean;
}
interface JsonBlockType {
  readonly nesting_mode: string;
  readonly block: JsonBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}
interface JsonSchema {
  readonly version: number;
  readonly block: JsonBlock;
}
interface JsonProviderSchemas {
  readonly provider: JsonSchema;
  readonly resource_schemas?: Readonly<Record<string, JsonSchema>>;
  readonly data_source_schemas?: Readonly<Record<string, JsonSchema>>;
}

interface Expected {
  readonly name: "aws" | "digitalocean";
  readonly resources: readonly string[];
  readonly dataSources: readonly string[];
  // What the bindings cannot show, as read from the providers' source (provider-schemas/README.md).
  readonly versions: Readonly<Record<string, number>>; // schema versions other than 0
  readonly sensitive: readonly string[];
  readonly deprecated: readonly string[]; // attributes, and blocks whose `block.deprecated` is set
}

const S3_BUCKET_DEPRECATED = [
  "acceleration_status",
  "acl",
  "cors_rule",
  "grant",
  "lifecycle_rule",
  "logging",
  "object_lock_configuration",
  "object_lock_configuration.object_lock_enabled",
  "object_lock_configuration.rule",
  "policy",
  "replication_configuration",
  "request_payer",
  "server_side_encryption_configuration",
  "versioning",
  "website",
  "website_domain",
  "website_endpoint",
].map((p) => `aws_s3_bucket.${p}`);

const PROVIDERS: readonly Expected[] = [
  {
    name: "aws",
    resources: [
      "aws_kms_alias",
      "aws_kms_key",
      "aws_route53_delegation_set",
      "aws_route53_hosted_zone_dnssec",
      "aws_route53_key_signing_key",
      "aws_route53_record",
      "aws_route53_zone",
      "aws_s3_bucket",
      "aws_s3_bucket_ownership_controls",
      "aws_s3_bucket_policy",
      "aws_s3_bucket_public_access_block",
      "aws_s3_bucket_server_side_encryption_configuration",
      "aws_s3_bucket_versioning",
      "aws_s3_bucket_website_configuration",
    ],
    dataSources: ["aws_caller_identity", "aws_iam_policy_document", "aws_route53_records", "aws_route53_zone", "aws_route53_zones"],
    versions: { aws_route53_record: 2 },
    sensitive: [],
    deprecated: [...S3_BUCKET_DEPRECATED, "aws_iam_policy_document.override_json", "aws_iam_policy_document.source_json"],
  },
  {
    name: "digitalocean",
    resources: [
      "digitalocean_database_cluster",
      "digitalocean_database_db",
      "digitalocean_database_firewall",
      "digitalocean_database_user",
      "digitalocean_droplet",
      "digitalocean_firewall",
      "digitalocean_volume",
      "digitalocean_volume_attachment",
      "digitalocean_vpc",
    ],
    dataSources: ["digitalocean_database_cluster", "digitalocean_droplets", "digitalocean_volume", "digitalocean_vpc"],
    versions: { digitalocean_droplet: 1 },
    sensitive: [
      // The data source's (discovery's lookup), then the resource's: the same five.
      ...["password", "private_uri", "ui_password", "ui_uri", "uri"].map((a) => `digitalocean_database_cluster.${a}`),
      "digitalocean_database_cluster.password",
      "digitalocean_database_cluster.private_uri",
      "digitalocean_database_cluster.ui_password",
      "digitalocean_database_cluster.ui_uri",
      "digitalocean_database_cluster.uri",
      "digitalocean_database_user.access_cert",
      "digitalocean_database_user.access_key",
      "digitalocean_database_user.password",
    ],
    deprecated: ["digitalocean_droplet.private_networking", "digitalocean_volume.filesystem_type"],
  },
];

const repoRoot = join(__dirname, "..");
const schemaText = (name: string): string => readFileSync(join(repoRoot, "provider-schemas", `${name}.json`), "utf8");

function providerSchemas(expected: Expected): JsonProviderSchemas {
  const fqpn = PREBUILT[expected.name]?.fqpn ?? "";
  const file = JSON.parse(schemaText(expected.name)) as { provider_schemas: Record<string, JsonProviderSchemas> };
  const body = file.provider_schemas[fqpn];
  if (body === undefined) throw new Error(`${expected.name}.json has no schemas for ${fqpn}`);
  return body;
}

function schemaOf(body: JsonProviderSchemas, kind: SchemaKind, type: string): JsonSchema | undefined {
  if (kind === "provider") return body.provider;
  return (kind === "data" ? body.data_source_schemas : body.resource_schemas)?.[type];
}

// ---------------------------------------------------------------------------------------------
// Comparison of one schema block with what the binding shows.

const ATTRIBUTE_KEYS = ["computed", "deprecated", "nested_type", "optional", "required", "sensitive", "type"];
const BLOCK_TYPE_KEYS = ["block", "max_items", "min_items", "nesting_mode"];
const BLOCK_KEYS = ["attributes", "block_types", "deprecated"];
const FLAG_KEYS = ["computed", "deprecated", "optional", "required", "sensitive"];

const describeFlags = (f: Flags): string =>
  [f.required && "required", f.optional && "optional", f.computed && "computed"].filter(Boolean).join("+") || "no flags";
const sameFlags = (a: Flags, b: Flags): boolean => a.required === b.required && a.optional === b.optional && a.computed === b.computed;
const flagsOf = (a: JsonAttribute): Flags => ({ required: a.required === true, optional: a.optional === true, computed: a.computed === true });
const typeText = (t: unknown): string => JSON.stringify(sortKeysDeep(t));

function checkKeys(where: string, path: string, value: object, allowed: readonly string[], errors: string[]): void {
  for (const [key, v] of Object.entries(value)) {
    if (!allowed.includes(key)) errors.push(`${where}: ${path} has unknown key "${key}"`);
    if (FLAG_KEYS.includes(key) && v !== true) errors.push(`${where}: ${path}.${key} must be true or left out`);
  }
}

/** The type a nested attribute has as a value, as the binding shows it. */
function impliedType(attr: JsonAttribute): unknown {
  if (attr.nested_type === undefined) return attr.type;
  const fields = Object.fromEntries(Object.entries(attr.nested_type.attributes).map(([n, a]) => [n, impliedType(a)]));
  const object = ["object", fields];
  return attr.nested_type.nesting_mode === "single" ? object : [attr.nested_type.nesting_mode, object];
}

function compareAttribute(where: string, path: string, json: JsonAttribute, bound: BindingAttribute, errors: string[]): void {
  checkKeys(where, path, json, ATTRIBUTE_KEYS, errors);
  const flags = flagsOf(json);
  if (!sameFlags(flags, bound.flags)) {
    errors.push(`${where}: ${path} is ${describeFlags(flags)} in the schema, ${describeFlags(bound.flags)} in the binding`);
  }
  // Required: a non-optional config property with a setter and no reset; optional: a `?` property with
  // setter and reset; computed only: a getter, absent from the config.
  const config = flags.required ? "required" : flags.optional ? "optional" : undefined;
  if (bound.config !== config) {
    const wanted = config ? `a ${config} config property` : "absent from the config";
    errors.push(`${where}: ${path} should be ${wanted.replace("a o", "an o")}; the binding has it ${bound.config ?? "absent"}`);
  }
  if (bound.hasSetter !== (flags.required || flags.optional)) {
    errors.push(`${where}: ${path} is ${describeFlags(flags)} but the binding ${bound.hasSetter ? "has" : "lacks"} a setter`);
  }
  if (bound.hasReset !== flags.optional) {
    errors.push(`${where}: ${path} is ${describeFlags(flags)} but the binding ${bound.hasReset ? "has" : "lacks"} a reset method`);
  }
  if (typeText(impliedType(json)) !== typeText(bound.type)) {
    errors.push(`${where}: ${path} has type ${typeText(impliedType(json))} in the schema, ${typeText(bound.type)} in the binding`);
  }
  const members = bound.objectMembers ?? {};
  if (json.nested_type !== undefined) {
    if (json.nested_type.nesting_mode !== bound.objectNesting) {
      errors.push(`${where}: ${path} nests ${json.nested_type.nesting_mode} in the schema, ${bound.objectNesting ?? "not at all"} in the binding`);
    }
    for (const [name, member] of Object.entries(json.nested_type.attributes)) {
      const m = members[name];
      if (m === undefined) errors.push(`${where}: ${path}.${name} is not in the binding`);
      else compareAttribute(where, `${path}.${name}`, member, m, errors);
    }
  } else {
    // In an object type the generator repeats the attribute's own flags on every member; members with flags
    // of their own come from nested attributes, which the schema must then write as nested_type.
    for (const [name, m] of Object.entries(members)) {
      if (!sameFlags(m.flags, bound.flags)) {
        errors.push(`${where}: ${path}.${name} has flags of its own (${describeFlags(m.flags)}) in the binding: a nested_type, not an object type`);
      }
    }
  }
}

function compareBlockType(where: string, path: string, json: JsonBlockType, bound: BindingBlockType, errors: string[]): void {
  checkKeys(where, path, json, BLOCK_TYPE_KEYS, errors);
  if (json.nesting_mode !== bound.nesting) {
    errors.push(`${where}: ${path} nests as ${json.nesting_mode} in the schema, ${bound.nesting} in the binding`);
  }
  let required: boolean;
  if (json.nesting_mode === "single" || json.nesting_mode === "group") {
    // cdktf marks a single block required when every member is required.
    const attrs = Object.values(json.block.attributes ?? {});
    const blocks = Object.values(json.block.block_types ?? {});
    required = attrs.every((a) => a.required === true) && blocks.every((b) => (b.min_items ?? 0) >= 1);
  } else {
    required = (json.min_items ?? 0) >= 1;
    const maxOne = json.max_items === 1;
    if (maxOne !== bound.maxOne) {
      errors.push(
        `${where}: ${path} has max_items ${json.max_items ?? "unset"} in the schema, but the binding generates ${bound.maxOne ? "a single item (max_items 1)" : "a list (max_items not 1)"}`,
      );
    }
  }
  if (required !== bound.required) {
    errors.push(
      `${where}: ${path} is ${required ? "required (min_items >= 1)" : "optional"} in the schema, ${bound.required ? "required" : "optional"} in the binding`,
    );
  }
  if (bound.config !== (required ? "required" : "optional")) {
    errors.push(
      `${where}: ${path} should be ${required ? "a required" : "an optional"} config property; the binding has it ${bound.config ?? "absent"}`,
    );
  }
  compareBlock(where, path, json.block, bound.block, errors);
}

function compareBlock(where: string, path: string, json: JsonBlock, bound: BindingBlock, errors: string[]): void {
  checkKeys(where, path || "block", json, BLOCK_KEYS, errors);
  const at = (name: string): string => (path ? `${path}.${name}` : name);
  const attributes = json.attributes ?? {};
  const blockTypes = json.block_types ?? {};
  const jsonNames = new Set([...Object.keys(attributes), ...Object.keys(blockTypes)]);
  const boundNames = new Set([...Object.keys(bound.attributes), ...Object.keys(bound.blocks)]);
  for (const name of boundNames) if (!jsonNames.has(name)) errors.push(`${where}: ${at(name)} is in the binding but not in the schema`);
  for (const name of jsonNames) if (!boundNames.has(name)) errors.push(`${where}: ${at(name)} is in the schema but not in the binding`);
  for (const [name, attr] of Object.entries(attributes)) {
    const b = bound.attributes[name];
    if (b !== undefined) compareAttribute(where, at(name), attr, b, errors);
    else if (bound.blocks[name] !== undefined) errors.push(`${where}: ${at(name)} is an attribute in the schema, a block in the binding`);
  }
  for (const [name, blockType] of Object.entries(blockTypes)) {
    const b = bound.blocks[name];
    if (b !== undefined) compareBlockType(where, at(name), blockType, b, errors);
    else if (bound.attributes[name] !== undefined) errors.push(`${where}: ${at(name)} is a block in the schema, an attribute in the binding`);
  }
}

/** Where `description` / `description_kind` keys occur (names of attributes, such as `description`, aside). */
function documentationKeys(value: unknown, path: string): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [];
  const found: string[] = [];
  const byName = /(^|\.)(attributes|block_types|resource_schemas|data_source_schemas|provider_schemas)$/.test(path);
  for (const [key, v] of Object.entries(value)) {
    if (!byName && (key === "description" || key === "description_kind")) found.push(`${path}.${key}`);
    found.push(...documentationKeys(v, path ? `${path}.${key}` : key));
  }
  return found;
}

/** Paths of sensitive attributes, deprecated attributes and deprecated blocks. */
function flagged(block: JsonBlock, prefix: string, out: { sensitive: string[]; deprecated: string[] }): void {
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    if (attr.sensitive) out.sensitive.push(`${prefix}.${name}`);
    if (attr.deprecated) out.deprecated.push(`${prefix}.${name}`);
    for (const [member, m] of Object.entries(attr.nested_type?.attributes ?? {})) {
      if (m.sensitive) out.sensitive.push(`${prefix}.${name}.${member}`);
      if (m.deprecated) out.deprecated.push(`${prefix}.${name}.${member}`);
    }
  }
  for (const [name, blockType] of Object.entries(block.block_types ?? {})) {
    if (blockType.block.deprecated) out.deprecated.push(`${prefix}.${name}`);
    flagged(blockType.block, `${prefix}.${name}`, out);
  }
}

// ---------------------------------------------------------------------------------------------

describe.each(PROVIDERS)("$name schema", (expected) => {
  const provider = PREBUILT[expected.name];
  if (provider === undefined) throw new Error(`no prebuilt binding registered for ${expected.name}`);

  it("has the layout of `terraform providers schema -json`: sorted keys, 2 spaces, no descriptions", () => {
    const text = schemaText(expected.name);
    const file = JSON.parse(text) as { format_version: string; provider_schemas: Record<string, unknown> };
    expect(text).toBe(`${JSON.stringify(sortKeysDeep(file), null, 2)}\n`);
    expect(Object.keys(file)).toEqual(["format_version", "provider_schemas"]);
    expect(file.format_version).toBe("1.0");
    expect(Object.keys(file.provider_schemas)).toEqual([provider.fqpn]);
    expect(documentationKeys(file, "")).toEqual([]);
    const body = providerSchemas(expected);
    // An empty map is left out, as Terraform itself does (digitalocean has no data sources here).
    const keys = ["provider", "resource_schemas", ...(expected.dataSources.length > 0 ? ["data_source_schemas"] : [])];
    expect(Object.keys(body).sort()).toEqual(keys.sort());
    expect(Object.keys(body.resource_schemas ?? {})).toEqual([...expected.resources].sort());
    expect(Object.keys(body.data_source_schemas ?? {})).toEqual([...expected.dataSources].sort());
  });

  const types: [SchemaKind, string][] = [
    ["provider", expected.name],
    ...expected.resources.map((t): [SchemaKind, string] => ["resource", t]),
    ...expected.dataSources.map((t): [SchemaKind, string] => ["data", t]),
  ];

  it.each(types)("%s %s agrees with the prebuilt binding", (kind, type) => {
    const where = `${expected.name} ${kind === "provider" ? "provider block" : type}`;
    const schema = schemaOf(providerSchemas(expected), kind, type);
    if (schema === undefined) throw new Error(`${where}: not in ${expected.name}.json`);
    let bound: BindingBlock;
    try {
      bound = readBinding(provider, kind, type);
    } catch (err) {
      throw new Error(`${where}: no readable binding in ${provider.packageName}: ${(err as Error).message}`);
    }
    const errors: string[] = [];
    compareBlock(where, "", schema.block, bound, errors);
    expect(errors).toEqual([]);
  });

  it("records the facts bindings cannot show (versions, sensitive, deprecated) as read from the source", () => {
    const body = providerSchemas(expected);
    const versions: Record<string, number> = {};
    const out = { sensitive: [] as string[], deprecated: [] as string[] };
    const all: [string, JsonSchema][] = [
      ["provider", body.provider],
      ...Object.entries(body.resource_schemas ?? {}),
      ...Object.entries(body.data_source_schemas ?? {}),
    ];
    for (const [type, schema] of all) {
      if (schema.version !== 0) versions[type] = schema.version;
      if (schema.block.deprecated) out.deprecated.push(type);
      flagged(schema.block, type, out);
    }
    expect(versions).toEqual(expected.versions);
    expect(out.sensitive.sort()).toEqual([...expected.sensitive].sort());
    expect(out.deprecated.sort()).toEqual([...expected.deprecated].sort());
  });
});
