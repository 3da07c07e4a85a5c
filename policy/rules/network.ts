/*
 * Network rules: what the droplets' and the database's firewalls let in. A role's firewall construct is
 * `firewall-<role>` (its id is the role's name: a contract of the constructs), so a finding names the
 * role, where its exception is written. "Open to the world" is counted as address space (policy/exposure.ts):
 * the sources admitting a port, all the firewall's rules together, covering more than a /8 of either family.
 */
import type { PortFacts, PolicyFacts } from "../../inventory/estate-facts";
import { constructCause, hostItem, inventoryCause } from "../cause";
import { constructKey, resourcesOfType, variablesOf, withVariableDefaults, type ResourceEntry } from "../configuration";
import { describeExposure, exposureOf, isWideOpen, type Exposure } from "../exposure";
import { spelledOut } from "../../values/remote-state-locals";
import type { PolicyContext, PolicyFinding, PolicyRule } from "../types";

type RoleFacts = PolicyFacts["roles"][number];

interface InboundRule {
  readonly protocol: string;
  readonly port_range?: string;
  readonly source_addresses?: readonly string[] | string;
}

const FIREWALL_PREFIX = "firewall-";

/** Each role firewall with its role, and its inbound rules. */
function roleFirewalls(context: PolicyContext): { entry: ResourceEntry; role: RoleFacts; rules: InboundRule[] }[] {
  return resourcesOfType(context, "digitalocean_firewall").flatMap((entry) => {
    const key = constructKey(entry);
    const role = key.startsWith(FIREWALL_PREFIX) ? context.facts.policy.roles.find((r) => r.name === key.slice(FIREWALL_PREFIX.length)) : undefined;
    return role === undefined ? [] : [{ entry, role, rules: (entry.body.inbound_rule as InboundRule[] | undefined) ?? [] }];
  });
}

function sourcesOf(rule: InboundRule): readonly string[] {
  return typeof rule.source_addresses === "string" ? [rule.source_addresses] : (rule.source_addresses ?? []);
}

function matches(rule: InboundRule, port: PortFacts): boolean {
  const range = port.from === port.to ? `${port.from}` : `${port.from}-${port.to}`;
  return rule.protocol === port.protocol && rule.port_range === range;
}

const ALL_PORTS = { from: 1, to: 65535 } as const;

/**
 * The ports a rule admits: DigitalOcean's "22", "8000-8080", "all" or "1-65535". A range the policy cannot read (an
 * interpolation) is taken as every port, so that what it admits is never left out.
 */
function portsOf(rule: InboundRule): { readonly from: number; readonly to: number } {
  const match = /^([0-9]{1,5})(?:-([0-9]{1,5}))?$/.exec(rule.port_range ?? "");
  if (match === null) return ALL_PORTS;
  const from = Number(match[1]);
  const to = Number(match[2] ?? match[1]);
  return from >= 1 && from <= to && to <= 65535 ? { from, to } : ALL_PORTS;
}

/** A run of ports of one protocol that a firewall admits from more than a /8's worth of the internet. */
interface WideOpening {
  readonly protocol: "tcp" | "udp";
  readonly from: number;
  to: number;
  /** Every source admitting these ports, all rules together, sorted. */
  readonly sources: readonly string[];
  readonly exposure: Exposure;
}

/**
 * The wide-open ports of one firewall. Sources are counted per port, over every rule admitting it, so that a range
 * split across rules (`0.0.0.0/1` in one, `128.0.0.0/1` in another) is counted whole; ports admitted from the same
 * sources in a row are one opening.
 */
function wideOpenings(rules: readonly InboundRule[], configuration: Readonly<Record<string, unknown>>): WideOpening[] {
  const openings: WideOpening[] = [];
  for (const protocol of ["tcp", "udp"] as const) {
    const admitting = rules
      .filter((r) => r.protocol === protocol)
      .map((r) => ({
        ports: portsOf(r),
        sources: withVariableDefaults(
          sourcesOf(r).map((s) => spelledOut(s, configuration)),
          configuration,
        ),
      }));
    // Between two consecutive bounds, every rule admits all ports or none.
    const bounds = [...new Set(admitting.flatMap((r) => [r.ports.from, r.ports.to + 1]))].sort((a, b) => a - b);
    bounds.forEach((from, index) => {
      const next = bounds[index + 1];
      // The last bound only ends the last interval.
      if (next === undefined) return;
      const to = next - 1;
      const sources = [...new Set(admitting.filter((r) => r.ports.from <= from && to <= r.ports.to).flatMap((r) => r.sources))].sort();
      const exposure = exposureOf(sources);
      if (sources.length === 0 || !isWideOpen(exposure)) return;
      const last = openings[openings.length - 1];
      if (last !== undefined && last.protocol === protocol && last.to + 1 === from && last.sources.join("\n") === sources.join("\n")) last.to = to;
      else openings.push({ protocol, from, to, sources, exposure });
    });
  }
  return openings;
}

