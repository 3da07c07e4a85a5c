import { portRangeLabel } from "../inventory";
import { resourcesOf, stackJson, synthCommittedEstate, type TerraformJson } from "./support/synth-estate";

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
  const firewalls = Object.values(resourcesOf(stack, "digitalocean_firewall"))
    .filter((fw) => (fw.droplet_ids as string[]).includes(`\${digitalocean_droplet.${dropletAddress}.id}`));
  expect(firewalls).toHaveLength(1);
  return firewalls[0]!.inbound_rule as Rule[];
}

function openPorts(rules: Rule[], sources: string[] | string): string[] {
  return rules
    .filter((r) => r.port_range !== undefined && JSON.stringify(r.source_addresses) === JSON.stringify(sources))
    .map((r) => `${r.protocol}/${r.port_range}`)
    .sort();
}

const WORLD = ["0.0.0.0/0", "::/0"];

/** What a reference to one of digitalocean-nyc1's outputs (a cdktf cross-stack reference) stands for in nyc1. */
function fromNyc1(reference: unknown): unknown {
  const output = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-digitalocean-nyc1\.outputs\.([A-Za-z0-9_-]+)\}$/.exec(String(reference))?.[1];
  if (output === undefined) throw new Error(`${String(reference)} is not a reference to an output of digitalocean-nyc1`);
  return stackJson(synth, "digitalocean-nyc1").output?.[output]?.value;
}

