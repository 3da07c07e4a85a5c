import { DigitaloceanProvider } from "@cdktf/provider-digitalocean/lib/provider";
import { TerraformOutput, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { DropletHost } from "../constructs/droplet-host";
import { ManagedPostgresCluster } from "../constructs/managed-postgres-cluster";
import { PrivateNetwork } from "../constructs/private-network";
import { RoleFirewall } from "../constructs/role-firewall";
import type { Estate } from "../inventory";
import { EstateStack, type EstateStackProps } from "./estate-stack";

export interface DigitalOceanDatacenterStackProps extends EstateStackProps {
  readonly estate: Estate;
  /** The PSF datacenter this stack holds. */
  readonly datacenter: string;
}

/**
 * One PSF datacenter on DigitalOcean: its private network, its droplets, a firewall per role, and the
 * managed database cluster if it lives here. The API token comes from DIGITALOCEAN_TOKEN.
 */
export class DigitalOceanDatacenterStack extends EstateStack {
  /** The datacenter's droplets by host key (`<name>.<dc>`), for DNS and other stacks. */
  readonly hosts: ReadonlyMap<string, DropletHost>;

  constructor(scope: Construct, id: string, props: DigitalOceanDatacenterStackProps) {
    super(scope, id, props);
    const { estate } = props;
    const dc = estate.datacenter(props.datacenter);
    new DigitaloceanProvider(this, "digitalocean", {});

    const sshKeys = new TerraformVariable(this, "admin_ssh_key_fingerprints", {
      type: "list(string)",
      nullable: false,
      description: "MD5 fingerprints of the admin SSH keys registered at DigitalOcean, installed on new droplets",
      validation: [{
        condition: "${length(var.admin_ssh_key_fingerprints) > 0 && alltrue([for f in var.admin_ssh_key_fingerprints : can(regex(\"^([0-9a-f]{2}:){15}[0-9a-f]{2}$\", f))])}",
        errorMessage: "admin_ssh_key_fingerprints must hold at least one MD5 fingerprint like 3b:16:bf:...:e3.",
      }],
    });

    const network = new PrivateNetwork(this, "network", { datacenter: dc.key, region: dc.region, ipRange: dc.privateRange });

    const hosts = new Map<string, DropletHost>();
    for (const host of estate.hostsIn(dc.key)) {
      hosts.set(host.key, new DropletHost(this, host.name, {
        dropletName: host.dropletName,
        region: dc.region,
        size: host.size,
        image: host.image,
        vpcId: network.vpcId,
        sshKeyFingerprints: sshKeys.listValue,
        tags: { role: host.role, dc: dc.key, owner: host.owner },
        holdsData: host.holdsData,
        ...(host.volume !== undefined ? { volume: { name: host.volume.name, sizeGiB: host.volume.sizeGiB } } : {}),
      }));
    }
    this.hosts = hosts;

    const rolesHere = [...new Set(estate.hostsIn(dc.key).map((h) => h.role))].sort();
    const needsFastly = rolesHere.some((role) => estate.role(role).fastlyPorts.length > 0);
    const fastlyRanges = needsFastly
      ? new TerraformVariable(this, "fastly_source_ranges", {
        type: "list(string)",
        nullable: false,
        description: "Fastly's published IPv4 and IPv6 ranges (https://api.fastly.com/public-ip-list), the only sources allowed to send logs",
        validation: [{
          // A /0 would open the Fastly-only ports to the whole internet (policy network.fastly-ports-from-fastly).
          condition: "${length(var.fastly_source_ranges) > 0 && alltrue([for r in var.fastly_source_ranges : can(cidrhost(r, 0)) && !endswith(r, \"/0\")])}",
          errorMessage: "fastly_source_ranges must be a non-empty list of CIDR ranges, none of them a /0.",
        }],
      }).listValue
      : undefined;
    for (const roleName of rolesHere) {
      const role = estate.role(roleName);
      new RoleFirewall(this, `firewall-${roleName}`, {
        name: `psf-${dc.key}-${roleName}`,
        dropletIds: estate.hostsIn(dc.key).filter((h) => h.role === roleName).map((h) => hosts.get(h.key)!.dropletId),
        worldPorts: estate.worldPorts(role),
        internalPorts: estate.internalPorts(role),
        privateRange: network.ipRange,
        fastlyPorts: role.fastlyPorts,
        ...(fastlyRanges !== undefined ? { fastlySourceRanges: fastlyRanges } : {}),
      });
    }

    const cluster = estate.databaseCluster;
    if (cluster.datacenter === dc.key) {
      const postgres = new ManagedPostgresCluster(this, "postgres", {
        name: cluster.name,
        region: dc.region,
        version: cluster.version,
        size: cluster.size,
        nodeCount: cluster.nodeCount,
        vpcId: network.vpcId,
        tags: [`dc:${dc.key}`, `owner:${cluster.owner}`],
        databases: cluster.databases.map((db) => ({
          name: db.name,
          clientDropletIds: estate.hostsIn(dc.key).filter((h) => h.role === db.usedByRole).map((h) => hosts.get(h.key)!.dropletId),
        })),
      });
      new TerraformOutput(this, "postgres_private_host", { value: postgres.privateHost, description: "Private host name of the managed PostgreSQL cluster" });
      new TerraformOutput(this, "postgres_port", { value: postgres.port, description: `Port of the managed PostgreSQL cluster (inventory: ${cluster.port})` });
    }
  }
}
