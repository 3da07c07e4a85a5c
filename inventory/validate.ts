import { isIPv4, isIPv6 } from "node:net";
import { looksSecretName } from "./looks-secret";
import { isInZone, zoneContaining } from "./dns-records";
import { ProblemList } from "./inventory-error";
import type { PlannedRecord } from "./dns-records";
import { planRecords } from "./plan-records";
import type { EstateInventory, PortRange } from "./types";

/** Heroku's rule for app names. */
export const HEROKU_APP_NAME = /^[a-z][a-z0-9-]{2,29}$/;
/** Config var names that must never be set from plain inventory data. */

export const TTL_MIN = 60;
export const TTL_MAX = 86400;

/** A TTL Route 53 records of this estate may have: whole seconds within TTL_MIN-TTL_MAX. */
export function isValidTtl(ttl: number): boolean {
  return Number.isInteger(ttl) && ttl >= TTL_MIN && ttl <= TTL_MAX;
}
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const TAG_SAFE = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Checks every fact and cross-reference of the inventory once. Throws one `InventoryError` listing
 * each problem as `<item> field "<field>": <what is wrong>`, quoting the bad value. Returns the record
 * sets the inventory implies, which it has checked too.
 */
export function validateInventory(inv: EstateInventory): PlannedRecord[] {
  const problems = new ProblemList();
  const quoteList = (values: readonly string[]): string => values.map((v) => `"${v}"`).join(", ");
  const dcKeys = inv.datacenters.map((dc) => dc.key);
  const ownerKeys = inv.owners.map((o) => o.key);
  const roleNames = inv.roles.map((r) => r.name);

  const checkDuplicates = (kind: string, keys: readonly string[]): void => {
    const seen = new Set<string>();
    for (const key of keys) {
      if (seen.has(key)) problems.add(`${kind} "${key}"`, "name", `duplicate ${kind} "${key}"`);
      seen.add(key);
    }
  };
  const checkOwner = (item: string, owner: string): void => {
    if (owner.trim() === "") problems.add(item, "owner", "is empty: every item needs someone who answers for it");
    else if (!ownerKeys.includes(owner)) problems.add(item, "owner", `unknown owner "${owner}" (known: ${quoteList(ownerKeys)})`);
  };
  const checkDatacenter = (item: string, dc: string): void => {
    if (!dcKeys.includes(dc)) problems.add(item, "datacenter", `unknown datacenter "${dc}" (known: ${quoteList(dcKeys)})`);
  };
  const checkTtl = (item: string, ttl: number | undefined): void => {
    if (ttl !== undefined && !isValidTtl(ttl)) {
      problems.add(item, "ttl", `${ttl} is outside ${TTL_MIN}-${TTL_MAX} seconds`);
    }
  };
  const checkPorts = (item: string, field: string, ports: readonly PortRange[]): void => {
    for (const port of ports) {
      for (const end of new Set([port.from, port.to])) {
        if (!Number.isInteger(end) || end < 1 || end > 65535) problems.add(item, field, `port ${end} (${port.protocol} "${port.service}") is outside 1-65535`);
      }
      if (port.from > port.to) problems.add(item, field, `port range ${port.from}-${port.to} (${port.protocol} "${port.service}") is reversed`);
    }
  };
  const hostsWithRole = (role: string): number => inv.hosts.filter((h) => h.role === role).length;
  // Addresses already reported where they are written, so the records made from them do not repeat it.
  const badAddresses = new Set<string>();
  const checkAddress = (item: string, field: string, value: string, version: 4 | 6): void => {
    if (version === 4 ? isIPv4(value) : isIPv6(value)) return;
    problems.add(item, field, `"${value}" is not an IPv${version} address`);
    badAddresses.add(value);
  };

  checkDuplicates("datacenter", dcKeys);
  for (const dc of inv.datacenters) {
    if (dc.region.trim() === "") problems.add(`datacenter "${dc.key}"`, "region", "is empty");
    if (!isCidr(dc.privateRange)) problems.add(`datacenter "${dc.key}"`, "privateRange", `"${dc.privateRange}" is not an IPv4 CIDR range`);
  }

  checkDuplicates("owner", ownerKeys);
  for (const owner of inv.owners) {
    if (!TAG_SAFE.test(owner.key)) problems.add(`owner "${owner.key}"`, "key", `"${owner.key}" must be lowercase letters, digits and dashes (it becomes a tag)`);
    if (owner.contact.trim() === "") problems.add(`owner "${owner.key}"`, "contact", "is empty");
  }
  if (!ownerKeys.includes(inv.infrastructureOwner)) problems.add("estate", "infrastructureOwner", `unknown owner "${inv.infrastructureOwner}"`);

  checkPorts("every host", "commonWorldPorts", inv.commonWorldPorts);
  checkPorts("every host", "commonInternalPorts", inv.commonInternalPorts);
  checkDuplicates("role", roleNames);
  for (const role of inv.roles) {
    const item = `role "${role.name}"`;
    if (!TAG_SAFE.test(role.name)) problems.add(item, "name", `"${role.name}" must be lowercase letters, digits and dashes`);
    checkPorts(item, "worldPorts", role.worldPorts);
    checkPorts(item, "internalPorts", role.internalPorts);
    checkPorts(item, "fastlyPorts", role.fastlyPorts);
  }
  if (hostsWithRole(inv.loadBalancerRole) === 0) problems.add("estate", "loadBalancerRole", `role "${inv.loadBalancerRole}" has no host`);

  checkDuplicates("host", inv.hosts.map((h) => `${h.name}.${h.datacenter}`));
  for (const host of inv.hosts) {
    const item = `host "${host.name}.${host.datacenter}"`;
    if (!TAG_SAFE.test(host.name)) problems.add(item, "name", `"${host.name}" must be lowercase letters, digits and dashes`);
    checkDatacenter(item, host.datacenter);
    if (!roleNames.includes(host.role)) problems.add(item, "role", `unknown role "${host.role}" (known: ${quoteList(roleNames)})`);
    checkOwner(item, host.owner);
    if (host.size.trim() === "") problems.add(item, "size", "is empty");
    if (host.volume !== undefined && !(Number.isInteger(host.volume.sizeGiB) && host.volume.sizeGiB > 0)) {
      problems.add(item, "volume.sizeGiB", `${host.volume.sizeGiB} is not a positive whole number of GiB`);
    }
  }

  for (const host of inv.externalHosts) {
    const item = `external host "${host.fqdn}"`;
    checkOwner(item, host.owner);
    if (host.ipv4 !== undefined) checkAddress(item, "ipv4", host.ipv4, 4);
  }

  checkDuplicates("zone", inv.zones.map((z) => z.name));
  for (const zone of inv.zones) {
    const item = `zone "${zone.name}"`;
    if (!DNS_NAME.test(zone.name)) problems.add(item, "name", `"${zone.name}" is not a domain name`);
    checkTtl(item, zone.defaultTtl);
  }
  if (!inv.zones.some((z) => z.name === inv.hostZone)) problems.add("estate", "hostZone", `"${inv.hostZone}" is not a managed zone`);

  for (const ip of inv.fastlyEdge.apexIpv4) checkAddress("Fastly edge", "apexIpv4", ip, 4);
  for (const ip of inv.fastlyEdge.apexIpv6) checkAddress("Fastly edge", "apexIpv6", ip, 6);

  const siteNames = inv.staticSites.map((s) => s.bucket);
  checkDuplicates("static site", siteNames);
  for (const site of inv.staticSites) checkOwner(`static site "${site.bucket}"`, site.owner);

  checkDuplicates("service", inv.services.map((s) => s.key));
  const zoneNames = inv.zones.map((z) => z.name);
  for (const service of inv.services) {
    const item = `service "${service.key}"`;
    checkOwner(item, service.owner);
    checkTtl(item, service.ttl);
    for (const name of service.names) {
      if (!DNS_NAME.test(name)) problems.add(item, "names", `"${name}" is not a fully qualified domain name`);
      else if (!zoneNames.some((zone) => isInZone(name, zone))) problems.add(item, "names", `"${name}" lies in no managed zone (${quoteList(zoneNames)})`);
    }
    const origin = service.origin;
    if (origin.kind === "load-balancer" && hostsWithRole(origin.backendRole) === 0) {
      problems.add(item, "origin.backendRole", `role "${origin.backendRole}" has no host`);
    }
    if (origin.kind === "droplet" && hostsWithRole(origin.role) === 0) {
      problems.add(item, "origin.role", `role "${origin.role}" has no host`);
    }
    if (origin.kind === "heroku") {
      const app = inv.heroku.apps.find((a) => a.name === origin.app);
      if (app === undefined) problems.add(item, "origin.app", `unknown Heroku app "${origin.app}" (known: ${quoteList(inv.heroku.apps.map((a) => a.name))})`);
      for (const name of service.names.filter((n) => app !== undefined && !(app.customDomains ?? []).includes(n))) {
        problems.add(item, "names", `"${name}" is not a custom domain of the Heroku app "${origin.app}", which would not answer it`);
      }
    }
    if (origin.kind === "s3-website") {
      if (!siteNames.includes(origin.site)) problems.add(item, "origin.site", `unknown static site "${origin.site}" (known: ${quoteList(siteNames)})`);
      const apex = service.names.find((name) => zoneNames.includes(name));
      if (apex !== undefined) problems.add(item, "names", `"${apex}" is a zone apex, which cannot be a CNAME to a website endpoint`);
    }
  }

  validateHeroku(inv, problems, checkOwner, zoneNames);
  validateFastly(inv, problems, checkOwner, zoneNames);

  const db = inv.databaseCluster;
  const dbItem = `database cluster "${db.name}"`;
  checkDatacenter(dbItem, db.datacenter);
  checkOwner(dbItem, db.owner);
  if (!Number.isInteger(db.port) || db.port < 1 || db.port > 65535) problems.add(dbItem, "port", `port ${db.port} is outside 1-65535`);
  checkDuplicates("database", db.databases.map((d) => d.name));
  for (const database of db.databases) {
    const clients = inv.hosts.filter((h) => h.role === database.usedByRole);
    // A client in an unknown datacenter is reported with the host; saying it is missing here too would only repeat it.
    if (clients.some((h) => !dcKeys.includes(h.datacenter))) continue;
    if (!clients.some((h) => h.datacenter === db.datacenter)) {
      problems.add(`database "${database.name}"`, "usedByRole", `role "${database.usedByRole}" has no host in ${db.datacenter}`);
    }
  }

  const records = planRecords(inv);
  validateRecords(records, problems, badAddresses);
  problems.throwIfAny();
  return records;
}

