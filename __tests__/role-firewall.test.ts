import { TerraformVariable } from "cdktf";
import { RoleFirewall, type RoleFirewallProps } from "../constructs/role-firewall";
import { newStack, onlyBlock, outputs, rejection, synthJson, type Block } from "./support/construct-synth";
import { dropletA, dropletB, dropletC, network } from "./support/stand-ins";

/** A role with ports of every kind: one port and a range, TCP and UDP. */
const web: RoleFirewallProps = {
  name: "psf-nyc1-web",
  droplets: [dropletA, dropletB],
  worldPorts: [
    { protocol: "tcp", from: 443, to: 443, service: "https" },
    { protocol: "tcp", from: 80, to: 80, service: "http" },
  ],
  internalPorts: [
    { protocol: "tcp", from: 8300, to: 8302, service: "consul" },
    { protocol: "udp", from: 8301, to: 8302, service: "consul gossip" },
  ],
  network,
};

function synthFirewall(props: RoleFirewallProps): Block {
  const stack = newStack();
  new RoleFirewall(stack, "firewall-web", props);
  return onlyBlock(synthJson(stack), "digitalocean_firewall").block;
}

const ANYWHERE = ["0.0.0.0/0", "::/0"];
const icmpFromAnywhere = { protocol: "icmp", source_addresses: ANYWHERE };
/** The inbound rules of `web`, written out. */
const webInbound = [
  { protocol: "tcp", port_range: "443", source_addresses: ANYWHERE },
  { protocol: "tcp", port_range: "80", source_addresses: ANYWHERE },
  { protocol: "tcp", port_range: "8300-8302", source_addresses: ["10.77.16.0/20"] },
  { protocol: "udp", port_range: "8301-8302", source_addresses: ["10.77.16.0/20"] },
  icmpFromAnywhere,
];

