import { knownCidr, rangesOverlap } from "../values/address-ranges";
import { isInZone, zoneContaining } from "../values/dns-names";
import type { PlannedRecord } from "./dns-records";
import { InventoryError, ProblemList } from "./inventory-error";
import { planRecords, roleNameIn } from "./plan-records";
import { EstateInventory } from "./shape";
import { locate } from "./shape/item-kinds";
import { parseInventory } from "./shape/problems";
import { referencesIn, type ReferenceKind } from "./shape/references";
import { hostKey } from "./shape/servers";

/** The inventory after validation, and the record sets it implies (checked too). */
export interface ValidatedInventory {
  readonly inventory: EstateInventory;
  readonly records: readonly PlannedRecord[];
}

/**
 * Checks the inventory once, in two steps. First its shape, with the schema (shape/): types, missing and
 * unknown fields, and every rule about one item alone. Then, on the parsed data and only when the shape is
 * right, what lies between items: references (every field the shape declares one), uniqueness, and the records
 * they plan. Throws one `InventoryError` listing each problem of the step that found any as
 * `<item> field "<field>": <what is wrong>`, quoting the bad value.
 */
export function validateInventory(input: unknown): ValidatedInventory {
  const problems = new ProblemList();
  const inv = parseInventory(input, problems);
  if (inv === undefined) {
    problems.throwIfAny();
    throw new InventoryError(["the inventory does not have the inventory's shape"]);
  }
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
  const hostsWithRole = (role: string): number => inv.hosts.filter((h) => h.role === role).length;

  // Every owner, datacenter and role a field names (shape/references.ts) is one of the inventory's.
  const known: Readonly<Record<ReferenceKind, readonly string[]>> = { owner: ownerKeys, datacenter: dcKeys, role: roleNames };
  for (const { to, key, path } of referencesIn(EstateInventory, inv)) {
    if (known[to].includes(key)) continue;
    const { item, field } = locate(EstateInventory, inv, path);
    problems.add(item, field, `unknown ${to} "${key}" (known: ${quoteList(known[to])})`);
  }

  checkDuplicates("datacenter", dcKeys);
  // DigitalOcean refuses a VPC whose range overlaps another of the account's.
  inv.datacenters.forEach((dc, index) => {
    // The shape has checked each private range.
    const range = knownCidr(dc.privateRange);
    for (const other of inv.datacenters.slice(0, index)) {
      if (rangesOverlap(range, knownCidr(other.privateRange))) {
        problems.add(
          `datacenter "${dc.key}"`,
          "privateRange",
          `"${dc.privateRange}" overlaps the private network of datacenter "${other.key}" (${other.privateRange})`,
        );
      }
    }
  });

  checkDuplicates("owner", ownerKeys);

  checkDuplicates("role", roleNames);
  // Every host opens the common ports: a role listing one again would be a second firewall rule for one opening.
  for (const role of inv.roles) {
    for (const list of ["worldPorts", "internalPorts", "fastlyPorts", "estatePorts"] as const) {
      (role[list] ?? []).forEach((port, index) => {
        const common = inv.commonWorldPorts.find((p) => p.protocol === port.protocol && p.from <= port.to && port.from <= p.to);
        const ports = port.from === port.to ? `${port.from}` : `${port.from}-${port.to}`;
        if (common !== undefined)
          problems.add(
            `role "${role.name}"`,
            `${list}[${index}]`,
            `${port.protocol} ${ports} ("${port.service}") is listed twice for the role's hosts: every host opens it already (commonWorldPorts, "${common.service}")`,
          );
      });
    }
  }
  if (hostsWithRole(inv.loadBalancerRole) === 0) problems.add("estate", "loadBalancerRole", `role "${inv.loadBalancerRole}" has no host`);

  const hostKeys = inv.hosts.map(hostKey);
  checkDuplicates("host", hostKeys);
  const previousKeys = new Map<string, string>();
  for (const host of inv.hosts) {
    const item = `host "${hostKey(host)}"`;
    const before = host.previously?.datacenter;
    if (before !== undefined && before !== host.datacenter) {
      // The shape has made sure the name did not change too; an unknown datacenter is a reference's problem.
      const was = inv.datacenters.find((dc) => dc.key === before);
      const is = inv.datacenters.find((dc) => dc.key === host.datacenter);
      if (was !== undefined && is !== undefined && (was.provider !== is.provider || was.region !== is.region)) {
        problems.add(
          item,
          "previously.datacenter",
          `the host was in ${before} (${was.provider} ${was.region}): a droplet cannot change region, so a move from there would create a new droplet. Create the new host first and retire the old one in a later change`,
        );
      } else if (was !== undefined && hostKeys.includes(hostKey({ name: host.name, datacenter: before }))) {
        problems.add(
          item,
          "previously.datacenter",
          `"${hostKey({ name: host.name, datacenter: before })}" is a host of the inventory: both cannot keep that droplet`,
        );
      }
    }
    const previous = host.previously?.name;
    if (previous !== undefined && previous !== host.name) {
      const key = hostKey({ name: previous, datacenter: host.datacenter });
      if (hostKeys.includes(key))
        problems.add(
          item,
          "previously.name",
          `"${previous}" is the name of a host of the inventory in ${host.datacenter}: both cannot keep that droplet`,
        );
      const other = previousKeys.get(key);
      if (other !== undefined) problems.add(item, "previously.name", `"${previous}" is also the previous name of host "${other}"`);
      previousKeys.set(key, hostKey(host));
    }
  }

  const zoneNames = inv.zones.map((z) => z.name);
  checkDuplicates("zone", zoneNames);
  if (!inv.zones.some((z) => z.name === inv.hostZone)) problems.add("estate", "hostZone", `"${inv.hostZone}" is not a managed zone`);
  checkDuplicates(
    "external zone",
    inv.externalZones.map((z) => z.name),
  );
  // A zone inside another is found only through an NS record set there, which the inventory cannot write (its records take
  // no NS type): resolvers would ask the outer zone, which has no such names, and never this one.
  for (const [kind, list] of [
    ["zone", inv.zones],
    ["external zone", inv.externalZones],
  ] as const) {
    for (const inner of list) {
      const outer = zoneContaining(
        inner.name,
        zoneNames.filter((name) => name !== inner.name),
      );
      if (outer !== undefined) {
        problems.add(
          `${kind} "${inner.name}"`,
          "name",
          `"${inner.name}" lies inside zone "${outer}", which does not delegate it (the inventory writes no NS record): resolvers would never ask it. Write its names in zone "${outer}"`,
        );
      }
    }
  }
  for (const external of inv.externalZones) {
    if (inv.zones.some((z) => z.name === external.name))
      problems.add(`external zone "${external.name}"`, "name", `"${external.name}" is a zone managed here too: its records would have two keepers`);
  }

  const siteNames = inv.staticSites.map((s) => s.bucket);
  checkDuplicates("static site", siteNames);
  if (inv.stateStore !== undefined) {
    // A website bucket is public by design; the state bucket holds every secret of the estate.
    if (siteNames.includes(inv.stateStore.bucket))
      problems.add("state store", "bucket", `"${inv.stateStore.bucket}" is a static site's bucket, which anyone may read`);
  }

  checkDuplicates(
    "service",
    inv.services.map((s) => s.key),
  );
  const knownZones = [...zoneNames, ...inv.externalZones.map((z) => z.name)];
  for (const service of inv.services) {
    const item = `service "${service.key}"`;
    for (const name of service.names.filter((n) => !knownZones.some((zone) => isInZone(n, zone)))) {
      problems.add(item, "names", `"${name}" lies in no managed zone (${quoteList(zoneNames)}) nor in a zone recorded as kept elsewhere`);
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
      if (app === undefined)
        problems.add(item, "origin.app", `unknown Heroku app "${origin.app}" (known: ${quoteList(inv.heroku.apps.map((a) => a.name))})`);
      for (const name of service.names.filter((n) => app !== undefined && !(app.customDomains ?? []).includes(n))) {
        problems.add(item, "names", `"${name}" is not a custom domain of the Heroku app "${origin.app}", which would not answer it`);
      }
    }
    if (origin.kind === "s3-website") {
      if (!siteNames.includes(origin.site))
        problems.add(item, "origin.site", `unknown static site "${origin.site}" (known: ${quoteList(siteNames)})`);
      const apex = service.names.find((name) => zoneNames.includes(name));
      if (apex !== undefined) problems.add(item, "names", `"${apex}" is a zone apex, which cannot be a CNAME to a website endpoint`);
    }
  }

  validateHeroku(inv, problems, zoneNames);
  validateFastly(inv, problems, zoneNames);

  const db = inv.databaseCluster;
  const dbItem = `database cluster "${db.name}"`;
  checkDuplicates(
    "database",
    db.databases.map((d) => d.name),
  );
  if (dcKeys.includes(db.datacenter) && !inv.hosts.some((h) => h.role === db.administeredByRole && h.datacenter === db.datacenter)) {
    problems.add(dbItem, "administeredByRole", `role "${db.administeredByRole}" has no host in ${db.datacenter}`);
  }
  // In an unknown datacenter, every database would lack its clients: the datacenter is the one problem.
  for (const database of dcKeys.includes(db.datacenter) ? db.databases : []) {
    if (database.usedByRole === undefined) continue;
    const clients = inv.hosts.filter((h) => h.role === database.usedByRole);
    // A client in an unknown datacenter is reported with the host; saying it is missing here too would only repeat it.
    if (clients.some((h) => !dcKeys.includes(h.datacenter))) continue;
    if (!clients.some((h) => h.datacenter === db.datacenter)) {
      problems.add(`database "${database.name}"`, "usedByRole", `role "${database.usedByRole}" has no host in ${db.datacenter}`);
    }
  }

  const records = planRecords(inv);
  validateRecords(records, problems);
  validateMxTargets(inv, records, problems);
  validateExternalServices(inv, records, problems);
  problems.throwIfAny();
  return { inventory: inv, records };
}

