/*
 * Discovery's Terraform configuration: the pinned providers' data sources that list or look up what the estate
 * declares (provider-schemas/facts: each type's `discovery.dataSource`), in one scratch configuration with no resource
 * in it, so that applying it only reads. It runs against the real providers with credentials and against the provider
 * twin answering from a snapshot, unchanged (live/discovery-run.ts).
 *
 * - A listing (droplets, Fastly services, Datadog monitors) is one read, `data.<data source>.all`.
 * - A listing of ids (zones, TLS subscriptions) is one read of the ids and one read of each, `data.<read>.each[id]`.
 * - A listing within another type's objects (a zone's record sets) is one read per object of that type.
 * - A lookup (a VPC, a PagerDuty service) is one read per resource the stacks declare, `data.<data source>.<stack>__<name>`,
 *   with arguments from that resource's configuration; a lookup that finds nothing fails alone (live/discovery-run.ts).
 */
import { pinnedProviders, type PinnedProvider } from "../provider-schemas/schema-file";
import {
  DATA_SOURCE_FACTS,
  RESOURCE_TYPE_FACTS,
  type DataSourceFacts,
  type DiscoveryDataSource,
  type ResourceTypeFacts,
} from "../provider-schemas/facts";
import { compareStrings } from "../values/string-order";

/** A synthesized stack, as much of it as discovery reads. */
export interface DiscoveredStack {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly provider?: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>;
  readonly data?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
}

/** One lookup: the data source read made for one resource a stack declares. */
export interface Lookup {
  readonly stack: string;
  /** The resource's address in its stack. */
  readonly address: string;
  readonly type: string;
  readonly dataSource: string;
  /** The read's name in the configuration (`data.<dataSource>.<name>`). */
  readonly name: string;
}

export interface DiscoveryConfiguration {
  /** The Terraform JSON configuration. */
  readonly json: Readonly<Record<string, unknown>>;
  /** The resource types it lists or looks up. */
  readonly types: readonly string[];
  readonly lookups: readonly Lookup[];
  /** Resources a lookup was wanted for but whose arguments are not literals of the configuration: their ids are given by hand. */
  readonly unresolved: readonly { readonly stack: string; readonly address: string; readonly why: string }[];
}

export const ALL = "all";
export const EACH = "each";

