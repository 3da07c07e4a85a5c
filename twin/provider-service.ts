/*
 * The provider twin's answers to Terraform: one instance serves one pinned provider, from its committed
 * schema (provider-schemas/<provider>.json) and its facts (provider-schemas/facts/). It does offline what
 * the real provider does offline, and makes up deterministically what the real one would ask the cloud.
 * It reads no credentials and opens no connection.
 */
import { DATA_SOURCE_FACTS, PROVIDER_FACTS, RESOURCE_TYPE_FACTS } from "../provider-schemas/facts";
import {
  blockValueType,
  type PinnedProvider,
  type NestingMode,
  type ProviderSchema,
  type Schema,
  type SchemaAttribute,
  type SchemaBlock,
} from "../provider-schemas/schema-file";
import { decodeValue, encodeValue, isObjectValue, type CtyType, type Value } from "./cty";
import { planResourceChange } from "./resource-plan";
import { LiveAnswers, liveValue } from "./live-answers";
import { answerListing } from "./live-listings";
import { fillUnknowns, importedId, readDataSource, seededHash } from "./simulated-values";
import { checkValueRules, type RuleViolation } from "./value-rules";

import type * as Wire from "./protocol";

/** Private data the twin keeps with an object: whether it was imported and never refreshed from the cloud. */
interface TwinPrivate {
  readonly adopted?: boolean;
}

export class ProviderTwin {
  private readonly types = new Map<string, CtyType>();

  /** `live`: a snapshot of the live estate to answer imports and reads from (`--live FILE`); without it, made-up values. */
  constructor(
    readonly provider: PinnedProvider,
    readonly schema: ProviderSchema,
    private readonly live?: LiveAnswers,
  ) {}

  getMetadata(): Wire.GetMetadataResponse {
    return {
      server_capabilities: CAPABILITIES,
      resources: Object.keys(this.schema.resource_schemas ?? {}).map((type_name) => ({ type_name })),
      data_sources: Object.keys(this.schema.data_source_schemas ?? {}).map((type_name) => ({ type_name })),
    };
  }

  getProviderSchema(): Wire.GetProviderSchemaResponse {
    const schemas = (record: Readonly<Record<string, Schema>> | undefined): Record<string, Wire.WireSchema> =>
      Object.fromEntries(Object.entries(record ?? {}).map(([name, schema]) => [name, wireSchema(schema)]));
    return {
      provider: wireSchema(this.schema.provider),
      resource_schemas: schemas(this.schema.resource_schemas),
      data_source_schemas: schemas(this.schema.data_source_schemas),
      server_capabilities: CAPABILITIES,
    };
  }

  validateProviderConfig(request: Wire.ValidateProviderConfigRequest): Wire.ValidateProviderConfigResponse {
    const config = this.decode(request.config, "provider", this.schema.provider.block);
    return { diagnostics: diagnostics(checkValueRules(config, PROVIDER_FACTS[this.provider.name]?.providerValueRules)) };
  }

  validateResourceConfig(request: Wire.ValidateResourceConfigRequest): Wire.ValidateResourceConfigResponse {
    const typeName = request.type_name ?? "";
    const schema = this.resourceSchema(typeName);
    if (schema === undefined) return { diagnostics: [unknownType(this.provider, "resource", typeName)] };
    const config = this.decode(request.config, typeName, schema.block);
    const facts = RESOURCE_TYPE_FACTS[typeName];
    return { diagnostics: diagnostics(checkValueRules(config, facts?.valueRules, facts?.crossRules)) };
  }

  validateDataResourceConfig(request: Wire.ValidateDataResourceConfigRequest): Wire.ValidateDataResourceConfigResponse {
    const typeName = request.type_name ?? "";
    const schema = this.schema.data_source_schemas?.[typeName];
    if (schema === undefined) return { diagnostics: [unknownType(this.provider, "data source", typeName)] };
    const config = this.decode(request.config, `data.${typeName}`, schema.block);
    const facts = DATA_SOURCE_FACTS[typeName];
    return { diagnostics: diagnostics(checkValueRules(config, facts?.valueRules, facts?.crossRules)) };
  }

  /** State written by this schema version needs no upgrade; attributes the schema no longer has are dropped. */
  upgradeResourceState(request: Wire.UpgradeResourceStateRequest): Wire.UpgradeResourceStateResponse {
    const typeName = request.type_name ?? "";
    const schema = this.resourceSchema(typeName);
    if (schema === undefined) return { diagnostics: [unknownType(this.provider, "resource", typeName)] };
    const raw = request.raw_state?.json;
    const value = raw === undefined || raw.length === 0 ? null : (JSON.parse(Buffer.from(raw).toString("utf8")) as Value);
    return { upgraded_state: { msgpack: encodeValue(value, this.type(typeName, schema.block)) } };
  }

  configureProvider(): Wire.ConfigureProviderResponse {
    return { diagnostics: [] };
  }

