import { zoneContaining } from "../values/dns-names";
import type { PlannedRecord, RecordTarget } from "./dns-records";
import { compareStrings } from "../values/string-order";
import type { EstateInventory, RecordType, Role } from "./shape";
import { hostKey } from "./shape/servers";

/**
 * The name of `role`'s hosts in `datacenter`, `<shortName>.<dc>.<host zone>`; undefined when a host of the
 * datacenter is called `<shortName>` itself (a role's first host often has the role's name), since that name is
 * the host's own: it keeps answering for that host alone.
 */
export function roleNameIn(inventory: Pick<EstateInventory, "hosts" | "hostZone">, role: Role, datacenter: string): string | undefined {
  const shortName = role.shortName ?? role.name;
  if (inventory.hosts.some((h) => h.name === shortName && h.datacenter === datacenter)) return undefined;
  return `${shortName}.${datacenter}.${inventory.hostZone}`;
}

/**
 * Every record set the inventory implies, before validation of the records themselves: the apex
 * policy records of each zone, the host names under the host zone, a record for each public name
 * according to its origin, and the records written out by hand. Names that lie in no managed zone are
 * kept with an empty zone so that validation can name them.
 */
export function planRecords(inventory: EstateInventory): PlannedRecord[] {
  const records: PlannedRecord[] = [];
  const externalZones = inventory.externalZones.map((z) => z.name);
  const zoneOf = (name: string): { zone: string; ttl: number } => {
    const zoneName = zoneContaining(
      name,
      inventory.zones.map((z) => z.name),
    );
    const zone = inventory.zones.find((z) => z.name === zoneName);
    return { zone: zone?.name ?? "", ttl: zone?.defaultTtl ?? 0 };
  };
  const add = (name: string, type: RecordType, target: RecordTarget, madeBy: string, ttl?: number): void => {
    // A name whose most specific zone is kept elsewhere gets no record here.
    if (externalZones.includes(zoneContaining(name, [...inventory.zones.map((z) => z.name), ...externalZones]) ?? "")) return;
    const zone = zoneOf(name);
    records.push({ zone: zone.zone, name, type, ttl: ttl ?? zone.ttl, target, madeBy });
  };
  const addAddresses = (name: string, hostKeys: readonly string[], madeBy: string, ttl?: number): void => {
    add(name, "A", { kind: "droplet-ipv4", hosts: hostKeys }, madeBy, ttl);
    add(name, "AAAA", { kind: "droplet-ipv6", hosts: hostKeys }, madeBy, ttl);
  };
  const hostKeysWithRole = (role: string, datacenter?: string): string[] =>
    inventory.hosts.filter((h) => h.role === role && (datacenter === undefined || h.datacenter === datacenter)).map(hostKey);

  for (const zone of inventory.zones) {
    const caa = [...inventory.caa.issuers.map((issuer) => `0 issue "${issuer}"`), `0 iodef "${inventory.caa.iodef}"`];
    add(zone.name, "CAA", { kind: "literal", values: caa }, `zone "${zone.name}" CAA policy`);
    // One TXT record set at the apex: the SPF policy, then the zone's other values (site verification...).
    add(zone.name, "TXT", { kind: "literal", values: [zone.spf, ...(zone.txt ?? [])] }, `zone "${zone.name}" fields "spf" and "txt"`);
  }

  for (const host of inventory.hosts) {
    const key = hostKey(host);
    addAddresses(`${key}.${inventory.hostZone}`, [key], `host "${key}"`, inventory.hostRecords.ttlSeconds);
  }

  for (const role of inventory.roles) {
    const shortName = role.shortName ?? role.name;
    const all = hostKeysWithRole(role.name);
    if (all.length === 0) continue;
    addAddresses(`${shortName}.${inventory.hostZone}`, all, `role "${role.name}" short name`);
    for (const dc of inventory.datacenters) {
      const local = hostKeysWithRole(role.name, dc.key);
      const localName = roleNameIn(inventory, role, dc.key);
      if (local.length > 1 && localName !== undefined) addAddresses(localName, local, `role "${role.name}" short name in ${dc.key}`);
    }
  }

  // A host named in another organization's zone (OSUOSL's) is recorded, not published.
  for (const host of inventory.externalHosts.filter(
    (h) =>
      zoneContaining(
        h.name,
        inventory.zones.map((z) => z.name),
      ) !== undefined,
  )) {
    const target: RecordTarget =
      host.ipv4 === undefined ? { kind: "external-ipv4-variable", fqdn: host.name } : { kind: "literal", values: [host.ipv4] };
    add(host.name, "A", target, `external host "${host.name}"`);
  }

  for (const service of inventory.services) {
    const madeBy = `service "${service.key}"`;
    const origin = service.origin;
    for (const name of service.names) {
      switch (origin.kind) {
        case "load-balancer":
        case "load-balancer-redirect":
        case "load-balancer-proxy":
          addAddresses(name, hostKeysWithRole(inventory.loadBalancerRole), madeBy, service.ttl);
          break;
        case "droplet":
          addAddresses(name, hostKeysWithRole(origin.role), madeBy, service.ttl);
          break;
        case "fastly":
          if (inventory.zones.some((z) => z.name === name)) {
            // An apex cannot be a CNAME: it gets Fastly's anycast addresses.
            add(name, "A", { kind: "literal", values: inventory.fastlyEdge.apexIpv4 }, madeBy, service.ttl);
            add(name, "AAAA", { kind: "literal", values: inventory.fastlyEdge.apexIpv6 }, madeBy, service.ttl);
          } else {
            add(name, "CNAME", { kind: "literal", values: [inventory.fastlyEdge.dualstackCname] }, madeBy, service.ttl);
          }
          break;
        case "heroku":
          add(name, "CNAME", { kind: "heroku-domain", app: origin.app, hostname: name }, madeBy, service.ttl);
          break;
        case "s3-website":
          add(name, "CNAME", { kind: "s3-website", site: origin.site }, madeBy, service.ttl);
          break;
      }
    }
  }

  for (const zone of inventory.zones) {
    for (const record of zone.records ?? []) {
      // Hand-written records keep the zone they are written in, so a name outside it can be reported.
      records.push({
        zone: zone.name,
        name: record.name,
        type: record.type,
        ttl: record.ttl ?? zone.defaultTtl,
        target: { kind: "literal", values: record.values },
        madeBy: `zone "${zone.name}" record ${record.type} "${record.name}"`,
      });
    }
  }

  return records.sort((a, b) => compareStrings(a.zone, b.zone) || compareStrings(a.name, b.name) || compareStrings(a.type, b.type));
}
