/*
 * Discovery: the live id of each resource the estate declares, found by what its configuration says (a droplet's
 * name, a subscription's domains) among the objects its cloud lists, where the provider facts say how
 * (provider-schemas/facts: `discovery`); then every id that follows from those (a zone's records, a cluster's
 * databases: adoption/import-plan.ts), kept only where the cloud has the object. A type without `discovery` needs
 * its id given by hand (adoption/import-ids.json). The listing is what the providers' data sources read
 * (live/discovery-run.ts: the real providers, or the twin answering from a snapshot), or a snapshot's own objects.
 */
import type { KnownImportIds } from "../adoption/known-import-ids";
import { planImports, type SynthesizedStack } from "../adoption/import-plan";
import { RESOURCE_TYPE_FACTS, type ResourceTypeFacts } from "../provider-schemas/facts";
import { compareStrings } from "../values/string-order";
import { isRecord, stableStringify } from "../review/json";

/** One object as a listing shows it: its import id and its attributes (as the provider's state writes them). */
export interface ListedObject {
  readonly importId: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/** What the clouds hold, as far as a source can list it. */
export interface LiveListing {
  /** Every object of `type`; undefined when this source cannot list the type. */
  list(type: string): readonly ListedObject[] | undefined;
  /** Whether an object of `type` with this import id exists; undefined when this source cannot tell. */
  has(type: string, importId: string): boolean | undefined;
}

/** Why a resource has the import id it has, or none. */
export type IdOrigin =
  /** Recorded by an adopter (adoption/import-ids.json, or the file given). */
  | { readonly kind: "recorded"; readonly importId: string }
  /** Found by discovery. */
  | { readonly kind: "discovered"; readonly importId: string }
  /** Follows from other ids (a zone's record, a cluster's database) and the cloud has it. */
  | { readonly kind: "derived"; readonly importId: string }
  /** Discovery or derivation looked, and the cloud has no such object. */
  | { readonly kind: "not-found"; readonly looked: string }
  /** Several live objects match: give the id by hand. */
  | { readonly kind: "ambiguous"; readonly candidates: readonly string[] }
  /** Its type cannot be discovered (or what identifies it is unknown): give the id by hand. */
  | { readonly kind: "by-hand"; readonly placeholder: string }
  /** The provider has no importer, or it is one instance per key known only at apply: it is created. */
  | { readonly kind: "not-importable" };

export interface Discovered {
  /** Every import id to use, by stack and address: recorded, discovered and derived ones that exist live. */
  readonly ids: KnownImportIds;
  /** Only the ids discovery found (what `--write-ids` records). */
  readonly discovered: KnownImportIds;
  /** Each resource's origin, by stack, then address. */
  readonly origins: ReadonlyMap<string, ReadonlyMap<string, IdOrigin>>;
}

const REFERENCE_TO_ID = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.id\}$/;
/** A data source's attribute that is also its argument: `${data.pagerduty_vendor.datadog.name}` reads back the name it looked up. */
const DATA_ARGUMENT = /^\$\{data\.([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/;

/** A value as discovery compares it: host names without the root's dot and in lower case; lists as sets. */
function comparable(attribute: string, value: unknown): string {
  if (Array.isArray(value)) return stableStringify(value.map((v) => comparable(attribute, v)).sort(compareStrings));
  if (typeof value === "string" && (attribute === "name" || attribute === "domain" || attribute === "domains") && /^[A-Za-z0-9.-]+\.?$/.test(value))
    return JSON.stringify(value.replace(/\.$/, "").toLowerCase());
  return stableStringify(value ?? null);
}

/**
 * Finds the live ids of every importable resource of `stacks` that `known` does not record: by discovery where its
 * type allows, then by derivation; keeps a derived id only where `listing` does not say it is missing.
 */
export function discoverIds(
  stacks: ReadonlyMap<string, SynthesizedStack>,
  known: KnownImportIds,
  listing: LiveListing,
  facts: Readonly<Record<string, ResourceTypeFacts>> = RESOURCE_TYPE_FACTS,
): Discovered {
  const found: Record<string, Record<string, string>> = {};
  const origins = new Map<string, Map<string, IdOrigin>>();
  const origin = (stack: string): Map<string, IdOrigin> => {
    const byAddress = origins.get(stack) ?? new Map<string, IdOrigin>();
    origins.set(stack, byAddress);
    return byAddress;
  };
  const idOf = (stack: string, address: string): string | undefined => known[stack]?.[address] ?? found[stack]?.[address];

  // Rounds: a resource identified by a reference (an integration by its service) waits for what it refers to.
  for (let round = 0; round < 4; round++) {
    for (const [stack, json] of stacks) {
      for (const [type, byName] of Object.entries(json.resource ?? {})) {
        const discovery = facts[type]?.discovery;
        // A type listed but not found by name (a zone's record sets): its ids follow from others', below.
        if (discovery?.by === undefined) continue;
        for (const [name, config] of Object.entries(byName)) {
          const address = `${type}.${name}`;
          if (idOf(stack, address) !== undefined || origin(stack).has(address) || config["for_each"] !== undefined) continue;
          const wanted: [string, string][] = [];
          let waiting = false;
          let missingReferent: string | undefined;
          for (const attribute of discovery.by) {
            const value = config[attribute];
            const reference = typeof value === "string" ? REFERENCE_TO_ID.exec(value) : null;
            const data = typeof value === "string" ? DATA_ARGUMENT.exec(value) : null;
            const [, dataSource, name, argumentName] = data ?? [];
            const argument =
              dataSource === undefined || name === undefined || argumentName === undefined
                ? undefined
                : (json as { data?: Record<string, Record<string, Record<string, unknown>>> }).data?.[dataSource]?.[name]?.[argumentName];
            if (data !== null && typeof argument === "string" && !argument.includes("${")) {
              wanted.push([attribute, comparable(attribute, argument)]);
            } else if (reference !== null) {
              const referent = `${reference[1]}.${reference[2]}`;
              const id = idOf(stack, referent);
              if (origin(stack).get(referent)?.kind === "not-found") missingReferent = `its ${attribute}, ${referent}, is not found live`;
              else if (id === undefined) waiting = true;
              else wanted.push([attribute, comparable(attribute, id)]);
            } else if (typeof value === "string" && value.includes("${")) {
              waiting = true;
            } else {
              wanted.push([attribute, comparable(attribute, value)]);
            }
          }
          if (missingReferent !== undefined) {
            // What belongs to an object that is not live (an integration of a deleted service) is not live either.
            origin(stack).set(address, { kind: "not-found", looked: missingReferent });
            continue;
          }
          if (waiting) continue;
          const listed = listing.list(type);
          if (listed === undefined) continue;
          const candidates = listed.filter((object) =>
            wanted.every(([attribute, value]) => comparable(attribute, object.values[attribute]) === value),
          );
          const [only] = candidates;
          if (candidates.length === 1 && only !== undefined) {
            (found[stack] ??= {})[address] = only.importId;
            origin(stack).set(address, { kind: "discovered", importId: only.importId });
          } else if (candidates.length > 1) {
            origin(stack).set(address, { kind: "ambiguous", candidates: candidates.map((c) => c.importId).sort(compareStrings) });
          } else {
            origin(stack).set(address, {
              kind: "not-found",
              looked: `no ${type} with ${wanted.map(([a, v]) => `${a} ${v}`).join(", ")} (${discovery.list})`,
            });
          }
        }
      }
    }
  }

  const recordedAndFound: Record<string, Record<string, string>> = {};
  for (const stack of new Set([...Object.keys(known), ...Object.keys(found)])) recordedAndFound[stack] = { ...found[stack], ...known[stack] };
  const ids: Record<string, Record<string, string>> = {};
  for (const entry of planImports(stacks, recordedAndFound, facts)) {
    const here = origin(entry.stack);
    const recorded = known[entry.stack]?.[entry.address];
    if (recorded !== undefined) {
      here.set(entry.address, { kind: "recorded", importId: recorded });
      (ids[entry.stack] ??= {})[entry.address] = recorded;
      continue;
    }
    switch (entry.status) {
      case "known":
        (ids[entry.stack] ??= {})[entry.address] = entry.importId;
        break;
      case "derived":
        if (listing.has(entry.type, entry.importId) === false) {
          here.set(entry.address, { kind: "not-found", looked: `no ${entry.type} ${entry.importId}` });
        } else {
          here.set(entry.address, { kind: "derived", importId: entry.importId });
          (ids[entry.stack] ??= {})[entry.address] = entry.importId;
        }
        break;
      case "needs-live-id":
        if (!here.has(entry.address)) here.set(entry.address, { kind: "by-hand", placeholder: entry.importId });
        break;
      case "not-importable":
      case "per-instance":
        here.set(entry.address, { kind: "not-importable" });
        break;
    }
  }
  return { ids, discovered: found, origins };
}

/** The listing a snapshot offers: every type, every object. */
export function snapshotListing(
  objects: readonly { readonly type: string; readonly importId: string; readonly values: Readonly<Record<string, unknown>> }[],
): LiveListing {
  const byType = new Map<string, ListedObject[]>();
  const ids = new Set<string>();
  for (const o of objects) {
    byType.set(o.type, [...(byType.get(o.type) ?? []), { importId: o.importId, values: isRecord(o.values) ? o.values : {} }]);
    ids.add(`${o.type}\0${o.importId}`);
  }
  return {
    list: (type) => byType.get(type) ?? [],
    has: (type, importId) => ids.has(`${type}\0${importId}`),
  };
}

/** The types whose ids an adopter gives by hand: importable, but with no way to be discovered. */
export function typesNeedingIdsByHand(types: readonly string[], facts: Readonly<Record<string, ResourceTypeFacts>> = RESOURCE_TYPE_FACTS): string[] {
  return [...new Set(types)]
    .filter((type) => {
      const typeFacts = facts[type];
      return (
        typeFacts !== undefined && (typeFacts.importId.startsWith("<live") || /<live/.test(typeFacts.importId)) && typeFacts.discovery === undefined
      );
    })
    .sort(compareStrings);
}