/** The parts of `from`-`to` that none of `covered` holds. */
function uncovered(from: number, to: number, covered: readonly { readonly from: number; readonly to: number }[]): { from: number; to: number }[] {
  return covered.reduce<{ from: number; to: number }[]>(
    (pieces, c) =>
      pieces.flatMap((p) =>
        c.to < p.from || c.from > p.to
          ? [p]
          : [...(c.from > p.from ? [{ from: p.from, to: c.from - 1 }] : []), ...(c.to < p.to ? [{ from: c.to + 1, to: p.to }] : [])],
      ),
    [{ from, to }],
  );
}

/** A finding about a role's firewall, made by the role's `field` (the ports it declares) unless `cause` says otherwise. */
function finding(
  rule: string,
  entry: ResourceEntry,
  role: RoleFacts,
  field: string,
  message: string,
  cause = inventoryCause(`role "${role.name}"`, field),
): PolicyFinding {
  return {
    rule,
    stack: entry.stack,
    address: entry.address,
    subject: { kind: "role", name: role.name },
    cause,
    message: `${entry.path}: ${message}`,
  };
}

/**
 * Where a world-open port is declared: a port every role declares comes from the ports every host opens (the facts give
 * each role's world ports with those), any other from the role's own.
 */
function worldPortCause(context: PolicyContext, role: RoleFacts, protocol: string, port: number): ReturnType<typeof inventoryCause> {
  const declares = (r: RoleFacts): boolean => r.worldPorts.some((p) => p.protocol === protocol && p.from <= port && port <= p.to);
  return context.facts.policy.roles.every(declares)
    ? inventoryCause("every host", "commonWorldPorts")
    : inventoryCause(`role "${role.name}"`, "worldPorts");
}

const describe = (rule: InboundRule): string => `${rule.protocol} ${rule.port_range ?? "(all)"}`;
const portsLabel = (protocol: string, from: number, to: number): string => `${protocol} ${from === to ? `${from}` : `${from}-${to}`}`;

/** Each role firewall's wide-open ports. */
function roleOpenings(context: PolicyContext): { entry: ResourceEntry; role: RoleFacts; openings: WideOpening[] }[] {
  return roleFirewalls(context).map(({ entry, role, rules }) => ({
    entry,
    role,
    openings: wideOpenings(rules, context.configurations.get(entry.stack) ?? {}),
  }));
}

export const WORLD_PORTS_DECLARED: PolicyRule = {
  id: "network.world-ports-declared",
  rationale: "a port is open to the whole internet only where the role declares a public service on it",
  severity: "error",
  check: (context) =>
    roleOpenings(context).flatMap(({ entry, role, openings }) =>
      openings.flatMap((opening) =>
        uncovered(
          opening.from,
          opening.to,
          role.worldPorts.filter((p) => p.protocol === opening.protocol),
        ).map(({ from, to }) =>
          finding(
            "network.world-ports-declared",
            entry,
            role,
            "worldPorts",
            `opens ${portsLabel(opening.protocol, from, to)} to the world (${describeExposure(opening.exposure)}), but role "${role.name}" declares no public service there`,
          ),
        ),
      ),
    ),
};

