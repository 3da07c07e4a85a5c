/**
 * What the inventory's items are called: in validation messages (`host "bugs.nyc1" field "size": …`) and wherever
 * an item is named to a reader (the sources on the overview page). One table, so that both name an item alike.
 */

/** An item as read from any inventory, valid or not. */
export type Raw = Record<string, unknown> | undefined;
export const asRecord = (value: unknown): Raw => (typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined);
const asString = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value : undefined);

/** The inventory's lists of items, by path: what each item is called, and its name. */
export const ITEMS: Readonly<Record<string, { readonly noun: string; readonly name: (item: Raw) => string | undefined }>> = {
  datacenters: { noun: "datacenter", name: (i) => asString(i?.key) },
  owners: { noun: "owner", name: (i) => asString(i?.key) },
  roles: { noun: "role", name: (i) => asString(i?.name) },
  hosts: { noun: "host", name: (i) => (asString(i?.name) !== undefined && asString(i?.datacenter) !== undefined ? `${String(i?.name)}.${String(i?.datacenter)}` : undefined) },
  externalHosts: { noun: "external host", name: (i) => asString(i?.name) },
  zones: { noun: "zone", name: (i) => asString(i?.name) },
  externalZones: { noun: "external zone", name: (i) => asString(i?.name) },
  services: { noun: "service", name: (i) => asString(i?.key) },
  staticSites: { noun: "static site", name: (i) => asString(i?.bucket) },
  fastlyServices: { noun: "fastly service", name: (i) => asString(i?.name) },
  externalServices: { noun: "external service", name: (i) => asString(i?.name) },
  "heroku.apps": { noun: "heroku app", name: (i) => asString(i?.name) },
  "databaseCluster.databases": { noun: "database", name: (i) => asString(i?.name) },
  "onCall.rotations": { noun: "on-call rotation", name: (i) => asString(i?.key) },
};

/** Single items at the top level, by key. */
export const SINGLE_ITEMS: Readonly<Record<string, (item: Raw) => string>> = {
  stateStore: () => "state store",
  databaseCluster: (i) => `database cluster ${asString(i?.name) !== undefined ? `"${String(i?.name)}"` : "(unnamed)"}`,
  heroku: () => "heroku",
  caa: () => "CAA policy",
  fastlyEdge: () => "Fastly edge",
  commonWorldPorts: () => "every host",
  serviceDiscovery: () => "service discovery",
  commonPortsPolicyExceptions: () => "every host",
  onCall: () => "on-call",
  uptimeChecking: () => "uptime checking",
  metricMonitoring: () => "metric monitoring",
  registrar: () => "registrar",
  hostRecords: () => "host records",
  psfCa: () => "PSF CA",
};

/** An item of a list, as messages name it: `host "bugs.nyc1"`, or by its place when it has no name. */
export function listedItemLabel(list: string, item: Raw, index: number): string {
  const spec = ITEMS[list]!;
  const name = spec.name(item);
  return name !== undefined ? `${spec.noun} "${name}"` : `${spec.noun} at ${list}[${index}]`;
}
