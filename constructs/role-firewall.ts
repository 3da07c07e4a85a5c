import { Firewall, type FirewallInboundRule } from "@cdktf/provider-digitalocean/lib/firewall";
import { Construct } from "constructs";
import { portRangeLabel, type PortRange } from "../inventory/ports";
import { ConstructPropsError } from "./construct-props-error";

const ANYWHERE = ["0.0.0.0/0", "::/0"];

export interface RoleFirewallProps {
  /** Firewall name at DigitalOcean. */
  readonly name: string;
  /** Droplet ids the firewall applies to: every host of the role in the datacenter. */
  readonly dropletIds: number[];
  /** Ports open to the whole internet (ranges within 1-65535, checked by the inventory). */
  readonly worldPorts: readonly PortRange[];
  /** Ports open only to `privateRange`. */
  readonly internalPorts: readonly PortRange[];
  /** The datacenter's private network. */
  readonly privateRange: string;
  /** Ports open to `privateRange` and to `estateSources`. @default none */
  readonly estatePorts?: readonly PortRange[];
  /**
   * The public IPv4 addresses of the estate's hosts outside the datacenter, which reach `estatePorts` over the
   * internet (references to their droplets, and addresses outside every datacenter). @default none
   */
  readonly estateSources?: string[];
  /** Ports open only to `fastlySourceRanges`. @default none */
  readonly fastlyPorts?: readonly PortRange[];
  /**
   * Fastly's published address ranges (a variable or data source, never a copy).
   * @default none; required when `fastlyPorts` is not empty
   */
  readonly fastlySourceRanges?: string[];
}

/**
 * The firewall of one role in one datacenter: exactly the role's ports, each open to the world, to the
 * private network, to every host of the estate or to Fastly, plus ICMP for monitoring. Outbound traffic is unrestricted, because a
 * DigitalOcean firewall without outbound rules drops all of it.
 */
export class RoleFirewall extends Construct {
  readonly firewallId: string;

  constructor(scope: Construct, id: string, props: RoleFirewallProps) {
    super(scope, id);
    if (props.dropletIds.length === 0) {
      throw new ConstructPropsError("RoleFirewall", id, "dropletIds", "is empty: a firewall must protect at least one droplet");
    }
    const fastlyPorts = props.fastlyPorts ?? [];
    if (fastlyPorts.length > 0 && props.fastlySourceRanges === undefined) {
      throw new ConstructPropsError("RoleFirewall", id, "fastlySourceRanges", "is required when fastlyPorts are given");
    }
    const rule = (port: PortRange, sources: string[]): FirewallInboundRule => ({
      protocol: port.protocol,
      portRange: portRangeLabel(port),
      sourceAddresses: sources,
    });
    const firewall = new Firewall(this, "firewall", {
      name: props.name,
      dropletIds: props.dropletIds,
      inboundRule: [
        ...props.worldPorts.map((port) => rule(port, ANYWHERE)),
        ...props.internalPorts.map((port) => rule(port, [props.privateRange])),
        ...(props.estatePorts ?? []).map((port) => rule(port, [props.privateRange, ...(props.estateSources ?? [])])),
        ...fastlyPorts.map((port) => rule(port, props.fastlySourceRanges ?? [])),
        { protocol: "icmp", sourceAddresses: ANYWHERE },
      ],
      outboundRule: [
        { protocol: "tcp", portRange: "1-65535", destinationAddresses: ANYWHERE },
        { protocol: "udp", portRange: "1-65535", destinationAddresses: ANYWHERE },
        { protocol: "icmp", destinationAddresses: ANYWHERE },
      ],
    });
    this.firewallId = firewall.id;
  }
}
