/*
 * Network rules: what the droplets' and the database's firewalls let in. A role's firewall construct is
 * `firewall-<role>` (its id is the role's name: a contract of the constructs), so a finding names the
 * role, where its exception is written.
 */
import type { PortFacts, PolicyFacts } from "../../inventory/estate-facts";
import { constructKey, isWorld, resourcesOfType, variablesOf, type ResourceEntry } from "../configuration";
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

function opensToWorld(rule: InboundRule): boolean {
  return sourcesOf(rule).some(isWorld);
}

function finding(rule: string, entry: ResourceEntry, role: RoleFacts, message: string): PolicyFinding {
  return { rule, stack: entry.stack, address: entry.address, subject: { kind: "role", name: role.name }, message: `${entry.path}: ${message}` };
}

const describe = (rule: InboundRule): string => `${rule.protocol} ${rule.port_range ?? "(all)"}`;

export const WORLD_PORTS_DECLARED: PolicyRule = {
  id: "network.world-ports-declared",
  rationale: "a port is open to the whole internet only where the role declares a public service on it",
  severity: "error",
  check: (context) => roleFirewalls(context).flatMap(({ entry, role, rules }) =>
    rules.filter((rule) => rule.protocol !== "icmp" && opensToWorld(rule) && !role.worldPorts.some((port) => matches(rule, port)))
      .map((rule) => finding("network.world-ports-declared", entry, role, `opens ${describe(rule)} to the world, but role "${role.name}" declares no public service there`))),
};

export const FASTLY_PORTS_FROM_FASTLY: PolicyRule = {
  id: "network.fastly-ports-from-fastly",
  rationale: "ports meant for Fastly admit only Fastly's published ranges, and those ranges are never a /0",
  severity: "error",
  check: (context) => roleFirewalls(context).flatMap(({ entry, role, rules }) => role.fastlyPorts.flatMap((port) => {
    const admitting = rules.filter((rule) => matches(rule, port));
    const problems: PolicyFinding[] = [];
    for (const rule of admitting) {
      const sources = sourcesOf(rule);
      const ranges = sources.filter((s) => /^\$\{var\.([A-Za-z0-9_]+)\}$/.test(s));
      if (sources.some(isWorld) || ranges.length !== sources.length || ranges.length === 0) {
        problems.push(finding("network.fastly-ports-from-fastly", entry, role, `admits ${describe(rule)} from ${sources.join(", ")}, not only from the variable of Fastly's ranges`));
        continue;
      }
      for (const reference of ranges) {
        const name = /^\$\{var\.([A-Za-z0-9_]+)\}$/.exec(reference)![1]!;
        const declaration = variablesOf(context.configurations.get(entry.stack) ?? {})[name];
        const conditions = ((declaration?.validation as { condition?: string }[] | undefined) ?? []).map((v) => v.condition ?? "").join(" ");
        if (!/endswith\([^)]*"\/0"\)/.test(conditions)) {
          problems.push({ ...finding("network.fastly-ports-from-fastly", entry, role, `takes Fastly's ranges from var.${name}, whose validation does not refuse a /0 range`), address: `var.${name}` });
        }
      }
    }
    return problems;
  })),
};

export const SSH_FROM_ADMIN_SOURCES: PolicyRule = {
  id: "network.ssh-from-admin-sources",
  rationale: "SSH is reachable only from the administrators' declared sources, or an exception says why not",
  severity: "error",
  check: (context) => roleFirewalls(context).flatMap(({ entry, role, rules }) =>
    rules.filter((rule) => rule.protocol === "tcp" && rule.port_range === "22" && opensToWorld(rule))
      .map(() => finding("network.ssh-from-admin-sources", entry, role, "opens ssh (tcp 22) to the world instead of to declared admin sources"))),
};

/** Mail protocols that carry passwords in clear text unless upgraded: POP3, IMAP, NNTP. */
const PLAINTEXT_MAIL: Readonly<Record<string, string>> = { "110": "POP3", "143": "IMAP", "119": "NNTP" };

export const NO_PLAINTEXT_MAIL: PolicyRule = {
  id: "network.no-plaintext-mail",
  rationale: "plaintext IMAP, POP3 and NNTP expose passwords; their TLS ports serve the same",
  severity: "error",
  check: (context) => roleFirewalls(context).flatMap(({ entry, role, rules }) =>
    rules.filter((rule) => rule.protocol === "tcp" && PLAINTEXT_MAIL[rule.port_range ?? ""] !== undefined && opensToWorld(rule))
      .map((rule) => finding("network.no-plaintext-mail", entry, role, `opens plaintext ${PLAINTEXT_MAIL[rule.port_range!]} (tcp ${rule.port_range}) to the world`))),
};

export const DROPLET_IN_ONE_ROLE_FIREWALL: PolicyRule = {
  id: "network.droplet-in-one-role-firewall",
  rationale: "every droplet sits in exactly one role firewall: none leaves it open, two make its ports the union of both",
  severity: "error",
  check: (context) => {
    const firewalls = roleFirewalls(context);
    return resourcesOfType(context, "digitalocean_droplet").flatMap((droplet) => {
      const reference = `\${${droplet.address}.id}`;
      const holding = firewalls.filter(({ entry }) => entry.stack === droplet.stack && ((entry.body.droplet_ids as string[] | undefined) ?? []).includes(reference));
      if (holding.length === 1) return [];
      const host = String(droplet.body.name ?? droplet.address);
      // A host's exceptions are written beside it and found by its FQDN, which an older droplet name is not.
      const fqdn = context.facts.policy.hosts.find((h) => h.dropletName === droplet.body.name)?.fqdn;
      return [{
        rule: "network.droplet-in-one-role-firewall",
        stack: droplet.stack,
        address: droplet.address,
        subject: fqdn === undefined ? { kind: "estate" } : { kind: "host", name: fqdn },
        message: `${droplet.path}: droplet ${host} is in ${holding.length === 0 ? "no role firewall" : `${holding.length} role firewalls (${holding.map((h) => h.role.name).join(", ")})`}`,
      }];
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
      const guarding = firewalls.filter((f) => f.stack === cluster.stack && f.body.cluster_id === reference && ((f.body.rule as unknown[] | undefined) ?? []).length > 0);
      return guarding.length > 0 ? [] : [{
        rule: "network.database-firewall-not-empty",
        stack: cluster.stack,
        address: cluster.address,
        subject: { kind: "estate" as const },
        message: `${cluster.path}: database cluster ${String(cluster.body.name)} has no firewall with a rule, so any source may connect`,
      }];
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
];