function validateHeroku(inv: EstateInventory, problems: ProblemList, zoneNames: readonly string[]): void {
  const seen = new Set<string>();
  const domainApp = new Map<string, string>();
  const production = new Map<string, string>();
  for (const app of inv.heroku.apps) {
    const item = `heroku app "${app.name}"`;
    if (seen.has(app.name)) problems.add(item, "name", `duplicate Heroku app "${app.name}"`);
    seen.add(app.name);
    for (const domain of app.customDomains ?? []) {
      const other = domainApp.get(domain);
      if (other !== undefined) problems.add(item, "customDomains", `"${domain}" is already served by the Heroku app "${other}"`);
      else domainApp.set(domain, app.name);
      if (!zoneNames.some((zone) => isInZone(domain, zone))) problems.add(item, "customDomains", `"${domain}" lies in no managed zone`);
      const servedBy = inv.services.find((s) => s.names.includes(domain));
      if (servedBy === undefined) problems.add(item, "customDomains", `"${domain}" is the name of no service, so nothing would point it at the app`);
    }
    // An app the estate's names or its CDN reach serves them from its web dynos: with none, Heroku answers every request
    // with an error page.
    const reachedAs = inv.services.find((service) => service.origin.kind === "heroku" && service.origin.app === app.name)?.key;
    const reachedBy = inv.fastlyServices.find((f) => f.backends.some((b) => b.origin.kind === "heroku-app" && b.origin.app === app.name))?.name;
    const reached =
      reachedAs !== undefined
        ? `service "${reachedAs}" points its names at it`
        : reachedBy !== undefined
          ? `fastly service "${reachedBy}" reaches it`
          : undefined;
    const web = app.formation.find((process) => process.type === "web");
    if (reached !== undefined && web === undefined) problems.add(item, "formation", `has no web process, but ${reached}: nothing would answer`);
    else if (reached !== undefined && web?.quantity === 0)
      problems.add(item, "formation.web.quantity", `0 web dynos, but ${reached}: Heroku would answer every request with an error page`);
    if (app.pipeline?.stage === "production") {
      const other = production.get(app.pipeline.pipeline);
      if (other !== undefined)
        problems.add(item, "pipeline.stage", `the pipeline "${app.pipeline.pipeline}" has a production app already, "${other}"`);
      else production.set(app.pipeline.pipeline, app.name);
    }
  }
}

