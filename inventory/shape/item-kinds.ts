/**
 * What the inventory's items are called: in validation messages (`host "bugs.nyc1" field "size": …`) and wherever an
 * item is named to a reader (the sources on the overview page). Each kind is declared on its schema, where the item's
 * fields are (`.register(ITEM_KINDS, { noun: "host", … })`), and found in the schema from there: one declaration names
 * an item alike everywhere, and a new kind of item is named where it is defined.
 */
import { z } from "zod";
import { registeredNodes, schemaBelow, unwrapped } from "./walk";

/** An item as read from any inventory, valid or not. */
export type Raw = Record<string, unknown> | undefined;
export const asRecord = (value: unknown): Raw => (typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined);
export const asString = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value : undefined);

/** How messages name the items of one kind. */
export interface ItemKind {
  /** What an item of the kind is called: `host`, `CAA policy`. */
  readonly noun: string;
  /**
   * Its name, read from the item as written, valid or not: `host "bugs.nyc1"`; undefined while it has none (an item of a
   * list is then named by its place, `host at hosts[3]`). @default none: the inventory has one such item, its noun names it
   */
  readonly name?: (item: Raw) => string | undefined;
  /**
   * The item is a field of the inventory that messages name after what it is about (the ports every host opens,
   * `commonWorldPorts`: `every host field "commonWorldPorts[0]"`), so its fields are named from the inventory's top.
   * @default false: from the item
   */
  readonly fieldsFromTop?: boolean;
}

/** The kinds of item, by the schema of one item (of a list's element, for the items of a list). */
export const ITEM_KINDS = z.registry<ItemKind>();

/** An item as messages name it: `host "bugs.nyc1"`; one of a list without a name by its place, `host at hosts[3]`. */
function itemLabel(kind: ItemKind, item: Raw, place: { readonly list: string; readonly index: number } | undefined): string {
  if (kind.name === undefined) return kind.noun;
  const name = kind.name(item);
  if (name !== undefined) return `${kind.noun} "${name}"`;
  return place === undefined ? `${kind.noun} (unnamed)` : `${kind.noun} at ${place.list}[${place.index}]`;
}

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

/**
 * The item `path` lies in (the innermost, when items hold items: a Heroku app of `heroku`), and the field within it,
 * for an inventory `schema` describes, as written, valid or not; a field of no item is the estate's.
 */
export function locate(schema: z.core.$ZodType, input: unknown, path: readonly PropertyKey[]): { readonly item: string; readonly field: string } {
  let found: { readonly item: string; readonly fields: readonly PropertyKey[]; readonly value: unknown } | undefined;
  let at: z.core.$ZodType | undefined = schema;
  let value = input;
  for (const [depth, step] of path.entries()) {
    at = at === undefined ? undefined : schemaBelow(at, step);
    value = Array.isArray(value) && typeof step === "number" ? (value[step] as unknown) : asRecord(value)?.[String(step)];
    if (at === undefined) break;
    const kind = ITEM_KINDS.get(unwrapped(at));
    if (kind === undefined) continue;
    const place = typeof step === "number" ? { list: path.slice(0, depth).map(String).join("."), index: step } : undefined;
    found =
      kind.fieldsFromTop === true
        ? { item: itemLabel(kind, asRecord(value), place), fields: path, value: input }
        : { item: itemLabel(kind, asRecord(value), place), fields: path.slice(depth + 1), value };
  }
  if (found === undefined) return { item: "estate", field: fieldPath(input, path) || "(the inventory)" };
  return { item: found.item, field: fieldPath(found.value, found.fields) || "(the item)" };
}

/** Every item of `value`, an inventory `schema` accepts, with its label, in the inventory's order: an item before those it holds. */
export function itemsOf(schema: z.core.$ZodType, value: unknown): { readonly label: string; readonly item: unknown }[] {
  return registeredNodes(ITEM_KINDS, schema, value).flatMap(({ schema: at, value: item, path }) => {
    const kind = ITEM_KINDS.get(at);
    if (kind === undefined) return [];
    const last = path[path.length - 1];
    const place = typeof last === "number" ? { list: path.slice(0, -1).map(String).join("."), index: last } : undefined;
    return [{ label: itemLabel(kind, asRecord(item), place), item }];
  });
}