export const FASTLY_PORTS_FROM_FASTLY: PolicyRule = {
  id: "network.fastly-ports-from-fastly",
  rationale: "ports meant for Fastly admit only Fastly's published ranges, and those ranges are never a /0",
  severity: "error",
  check: (context) =>
    roleFirewalls(context).flatMap(({ entry, role, rules }) =>
      role.fastlyPorts.flatMap((port) => {
        const admitting = rules.filter((rule) => matches(rule, port));
        const problems: PolicyFinding[] = [];
        for (const rule of admitting) {
          const sources = sourcesOf(rule);
          const variables = sources.flatMap((s) => /^\$\{var\.([A-Za-z0-9_]+)\}$/.exec(s)?.[1] ?? []);
          if (variables.length !== sources.length || variables.length === 0) {
            problems.push(
              finding(
                "network.fastly-ports-from-fastly",
                entry,
                role,
                "fastlyPorts",
                `admits ${describe(rule)} from ${sources.join(", ")}, not only from the variable of Fastly's ranges`,
              ),
            );
            continue;
          }
          for (const name of variables) {
            const declaration = variablesOf(context.configurations.get(entry.stack) ?? {})[name];
            const conditions = ((declaration?.validation as { condition?: string }[] | undefined) ?? []).map((v) => v.condition ?? "").join(" ");
            if (!/endswith\([^)]*"\/0"\)/.test(conditions)) {
              problems.push({
                ...finding(
                  "network.fastly-ports-from-fastly",
                  entry,
                  role,
                  "fastlyPorts",
                  `takes Fastly's ranges from var.${name}, whose validation does not refuse a /0 range`,
                  constructCause("the variable of Fastly's ranges (stacks/)"),
                ),
                address: `var.${name}`,
              });
            }
          }
        }
        return problems;
      }),
    ),
};

export const SSH_FROM_ADMIN_SOURCES: PolicyRule = {
  id: "network.ssh-from-admin-sources",
  rationale: "SSH is reachable only from the administrators' declared sources, or an exception says why not",
  severity: "error",
  check: (context) =>
    roleOpenings(context).flatMap(({ entry, role, openings }) =>
      openings
        .filter((o) => o.protocol === "tcp" && o.from <= 22 && 22 <= o.to)
        .map((o) =>
          finding(
            "network.ssh-from-admin-sources",
            entry,
            role,
            "worldPorts",
            `opens ssh (tcp 22) to the world (${describeExposure(o.exposure)}) instead of to declared admin sources`,
            worldPortCause(context, role, "tcp", 22),
          ),
        ),
    ),
};

/** Mail protocols that carry passwords in clear text unless upgraded: POP3, IMAP, NNTP. */
const PLAINTEXT_MAIL: Readonly<Record<number, string>> = { 110: "POP3", 143: "IMAP", 119: "NNTP" };

export const NO_PLAINTEXT_MAIL: PolicyRule = {
  id: "network.no-plaintext-mail",
  rationale: "plaintext IMAP, POP3 and NNTP expose passwords; their TLS ports serve the same",
  severity: "error",
  check: (context) =>
    roleOpenings(context).flatMap(({ entry, role, openings }) =>
      openings
        .filter((o) => o.protocol === "tcp")
        .flatMap((o) =>
          Object.entries(PLAINTEXT_MAIL)
            .filter(([port]) => o.from <= Number(port) && Number(port) <= o.to)
            .map(([port, name]) =>
              finding(
                "network.no-plaintext-mail",
                entry,
                role,
                "worldPorts",
                `opens plaintext ${name} (tcp ${port}) to the world (${describeExposure(o.exposure)})`,
              ),
            ),
        ),
    ),
};

export const DROPLET_IN_ONE_ROLE_FIREWALL: PolicyRule = {
  id: "network.droplet-in-one-role-firewall",
  rationale: "every droplet sits in exactly one role firewall: none leaves it open, two make its ports the union of both",
  severity: "error",
  check: (context) => {
    const firewalls = roleFirewalls(context);
    return resourcesOfType(context, "digitalocean_droplet").flatMap((droplet) => {
      const reference = `\${${droplet.address}.id}`;
      const holding = firewalls.filter(
        ({ entry }) => entry.stack === droplet.stack && ((entry.body.droplet_ids as string[] | undefined) ?? []).includes(reference),
      );
      if (holding.length === 1) return [];
      const host = String(droplet.body.name ?? droplet.address);
      // A host's exceptions are written beside it and found by its FQDN, which an older droplet name is not.
      const fqdn = context.facts.policy.hosts.find((h) => h.dropletName === droplet.body.name)?.fqdn;
      return [
        {
          rule: "network.droplet-in-one-role-firewall",
          stack: droplet.stack,
          address: droplet.address,
          subject: fqdn === undefined ? { kind: "estate" } : { kind: "host", name: fqdn },
          cause: fqdn === undefined ? constructCause("DropletHost") : inventoryCause(hostItem(fqdn), "role"),
          message: `${droplet.path}: droplet ${host} is in ${holding.length === 0 ? "no role firewall" : `${holding.length} role firewalls (${holding.map((h) => h.role.name).join(", ")})`}`,
        },
      ];
    });
  },
};

