/*
 * Runs discovery's configuration (live/discovery-configuration.ts) and reads what it found as a listing of live objects
 * in the resources' own terms (live/discovery.ts matches them with the estate). The configuration holds data sources
 * only, so `terraform apply` reads and changes nothing; it runs in a scratch folder with its own scratch state.
 *
 * A lookup that finds nothing fails as the provider's read does. Terraform then names the read (`-json` diagnostics
 * carry its address): that resource is not found live, and the configuration is applied again without that read. Any
 * other failure (credentials, a listing that fails) stops discovery: the command could not run.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SynthesizedStack } from "../adoption/import-plan";
import type { KnownImportIds } from "../adoption/known-import-ids";
import { RESOURCE_TYPE_FACTS, type ResourceTypeFacts } from "../provider-schemas/facts";
import { isRecord } from "../review/json";
import { compareStrings } from "../values/string-order";
import { runGroup } from "../twin/rehearsal/processes";
import {
  ALL,
  discoveryConfiguration,
  EACH,
  listingOf,
  literalOf,
  type DiscoveredStack,
  type DiscoveryConfiguration,
} from "./discovery-configuration";
import { discoverIds, type Discovered, type ListedObject, type LiveListing } from "./discovery";
import { objectsOfShownState, type StateObject } from "./state-objects";
import { terraformEnvironment, type TerraformEnvironment } from "./terraform-environment";
import { LiveCommandError } from "./terraform-runs";

export interface DiscoveryReads {
  /** Every data source read, by its address (`data.aws_route53_zone.each["Z1"]`). */
  readonly reads: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  /** The lookups that found nothing, by the read's address, with what the provider said. */
  readonly notFound: ReadonlyMap<string, string>;
}

interface JsonDiagnostic {
  readonly severity?: string;
  readonly summary?: string;
  readonly detail?: string;
  readonly address?: string;
}

function diagnosticsOf(stdout: string): JsonDiagnostic[] {
  return stdout.split("\n").flatMap((line) => {
    try {
      const message = JSON.parse(line) as { type?: string; diagnostic?: JsonDiagnostic };
      return message.type === "diagnostic" && message.diagnostic !== undefined ? [message.diagnostic] : [];
    } catch {
      return [];
    }
  });
}

/** Applies the configuration in `dir` (reads only) and returns what every data source read. */
export async function runDiscovery(
  configuration: DiscoveryConfiguration,
  terraform: TerraformEnvironment,
  dir: string,
  progress: (line: string) => void,
): Promise<DiscoveryReads> {
  const json = structuredClone(configuration.json) as { data: Record<string, Record<string, unknown>> };
  const lookupAddresses = new Map(configuration.lookups.map((l) => [`data.${l.dataSource}.${l.name}`, l]));
  const notFound = new Map<string, string>();
  const run = async (args: readonly string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> => {
    const outcome = await runGroup(terraform.binary, args, { cwd: dir, env: terraform.env });
    if (outcome.signal !== undefined) throw new LiveCommandError(`Terraform was killed (${outcome.signal}) during discovery's ${args[0]}`);
    return outcome;
  };
  writeFileSync(join(dir, "discovery.tf.json"), `${JSON.stringify(json, null, 2)}\n`);
  const init = await run(["init", "-input=false", "-no-color"]);
  if (init.exitCode !== 0)
    throw new LiveCommandError(`discovery could not init its providers: ${`${init.stderr}\n${init.stdout}`.trim().split("\n").slice(-8).join("\n")}`);
  // Each round drops the lookups that failed; every round but the last drops at least one, so it ends.
  for (let round = 0; round <= lookupAddresses.size; round++) {
    progress(
      `discovery: reading ${Object.values(json.data).reduce((n, reads) => n + Object.keys(reads).length, 0)} data sources (${terraform.providers === "twin" ? "the provider twin, from the snapshot" : "the real providers"})`,
    );
    const applied = await run(["apply", "-auto-approve", "-input=false", "-no-color", "-json"]);
    if (applied.exitCode === 0) {
      const shown = await run(["show", "-json", "-no-color"]);
      if (shown.exitCode !== 0) throw new LiveCommandError(`discovery could not read its state: ${shown.stderr.trim()}`);
      const reads = new Map(
        objectsOfShownState(JSON.parse(shown.stdout) as unknown)
          .filter((o: StateObject) => o.mode === "data")
          .map((o) => [o.address, o.values] as const),
      );
      return { reads, notFound };
    }
    const errors = diagnosticsOf(applied.stdout).filter((d) => d.severity === "error");
    const failedLookups = errors.flatMap((d) => {
      const lookup = d.address === undefined ? undefined : lookupAddresses.get(d.address);
      return lookup === undefined || d.address === undefined ? [] : [{ diagnostic: d, address: d.address, lookup }];
    });
    const other = errors.filter((d) => !failedLookups.some((failed) => failed.diagnostic === d));
    if (failedLookups.length === 0 || other.length > 0) {
      const said = (other.length > 0 ? other : errors).map(
        (d) => `${d.address !== undefined ? `${d.address}: ` : ""}${d.summary ?? ""}${d.detail ? ` (${d.detail})` : ""}`,
      );
      throw new LiveCommandError(`discovery failed: ${said.length > 0 ? said.join("; ") : `${applied.stderr}`.trim() || "terraform apply failed"}`);
    }
    for (const { diagnostic: d, address, lookup } of failedLookups) {
      notFound.set(address, `${d.summary ?? ""}${d.detail ? ` (${d.detail})` : ""}`.trim());
      // The read is dropped from its data source's reads, and a data source left without reads from the configuration.
      const left = Object.entries(json.data[lookup.dataSource] ?? {}).filter(([name]) => name !== lookup.name);
      json.data = Object.fromEntries(
        Object.entries(json.data).flatMap(([dataSource, reads]) =>
          dataSource !== lookup.dataSource ? [[dataSource, reads]] : left.length > 0 ? [[dataSource, Object.fromEntries(left)]] : [],
        ),
      );
    }
    writeFileSync(join(dir, "discovery.tf.json"), `${JSON.stringify(json, null, 2)}\n`);
  }
  throw new LiveCommandError("discovery: lookups kept failing");
}

/** `www.python.org.` as the resource's state writes it: no root's dot, lower case, `*` where Route 53 writes `\052`. */
export function stateName(name: string): string {
  return name.replace(/\.$/, "").replace(/\\052/g, "*").toLowerCase();
}

/** An import id from a template over a listed object's values: `{attribute}`, `[…]` left out where an attribute in it is empty. */
export function renderImportId(template: string, values: Readonly<Record<string, unknown>>): string | undefined {
  const text = (attribute: string): string | undefined => {
    const value = values[attribute];
    return typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : undefined;
  };
  let missing = false;
  const id = template
    .replace(/\[([^\]]*)\]/g, (_m, inner: string) =>
      [...inner.matchAll(/\{([a-z0-9_]+)\}/g)].every(([, attribute = ""]) => text(attribute) !== undefined) ? inner : "",
    )
    .replace(/\{([a-z0-9_]+)\}/g, (_m, attribute: string) => {
      const value = text(attribute);
      if (value === undefined) missing = true;
      return value ?? "";
    });
  return missing ? undefined : id;
}

