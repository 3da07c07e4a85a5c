/**
 * Every item of the inventory with where its values come from, for the overview page's list of sources, assumed
 * values and known differences. (The schema checks each item's sources when the inventory is loaded.)
 */
import { asRecord, ITEMS, listedItemLabel, SINGLE_ITEMS } from "./item-labels";
import type { EstateInventory, Source, Sourced, SourceDifference } from "./types";

/** An item of the inventory as messages and the overview page name it, with its sources. */
export interface SourcedItem {
  /** `host "bugs.nyc1"`, `zone "python.org"`: the way validation messages name it. */
  readonly label: string;
  readonly item: Sourced & object;
}

/** Every sourced item, in the inventory's order, each named as validation messages name it (item-labels.ts). */
export function sourcedItems(inventory: EstateInventory): SourcedItem[] {
  const root = inventory as unknown as Record<string, unknown>;
  const sourced = (value: unknown): value is Sourced & object => typeof value === "object" && value !== null && !Array.isArray(value) && "source" in value;
  const out: SourcedItem[] = [];
  for (const [key, value] of Object.entries(root)) {
    const single = SINGLE_ITEMS[key];
    if (single !== undefined && sourced(value)) out.push({ label: single(asRecord(value)), item: value });
    for (const list of Object.keys(ITEMS).filter((path) => path.split(".")[0] === key)) {
      const items = list.split(".").reduce<unknown>((at, part) => asRecord(at)?.[part], root);
      (Array.isArray(items) ? items : []).forEach((item: unknown, index) => {
        if (sourced(item)) out.push({ label: listedItemLabel(list, asRecord(item), index), item });
      });
    }
  }
  return out;
}

/** One source of one item: of the whole item (`field` undefined), or of one of its fields. */
export interface ItemSource {
  readonly label: string;
  readonly field?: string;
  readonly source: Source;
}

/** Every source the inventory cites, the estate-wide facts' first. */
export function itemSources(inventory: EstateInventory): ItemSource[] {
  return [
    ...Object.entries(inventory.factSources).map(([field, source]) => ({ label: "estate", field, source })),
    ...sourcedItems(inventory).flatMap(({ label, item }) => [
      { label, source: item.source },
      ...Object.entries(item.fieldSources ?? {}).map(([field, source]) => ({ label, field, source })),
    ]),
  ];
}

/** Every known difference from a published configuration, with its item. */
export function itemDifferences(inventory: EstateInventory): { readonly label: string; readonly difference: SourceDifference }[] {
  return sourcedItems(inventory).flatMap(({ label, item }) => (item.differences ?? []).map((difference) => ({ label, difference })));
}