describe("DigitalOcean datacenters", () => {
  it("puts every droplet of the inventory in its datacenter's region, VPC and stack", () => {
    for (const host of estate.hosts) {
      const dc = estate.datacenter(host.datacenter);
      const stack = stackJson(synth, `digitalocean-${dc.key}`);
      const [, droplet] = dropletByName(stack, host.dropletName);
      expect(droplet.region).toBe(dc.region);
      const vpcs = resourcesOf(stack, "digitalocean_vpc");
      const [vpcName, vpc] = Object.entries(vpcs)[0]!;
      expect(vpc.region).toBe(dc.region);
      expect(vpc.ip_range).toBe(dc.privateRange);
      expect(droplet.vpc_uuid).toBe(`\${digitalocean_vpc.${vpcName}.id}`);
    }
    const total = [...synth.json.values()].reduce((n, s) => n + Object.keys(resourcesOf(s, "digitalocean_droplet")).length, 0);
    expect(total).toBe(estate.hosts.length);
  });

  it("maps the PSF datacenters to the regions of the overview", () => {
    expect(estate.datacenters.map((dc) => [dc.key, dc.region])).toEqual([["ams1", "ams3"], ["nyc1", "nyc3"], ["sfo1", "sfo2"]]);
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
    expect(estate.hosts.filter((h) => h.holdsData).map((h) => h.key)).toEqual(
      expect.arrayContaining(["backup.sfo1", "mail.ams1", "hg.nyc1", "downloads.nyc1"]));
  });

  it("opens on every droplet exactly its role's ports: world, private network, Fastly", () => {
    for (const host of estate.hosts) {
      const dc = estate.datacenter(host.datacenter);
      const stack = stackJson(synth, `digitalocean-${dc.key}`);
      const [address] = dropletByName(stack, host.dropletName);
      const rules = inboundRulesFor(stack, address);
      const role = estate.role(host.role);
      const labels = (ports: typeof role.worldPorts): string[] => ports.map((p) => `${p.protocol}/${portRangeLabel(p)}`).sort();
      expect(openPorts(rules, WORLD)).toEqual(labels(estate.worldPorts(role)));
      expect(openPorts(rules, [dc.privateRange])).toEqual(labels(estate.internalPorts(role)));
      expect(openPorts(rules, "${var.fastly_source_ranges}")).toEqual(labels(role.fastlyPorts));
      const portRules = rules.filter((r) => r.port_range !== undefined);
      expect(portRules).toHaveLength(estate.worldPorts(role).length + estate.internalPorts(role).length + role.fastlyPorts.length);
    }
  });

  it("opens the facts sheet's ports for the load balancers, bugs and cdn-logs", () => {
    const nyc1 = stackJson(synth, "digitalocean-nyc1");
    const lb = inboundRulesFor(nyc1, dropletByName(nyc1, "lb-0.nyc1.psf.io")[0]);
    expect(openPorts(lb, WORLD)).toEqual(["tcp/22", "tcp/443", "tcp/80"]);
    // HAProxy's 2000x listeners are Fastly's entries (psf-salt's loadbalancer firewall pillar): only Fastly reaches them.
    expect(openPorts(lb, "${var.fastly_source_ranges}")).toEqual(["tcp/20000", "tcp/20002", "tcp/20004", "tcp/20010"]);
    const bugs = inboundRulesFor(nyc1, dropletByName(nyc1, "bugs.nyc1.psf.io")[0]);
    expect(openPorts(bugs, WORLD)).toEqual(["tcp/22"]);
    expect(openPorts(bugs, ["10.132.0.0/16"])).toEqual(["tcp/20025", "tcp/8300-8302", "tcp/9000-9002", "udp/8300-8302"]);
    const cdnLogs = inboundRulesFor(nyc1, dropletByName(nyc1, "cdn-logs.nyc1.psf.io")[0]);
    expect(openPorts(cdnLogs, "${var.fastly_source_ranges}")).toEqual(["tcp/514"]);
    expect(openPorts(cdnLogs, WORLD)).toEqual(["tcp/22"]);
    expect(nyc1.variable?.fastly_source_ranges).toMatchObject({ type: "list(string)", nullable: false });
    expect(stackJson(synth, "digitalocean-ams1").variable?.fastly_source_ranges).toBeUndefined();
  });

  it("attaches the backup host's protected data volume", () => {
    const sfo1 = stackJson(synth, "digitalocean-sfo1");
    const volumes = Object.entries(resourcesOf(sfo1, "digitalocean_volume"));
    expect(volumes).toHaveLength(1);
    const [volumeName, volume] = volumes[0]!;
    expect(volume).toMatchObject({ region: "sfo2", lifecycle: { prevent_destroy: true } });
    const [dropletAddress] = dropletByName(sfo1, "backup.sfo1.psf.io");
    expect(Object.values(resourcesOf(sfo1, "digitalocean_volume_attachment"))).toEqual([
      expect.objectContaining({ droplet_id: `\${digitalocean_droplet.${dropletAddress}.id}`, volume_id: `\${digitalocean_volume.${volumeName}.id}` }),
    ]);
  });

  it("runs the managed PostgreSQL cluster in a stack of its own, with its eight databases and users, admitting only its clients", () => {
    const nyc1 = stackJson(synth, "digitalocean-nyc1");
    const database = stackJson(synth, "digitalocean-nyc1-database");
    const clusters = Object.entries(resourcesOf(database, "digitalocean_database_cluster"));
    expect(clusters).toHaveLength(1);
    const [clusterName, cluster] = clusters[0]!;
    expect(cluster).toMatchObject({ name: "pg-nyc1-psf-io", engine: "pg", region: "nyc3", lifecycle: { prevent_destroy: true } });
    const [vpcName] = Object.keys(resourcesOf(nyc1, "digitalocean_vpc"));
    expect(fromNyc1(cluster.private_network_uuid)).toBe(`\${digitalocean_vpc.${vpcName}.id}`);
    const expected = ["buildbot-master", "buildbot-master_test", "codespeed-cpython", "codespeed-pypy", "roundup-cpython", "roundup-cpython_test", "roundup-jython", "roundup-roundup"];
    const names = (type: string): unknown[] => Object.values(resourcesOf(database, type)).map((r) => r.name).sort();
    expect(names("digitalocean_database_db")).toEqual(expected);
    expect(names("digitalocean_database_user")).toEqual(expected);
    const firewall = Object.values(resourcesOf(database, "digitalocean_database_firewall"));
    expect(firewall).toHaveLength(1);
    expect(firewall[0]!.cluster_id).toBe(`\${digitalocean_database_cluster.${clusterName}.id}`);
    // The droplet ids come from nyc1's state, through cdktf cross-stack references.
    const admitted = (firewall[0]!.rule as { type: string; value: string }[]).map((r) => fromNyc1(r.value)).sort();
    const clients = ["bugs.nyc1.psf.io", "buildbot.nyc1.psf.io", "codespeed.nyc1.psf.io"].map((n) => `\${digitalocean_droplet.${dropletByName(nyc1, n)[0]}.id}`).sort();
    expect(admitted).toEqual(clients);
    expect(Object.keys(database.output ?? {}).sort()).toEqual(["postgres_port", "postgres_private_host"]);
  });

  it("keeps every database resource, its credentials with it, out of the stacks others read", () => {
    const databaseTypes = ["digitalocean_database_cluster", "digitalocean_database_db", "digitalocean_database_user", "digitalocean_database_firewall"];
    for (const [name, stack] of synth.json) {
      if (name === "digitalocean-nyc1-database") continue;
      for (const type of databaseTypes) expect({ name, type, resources: resourcesOf(stack, type) }).toEqual({ name, type, resources: {} });
    }
    // Nobody reads the database stack's state.
    for (const [name, stack] of synth.json) {
      expect({ name, reads: Object.keys(stack.data?.terraform_remote_state ?? {}).filter((r) => r.endsWith("-digitalocean-nyc1-database")) }).toEqual({ name, reads: [] });
    }
  });

  it("has nyc1 forget, not destroy, every resource it handed over to the database stack, at the same addresses", () => {
    const database = stackJson(synth, "digitalocean-nyc1-database");
    const moved = Object.entries(database.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)).sort();
    expect(moved).toHaveLength(18);
    // The addresses these resources had in digitalocean-nyc1 before the move (its snapshot before), which state mv and import keep.
    expect(moved).toEqual(expect.arrayContaining([
      "digitalocean_database_cluster.postgres_cluster_ACE3EF20",
      "digitalocean_database_db.postgres_db-roundup-cpython_24AF16D0",
      "digitalocean_database_firewall.postgres_firewall_CD79D0B6",
      "digitalocean_database_user.postgres_user-roundup-cpython_2D0EC51A",
    ]));
    const removed = (stackJson(synth, "digitalocean-nyc1") as { removed?: { from: string; lifecycle: unknown }[] }).removed ?? [];
    expect(removed.map((r) => r.from)).toEqual(moved);
    for (const block of removed) expect(block.lifecycle).toEqual({ destroy: false });
    for (const other of ["digitalocean-ams1", "digitalocean-sfo1"]) expect((stackJson(synth, other) as { removed?: unknown }).removed).toBeUndefined();
  });

  it("creates one firewall per role present in each datacenter", () => {
    for (const dc of estate.datacenters) {
      const firewalls = Object.values(resourcesOf(stackJson(synth, `digitalocean-${dc.key}`), "digitalocean_firewall")).map((f) => f.name).sort();
      const roles = [...new Set(estate.hostsIn(dc.key).map((h) => h.role))].sort().map((r) => `psf-${dc.key}-${r}`);
      expect(firewalls).toEqual(roles);
    }
  });
});