  /**
   * Without a snapshot the twin has no cloud to ask: an object is as its state says. With one, the object is as the
   * snapshot holds it (its secrets as the state holds them), or gone when the snapshot has no object with its id; an
   * object of a type that cannot be imported (a volume attachment) is as its state says.
   */
  readResource(request: Wire.ReadResourceRequest): Wire.ReadResourceResponse {
    const typeName = request.type_name ?? "";
    // A type without an importer is not in a snapshot (it has no id to be found by): the snapshot cannot say it is gone.
    if (this.live === undefined || RESOURCE_TYPE_FACTS[typeName]?.importId === "")
      return { new_state: request.current_state, private: request.private };
    const schema = this.resourceSchema(typeName);
    if (schema === undefined) return { diagnostics: [unknownType(this.provider, "resource", typeName)] };
    const type = this.type(typeName, schema.block);
    const current = decodeValue(request.current_state?.msgpack, type);
    const id = isObjectValue(current) && typeof current["id"] === "string" ? current["id"] : undefined;
    const found = id === undefined ? undefined : this.live.read(typeName, id);
    const state = found === undefined ? null : liveValue(schema.block, found.values, found.withheld, current);
    return { new_state: { msgpack: encodeValue(state, type) }, private: request.private };
  }

  planResourceChange(request: Wire.PlanResourceChangeRequest): Wire.PlanResourceChangeResponse {
    const typeName = request.type_name ?? "";
    const schema = this.resourceSchema(typeName);
    if (schema === undefined) return { diagnostics: [unknownType(this.provider, "resource", typeName)] };
    const type = this.type(typeName, schema.block);
    const prior = decodeValue(request.prior_state?.msgpack, type);
    const proposed = decodeValue(request.proposed_new_state?.msgpack, type);
    const config = decodeValue(request.config?.msgpack, type);
    const priorPrivate = readPrivate(request.prior_private);
    const change = planResourceChange(schema.block, RESOURCE_TYPE_FACTS[typeName], prior, proposed, config, priorPrivate.adopted === true);
    return {
      planned_state: { msgpack: encodeValue(change.planned, type) },
      requires_replace: change.requiresReplace.map((steps) => ({ steps: [...steps] })),
      planned_private: request.prior_private ?? Buffer.alloc(0),
    };
  }

  applyResourceChange(request: Wire.ApplyResourceChangeRequest): Wire.ApplyResourceChangeResponse {
    const typeName = request.type_name ?? "";
    const schema = this.resourceSchema(typeName);
    if (schema === undefined) return { diagnostics: [unknownType(this.provider, "resource", typeName)] };
    const type = this.type(typeName, schema.block);
    const planned = decodeValue(request.planned_state?.msgpack, type);
    if (planned === null) return { new_state: { msgpack: encodeValue(null, type) } };
    const config = decodeValue(request.config?.msgpack, type);
    const applied = fillUnknowns(typeName, schema.block, planned, seededHash(typeName, config, type));
    return { new_state: { msgpack: encodeValue(applied, type) }, private: Buffer.alloc(0) };
  }

  /**
   * Without a snapshot an imported object has only its id: the twin cannot read the rest from the cloud. With one, it
   * is the snapshot's object of that import id; an id the snapshot lacks imports as the id alone, which the read that
   * follows finds gone, so Terraform fails as it does with a real provider ("Cannot import non-existent remote object").
   */
  importResourceState(request: Wire.ImportResourceStateRequest): Wire.ImportResourceStateResponse {
    const typeName = request.type_name ?? "";
    const id = request.id ?? "";
    const schema = this.resourceSchema(typeName);
    if (schema === undefined) return { diagnostics: [unknownType(this.provider, "resource", typeName)] };
    if (this.live !== undefined) {
      const found = this.live.imported(typeName, id);
      const state =
        found === undefined
          ? emptyObject(schema.block, { id })
          : liveValue(schema.block, found.values, found.withheld, null, `${typeName}\0${found.importId}`);
      return {
        imported_resources: [
          { type_name: typeName, state: { msgpack: encodeValue(state, this.type(typeName, schema.block)) }, private: Buffer.alloc(0) },
        ],
      };
    }
    const state = emptyObject(schema.block, { id: importedId(typeName, id) });
    return {
      imported_resources: [
        {
          type_name: typeName,
          state: { msgpack: encodeValue(state, this.type(typeName, schema.block)) },
          private: Buffer.from(JSON.stringify({ adopted: true } satisfies TwinPrivate)),
        },
      ],
    };
  }

