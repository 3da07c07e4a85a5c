/**
 * The estate on one page, the kind of page the seed article is, generated from the inventory: datacenters and
 * hosts, public names and what serves them, zones, Heroku apps, Fastly services, monitoring and on-call, external
 * services, and the values that are assumed. `npm run overview` writes it to docs/estate.md; a test keeps that
 * file current. Nothing here reads the clock or the machine: the same inventory gives the same bytes.
 */
import {
  pagingServiceName,
  zoneContaining,
  type Estate,
  type FastlyBackendOrigin,
  type Origin,
  type PolicyException,
  type PortRange,
  type PublicService,
  type Role,
  type Source,
} from "../inventory";
import { compareStrings } from "../values/string-order";
import { code, label, mermaid, table } from "./markdown";

/** The stacks and the stacks each reads, from the synthesized app's manifest. */
export type StackGraph = ReadonlyMap<string, readonly string[]>;

export function renderEstatePage(estate: Estate, stacks: StackGraph): string {
  return [
    "# The PSF estate",
    "",
    "_Generated from `inventory/` by `npm run overview`; do not edit. A test fails when it is out of date._",
    "",
    "What the PSF runs, where, and who answers for it: the datacenters and their hosts, every public name and what serves it, the zones, the Heroku apps, the Fastly services, monitoring and on-call, and what other configurations manage. Every value of the inventory cites its source: a section of the seed article, a file the PSF publishes, or an assumption with its reason; the assumed ones are listed at the end, to be checked when the live estate is adopted.",
    "",
    section("Stacks", stacksSection(stacks)),
    section("Datacenters and hosts", hostsSection(estate)),
    section("What each role opens", openSection(estate)),
    section("Public names and what serves them", namesSection(estate)),
    section("Zones and the registrar", zonesSection(estate)),
    section("Heroku apps", herokuSection(estate)),
    section("Fastly services", fastlySection(estate)),
    section("Monitoring and on-call", monitoringSection(estate)),
    section("Managed elsewhere", elsewhereSection(estate)),
    section("Assumed values", assumedSection(estate)),
    section("Differences from the published configuration", differencesSection(estate)),
    section("Sources", sourcesSection(estate)),
  ].join("\n");
}

function section(title: string, body: string): string {
  return `## ${title}\n\n${body}`;
}

function stacksSection(stacks: StackGraph): string {
  const ids = new Map([...stacks.keys()].map((name, index) => [name, `s${index}`]));
  const lines = ["flowchart LR"];
  for (const name of stacks.keys()) lines.push(`  ${ids.get(name)}[${label(name)}]`);
  for (const [name, reads] of stacks) for (const read of reads) lines.push(`  ${ids.get(read)} --> ${ids.get(name)}`);
  return [
    "Each stack is a state of its own. An arrow goes from a stack to one that reads its outputs, which is applied after it.",
    "",
    mermaid(lines),
  ].join("\n");
}

function hostsSection(estate: Estate): string {
  const owner = (key: string): string => estate.owner(key).name;
  const parts: string[] = [
    table(
      ["datacenter", "provider", "region", "private network", "hosts"],
      estate.datacenters.map((dc) => [dc.key, dc.provider, dc.region, dc.privateRange, String(estate.hostsIn(dc.key).length)]),
    ),
  ];
  for (const dc of estate.datacenters) {
    parts.push(`### ${dc.key}\n`);
    parts.push(
      table(
        ["host", "role", "purpose", "owner", "size", "image", "holds data"],
        estate
          .hostsIn(dc.key)
          .map((h) => [
            h.fqdn,
            h.role,
            h.purpose,
            owner(h.owner),
            h.size,
            h.image,
            h.holdsData
              ? `yes${h.volume === undefined ? "" : `, and volume ${h.volume.name} (${h.volume.sizeGiB} GiB at ${h.volume.mountPoint})`}`
              : "no",
          ]),
      ),
    );
  }
  const db = estate.databaseCluster;
  const clientRoles = [...new Set(db.databases.flatMap((d) => (d.usedByRole === undefined ? [] : [d.usedByRole])))];
  parts.push("### The managed database cluster\n");
  parts.push(
    `${code(db.name)} in ${db.datacenter}: PostgreSQL ${db.version}, port ${db.port}${db.connectionPool === undefined ? "" : `; its pooled endpoint ${code(db.connectionPool.name)} on port ${db.connectionPool.port} is recorded, not created here`}. It holds ${db.databases.length} databases (${db.databases.map((d) => d.name).join(", ")}); its firewall admits the ${[db.administeredByRole, ...clientRoles].join(", ")} hosts of ${db.datacenter} (${db.administeredByRole} administers it, creating its users and databases).\n`,
  );
  parts.push("### Outside the datacenters\n");
  parts.push(
    table(
      ["host", "purpose", "owner", "hosted by", "configured by", "distribution"],
      estate.externalHosts.map((h) => [h.name, h.purpose, owner(h.owner), h.hostedBy, h.managedBy, h.distro ?? "not recorded"]),
    ),
  );
  return parts.join("\n");
}

