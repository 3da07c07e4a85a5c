import { portRangeLabel, type PortRange } from "../inventory";
import { spelledOut } from "../values/remote-state-locals";
import { resolveReference } from "./support/references";
import { resourcesOf, stackJson, synthCommittedEstate, type TerraformJson } from "./support/synth-estate";
import { defined } from "./support/defined";

const synth = synthCommittedEstate();
const { estate } = synth;

type Rule = { protocol: string; port_range?: string; source_addresses: string[] | string };

function dropletByName(stack: TerraformJson, name: string): [string, Record<string, unknown>] {
  const entry = Object.entries(resourcesOf(stack, "digitalocean_droplet")).find(([, d]) => d.name === name);
  if (entry === undefined) throw new Error(`no droplet named ${name}`);
  return entry;
}

/** The inbound rules of the firewall that applies to droplet `address`. */
function inboundRulesFor(stack: TerraformJson, dropletAddress: string): Rule[] {
  const firewalls = Object.values(resourcesOf(stack, "digitalocean_firewall")).filter((fw) =>
    (fw.droplet_ids as string[]).includes(`\${digitalocean_droplet.${dropletAddress}.id}`),
  );
  expect(firewalls).toHaveLength(1);
  return defined(firewalls[0]).inbound_rule as Rule[];
}

function openPorts(rules: Rule[], sources: string[] | string): string[] {
  return rules
    .filter((r) => r.port_range !== undefined && JSON.stringify(r.source_addresses) === JSON.stringify(sources))
    .map((r) => `${r.protocol}/${r.port_range}`)
    .sort();
}

const WORLD = ["0.0.0.0/0", "::/0"];

/** The managed database cluster, the datacenter it lives in, and the stacks of both. */
const cluster = estate.databaseCluster;
const clusterDc = estate.datacenter(cluster.datacenter);
const DC_STACK = `digitalocean-${clusterDc.key}`;
const DATABASE_STACK = `${DC_STACK}-database`;

/**
 * What a reference written in the database's stack to one of the cluster's datacenter stack's outputs (a cdktf
 * cross-stack reference, read through a local of the remote state's outputs) stands for there.
 */
function fromClusterDc(reference: unknown): unknown {
  const pattern = new RegExp(`^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-${DC_STACK}\\.outputs\\.([A-Za-z0-9_-]+)\\}$`);
  const output = pattern.exec(spelledOut(String(reference), stackJson(synth, DATABASE_STACK)))?.[1];
  if (output === undefined) throw new Error(`${String(reference)} is not a reference to an output of ${DC_STACK}`);
  return stackJson(synth, DC_STACK).output?.[output]?.value;
}