describe("RoleFirewall", () => {
  it("protects the role's droplets: world ports from anywhere, internal ports from the private range, ICMP, every way out", () => {
    expect(synthFirewall(web)).toEqual({
      name: "psf-nyc1-web",
      droplet_ids: [31001, 31002],
      inbound_rule: webInbound,
      outbound_rule: [
        { protocol: "tcp", port_range: "1-65535", destination_addresses: ANYWHERE },
        { protocol: "udp", port_range: "1-65535", destination_addresses: ANYWHERE },
        { protocol: "icmp", destination_addresses: ANYWHERE },
      ],
    });
  });

  it("opens estate ports to the private range, the other datacenters' droplets at their public IPv4 address, and the addresses given", () => {
    const firewall = synthFirewall({
      ...web,
      worldPorts: [],
      internalPorts: [],
      estatePorts: [
        { protocol: "tcp", from: 4505, to: 4506, service: "salt" },
        { protocol: "udp", from: 8125, to: 8125, service: "statsd" },
      ],
      estateDroplets: [dropletC, dropletB],
      estateAddresses: ["198.51.100.40", "2001:db8:40::/64"],
    });
    const estateSources = ["10.77.16.0/20", "203.0.113.13", "203.0.113.12", "198.51.100.40", "2001:db8:40::/64"];
    expect(firewall.inbound_rule).toEqual([
      { protocol: "tcp", port_range: "4505-4506", source_addresses: estateSources },
      { protocol: "udp", port_range: "8125", source_addresses: estateSources },
      icmpFromAnywhere,
    ]);
  });

  it("opens estate ports to the private range alone when no droplet or address elsewhere is given", () => {
    const firewall = synthFirewall({
      ...web,
      worldPorts: [],
      internalPorts: [],
      estatePorts: [{ protocol: "tcp", from: 4505, to: 4506, service: "salt" }],
    });
    expect(firewall.inbound_rule).toEqual([{ protocol: "tcp", port_range: "4505-4506", source_addresses: ["10.77.16.0/20"] }, icmpFromAnywhere]);
  });

  it("opens nothing to droplets or addresses elsewhere without estate ports", () => {
    const firewall = synthFirewall({ ...web, estateDroplets: [dropletC], estateAddresses: ["198.51.100.40"] });
    expect(firewall.inbound_rule).toEqual(webInbound);
  });

  it("opens Fastly ports to Fastly's ranges only, taken by reference", () => {
    const stack = newStack();
    const fastlySourceRanges = new TerraformVariable(stack, "fastly_source_ranges", { type: "list(string)" }).listValue;
    new RoleFirewall(stack, "firewall-web", {
      ...web,
      worldPorts: [],
      internalPorts: [],
      fastlyPorts: [{ protocol: "tcp", from: 514, to: 514, service: "syslog" }],
      fastlySourceRanges,
    });
    expect(onlyBlock(synthJson(stack), "digitalocean_firewall").block.inbound_rule).toEqual([
      { protocol: "tcp", port_range: "514", source_addresses: "${var.fastly_source_ranges}" },
      icmpFromAnywhere,
    ]);
  });

  it("opens nothing to Fastly's ranges without Fastly ports", () => {
    expect(synthFirewall({ ...web, fastlySourceRanges: ["151.101.0.0/16"] }).inbound_rule).toEqual(webInbound);
  });

  it("writes every kind of rule in one firewall, world, internal, estate, Fastly, then ICMP", () => {
    const firewall = synthFirewall({
      ...web,
      worldPorts: [{ protocol: "tcp", from: 443, to: 443, service: "https" }],
      internalPorts: [{ protocol: "tcp", from: 9100, to: 9100, service: "node exporter" }],
      estatePorts: [{ protocol: "tcp", from: 4505, to: 4506, service: "salt" }],
      estateDroplets: [dropletC],
      fastlyPorts: [{ protocol: "tcp", from: 20004, to: 20004, service: "haproxy" }],
      fastlySourceRanges: ["151.101.0.0/16", "2a04:4e40::/32"],
    });
    expect(firewall.inbound_rule).toEqual([
      { protocol: "tcp", port_range: "443", source_addresses: ANYWHERE },
      { protocol: "tcp", port_range: "9100", source_addresses: ["10.77.16.0/20"] },
      { protocol: "tcp", port_range: "4505-4506", source_addresses: ["10.77.16.0/20", "203.0.113.13"] },
      { protocol: "tcp", port_range: "20004", source_addresses: ["151.101.0.0/16", "2a04:4e40::/32"] },
      icmpFromAnywhere,
    ]);
  });

  it("protects droplets known by reference, and gives its id", () => {
    const stack = newStack();
    const id = new TerraformVariable(stack, "droplet_id", { type: "number" }).numberValue;
    const firewall = new RoleFirewall(stack, "firewall-web", { ...web, droplets: [{ ...dropletA, dropletId: id }] });
    const json = synthJson(stack, { firewallId: firewall.firewallId });
    const { name, block } = onlyBlock(json, "digitalocean_firewall");
    expect(block.droplet_ids).toEqual(["${var.droplet_id}"]);
    expect(outputs(json)).toEqual({ firewallId: `\${digitalocean_firewall.${name}.id}` });
  });

  it("fails on no droplets to protect", () => {
    expect(rejection(() => new RoleFirewall(newStack(), "firewall-web", { ...web, droplets: [] }))).toBe(
      'RoleFirewall "firewall-web" prop "droplets": is empty: a firewall must protect at least one droplet',
    );
  });

  it("fails on Fastly ports without Fastly's ranges", () => {
    expect(
      rejection(
        () => new RoleFirewall(newStack(), "firewall-web", { ...web, fastlyPorts: [{ protocol: "tcp", from: 514, to: 514, service: "syslog" }] }),
      ),
    ).toBe('RoleFirewall "firewall-web" prop "fastlySourceRanges": is required when fastlyPorts are given');
  });
});
