/**
 * Every item of the inventory with where its values come from, for the overview page's list of sources, assumed
 * values and known differences. (The schema checks each item's sources when the inventory is loaded.)
 */
import { EstateInventory, type Source, type Sourced, type SourceDifference } from "./shape";
import { itemsOf } from "./shape/item-kinds";

/** An item of the inventory as messages and the overview page name it, with its sources. */
export interface SourcedItem {
  /** `host "bugs.nyc1"`, `zone "python.org"`: the way validation messages name it. */
  readonly label: string;
  readonly item: Sourced & object;
}

/** Every sourced item, in the inventory's order, each named as validation messages name it (shape/item-kinds.ts). */
export function sourcedItems(inventory: EstateInventory): SourcedItem[] {
  const sourced = (value: unknown): value is Sourced & object =>
    typeof value === "object" && value !== null && !Array.isArray(value) && "source" in value;
  return itemsOf(EstateInventory, inventory).flatMap(({ label, item }) => (sourced(item) ? [{ label, item }] : []));
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