function validateHeroku(
  inv: EstateInventory,
  problems: ProblemList,
  checkOwner: (item: string, owner: string) => void,
  zoneNames: readonly string[],
): void {
  if (inv.heroku.team.trim() === "") problems.add("heroku", "team", "is empty");
  const seen = new Set<string>();
  const domainApp = new Map<string, string>();
  for (const app of inv.heroku.apps) {
    const item = `heroku app "${app.name}"`;
    if (!HEROKU_APP_NAME.test(app.name)) problems.add(item, "name", `"${app.name}" is not a name Heroku accepts (3-30 lowercase letters, digits and dashes, starting with a letter)`);
    if (seen.has(app.name)) problems.add(item, "name", `duplicate Heroku app "${app.name}"`);
    seen.add(app.name);
    checkOwner(item, app.owner);
    if (app.stack === "container" && (app.buildpacks ?? []).length > 0) problems.add(item, "buildpacks", "a container app builds from its Dockerfile and takes no buildpacks");
    for (const name of Object.keys(app.configVars ?? {})) {
      if (looksSecretName(name)) problems.add(item, `configVars.${name}`, `"${name}" looks secret: name it in secretConfigVars so its value comes from a sensitive variable`);
      if ((app.secretConfigVars ?? []).includes(name)) problems.add(item, `configVars.${name}`, `"${name}" is also a secret config var`);
    }
    for (const process of app.formation) {
      if (!Number.isInteger(process.quantity) || process.quantity < 0) problems.add(item, `formation.${process.type}`, `quantity ${process.quantity} is not a whole number of dynos`);
    }
    for (const domain of app.customDomains ?? []) {
      const other = domainApp.get(domain);
      if (other !== undefined) problems.add(item, "customDomains", `"${domain}" is already served by the Heroku app "${other}"`);
      else domainApp.set(domain, app.name);
      if (!zoneNames.some((zone) => isInZone(domain, zone))) problems.add(item, "customDomains", `"${domain}" lies in no managed zone`);
      const servedBy = inv.services.find((s) => s.names.includes(domain));
      if (servedBy === undefined) problems.add(item, "customDomains", `"${domain}" is the name of no service, so nothing would point it at the app`);
    }
  }
}

