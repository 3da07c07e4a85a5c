/*
 * What the twin answers, from a live snapshot, for a data source that lists or looks up live objects (the data
 * sources discovery reads: provider-schemas/facts, `lists`): the snapshot's objects of the type it shows, picked by its
 * arguments as the provider picks them, each shown with the resource's attributes of the same name (or the names the
 * facts give), converted to the data source's types. A read that must find one object and finds none or several fails
 * with the provider's words.
 *
 * The data source's filters beyond its `matches` (a droplet listing's filter blocks, a record listing's name_regex) are
 * not applied: discovery sets none. Attributes the resource's state does not hold (a listing's created_at) are null.
 */
import type { Listing, ListingMatch } from "../provider-schemas/facts";
import type { SchemaBlock, SchemaType } from "../provider-schemas/schema-file";
import { blockValueType } from "../provider-schemas/schema-file";
import type { Value } from "./cty";
import type { LiveObject } from "./live-answers";

export type ListingAnswer =
  { readonly kind: "read"; readonly state: Value } | { readonly kind: "not-found"; readonly summary: string; readonly detail: string };

/** The objects of a type, and an object of a type by its state's id: what a listing reads from the snapshot. */
export interface LiveObjects {
  objectsOf(type: string): readonly LiveObject[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value as the provider compares it with an argument: DNS names without the root's dot, in lower case; lists as sets. */
function comparable(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify(value.map(comparable).sort());
  if (typeof value === "string") return JSON.stringify(value.replace(/\.$/, "").toLowerCase());
  return JSON.stringify(value ?? null);
}

function matchedValue(object: LiveObject, match: ListingMatch, live: LiveObjects): unknown {
  if (typeof match === "string") return object.values[match];
  const named = object.values[match.via];
  return live.objectsOf(match.of).find((o) => o.values["id"] === named)?.values[match.attribute];
}

/** The answer to a read of a data source whose facts say what it lists. */
export function answerListing(
  dataSource: string,
  block: SchemaBlock,
  listing: Listing,
  config: Readonly<Record<string, Value>>,
  live: LiveObjects,
): ListingAnswer {
  const given = Object.entries(listing.matches ?? {}).filter(([argument]) => config[argument] !== null && config[argument] !== undefined);
  const picked = live
    .objectsOf(listing.resource)
    .filter((object) => given.every(([argument, match]) => comparable(matchedValue(object, match, live)) === comparable(config[argument])));
  const type = blockValueType(block);
  const fields = objectFields(type);
  const state: Record<string, Value> = {};
  if (listing.elements === undefined && listing.ids === undefined) {
    const [only] = picked;
    if (picked.length !== 1 || only === undefined) {
      let next = 0;
      const words = (listing.notFound ?? `no ${listing.resource} matches`).replace(/%s/g, () => String(config[given[next++]?.[0] ?? ""] ?? ""));
      return {
        kind: "not-found",
        summary: words,
        detail: `${picked.length === 0 ? "The live snapshot holds no" : `The live snapshot holds ${picked.length} objects of`} ${listing.resource} that ${dataSource} ${given.map(([a]) => `${a} = ${JSON.stringify(config[a])}`).join(", ")} picks (provider twin).`,
      };
    }
    Object.assign(state, shown(only.values, type, listing));
  } else {
    if (listing.elements !== undefined) {
      const elementsType = fields[listing.elements];
      const elementType =
        Array.isArray(elementsType) && (elementsType[0] === "list" || elementsType[0] === "set") ? (elementsType[1] as SchemaType) : undefined;
      state[listing.elements] = elementType === undefined ? null : picked.map((o) => shown(o.values, elementType, listing));
    }
    if (listing.ids !== undefined) state[listing.ids] = picked.map((o) => String(o.values["id"]));
    // The listing's own id: the provider makes one up (a hash of what it read).
    if ("id" in fields) state["id"] = dataSource;
  }
  // What the configuration sets is what the read has (Terraform checks that a data source keeps its arguments).
  for (const name of Object.keys(fields)) {
    const argument = config[name];
    if (argument !== null && argument !== undefined) state[name] = argument;
  }
  return { kind: "read", state: Object.fromEntries(Object.keys(fields).map((name) => [name, state[name] ?? null])) };
}

function objectFields(type: SchemaType): Readonly<Record<string, SchemaType>> {
  return Array.isArray(type) && type[0] === "object" ? (type[1] as Readonly<Record<string, SchemaType>>) : {};
}

/** An object's state as a value of `type` (an object type), attribute by attribute of the same name or the facts' name. */
function shown(values: Readonly<Record<string, unknown>>, type: SchemaType, listing: Listing): Value {
  return Object.fromEntries(
    Object.entries(objectFields(type)).map(([name, fieldType]) => {
      const raw = values[listing.renamed?.[name] ?? name];
      const value = (listing.fullyQualified ?? []).includes(name) && typeof raw === "string" && !raw.endsWith(".") ? `${raw}.` : raw;
      return [name, converted(value, fieldType)];
    }),
  );
}

/** A state's value as a value of another type: a numeric id as a number, a set of strings as objects of one string. */
function converted(value: unknown, type: SchemaType): Value {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "string":
      return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : null;
    case "number":
      return typeof value === "number"
        ? value
        : typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))
          ? Number(value)
          : null;
    case "bool":
      return typeof value === "boolean" ? value : value === "true" ? true : value === "false" ? false : null;
    case "dynamic":
      return value as Value;
  }
  switch (type[0]) {
    case "list":
    case "set":
      return Array.isArray(value) ? value.map((v) => converted(v, type[1])) : null;
    case "map":
      return isRecord(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, converted(v, type[1])])) : null;
    case "object": {
      const fields = type[1];
      // A block the state keeps as a list of one (an alias) shows as one object.
      if (Array.isArray(value)) return value.length === 1 ? converted(value[0], type) : null;
      // A plain value where an object of one attribute is shown (a record set's values as { value }).
      if (!isRecord(value)) {
        const [only, ...more] = Object.entries(fields);
        return only !== undefined && more.length === 0 ? { [only[0]]: converted(value, only[1]) } : null;
      }
      return Object.fromEntries(Object.entries(fields).map(([name, fieldType]) => [name, converted(value[name], fieldType)]));
    }
    case "tuple":
      return null;
  }
}