/** `tcp 22`, `tcp 10090-10190`. */
const portText = (port: PortRange): string => `${port.protocol} ${port.from === port.to ? port.from : `${port.from}-${port.to}`}`;

/**
 * What the firewall of each role admits, port by port, and from where: the answer to "what is open on mail?". The same
 * lists the datacenter stacks give each role's firewall (stacks/digitalocean-datacenter-stack.ts), read from the estate.
 */
function openSection(estate: Estate): string {
  const common = estate
    .policyExceptions()
    .filter((e) => e.subject.kind === "common-ports")
    .map((e) => ` For the ports every host opens: ${excused(e.exception)}`)
    .join("");
  const parts = [
    `Each role's hosts sit in one DigitalOcean firewall per datacenter (${code("psf-<datacenter>-<role>")}), which admits what is listed here and ICMP (ping) from anywhere, and nothing else; the hosts may reach out anywhere. **the world** is every address; **Fastly** is Fastly's published ranges (the ${code("fastly_source_ranges")} variable, never a /0); a datacenter's **private network** is its range; **every host of the estate** is the private network and the public addresses of the hosts in the other datacenters.${common}`,
    "",
  ];
  for (const role of estate.roles) {
    const hosts = estate.hostsWithRole(role.name);
    if (hosts.length === 0) continue;
    parts.push(`### ${role.name}\n`);
    parts.push(`${role.purpose}. ${hosts.length === 1 ? "Host" : "Hosts"}: ${hosts.map((h) => `${h.fqdn} (${code(h.size)})`).join(", ")}.\n`);
    parts.push(
      table(
        ["port", "service", "open to"],
        openings(estate, role).map(({ port, to }) => [portText(port), port.service, to.join("; ")]),
      ),
    );
    for (const exception of role.policyExceptions ?? []) parts.push(`${excused(exception)}\n`);
  }
  const idle = estate.roles.filter((r) => estate.hostsWithRole(r.name).length === 0).map((r) => r.name);
  if (idle.length > 0) parts.push(`Roles without a host, so without a firewall: ${idle.join(", ")}.\n`);
  return parts.join("\n");
}

/** A policy exception in words: what it excuses, why, who answers for it and until when. */
function excused(exception: PolicyException): string {
  return `The policy excuses ${code(exception.rule)} here until ${exception.expires} (owner ${exception.owner}): ${exception.reason}`;
}

/** Each port a role's firewalls open, once, with every source that reaches it. */
function openings(estate: Estate, role: Role): { port: PortRange; to: string[] }[] {
  const rows: { port: PortRange; to: string[] }[] = [];
  const add = (port: PortRange, to: string): void => {
    const row = rows.find(
      (r) => r.port.protocol === port.protocol && r.port.from === port.from && r.port.to === port.to && r.port.service === port.service,
    );
    if (row === undefined) rows.push({ port, to: [to] });
    else if (!row.to.includes(to)) row.to.push(to);
  };
  const datacenters = [...new Set(estate.hostsWithRole(role.name).map((h) => h.datacenter))];
  for (const port of estate.worldPorts(role)) add(port, "the world");
  for (const port of role.fastlyPorts) add(port, "Fastly");
  for (const dc of datacenters) {
    for (const port of estate.internalPorts(role, dc)) add(port, `${dc}'s private network (${estate.datacenter(dc).privateRange})`);
  }
  const also = (role.estatePortsAlsoFrom ?? []).map((source) => `${source.address} (${source.what})`);
  for (const port of estate.estatePorts(role)) add(port, ["every host of the estate", ...also].join(", and "));
  return rows;
}

