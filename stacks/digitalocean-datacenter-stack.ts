import { DigitaloceanProvider } from "@cdktf/provider-digitalocean/lib/provider";
import { TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { DropletHost } from "../constructs/droplet-host";
import { PrivateNetwork } from "../constructs/private-network";
import { RoleFirewall } from "../constructs/role-firewall";
import type { Estate } from "../inventory";
import { EstateStack, type EstateStackProps } from "./estate-stack";
import { resourceAddresses } from "../adoption/resource-address";

export interface DigitalOceanDatacenterStackProps extends EstateStackProps {
  readonly estate: Estate;
  /** The PSF datacenter this stack holds. */
  readonly datacenter: string;
}

/**
 * One PSF datacenter on DigitalOcean: its private network, its droplets and (`protectRoles`) a firewall per role. Nothing in
 * its state is a credential, so DNS and the database stack may read it; the managed database cluster that
 * lives in a datacenter has a stack of its own (DatabaseStack). The API token comes from DIGITALOCEAN_TOKEN.
 */
export class DigitalOceanDatacenterStack extends EstateStack {
  /** The PSF datacenter's key, e.g. "nyc1". */
  readonly datacenter: string;
  /** The datacenter's droplets by host key (`<name>.<dc>`), for DNS and other stacks. */
  readonly hosts: ReadonlyMap<string, DropletHost>;
  /** The datacenter's private network, for the database cluster. */
  readonly network: PrivateNetwork;

  constructor(scope: Construct, id: string, props: DigitalOceanDatacenterStackProps) {
    super(scope, id, props);
    const { estate } = props;
    const dc = estate.datacenter(props.datacenter);
    this.datacenter = dc.key;
    new DigitaloceanProvider(this, "digitalocean", {});

    const sshKeys = new TerraformVariable(this, "admin_ssh_key_fingerprints", {
      type: "list(string)",
      nullable: false,
      description: "MD5 fingerprints of the admin SSH keys registered at DigitalOcean, installed on new droplets",
      validation: [
        {
          condition:
            '${length(var.admin_ssh_key_fingerprints) > 0 && alltrue([for f in var.admin_ssh_key_fingerprints : can(regex("^([0-9a-f]{2}:){15}[0-9a-f]{2}$", f))])}',
          errorMessage: "admin_ssh_key_fingerprints must hold at least one MD5 fingerprint like 3b:16:bf:...:e3.",
        },
      ],
    });

    const network = new PrivateNetwork(this, "network", { datacenter: dc.key, region: dc.region, ipRange: dc.privateRange });
    this.network = network;

    const hosts = new Map<string, DropletHost>();
    for (const host of estate.hostsIn(dc.key)) {
      hosts.set(
        host.key,
        new DropletHost(this, host.name, {
          dropletName: host.dropletName,
          region: dc.region,
          size: host.size,
          image: host.image,
          network,
          sshKeyFingerprints: sshKeys.listValue,
          tags: { role: host.role, dc: dc.key, owner: host.owner },
          holdsData: host.holdsData,
          ...(host.volume !== undefined ? { volume: { name: host.volume.name, sizeGiB: host.volume.sizeGiB } } : {}),
          // A renamed host keeps its droplet: the construct declares the move from its previous id.
          ...(host.previously?.name !== undefined ? { previousId: host.previously.name } : {}),
        }),
      );
    }
    this.hosts = hosts;

    this.#estate = estate;
  }

  readonly #estate: Estate;

  /** The Terraform address of every resource of one of the datacenter's hosts (its droplet, volume, attachment). */
  hostAddresses(hostKey: string): string[] {
    return resourceAddresses(this.host(hostKey));
  }

  private host(hostKey: string): DropletHost {
    const host = this.hosts.get(hostKey);
    if (host === undefined) throw new Error(`${this.stackName}: no host "${hostKey}"`);
    return host;
  }

  /**
   * A firewall per role of the datacenter. Called once every datacenter's droplets exist: a role whose ports every
   * host of the estate must reach (Role.estatePorts) admits the public addresses of `hostsElsewhere`, the droplets
   * of the other datacenters, read from their stacks, and the addresses outside the datacenters the role names.
   */
  protectRoles(hostsElsewhere: readonly DropletHost[]): void {
    const estate = this.#estate;
    const dc = estate.datacenter(this.datacenter);
    const rolesHere = [...new Set(estate.hostsIn(dc.key).map((h) => h.role))].sort();
    const needsFastly = rolesHere.some((role) => estate.role(role).fastlyPorts.length > 0);
    const fastlyRanges = needsFastly
      ? new TerraformVariable(this, "fastly_source_ranges", {
          type: "list(string)",
          nullable: false,
          description: "Fastly's published IPv4 and IPv6 ranges (https://api.fastly.com/public-ip-list), the only sources allowed to send logs",
          validation: [
            {
              // A /0 would open the Fastly-only ports to the whole internet (policy network.fastly-ports-from-fastly).
              condition:
                '${length(var.fastly_source_ranges) > 0 && alltrue([for r in var.fastly_source_ranges : can(cidrhost(r, 0)) && !endswith(r, "/0")])}',
              errorMessage: "fastly_source_ranges must be a non-empty list of CIDR ranges, none of them a /0.",
            },
          ],
        }).listValue
      : undefined;
    for (const roleName of rolesHere) {
      const role = estate.role(roleName);
      const estatePorts = estate.estatePorts(role);
      new RoleFirewall(this, `firewall-${roleName}`, {
        name: `psf-${dc.key}-${roleName}`,
        droplets: estate
          .hostsIn(dc.key)
          .filter((h) => h.role === roleName)
          .map((h) => this.host(h.key)),
        worldPorts: estate.worldPorts(role),
        internalPorts: estate.internalPorts(role, dc.key),
        network: this.network,
        fastlyPorts: role.fastlyPorts,
        ...(fastlyRanges !== undefined ? { fastlySourceRanges: fastlyRanges } : {}),
        ...(estatePorts.length > 0 ? { estatePorts, estateDroplets: hostsElsewhere, estateAddresses: estate.estatePortsAlsoFrom(role) } : {}),
      });
    }
  }
}