/** A listed object's values in the resource's terms: the data source's names renamed, DNS names as the state writes them. */
function inResourceTerms(dataSource: string, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const listing = listingOf(dataSource);
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const renamed = listing.renamed?.[name] ?? name;
    out[renamed] = (listing.fullyQualified ?? []).includes(name) && typeof value === "string" ? stateName(value) : value;
  }
  return out;
}

export interface DiscoveredListing extends LiveListing {
  /** Every listed object of the types listed whole (not looked up one by one): what the account holds. */
  readonly listedObjects: readonly (ListedObject & { readonly type: string })[];
}

/**
 * What discovery's reads found, as a listing: for each type of the configuration, its listed objects (import id and
 * values in the resource's terms). A type the configuration does not read cannot be listed (`list` says undefined); a
 * looked-up type cannot say whether an object exists that nobody looked up (`has` says undefined).
 */
export function discoveredListing(
  configuration: DiscoveryConfiguration,
  found: DiscoveryReads,
  stacks: ReadonlyMap<string, DiscoveredStack>,
  facts: Readonly<Record<string, ResourceTypeFacts>> = RESOURCE_TYPE_FACTS,
): DiscoveredListing {
  const byType = new Map<string, ListedObject[]>();
  const whole = new Set<string>();
  const add = (type: string, values: Readonly<Record<string, unknown>>): void => {
    const discovery = facts[type]?.discovery;
    const importId = renderImportId(discovery?.importId ?? "{id}", values);
    if (importId !== undefined) byType.set(type, [...(byType.get(type) ?? []), { importId, values }]);
  };
  const readsOf = (dataSource: string, name: string): [string, Readonly<Record<string, unknown>>][] =>
    [...found.reads].filter(([address]) => address === `data.${dataSource}.${name}` || address.startsWith(`data.${dataSource}.${name}[`));
  const elementsOf = (dataSource: string, values: Readonly<Record<string, unknown>>): Record<string, unknown>[] => {
    const elements = values[listingOf(dataSource).elements ?? ""];
    return Array.isArray(elements) ? elements.filter(isRecord) : [];
  };

  for (const type of configuration.types) {
    const source = facts[type]?.discovery?.dataSource;
    if (source === undefined) continue;
    byType.set(type, []);
    switch (source.kind) {
      case "list":
        whole.add(type);
        for (const [, values] of readsOf(source.dataSource, ALL))
          for (const element of elementsOf(source.dataSource, values)) add(type, inResourceTerms(source.dataSource, element));
        break;
      case "ids":
        whole.add(type);
        for (const [, values] of readsOf(source.read, EACH)) add(type, inResourceTerms(source.read, values));
        break;
      case "within": {
        whole.add(type);
        const matches = Object.entries(listingOf(source.dataSource).matches ?? {});
        for (const [, values] of readsOf(source.dataSource, EACH)) {
          // Each element belongs to the object the read was made for (a record set to its zone), which it does not repeat.
          const parent = Object.fromEntries(matches.flatMap(([argument, match]) => (typeof match === "string" ? [[match, values[argument]]] : [])));
          for (const element of elementsOf(source.dataSource, values)) add(type, { ...parent, ...inResourceTerms(source.dataSource, element) });
        }
        break;
      }
      case "lookup":
        break;
    }
  }
  // Lookups: the read for a resource, with the values that picked it out as the resource's configuration has them (a
  // reference to another looked-up resource as that resource's live id).
  const lookupRead = new Map(configuration.lookups.map((l) => [`${l.stack}\0${l.address}`, found.reads.get(`data.${l.dataSource}.${l.name}`)]));
  for (const lookup of configuration.lookups) {
    const read = lookupRead.get(`${lookup.stack}\0${lookup.address}`);
    if (read === undefined) continue;
    const [type, name] = lookup.address.split(".") as [string, string];
    const config = stacks.get(lookup.stack)?.resource?.[type]?.[name] ?? {};
    const by: Record<string, unknown> = {};
    for (const attribute of facts[type]?.discovery?.by ?? []) {
      const value = config[attribute];
      const reference = typeof value === "string" ? /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.id\}$/.exec(value) : null;
      by[attribute] =
        reference === null
          ? literalOf(value, stacks.get(lookup.stack) ?? {})
          : lookupRead.get(`${lookup.stack}\0${reference[1]}.${reference[2]}`)?.["id"];
    }
    add(type, { ...inResourceTerms(lookup.dataSource, read), ...by });
  }
  for (const [type, objects] of byType)
    byType.set(
      type,
      [...objects].sort((a, b) => compareStrings(a.importId, b.importId)),
    );
  const ids = new Set([...byType].flatMap(([type, objects]) => objects.map((o) => `${type}\0${o.importId}`)));
  return {
    list: (type) => byType.get(type),
    has: (type, importId) => (whole.has(type) ? ids.has(`${type}\0${importId}`) : undefined),
    listedObjects: [...whole].sort(compareStrings).flatMap((type) => (byType.get(type) ?? []).map((o) => ({ ...o, type }))),
  };
}