/** What answers a public name, in words. */
function originText(estate: Estate, origin: Origin): string {
  switch (origin.kind) {
    case "load-balancer":
      return `the load balancers, to the ${origin.backendRole} hosts (${estate
        .hostsWithRole(origin.backendRole)
        .map((h) => h.fqdn)
        .join(", ")})`;
    case "load-balancer-redirect":
      return `the load balancers, redirecting to ${origin.redirectTo}`;
    case "load-balancer-proxy":
      return `the load balancers, passing it on to ${origin.upstream}`;
    case "droplet":
      return `the ${origin.role} hosts themselves (${estate
        .hostsWithRole(origin.role)
        .map((h) => h.fqdn)
        .join(", ")})`;
    case "fastly":
      return `Fastly's ${origin.service} service`;
    case "heroku":
      return `the Heroku app ${origin.app}`;
    case "s3-website":
      return `the S3 website ${origin.site}`;
  }
}

function namesSection(estate: Estate): string {
  const rows = estate.services.flatMap((service) =>
    service.names.map((name) => [name, service.description, originText(estate, service.origin), estate.owner(service.owner).name]),
  );
  return [
    table(["name", "service", "served by", "owner"], rows),
    `Each name's path from its zone to what answers it. "HAProxy" is the load balancers, ${estate
      .hostsWithRole(estate.loadBalancerRole)
      .map((h) => h.fqdn)
      .join(" and ")}: every name it routes, redirects or passes on points at them.`,
    "",
    mermaid(pathDiagram(estate)),
  ].join("\n");
}

/** A flowchart: zone, name, then the Fastly service, load balancers, app, bucket or hosts that answer it. */
function pathDiagram(estate: Estate): string[] {
  const ids = new Map<string, string>();
  const nodes: string[] = [];
  const edges = new Set<string>();
  const node = (key: string, text: string, shape: "box" | "round" = "box"): string => {
    let id = ids.get(key);
    if (id === undefined) {
      id = `n${ids.size}`;
      ids.set(key, id);
      nodes.push(shape === "round" ? `  ${id}(${label(text)})` : `  ${id}[${label(text)}]`);
    }
    return id;
  };
  const edge = (from: string, to: string, text?: string): void => {
    edges.add(text === undefined ? `  ${from} --> ${to}` : `  ${from} -- ${label(text)} --> ${to}`);
  };
  // Keyed by the hosts named, so that the load balancers reached by name and by Fastly are one node.
  const roleHosts = (role: string, datacenter?: string): string => {
    const text = `${role}: ${estate
      .hostsWithRole(role)
      .filter((h) => datacenter === undefined || h.datacenter === datacenter)
      .map((h) => h.fqdn)
      .join(", ")}`;
    return node(`hosts:${text}`, text);
  };
  const backendTarget = (origin: FastlyBackendOrigin): string =>
    origin.kind === "heroku-app"
      ? node(`heroku:${origin.app}`, `Heroku app ${origin.app}`)
      : origin.kind === "s3-website"
        ? node(`s3:${origin.site}`, `S3 website ${origin.site}`)
        : roleHosts(origin.role, origin.datacenter);
  const zoneOf = (name: string): string => {
    const zone =
      zoneContaining(
        name,
        [...estate.zones, ...estate.externalZones].map((z) => z.name),
      ) ?? "";
    return estate.externalZones.some((z) => z.name === zone) ? `${zone}, kept elsewhere` : zone;
  };
  // Each name leads to what answers it, so that the names routed through the load balancers stay told apart: the edge
  // says what HAProxy does with it, and ends at the role's hosts, the redirect or the site it passes it on to.
  for (const service of estate.services) {
    for (const name of service.names) {
      const zone = node(`zone:${zoneOf(name)}`, `zone ${zoneOf(name)}`, "round");
      const named = node(`name:${name}`, name);
      edge(zone, named);
      const { target, how } = originOf(service);
      edge(named, target, how);
    }
  }
  function originOf(service: PublicService): { target: string; how?: string } {
    const origin = service.origin;
    switch (origin.kind) {
      case "load-balancer":
        return { target: roleHosts(origin.backendRole), how: "HAProxy routes" };
      case "load-balancer-redirect":
        return { target: node(`redirect:${origin.redirectTo}`, `redirect to ${origin.redirectTo}`), how: "HAProxy redirects" };
      case "load-balancer-proxy":
        return { target: node(`upstream:${origin.upstream}`, `${origin.upstream} (outside the estate)`), how: "HAProxy passes on" };
      case "droplet":
        return { target: roleHosts(origin.role) };
      case "heroku":
        return { target: node(`heroku:${origin.app}`, `Heroku app ${origin.app}`) };
      case "s3-website":
        return { target: node(`s3:${origin.site}`, `S3 website ${origin.site}`) };
      case "fastly": {
        const fastly = node(`fastly:${origin.service}`, `Fastly ${origin.service}`);
        for (const backend of estate.fastlyServices.find((f) => f.name === origin.service)?.backends ?? []) {
          edge(fastly, backendTarget(backend.origin), backend.name);
        }
        return { target: fastly };
      }
    }
  }
  return ["flowchart LR", ...nodes, ...[...edges]];
}

