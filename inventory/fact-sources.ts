/**
 * Every item of the inventory with where its values come from: one walk, which validation uses to check the
 * field sources and the overview page to list the sources, the assumed values and the known differences.
 */
import type { EstateInventory, Source, Sourced, SourceDifference } from "./types";

/** An item of the inventory as messages and the overview page name it, with its sources. */
export interface SourcedItem {
  /** `host "bugs.nyc1"`, `zone "python.org"`: the way validation messages name it. */
  readonly label: string;
  readonly item: Sourced & object;
}

/** Every sourced item, in the inventory's order. */
export function sourcedItems(inventory: EstateInventory): SourcedItem[] {
  const each = <T extends Sourced>(noun: string, items: readonly T[], name: (item: T) => string): SourcedItem[] =>
    items.map((item) => ({ label: `${noun} "${name(item)}"`, item }));
  return [
    ...each("datacenter", inventory.datacenters, (d) => d.key),
    ...each("owner", inventory.owners, (o) => o.key),
    ...each("role", inventory.roles, (r) => r.name),
    ...each("host", inventory.hosts, (h) => `${h.name}.${h.datacenter}`),
    ...each("external host", inventory.externalHosts, (h) => h.fqdn),
    ...each("zone", inventory.zones, (z) => z.name),
    { label: "CAA policy", item: inventory.caa },
    { label: "Fastly edge", item: inventory.fastlyEdge },
    ...each("service", inventory.services, (s) => s.key),
    ...each("static site", inventory.staticSites, (s) => s.bucket),
    { label: `database cluster "${inventory.databaseCluster.name}"`, item: inventory.databaseCluster },
    { label: "heroku", item: inventory.heroku },
    ...each("heroku app", inventory.heroku.apps, (a) => a.name),
    ...each("fastly service", inventory.fastlyServices, (f) => f.name),
    ...each("external service", inventory.externalServices, (s) => s.name),
    { label: "on-call", item: inventory.onCall },
    ...each("on-call rotation", inventory.onCall.rotations, (r) => r.key),
    { label: "uptime checking", item: inventory.uptimeChecking },
    { label: "metric monitoring", item: inventory.metricMonitoring },
    { label: "registrar", item: inventory.registrar },
  ];
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
