/*
 * The committed provider schemas (`<provider>.json`, in the shape of `terraform providers schema -json`)
 * and the list of pinned providers (`providers.json`): types for both, and their loaders.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** A cty type in its JSON form. */
export type SchemaType =
  | "string"
  | "number"
  | "bool"
  | "dynamic"
  | readonly ["list" | "set" | "map", SchemaType]
  | readonly ["object", Readonly<Record<string, SchemaType>>, ...unknown[]]
  | readonly ["tuple", readonly SchemaType[]];

export type NestingMode = "single" | "group" | "list" | "set" | "map";

export interface SchemaAttribute {
  readonly type?: SchemaType;
  /** Nested attributes (plugin-framework providers), instead of `type`. */
  readonly nested_type?: SchemaNestedType;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
  readonly write_only?: boolean;
}

export interface SchemaNestedType {
  readonly attributes: Readonly<Record<string, SchemaAttribute>>;
  readonly nesting_mode: Exclude<NestingMode, "group">;
}

export interface SchemaBlock {
  readonly attributes?: Readonly<Record<string, SchemaAttribute>>;
  readonly block_types?: Readonly<Record<string, SchemaBlockType>>;
  readonly deprecated?: boolean;
}

export interface SchemaBlockType {
  readonly nesting_mode: NestingMode;
  readonly block: SchemaBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

export interface Schema {
  readonly version: number;
  readonly block: SchemaBlock;
}

export interface ProviderSchema {
  readonly provider: Schema;
  readonly resource_schemas?: Readonly<Record<string, Schema>>;
  readonly data_source_schemas?: Readonly<Record<string, Schema>>;
}

/** One entry of `providers.json`. */
export interface PinnedProvider {
  /** Local name, also the prefix of the provider's type names. */
  readonly name: string;
  /** Registry address, e.g. registry.terraform.io/hashicorp/aws. */
  readonly address: string;
  /** The exact version the committed schema describes. */
  readonly version: string;
  /** The version constraint the configuration states. */
  readonly constraint: string;
  /** The schema file, beside providers.json. */
  readonly schemaFile: string;
  /** Prebuilt `@cdktf/provider-*` package, or bindings generated from the schema at install. */
  readonly bindings: "prebuilt" | "generated";
  /** Prefixes of the environment variables the provider reads credentials from (`DIGITALOCEAN_`): kept from synthesis and rehearsals. */
  readonly environment: readonly string[];
}

/** The project's root: this file's folder's parent, unless a bundled copy of this code says where it is. */
const PROJECT_ROOT = join(__dirname, "..");

export function pinnedProviders(root: string = PROJECT_ROOT): readonly PinnedProvider[] {
  const file = JSON.parse(readFileSync(join(root, "provider-schemas", "providers.json"), "utf8")) as { providers: PinnedProvider[] };
  return file.providers;
}

export function pinnedProvider(name: string, root: string = PROJECT_ROOT): PinnedProvider {
  const provider = pinnedProviders(root).find((p) => p.name === name);
  if (provider === undefined) throw new Error(`provider-schemas/providers.json pins no provider "${name}"`);
  return provider;
}

/** The committed schema of one pinned provider. */
export function loadProviderSchema(provider: PinnedProvider, root: string = PROJECT_ROOT): ProviderSchema {
  const file = JSON.parse(readFileSync(join(root, "provider-schemas", provider.schemaFile), "utf8")) as {
    provider_schemas: Record<string, ProviderSchema>;
  };
  const schema = file.provider_schemas[provider.address];
  if (schema === undefined) throw new Error(`provider-schemas/${provider.schemaFile} has no schema for ${provider.address}`);
  return schema;
}

/** The object type a block's values have: its attributes and its nested blocks. */
export function blockValueType(block: SchemaBlock): SchemaType {
  const fields: Record<string, SchemaType> = {};
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) fields[name] = attributeValueType(attribute);
  for (const [name, blockType] of Object.entries(block.block_types ?? {}))
    fields[name] = nestedValueType(blockType.nesting_mode, blockValueType(blockType.block));
  return ["object", fields];
}

export function attributeValueType(attribute: SchemaAttribute): SchemaType {
  if (attribute.type !== undefined) return attribute.type;
  if (attribute.nested_type === undefined) throw new Error("a schema attribute has neither type nor nested_type");
  const fields = Object.fromEntries(Object.entries(attribute.nested_type.attributes).map(([n, a]) => [n, attributeValueType(a)]));
  return nestedValueType(attribute.nested_type.nesting_mode, ["object", fields]);
}

function nestedValueType(mode: NestingMode, element: SchemaType): SchemaType {
  switch (mode) {
    case "single":
    case "group":
      return element;
    case "list":
    case "set":
    case "map":
      return [mode, element];
  }
}