function validateFastly(inv: EstateInventory, problems: ProblemList, zoneNames: readonly string[]): void {
  const names = inv.fastlyServices.map((f) => f.name);
  const seen = new Set<string>();
  for (const spec of inv.fastlyServices) {
    const item = `fastly service "${spec.name}"`;
    if (seen.has(spec.name)) problems.add(item, "name", `duplicate Fastly service "${spec.name}"`);
    seen.add(spec.name);
    for (const domain of spec.domains) {
      const service = inv.services.find((s) => s.names.includes(domain));
      if (service === undefined || service.origin.kind !== "fastly" || service.origin.service !== spec.name) {
        problems.add(item, "domains", `"${domain}" is not a name of a service whose origin is this Fastly service, so its DNS would not point here`);
      }
    }
    const zones = new Set(spec.domains.map((d) => zoneContaining(d, zoneNames) ?? ""));
    if (zones.size > 1)
      problems.add(item, "domains", `span several zones (${[...zones].sort().join(", ")}); its certificate's DNS challenges need one`);
    for (const backend of spec.backends) {
      const field = `backends.${backend.name}`;
      const origin = backend.origin;
      if (origin.kind === "heroku-app") {
        const app = inv.heroku.apps.find((a) => a.name === origin.app);
        if (app === undefined) problems.add(item, `${field}.origin.app`, `unknown Heroku app "${origin.app}"`);
        else if (!(app.customDomains ?? []).includes(origin.customDomain))
          problems.add(item, `${field}.origin.customDomain`, `"${origin.customDomain}" is not a custom domain of the Heroku app "${origin.app}"`);
      } else if (origin.kind === "s3-website") {
        if (!inv.staticSites.some((site) => site.bucket === origin.site)) {
          problems.add(
            item,
            `${field}.origin.site`,
            `unknown static site "${origin.site}" (known: ${inv.staticSites.map((site) => `"${site.bucket}"`).join(", ")})`,
          );
        }
      } else {
        const role = inv.roles.find((r) => r.name === origin.role);
        const hosts = inv.hosts.filter((h) => h.role === origin.role && h.datacenter === origin.datacenter);
        if (hosts.length === 0) {
          problems.add(item, `${field}.origin`, `role "${origin.role}" has no host in ${origin.datacenter}`);
        } else if (
          role !== undefined &&
          ![...inv.commonWorldPorts, ...role.worldPorts, ...role.fastlyPorts].some(
            (p) => p.protocol === "tcp" && p.from <= backend.port && backend.port <= p.to,
          )
        ) {
          problems.add(
            item,
            `${field}.port`,
            `port ${backend.port} is open neither to Fastly nor to the world on role "${origin.role}", so Fastly could not reach it`,
          );
        } else if (role !== undefined && hosts.length > 1 && roleNameIn(inv, role, origin.datacenter) === undefined) {
          const name = `${role.shortName ?? role.name}.${origin.datacenter}.${inv.hostZone}`;
          problems.add(
            item,
            `${field}.origin`,
            `"${name}", the name of role "${origin.role}" in ${origin.datacenter}, is a host's own name, so Fastly would reach that host alone: give the role a shortName`,
          );
        }
      }
    }
    if (spec.syslogLogging !== undefined) {
      const syslogHost = spec.syslogLogging.host;
      const host = inv.hosts.find((h) => hostKey(h) === syslogHost);
      const role = inv.roles.find((r) => r.name === host?.role);
      if (host === undefined) problems.add(item, "syslogLogging.host", `unknown host "${syslogHost}"`);
      else if ((role?.fastlyPorts ?? []).length === 0)
        problems.add(item, "syslogLogging.host", `role "${host.role}" of "${syslogHost}" opens no port to Fastly`);
    }
  }
  for (const service of inv.services) {
    const origin = service.origin;
    if (origin.kind !== "fastly") continue;
    const spec = inv.fastlyServices.find((f) => f.name === origin.service);
    if (spec === undefined) {
      problems.add(
        `service "${service.key}"`,
        "origin.service",
        `unknown Fastly service "${origin.service}" (known: ${names.map((n) => `"${n}"`).join(", ")})`,
      );
      continue;
    }
    for (const name of service.names.filter((n) => !spec.domains.includes(n))) {
      problems.add(`service "${service.key}"`, "names", `"${name}" is not a domain of the Fastly service "${spec.name}", which would not answer it`);
    }
  }
}