function zonesSection(estate: Estate): string {
  return [
    `Every zone is hosted by Route 53 on one delegation set and signed with DNSSEC. ${estate.registrar.name}, the registrar, delegates each domain to the zone's name servers and publishes its key-signing key, both read from the dns stack (the gandi stack).`,
    "",
    table(
      ["zone", "purpose", "record sets", "SPF"],
      estate.zones.map((z) => [z.name, z.purpose, String(estate.recordsIn(z.name).length), code(z.spf)]),
    ),
    `Every host's own records (${code(`<name>.<datacenter>.${estate.hostZone}`)}, TTL ${estate.hostRecords.ttlSeconds}) have one writer, the dns stack. ${estate.hostRecords.retiringWriter.name} (${sourceText(estate.hostRecords.retiringWriter.where)}) writes the same A records today, until ${estate.hostRecords.retiringWriter.until}.`,
    "",
  ].join("\n");
}

function herokuSection(estate: Estate): string {
  return (
    table(
      ["app", "what", "owner", "custom domains", "formation", "add-ons"],
      estate.heroku.apps.map((a) => [
        a.name,
        a.description,
        estate.owner(a.owner).name,
        (a.customDomains ?? []).join(", ") || "none",
        a.formation.map((p) => `${p.quantity}× ${p.type} (${p.size})`).join(", "),
        (a.addons ?? []).map((x) => x.plan).join(", ") || "none",
      ]),
    ) + `\nAll in the Heroku team ${code(estate.heroku.team)}.\n`
  );
}

function fastlySection(estate: Estate): string {
  const ca = estate.psfCa;
  return (
    `Fastly checks the certificates of origins and log servers signed by the PSF's own CA against ${ca.name}'s certificate (valid until ${ca.notAfter}), which is public: ${sourceText(ca.source)}.\n\n` +
    table(
      ["service", "domains", "backends", "logs to", "owner"],
      estate.fastlyServices.map((f) => [
        f.name,
        f.domains.join(", "),
        f.backends
          .map(
            (b) =>
              `${b.name}: ${b.origin.kind === "heroku-app" ? `Heroku app ${b.origin.app}` : b.origin.kind === "s3-website" ? `S3 website ${b.origin.site}, plain HTTP` : `${b.origin.role} hosts in ${b.origin.datacenter}`} port ${b.port}`,
          )
          .join("; "),
        [
          f.s3Logging === undefined ? undefined : `S3 ${f.s3Logging.bucketName}${f.s3Logging.path}`,
          f.syslogLogging === undefined ? undefined : `syslog ${f.syslogLogging.name} on ${f.syslogLogging.host}`,
          f.datadogLogging === undefined ? undefined : `Datadog ${f.datadogLogging.name}`,
        ]
          .filter((x) => x !== undefined)
          .join("; "),
        estate.owner(f.owner).name,
      ]),
    )
  );
}

