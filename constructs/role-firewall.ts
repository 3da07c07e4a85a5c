import { Firewall, type FirewallInboundRule } from "@cdktf/provider-digitalocean/lib/firewall";
import { Construct } from "constructs";
import type { PortRange } from "../inventory";
import { portRangeLabel } from "../inventory/ports";
import { ConstructPropsError } from "./construct-props-error";
import type { IDroplet } from "./droplet-host";
import type { IPrivateNetwork } from "./private-network";

const ANYWHERE = ["0.0.0.0/0", "::/0"];

export interface RoleFirewallProps {
  /** Firewall name at DigitalOcean. */
  readonly name: string;
  /** The droplets the firewall applies to: every host of the role in the datacenter. */
  readonly droplets: readonly IDroplet[];
  /** Ports open to the whole internet (ranges within 1-65535, checked by the inventory). */
  readonly worldPorts: readonly PortRange[];
  /** Ports open only to `network`'s range. */
  readonly internalPorts: readonly PortRange[];
  /** The datacenter's private network. */
  readonly network: IPrivateNetwork;
  /** Ports open to `network`'s range, to `estateDroplets` and to `estateAddresses`. @default none */
  readonly estatePorts?: readonly PortRange[];
  /** The estate's droplets outside the datacenter, which reach `estatePorts` at their public IPv4 address. @default none */
  readonly estateDroplets?: readonly IDroplet[];
  /** Addresses outside every datacenter that reach `estatePorts` too. @default none */
  readonly estateAddresses?: readonly string[];
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
    if (props.droplets.length === 0) {
      throw new ConstructPropsError("RoleFirewall", id, "droplets", "is empty: a firewall must protect at least one droplet");
    }
    const fastlyPorts = props.fastlyPorts ?? [];
    if (fastlyPorts.length > 0 && props.fastlySourceRanges === undefined) {
      throw new ConstructPropsError("RoleFirewall", id, "fastlySourceRanges", "is required when fastlyPorts are given");
    }
    const rule = (port: PortRange, sources: readonly string[]): FirewallInboundRule => ({
      protocol: port.protocol,
      portRange: portRangeLabel(port),
      sourceAddresses: [...sources],
    });
    const firewall = new Firewall(this, "firewall", {
      name: props.name,
      dropletIds: props.droplets.map((droplet) => droplet.dropletId),
      inboundRule: [
        ...props.worldPorts.map((port) => rule(port, ANYWHERE)),
        ...props.internalPorts.map((port) => rule(port, [props.network.ipRange])),
        ...(props.estatePorts ?? []).map((port) =>
          rule(port, [props.network.ipRange, ...(props.estateDroplets ?? []).map((d) => d.ipv4Address), ...(props.estateAddresses ?? [])]),
        ),
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