/**
 * Names another configuration manages: none is a name of the estate's services, and no record is planned at one (the
 * zone's own CAA and SPF at an apex aside), so that Terraform never writes nor removes their records.
 */
function validateExternalServices(inv: EstateInventory, records: readonly PlannedRecord[], problems: ProblemList): void {
  for (const external of inv.externalServices) {
    const item = `external service "${external.name}"`;
    for (const name of external.names) {
      const servedBy = inv.services.find((s) => s.names.includes(name));
      const written = records.find((r) => r.name === name && !(r.name === r.zone && (r.type === "CAA" || r.type === "TXT")));
      const by =
        servedBy !== undefined
          ? `service "${servedBy.key}" serves it`
          : written !== undefined
            ? `${written.madeBy} writes its ${written.type} record`
            : undefined;
      if (by !== undefined)
        problems.add(
          item,
          "names",
          `"${name}" is managed by ${external.managedBy}; this configuration must not serve it or write its records (${by})`,
        );
    }
  }
}

/**
 * MX targets that are aliases: a CNAME at an MX record's target breaks mail (RFC 2181 section 10.3: an MX names a host's
 * own name, and mail servers may refuse to follow the alias). Hand-written MX records are the only ones the estate writes.
 */
function validateMxTargets(inv: EstateInventory, records: readonly PlannedRecord[], problems: ProblemList): void {
  for (const zone of inv.zones) {
    (zone.records ?? []).forEach((record, recordIndex) => {
      if (record.type !== "MX") return;
      record.values.forEach((value, valueIndex) => {
        const target = (value.split(" ")[1] ?? "").replace(/\.$/, "");
        const alias = records.find((r) => r.name === target && r.type === "CNAME");
        if (alias !== undefined) {
          problems.add(
            `zone "${zone.name}"`,
            `records[${recordIndex}].values[${valueIndex}]`,
            `"${value}" points at ${target}, a CNAME (${alias.madeBy}): an MX must name a host's own address records (RFC 2181 section 10.3), and mail servers may refuse to deliver`,
          );
        }
      });
    });
  }
}