  readDataSource(request: Wire.ReadDataSourceRequest): Wire.ReadDataSourceResponse {
    const typeName = request.type_name ?? "";
    const schema = this.schema.data_source_schemas?.[typeName];
    if (schema === undefined) return { diagnostics: [unknownType(this.provider, "data source", typeName)] };
    const type = this.type(`data.${typeName}`, schema.block);
    const config = decodeValue(request.config?.msgpack, type);
    const read = isObjectValue(config) ? this.live?.dataSource(typeName, config) : undefined;
    if (read !== undefined) return { state: { msgpack: encodeValue(liveValue(schema.block, read, undefined, null), type) } };
    // A listing of live objects (what discovery reads) lists the snapshot's; without a snapshot it is made up as any other read.
    const listing = DATA_SOURCE_FACTS[typeName]?.lists;
    if (this.live !== undefined && listing !== undefined && isObjectValue(config)) {
      const answer = answerListing(typeName, schema.block, listing, config, this.live);
      switch (answer.kind) {
        case "read":
          return { state: { msgpack: encodeValue(answer.state, type) } };
        case "not-found":
          return { diagnostics: [{ severity: "ERROR", summary: answer.summary, detail: answer.detail }] };
      }
    }
    return { state: { msgpack: encodeValue(readDataSource(typeName, schema.block, config, seededHash(typeName, config, type)), type) } };
  }

  private resourceSchema(typeName: string): Schema | undefined {
    return this.schema.resource_schemas?.[typeName];
  }

  private type(key: string, block: SchemaBlock): CtyType {
    let type = this.types.get(key);
    if (type === undefined) {
      type = blockValueType(block);
      this.types.set(key, type);
    }
    return type;
  }

  private decode(value: Wire.ReceivedDynamicValue | undefined, key: string, block: SchemaBlock): Value {
    return decodeValue(value?.msgpack, this.type(key, block));
  }
}

const CAPABILITIES = { plan_destroy: false, get_provider_schema_optional: false, move_resource_state: false };

function readPrivate(bytes: Uint8Array | undefined): TwinPrivate {
  if (bytes === undefined || bytes.length === 0) return {};
  try {
    return JSON.parse(Buffer.from(bytes).toString("utf8")) as TwinPrivate;
  } catch {
    return {};
  }
}

/** An object of a block with every attribute null and every nested block empty, but for `known`. */
function emptyObject(block: SchemaBlock, known: Record<string, Value>): Value {
  const out: Record<string, Value> = {};
  for (const name of Object.keys(block.attributes ?? {})) out[name] = known[name] ?? null;
  for (const [name, blockType] of Object.entries(block.block_types ?? {})) {
    out[name] = blockType.nesting_mode === "list" || blockType.nesting_mode === "set" ? [] : blockType.nesting_mode === "map" ? {} : null;
  }
  return out;
}

function diagnostics(violations: readonly RuleViolation[]): Wire.Diagnostic[] {
  return violations.map((v) => ({ severity: "ERROR", summary: v.summary, detail: v.detail, attribute: { steps: [...v.path] } }));
}

function unknownType(provider: PinnedProvider, kind: string, typeName: string): Wire.Diagnostic {
  return {
    severity: "ERROR",
    summary: `The provider twin has no schema for ${kind} ${typeName}`,
    detail: `provider-schemas/${provider.schemaFile} describes only the types the estate uses; add ${typeName} to it (see provider-schemas/README.md).`,
  };
}

/** The protocol's names of the schema file's nesting modes. */
const BLOCK_NESTING = { single: "SINGLE", list: "LIST", set: "SET", map: "MAP", group: "GROUP" } as const satisfies Record<
  NestingMode,
  Wire.WireBlockNesting
>;
const OBJECT_NESTING = { single: "SINGLE", list: "LIST", set: "SET", map: "MAP" } as const satisfies Record<
  Exclude<NestingMode, "group">,
  Wire.WireObjectNesting
>;

function wireSchema(schema: Schema): Wire.WireSchema {
  return { version: schema.version, block: wireBlock(schema.block) };
}

function wireBlock(block: SchemaBlock): Wire.WireBlock {
  return {
    attributes: Object.entries(block.attributes ?? {}).map(([name, attribute]) => wireAttribute(name, attribute)),
    block_types: Object.entries(block.block_types ?? {}).map(([type_name, nested]) => ({
      type_name,
      block: wireBlock(nested.block),
      nesting: BLOCK_NESTING[nested.nesting_mode],
      min_items: nested.min_items ?? 0,
      max_items: nested.max_items ?? 0,
    })),
    deprecated: block.deprecated === true,
  };
}

function wireAttribute(name: string, attribute: SchemaAttribute): Wire.WireAttribute {
  return {
    name,
    ...(attribute.type !== undefined ? { type: Buffer.from(JSON.stringify(attribute.type)) } : {}),
    ...(attribute.nested_type !== undefined
      ? {
          nested_type: {
            attributes: Object.entries(attribute.nested_type.attributes).map(([n, a]) => wireAttribute(n, a)),
            nesting: OBJECT_NESTING[attribute.nested_type.nesting_mode],
          },
        }
      : {}),
    required: attribute.required === true,
    optional: attribute.optional === true,
    computed: attribute.computed === true,
    sensitive: attribute.sensitive === true,
    deprecated: attribute.deprecated === true,
    write_only: attribute.write_only === true,
  };
}
