import { Vpc } from "@cdktf/provider-digitalocean/lib/vpc";
import { Construct } from "constructs";

export interface PrivateNetworkProps {
  /** The PSF datacenter key, used in the network's name (`psf-<datacenter>`). */
  readonly datacenter: string;
  /** DigitalOcean region slug the network lives in. */
  readonly region: string;
  /** The network's IPv4 range, as CIDR (the inventory's datacenter `privateRange`, checked there). */
  readonly ipRange: string;
}

/** What a construct needs of a private network: its VPC to join, its range to admit. */
export interface IPrivateNetwork {
  /** The VPC's id. */
  readonly vpcId: string;
  /** The network's IPv4 range, as CIDR. */
  readonly ipRange: string;
}

/** A datacenter's private network (a DigitalOcean VPC): droplets talk to each other over it. */
export class PrivateNetwork extends Construct implements IPrivateNetwork {
  /** The VPC's id, for droplets and the database cluster. */
  readonly vpcId: string;
  /** The range internal-only ports are open to. */
  readonly ipRange: string;

  constructor(scope: Construct, id: string, props: PrivateNetworkProps) {
    super(scope, id);
    const vpc = new Vpc(this, "vpc", {
      name: `psf-${props.datacenter}`,
      region: props.region,
      ipRange: props.ipRange,
      description: `PSF private network of ${props.datacenter}`,
    });
    this.vpcId = vpc.id;
    this.ipRange = props.ipRange;
  }
}