const REFERENCE = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.id\}$/;
/** A data source's attribute that is also its argument: `${data.pagerduty_vendor.datadog.name}` reads back the name it looked up. */
const DATA_ARGUMENT = /^\$\{data\.([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/;

/** A configuration's value as a literal: itself, or the argument a data source's attribute reads back; undefined when only Terraform can tell. */
export function literalOf(value: unknown, stack: DiscoveredStack): string | number | boolean | undefined {
  const [, dataSource, name, attribute] = (typeof value === "string" ? DATA_ARGUMENT.exec(value) : null) ?? [];
  const literal = dataSource === undefined || name === undefined || attribute === undefined ? value : stack.data?.[dataSource]?.[name]?.[attribute];
  return (typeof literal === "string" && !literal.includes("${")) || typeof literal === "number" || typeof literal === "boolean"
    ? literal
    : undefined;
}

/** A resource's argument for a lookup: `{attribute}` its literal, `{attribute.other}` the literal `other` of the resource `attribute` refers to. */
function lookupArgument(template: string, config: Readonly<Record<string, unknown>>, stack: DiscoveredStack): string | number | boolean | undefined {
  const parts = /^\{([a-z0-9_]+)(?:\.([a-z0-9_]+))?\}$/.exec(template);
  if (parts === null) return template;
  const [, attribute, other] = parts as unknown as [string, string, string | undefined];
  let value = config[attribute];
  if (other !== undefined) {
    const [, type, name] = (typeof value === "string" ? REFERENCE.exec(value) : null) ?? [];
    value = type === undefined || name === undefined ? undefined : stack.resource?.[type]?.[name]?.[other];
  }
  return literalOf(value, stack);
}

/** The expression of every live id of `type`, from its own listing's reads. */
function idsExpression(
  type: string,
  facts: Readonly<Record<string, ResourceTypeFacts>>,
  dataFacts: Readonly<Record<string, DataSourceFacts>>,
): string {
  const source = facts[type]?.discovery?.dataSource;
  if (source === undefined || (source.kind !== "ids" && source.kind !== "list"))
    throw new Error(`provider facts: ${type} is listed within others, so it must itself be listed (kind "ids" or "list")`);
  const listing = dataFacts[source.dataSource]?.lists;
  if (listing?.ids !== undefined) return `\${toset(data.${source.dataSource}.${ALL}.${listing.ids})}`;
  if (listing?.elements !== undefined) return `\${toset([for o in data.${source.dataSource}.${ALL}.${listing.elements} : tostring(o.id)])}`;
  throw new Error(`provider facts: ${source.dataSource} lists neither ids nor elements`);
}

/**
 * The configuration that discovers the resources of `stacks` (all when empty, with every stack they read): the
 * listings of every discoverable type they declare, and a lookup for each of their resources of a type found so.
 */
export function discoveryConfiguration(
  configurations: ReadonlyMap<string, DiscoveredStack>,
  stacks: readonly string[],
  facts: Readonly<Record<string, ResourceTypeFacts>> = RESOURCE_TYPE_FACTS,
  dataFacts: Readonly<Record<string, DataSourceFacts>> = DATA_SOURCE_FACTS,
  providers: readonly PinnedProvider[] = pinnedProviders(),
): DiscoveryConfiguration {
  const selected = [...(stacks.length > 0 ? stacks : [...configurations.keys()])].sort(compareStrings);
  const data: Record<string, Record<string, Record<string, unknown>>> = {};
  const lookups: Lookup[] = [];
  const unresolved: { stack: string; address: string; why: string }[] = [];
  const types = new Set<string>();
  const read = (dataSource: string, name: string, body: Record<string, unknown>): void => {
    (data[dataSource] ??= {})[name] = body;
  };
  const listed = (type: string, source: DiscoveryDataSource): void => {
    if (types.has(type)) return;
    types.add(type);
    switch (source.kind) {
      case "list":
        read(source.dataSource, ALL, {});
        break;
      case "ids":
        read(source.dataSource, ALL, {});
        read(source.read, EACH, { for_each: idsExpression(type, facts, dataFacts), [source.argument]: "${each.value}" });
        break;
      case "within": {
        const parent = facts[source.parent]?.discovery?.dataSource;
        if (parent === undefined) throw new Error(`provider facts: ${type} is listed within ${source.parent}, which has no discovery`);
        listed(source.parent, parent);
        read(source.dataSource, EACH, { for_each: idsExpression(source.parent, facts, dataFacts), [source.argument]: "${each.value}" });
        break;
      }
      case "lookup":
        break;
    }
  };

  for (const stack of selected) {
    const json = configurations.get(stack);
    if (json === undefined) throw new Error(`no such stack: ${stack}`);
    for (const [type, byName] of Object.entries(json.resource ?? {}).sort(([a], [b]) => compareStrings(a, b))) {
      const source = facts[type]?.discovery?.dataSource;
      if (source === undefined) continue;
      if (source.kind !== "lookup") {
        listed(type, source);
        continue;
      }
      types.add(type);
      for (const [name, config] of Object.entries(byName).sort(([a], [b]) => compareStrings(a, b))) {
        if (config["for_each"] !== undefined) continue;
        const address = `${type}.${name}`;
        const args = Object.entries(source.arguments).map(([argument, template]) => [argument, lookupArgument(template, config, json)] as const);
        const missing = args.filter(([, value]) => value === undefined).map(([argument]) => argument);
        if (missing.length > 0) {
          unresolved.push({ stack, address, why: `${source.dataSource}'s ${missing.join(", ")} would not be a literal of the configuration` });
          continue;
        }
        const lookupName = `${stack}__${name}`;
        read(source.dataSource, lookupName, Object.fromEntries(args));
        lookups.push({ stack, address, type, dataSource: source.dataSource, name: lookupName });
      }
    }
  }

  // Each provider a read needs, pinned to the version the committed schemas describe, configured as the first stack
  // that configures it (a region, an API address: no credentials are in a configuration).
  // A data source's provider is its first word (split gives one part at least).
  const needed = new Set(Object.keys(data).map((dataSource) => dataSource.split("_", 1)[0] ?? dataSource));
  const pinned = providers.filter((p) => needed.has(p.name));
  const providerBlocks: Record<string, unknown> = {};
  for (const provider of pinned) {
    const configured = [...configurations.keys()]
      .sort(compareStrings)
      .map((s) => configurations.get(s)?.provider?.[provider.name]?.find((block) => block["alias"] === undefined))
      .find((block) => block !== undefined);
    providerBlocks[provider.name] = [configured ?? {}];
  }
  const json = {
    terraform: {
      required_providers: Object.fromEntries(
        pinned.map((p) => [p.name, { source: p.address.replace(/^registry\.terraform\.io\//, ""), version: p.version }]),
      ),
    },
    provider: providerBlocks,
    data,
  };
  return { json, types: [...types].sort(compareStrings), lookups, unresolved };
}

/** The provider's listing facts for a data source the configuration reads. */
export function listingOf(
  dataSource: string,
  dataFacts: Readonly<Record<string, DataSourceFacts>> = DATA_SOURCE_FACTS,
): NonNullable<DataSourceFacts["lists"]> {
  const listing = dataFacts[dataSource]?.lists;
  if (listing === undefined) throw new Error(`provider facts: ${dataSource} has no \`lists\` (what discovery reads from it)`);
  return listing;
}