function validateFastly(
  inv: EstateInventory,
  problems: ProblemList,
  checkOwner: (item: string, owner: string) => void,
  zoneNames: readonly string[],
): void {
  const names = inv.fastlyServices.map((f) => f.name);
  const seen = new Set<string>();
  for (const spec of inv.fastlyServices) {
    const item = `fastly service "${spec.name}"`;
    if (seen.has(spec.name)) problems.add(item, "name", `duplicate Fastly service "${spec.name}"`);
    seen.add(spec.name);
    checkOwner(item, spec.owner);
    for (const domain of spec.domains) {
      const service = inv.services.find((s) => s.names.includes(domain));
      if (service === undefined || service.origin.kind !== "fastly" || service.origin.service !== spec.name) {
        problems.add(item, "domains", `"${domain}" is not a name of a service whose origin is this Fastly service, so its DNS would not point here`);
      }
    }
    const zones = new Set(spec.domains.map((d) => zoneContaining(d, zoneNames) ?? ""));
    if (zones.size > 1) problems.add(item, "domains", `span several zones (${[...zones].sort().join(", ")}); its certificate's DNS challenges need one`);
    for (const backend of spec.backends) {
      const field = `backends.${backend.name}`;
      const origin = backend.origin;
      if (origin.kind === "heroku-app") {
        const app = inv.heroku.apps.find((a) => a.name === origin.app);
        if (app === undefined) problems.add(item, `${field}.origin.app`, `unknown Heroku app "${origin.app}"`);
        else if (!(app.customDomains ?? []).includes(origin.customDomain)) problems.add(item, `${field}.origin.customDomain`, `"${origin.customDomain}" is not a custom domain of the Heroku app "${origin.app}"`);
      } else {
        const role = inv.roles.find((r) => r.name === origin.role);
        if (!inv.hosts.some((h) => h.role === origin.role && h.datacenter === origin.datacenter)) {
          problems.add(item, `${field}.origin`, `role "${origin.role}" has no host in ${origin.datacenter}`);
        } else if (role !== undefined && ![...inv.commonWorldPorts, ...role.worldPorts, ...role.fastlyPorts].some((p) => p.protocol === "tcp" && p.from <= backend.port && backend.port <= p.to)) {
          problems.add(item, `${field}.port`, `port ${backend.port} is open neither to Fastly nor to the world on role "${origin.role}", so Fastly could not reach it`);
        }
      }
    }
    if (spec.syslogLogging !== undefined) {
      const hostKey = spec.syslogLogging.host;
      const host = inv.hosts.find((h) => `${h.name}.${h.datacenter}` === hostKey);
      const role = inv.roles.find((r) => r.name === host?.role);
      if (host === undefined) problems.add(item, "syslogLogging.host", `unknown host "${hostKey}"`);
      else if ((role?.fastlyPorts ?? []).length === 0) problems.add(item, "syslogLogging.host", `role "${host.role}" of "${hostKey}" opens no port to Fastly`);
    }
  }
  for (const service of inv.services) {
    const origin = service.origin;
    if (origin.kind !== "fastly") continue;
    const spec = inv.fastlyServices.find((f) => f.name === origin.service);
    if (spec === undefined) {
      problems.add(`service "${service.key}"`, "origin.service", `unknown Fastly service "${origin.service}" (known: ${names.map((n) => `"${n}"`).join(", ")})`);
      continue;
    }
    for (const name of service.names.filter((n) => !spec.domains.includes(n))) {
      problems.add(`service "${service.key}"`, "names", `"${name}" is not a domain of the Fastly service "${spec.name}", which would not answer it`);
    }
  }
  for (const external of inv.externalServices) {
    const item = `external service "${external.name}"`;
    checkOwner(item, external.owner);
    for (const name of external.names) {
      if (zoneNames.some((zone) => isInZone(name, zone)) || inv.services.some((s) => s.names.includes(name))) {
        problems.add(item, "names", `"${name}" is managed by ${external.managedBy}; this configuration must not serve it too`);
      }
    }
  }
}