function monitoringSection(estate: Estate): string {
  const { onCall, monitoring } = estate;
  const monitorText = (m: (typeof monitoring.monitors)[number]): string => {
    switch (m.kind) {
      case "agent-reporting":
        return `every ${m.role} host reporting (${m.hosts.join(", ")})`;
      case "disk":
        return `disk space on ${m.fqdn}`;
      case "volume":
        return `disk space on volume ${m.volume} (${m.mountPoint} on ${m.fqdn})`;
      case "database":
        return `the database cluster ${m.cluster} accepting connections`;
    }
  };
  return [
    `PagerDuty pages along one escalation policy, "${onCall.escalationPolicy}", repeated ${onCall.policyRepeats} times:`,
    "",
    table(
      ["level", "rotation", "turns", "escalates after"],
      onCall.rotations.map((r, i) => [String(i + 1), r.name, `${r.turnLengthHours} hours from ${r.startsAt}`, `${r.escalateAfterMinutes} minutes`]),
    ),
    "Who is in each rotation is not written here: each rotation's people are a variable of their PagerDuty emails.",
    "",
    `Every owner something pages has a PagerDuty service on that policy: ${monitoring.pagedOwners.map((o) => code(pagingServiceName(o))).join(", ")}.`,
    "",
    `Pingdom checks every public name that serves the web every ${estate.uptimeChecking.intervalMinutes} minute(s), alerting its owner's service after ${estate.uptimeChecking.alertAfterFailures} failures: ${monitoring.uptimeChecks.length} checks, over HTTPS with the certificate verified but for these:`,
    "",
    table(
      ["name", "checked", "why"],
      estate.services.flatMap((s) => {
        const check = s.check;
        if (check === undefined || (check.kind === "https" && check.path === "/")) return [];
        const how =
          check.kind === "https"
            ? `over HTTPS, ${code(check.path)}`
            : check.kind === "http"
              ? `over plain HTTP, ${code(check.path)}`
              : check.kind === "https-self-signed"
                ? `over HTTPS without verifying the certificate, ${code(check.path)}`
                : "not checked";
        return s.names.map((name) => [name, how, check.reason ?? ""]);
      }),
    ),
    "Datadog's monitors, each paging its owners' services:",
    "",
    table(
      ["monitor", "watches", "pages"],
      monitoring.monitors.map((m) => [m.key, monitorText(m), m.owners.map(pagingServiceName).join(", ")]),
    ),
  ].join("\n");
}

function elsewhereSection(estate: Estate): string {
  const zoneNames = estate.zones.map((z) => z.name);
  const inManagedZones = estate.externalServices.flatMap((s) =>
    s.names.filter((name) => zoneContaining(name, zoneNames) !== undefined).map((name) => `${name} (${s.name})`),
  );
  return [
    table(
      ["service", "names", "managed by", "owner", "notes"],
      estate.externalServices.map((s) => [s.name, s.names.join(", "), s.managedBy, estate.owner(s.owner).name, s.notes]),
    ),
    `Names in zones this estate manages that others serve: ${inManagedZones.join(", ")}. The dns stack declares no record for them (the zone's own CAA and SPF at an apex aside), and Terraform touches only what it declares: nothing here writes or removes their records; whoever serves them keeps them. The inventory refuses a service or a record of its own at one of them.`,
    "",
    "Zones in which the load balancers serve names, but whose records are kept elsewhere: no record of them is written here.",
    "",
    table(
      ["zone", "purpose", "kept by", "names served here"],
      estate.externalZones.map((z) => [
        z.name,
        z.purpose,
        z.managedBy,
        estate.services.flatMap((s) => s.names.filter((name) => zoneContaining(name, [...zoneNames, z.name]) === z.name)).join(", ") || "none",
      ]),
    ),
  ].join("\n");
}

function assumedSection(estate: Estate): string {
  const rows = estate.sources().flatMap((s) => (s.source.kind === "assumed" ? [[s.label, s.field ?? "(the item)", s.source.reason]] : []));
  return [
    `${rows.length} values nobody published. Each is this project's choice or guess; check it against the live estate when adopting it.`,
    "",
    table(["item", "field", "why"], rows),
  ].join("\n");
}

function differencesSection(estate: Estate): string {
  return [
    "Where the estate knowingly differs from the configuration the PSF publishes, and why.",
    "",
    table(
      ["item", "feature", "published", "here"],
      estate.differences().map(({ label: item, difference }) => [item, difference.feature, difference.published, difference.reason]),
    ),
  ].join("\n");
}

function sourceText(source: Source): string {
  switch (source.kind) {
    case "seed":
      return `the seed, "${source.section}"`;
    case "public":
      return `${source.repository} ${code(source.path)}`;
    case "assumed":
      return `assumed: ${source.reason}`;
  }
}

function sourcesSection(estate: Estate): string {
  const counts = new Map<string, number>();
  for (const { source } of estate.sources()) {
    if (source.kind === "assumed") continue;
    const key = sourceText(source);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return table(
    ["source", "values cited"],
    [...counts].sort(([a], [b]) => compareStrings(a, b)).map(([source, count]) => [source, String(count)]),
  );
}