export interface DiscoverOptions {
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
  /** The command's scratch folder. */
  readonly scratch: string;
  /** A snapshot for the twin to answer from; without it, the real providers. */
  readonly live?: string;
  readonly configurations: ReadonlyMap<string, DiscoveredStack & SynthesizedStack>;
  /** The stacks to discover (with every stack they read: resolve them first); all when empty. */
  readonly stacks: readonly string[];
  readonly known: KnownImportIds;
  readonly progress: (line: string) => void;
}

export interface DiscoverResult {
  readonly found: Discovered;
  readonly listing: DiscoveredListing;
  readonly configuration: DiscoveryConfiguration;
  readonly terraformVersion: string;
}

/** Discovery through the providers' data sources, then the ids of every resource of the stacks (live/discovery.ts). */
export async function discover(options: DiscoverOptions): Promise<DiscoverResult> {
  const unknown = options.stacks.filter((s) => !options.configurations.has(s));
  if (unknown.length > 0)
    throw new LiveCommandError(`no such stack: ${unknown.join(", ")}; the estate has ${[...options.configurations.keys()].join(", ")}`);
  const configuration = discoveryConfiguration(options.configurations, options.stacks);
  for (const u of configuration.unresolved) options.progress(`discovery: ${u.stack} ${u.address} is not looked up: ${u.why}`);
  const dir = join(options.scratch, "discovery");
  mkdirSync(dir, { recursive: true });
  const terraform = await terraformEnvironment({
    root: options.root,
    env: options.env,
    scratch: options.scratch,
    ...(options.live !== undefined ? { live: options.live } : {}),
  });
  let reads: DiscoveryReads;
  try {
    reads = await runDiscovery(configuration, terraform, dir, options.progress);
  } finally {
    terraform.close();
  }
  for (const [address, said] of reads.notFound) options.progress(`discovery: ${address} found nothing: ${said}`);
  const listing = discoveredListing(configuration, reads, options.configurations);
  return { found: discoverIds(options.configurations, options.known, listing), listing, configuration, terraformVersion: terraform.version };
}