function validateRecords(records: readonly PlannedRecord[], problems: ProblemList, reportedAddresses: ReadonlySet<string>): void {
  const seen = new Map<string, string>();
  const typesByName = new Map<string, Set<string>>();
  for (const record of records) {
    const item = `record ${record.type} "${record.name}" (from ${record.source})`;
    if (record.zone === "") continue; // reported with the service that names it
    if (!isInZone(record.name, record.zone)) {
      problems.add(item, "name", `"${record.name}" is outside its zone "${record.zone}"`);
      continue;
    }
    const key = `${record.name} ${record.type}`;
    const first = seen.get(key);
    if (first !== undefined) problems.add(item, "name", `duplicate record: ${record.type} "${record.name}" is also made by ${first}`);
    else seen.set(key, record.source);
    const types = typesByName.get(record.name) ?? new Set<string>();
    types.add(record.type);
    typesByName.set(record.name, types);
    if (!isValidTtl(record.ttl)) {
      problems.add(item, "ttl", `${record.ttl} is outside ${TTL_MIN}-${TTL_MAX} seconds`);
    }
    if (record.target.kind === "literal") {
      for (const value of record.target.values.filter((v) => !reportedAddresses.has(v))) {
        if (record.type === "A" && !isIPv4(value)) problems.add(item, "values", `"${value}" is not an IPv4 address`);
        if (record.type === "AAAA" && !isIPv6(value)) problems.add(item, "values", `"${value}" is not an IPv6 address`);
      }
      if (record.target.values.length === 0) problems.add(item, "values", "is empty");
    }
  }
  for (const [name, types] of [...typesByName].sort()) {
    if (types.has("CNAME") && types.size > 1) {
      problems.add(`name "${name}"`, "type", `a CNAME cannot share its name with other records (${[...types].sort().join(", ")})`);
    }
  }
}

/** True for an IPv4 CIDR range such as `10.132.0.0/16`. */
export function isCidr(value: string): boolean {
  const [address, bits, ...rest] = value.split("/");
  return rest.length === 0 && address !== undefined && isIPv4(address) && bits !== undefined && /^\d{1,2}$/.test(bits) && Number(bits) <= 32;
}