describe("DigitalOcean datacenters", () => {
  it("puts every droplet of the inventory in its datacenter's region, VPC and stack", () => {
    for (const host of estate.hosts) {
      const dc = estate.datacenter(host.datacenter);
      const stack = stackJson(synth, `digitalocean-${dc.key}`);
      const [, droplet] = dropletByName(stack, host.dropletName);
      expect(droplet.region).toBe(dc.region);
      const vpcs = resourcesOf(stack, "digitalocean_vpc");
      const [vpcName, vpc] = defined(Object.entries(vpcs)[0]);
      expect(vpc.region).toBe(dc.region);
      expect(vpc.ip_range).toBe(dc.privateRange);
      expect(droplet.vpc_uuid).toBe(`\${digitalocean_vpc.${vpcName}.id}`);
    }
    const total = [...synth.json.values()].reduce((n, s) => n + Object.keys(resourcesOf(s, "digitalocean_droplet")).length, 0);
    expect(total).toBe(estate.hosts.length);
  });

  it("gives every datacenter of the inventory a stack, its one VPC in the datacenter's region", () => {
    for (const dc of estate.datacenters) {
      expect(Object.values(resourcesOf(stackJson(synth, `digitalocean-${dc.key}`), "digitalocean_vpc"))).toEqual([
        expect.objectContaining({ region: dc.region, ip_range: dc.privateRange }),
      ]);
    }
  });

  it("gives every droplet IPv6, monitoring, role/dc/owner tags and the admin keys variable", () => {
    for (const host of estate.hosts) {
      const [, droplet] = dropletByName(stackJson(synth, `digitalocean-${host.datacenter}`), host.dropletName);
      expect(droplet).toMatchObject({ ipv6: true, monitoring: true, ssh_keys: "${var.admin_ssh_key_fingerprints}" });
      expect(droplet.tags).toEqual([`dc:${host.datacenter}`, `owner:${host.owner}`, `role:${host.role}`]);
    }
  });

  it("protects data-holding droplets from destruction, and no droplet is replaced for an image or key change", () => {
    for (const host of estate.hosts) {
      const [, droplet] = dropletByName(stackJson(synth, `digitalocean-${host.datacenter}`), host.dropletName);
      expect(droplet.lifecycle).toEqual({ ignore_changes: ["image", "ssh_keys"], prevent_destroy: host.holdsData });
      expect(droplet.backups).toBe(host.holdsData);
    }
  });

  it("opens on every droplet exactly its role's ports: world, private network, every host of the estate, Fastly", () => {
    // Expectations from the inventory's own fields, not from the estate's helpers that the stacks use (Estate.worldPorts,
    // internalPorts, estatePorts): a helper that dropped a port would otherwise agree with itself.
    const labels = (ports: readonly PortRange[]): string[] => ports.map((p) => `${p.protocol}/${portRangeLabel(p)}`).sort();
    for (const host of estate.hosts) {
      const dc = estate.datacenter(host.datacenter);
      const stack = stackJson(synth, `digitalocean-${dc.key}`);
      const [address] = dropletByName(stack, host.dropletName);
      const rules = inboundRulesFor(stack, address);
      const role = estate.role(host.role);
      const world = labels([...estate.commonWorldPorts, ...role.worldPorts]);
      const estatePorts = labels(role.estatePorts ?? []);
      const discovery = estate.serviceDiscovery.datacenters.includes(dc.key) ? estate.serviceDiscovery.ports : [];
      const internal = labels([...discovery, ...role.internalPorts]).filter((p) => !estatePorts.includes(p));
      expect({ host: host.key, world: openPorts(rules, WORLD) }).toEqual({ host: host.key, world });
      expect({ host: host.key, internal: openPorts(rules, [dc.privateRange]) }).toEqual({ host: host.key, internal });
      expect({ host: host.key, fastly: openPorts(rules, "${var.fastly_source_ranges}") }).toEqual({
        host: host.key,
        fastly: labels(role.fastlyPorts),
      });
      // Every other host of the estate, by the public address of its own droplet in its own datacenter's state.
      const elsewhere = estate.hosts.filter((h) => h.datacenter !== dc.key);
      const estateRules = rules.filter(
        (r) => Array.isArray(r.source_addresses) && r.source_addresses[0] === dc.privateRange && r.source_addresses.length > 1,
      );
      expect(estateRules.map((r) => `${r.protocol}/${r.port_range}`).sort()).toEqual(estatePorts);
      // ... and the addresses outside every datacenter the role names, as written.
      const outside = (role.estatePortsAlsoFrom ?? []).map((source) => source.address);
      for (const rule of estateRules) {
        const sources = (rule.source_addresses as string[]).slice(1);
        expect(sources.filter((value) => !value.startsWith("${"))).toEqual(outside);
        const admitted = sources.filter((value) => value.startsWith("${")).map((value) => resolveReference(synth, `digitalocean-${dc.key}`, value));
        expect(admitted.map((a) => [a?.type, a?.attribute, a?.resource.name]).sort()).toEqual(
          elsewhere.map((h) => ["digitalocean_droplet", "ipv4_address", h.dropletName]).sort(),
        );
      }
      // Nothing else: no port rule beyond those above.
      expect(rules.filter((r) => r.port_range !== undefined)).toHaveLength(
        world.length + internal.length + estatePorts.length + role.fastlyPorts.length,
      );
    }
  });

  it("lets every host of every datacenter reach the Salt master", () => {
    expect(estate.estatePorts(estate.role("salt-master")).map((p) => `${p.protocol}/${portRangeLabel(p)}`)).toContain("tcp/4505-4506");
  });

  it("opens Consul's ports only where Consul runs, to that datacenter's private network, and nowhere to other datacenters", () => {
    for (const dc of estate.datacenters) {
      const stack = stackJson(synth, `digitalocean-${dc.key}`);
      const consul = Object.values(resourcesOf(stack, "digitalocean_firewall"))
        .flatMap((f) => f.inbound_rule as { port_range?: string; source_addresses?: string[] }[])
        .filter((r) => r.port_range === "8300-8302");
      if (estate.serviceDiscovery.datacenters.includes(dc.key)) {
        expect(consul.length).toBeGreaterThan(0);
        for (const rule of consul) expect(rule.source_addresses).toEqual([dc.privateRange]);
      } else {
        expect({ dc: dc.key, consul }).toEqual({ dc: dc.key, consul: [] });
      }
    }
  });

  it("declares Fastly's source ranges in exactly the datacenters where a role opens a port to Fastly", () => {
    for (const dc of estate.datacenters) {
      const needsFastly = estate.hostsIn(dc.key).some((h) => estate.role(h.role).fastlyPorts.length > 0);
      const variable = stackJson(synth, `digitalocean-${dc.key}`).variable?.fastly_source_ranges;
      if (needsFastly)
        expect({ dc: dc.key, variable }).toEqual({ dc: dc.key, variable: expect.objectContaining({ type: "list(string)", nullable: false }) });
      else expect({ dc: dc.key, variable }).toEqual({ dc: dc.key, variable: undefined });
    }
  });

  it("attaches every data volume of the inventory to its host, protected, and no other", () => {
    const withVolume = estate.hosts.filter((h) => h.volume !== undefined);
    expect(withVolume.length).toBeGreaterThan(0);
    for (const dc of estate.datacenters) {
      const stack = stackJson(synth, `digitalocean-${dc.key}`);
      const volumes = Object.entries(resourcesOf(stack, "digitalocean_volume"));
      const attachments = Object.values(resourcesOf(stack, "digitalocean_volume_attachment"));
      const hosts = withVolume.filter((h) => h.datacenter === dc.key);
      expect({ dc: dc.key, volumes: volumes.length, attachments: attachments.length }).toEqual({
        dc: dc.key,
        volumes: hosts.length,
        attachments: hosts.length,
      });
      for (const host of hosts) {
        const [volumeName, volume] = defined(volumes.find(([, v]) => v.name === defined(host.volume).name));
        expect(volume).toMatchObject({ region: dc.region, size: defined(host.volume).sizeGiB, lifecycle: { prevent_destroy: true } });
        const [dropletAddress] = dropletByName(stack, host.dropletName);
        expect(attachments).toContainEqual(
          expect.objectContaining({
            droplet_id: `\${digitalocean_droplet.${dropletAddress}.id}`,
            volume_id: `\${digitalocean_volume.${volumeName}.id}`,
          }),
        );
      }
    }
  });

  it("runs the managed PostgreSQL cluster in a stack of its own, with the inventory's databases and users, admitting only their clients and the hosts that administer it", () => {
    const dcStack = stackJson(synth, DC_STACK);
    const database = stackJson(synth, DATABASE_STACK);
    const clusters = Object.entries(resourcesOf(database, "digitalocean_database_cluster"));
    expect(clusters).toHaveLength(1);
    const [clusterName, resource] = defined(clusters[0]);
    expect(resource).toMatchObject({
      name: cluster.name,
      engine: cluster.engine,
      version: cluster.version,
      size: cluster.size,
      node_count: cluster.nodeCount,
      region: clusterDc.region,
      lifecycle: { prevent_destroy: true },
    });
    const [vpcName] = Object.keys(resourcesOf(dcStack, "digitalocean_vpc"));
    expect(fromClusterDc(resource.private_network_uuid)).toBe(`\${digitalocean_vpc.${vpcName}.id}`);
    const expected = cluster.databases.map((db) => db.name).sort();
    const names = (type: string): unknown[] =>
      Object.values(resourcesOf(database, type))
        .map((r) => r.name)
        .sort();
    expect(names("digitalocean_database_db")).toEqual(expected);
    expect(names("digitalocean_database_user")).toEqual(expected);
    const firewall = Object.values(resourcesOf(database, "digitalocean_database_firewall"));
    expect(firewall).toHaveLength(1);
    expect(defined(firewall[0]).cluster_id).toBe(`\${digitalocean_database_cluster.${clusterName}.id}`);
    // The droplet ids come from the datacenter's state, through cdktf cross-stack references.
    const admitted = (defined(firewall[0]).rule as { type: string; value: string }[]).map((r) => fromClusterDc(r.value)).sort();
    const clientRoles = new Set([cluster.administeredByRole, ...cluster.databases.map((db) => db.usedByRole)]);
    const clients = estate
      .hostsIn(clusterDc.key)
      .filter((h) => clientRoles.has(h.role))
      .map((h) => `\${digitalocean_droplet.${dropletByName(dcStack, h.dropletName)[0]}.id}`)
      .sort();
    expect(clients.length).toBeGreaterThan(0);
    expect(admitted).toEqual(clients);
    expect(Object.keys(database.output ?? {}).sort()).toEqual(["postgres_port", "postgres_private_host"]);
  });

  it("keeps every database resource, its credentials with it, out of the stacks others read", () => {
    const databaseTypes = [
      "digitalocean_database_cluster",
      "digitalocean_database_db",
      "digitalocean_database_user",
      "digitalocean_database_firewall",
    ];
    for (const [name, stack] of synth.json) {
      if (name === DATABASE_STACK) continue;
      for (const type of databaseTypes) expect({ name, type, resources: resourcesOf(stack, type) }).toEqual({ name, type, resources: {} });
    }
    // Nobody reads the database stack's state.
    for (const [name, stack] of synth.json) {
      expect({ name, reads: Object.keys(stack.data?.terraform_remote_state ?? {}).filter((r) => r.endsWith(`-${DATABASE_STACK}`)) }).toEqual({
        name,
        reads: [],
      });
    }
  });

  it("has the cluster's datacenter forget, not destroy, every resource it handed over to the database stack, at the same addresses", () => {
    const database = stackJson(synth, DATABASE_STACK);
    const moved = Object.entries(database.resource ?? {})
      .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
      .sort();
    // The cluster and its firewall, and a database and a user per database.
    expect(moved).toHaveLength(2 + 2 * cluster.databases.length);
    // The addresses these resources had in digitalocean-nyc1 before the move (its snapshot before), which state mv and import keep.
    expect(moved).toEqual(
      expect.arrayContaining([
        "digitalocean_database_cluster.postgres_cluster_ACE3EF20",
        "digitalocean_database_db.postgres_db-roundup-cpython_24AF16D0",
        "digitalocean_database_firewall.postgres_firewall_CD79D0B6",
        "digitalocean_database_user.postgres_user-roundup-cpython_2D0EC51A",
      ]),
    );
    // The datacenter's stack also hands over the hosts that moved to another datacenter (state-moves.test.ts).
    const removed = ((stackJson(synth, DC_STACK) as { removed?: { from: string; lifecycle: unknown }[] }).removed ?? []).filter(
      (r) => !r.from.startsWith("digitalocean_droplet."),
    );
    expect(removed.map((r) => r.from)).toEqual(moved);
    for (const block of removed) expect(block.lifecycle).toEqual({ destroy: false });
    for (const other of estate.datacenters.filter((dc) => dc.key !== clusterDc.key)) {
      expect((stackJson(synth, `digitalocean-${other.key}`) as { removed?: unknown }).removed).toBeUndefined();
    }
  });

  it("creates one firewall per role present in each datacenter", () => {
    for (const dc of estate.datacenters) {
      const firewalls = Object.values(resourcesOf(stackJson(synth, `digitalocean-${dc.key}`), "digitalocean_firewall"))
        .map((f) => f.name)
        .sort();
      const roles = [...new Set(estate.hostsIn(dc.key).map((h) => h.role))].sort().map((r) => `psf-${dc.key}-${r}`);
      expect(firewalls).toEqual(roles);
    }
  });
});