export const DATABASE_FIREWALL_NOT_EMPTY: PolicyRule = {
  id: "network.database-firewall-not-empty",
  rationale: "DigitalOcean leaves a database cluster open to any source when its firewall has no rule",
  severity: "error",
  check: (context) => {
    const firewalls = resourcesOfType(context, "digitalocean_database_firewall");
    return resourcesOfType(context, "digitalocean_database_cluster").flatMap((cluster) => {
      const reference = `\${${cluster.address}.id}`;
      const guarding = firewalls.filter(
        (f) => f.stack === cluster.stack && f.body.cluster_id === reference && ((f.body.rule as unknown[] | undefined) ?? []).length > 0,
      );
      return guarding.length > 0
        ? []
        : [
            {
              rule: "network.database-firewall-not-empty",
              stack: cluster.stack,
              address: cluster.address,
              subject: { kind: "estate" as const },
              // Its rules admit the hosts of the roles the inventory names (administeredByRole, usedByRole): one always exists.
              cause: constructCause("ManagedPostgresCluster"),
              message: `${cluster.path}: database cluster ${String(cluster.body.name)} has no firewall with a rule, so any source may connect`,
            },
          ];
    });
  },
};

interface DatabaseFirewallRule {
  readonly type?: string;
  readonly value?: string;
}

export const DATABASE_NOT_WIDE_OPEN: PolicyRule = {
  id: "network.database-not-wide-open",
  rationale: "a database cluster admits addresses covering no more than a /8 of IPv4 or of IPv6, all its firewall's rules together",
  severity: "error",
  check: (context) => {
    // One cluster's rules may sit in several firewall resources: DigitalOcean admits their union.
    const byCluster = new Map<string, { entry: ResourceEntry; sources: string[] }>();
    for (const firewall of resourcesOfType(context, "digitalocean_database_firewall")) {
      const key = `${firewall.stack}\n${String(firewall.body.cluster_id)}`;
      const addresses = ((firewall.body.rule as DatabaseFirewallRule[] | undefined) ?? [])
        .filter((r) => r.type === "ip_addr")
        .map((r) => String(r.value));
      const configuration = context.configurations.get(firewall.stack) ?? {};
      const sources = withVariableDefaults(
        addresses.map((a) => spelledOut(a, configuration)),
        configuration,
      );
      const known = byCluster.get(key);
      if (known === undefined) byCluster.set(key, { entry: firewall, sources });
      else known.sources.push(...sources);
    }
    const clusters = resourcesOfType(context, "digitalocean_database_cluster");
    return [...byCluster.values()].flatMap(({ entry, sources }) => {
      const exposure = exposureOf([...new Set(sources)].sort());
      const cluster = clusters.find((c) => c.stack === entry.stack && `\${${c.address}.id}` === entry.body.cluster_id);
      return sources.length === 0 || !isWideOpen(exposure)
        ? []
        : [
            {
              rule: "network.database-not-wide-open",
              stack: entry.stack,
              address: entry.address,
              subject: { kind: "estate" as const },
              // The inventory names client roles, whose droplets are single addresses: a wide source is the construct's.
              cause: constructCause("ManagedPostgresCluster"),
              message: `${entry.path}: admits database cluster ${cluster === undefined ? String(entry.body.cluster_id) : String(cluster.body.name)} from ${describeExposure(exposure)}`,
            },
          ];
    });
  },
};

export const NETWORK_RULES: readonly PolicyRule[] = [
  WORLD_PORTS_DECLARED,
  FASTLY_PORTS_FROM_FASTLY,
  SSH_FROM_ADMIN_SOURCES,
  NO_PLAINTEXT_MAIL,
  DROPLET_IN_ONE_ROLE_FIREWALL,
  DATABASE_FIREWALL_NOT_EMPTY,
  DATABASE_NOT_WIDE_OPEN,
];
