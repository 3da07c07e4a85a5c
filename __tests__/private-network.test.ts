import { PrivateNetwork, type PrivateNetworkProps } from "../constructs/private-network";
import { newStack, onlyBlock, outputs, synthJson } from "./support/construct-synth";

const sfo1: PrivateNetworkProps = { datacenter: "sfo1", region: "sfo3", ipRange: "10.124.0.0/20" };

describe("PrivateNetwork", () => {
  it("is one VPC named psf-<datacenter> in the region, with the range given", () => {
    const stack = newStack();
    new PrivateNetwork(stack, "network", sfo1);
    const json = synthJson(stack);
    expect(Object.keys(json.resource ?? {})).toEqual(["digitalocean_vpc"]);
    expect(onlyBlock(json, "digitalocean_vpc").block).toEqual({
      name: "psf-sfo1",
      region: "sfo3",
      ip_range: "10.124.0.0/20",
      description: "PSF private network of sfo1",
    });
  });

  it("gives droplets the VPC's id to join and firewalls the range to admit", () => {
    const stack = newStack();
    const network = new PrivateNetwork(stack, "network", sfo1);
    const json = synthJson(stack, { vpcId: network.vpcId, ipRange: network.ipRange });
    const vpc = onlyBlock(json, "digitalocean_vpc").name;
    expect(outputs(json)).toEqual({ vpcId: `\${digitalocean_vpc.${vpc}.id}`, ipRange: "10.124.0.0/20" });
  });
});