/** What only the planned records show together: a name outside its zone, a name and type made twice, a CNAME beside others. */
function validateRecords(records: readonly PlannedRecord[], problems: ProblemList): void {
  const seen = new Map<string, string>();
  const typesByName = new Map<string, Set<string>>();
  for (const record of records) {
    const item = `record ${record.type} "${record.name}" (from ${record.madeBy})`;
    if (record.zone === "") continue; // reported with the service that names it
    if (!isInZone(record.name, record.zone)) {
      problems.add(item, "name", `"${record.name}" is outside its zone "${record.zone}"`);
      continue;
    }
    const key = `${record.name} ${record.type}`;
    const first = seen.get(key);
    // The same item twice (a host listed twice) is reported as a duplicate item, not once more per record.
    if (first !== undefined && first !== record.madeBy)
      problems.add(item, "name", `duplicate record: ${record.type} "${record.name}" is also made by ${first}`);
    else seen.set(key, record.madeBy);
    const types = typesByName.get(record.name) ?? new Set<string>();
    types.add(record.type);
    typesByName.set(record.name, types);
  }
  for (const [name, types] of [...typesByName].sort()) {
    if (types.has("CNAME") && types.size > 1) {
      problems.add(`name "${name}"`, "type", `a CNAME cannot share its name with other records (${[...types].sort().join(", ")})`);
    }
  }
}
