import { DigitaloceanProvider } from "@cdktf/provider-digitalocean/lib/provider";
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { DropletHost } from "../constructs/droplet-host";
import { ManagedPostgresCluster } from "../constructs/managed-postgres-cluster";
import type { Estate } from "../inventory";
import type { DigitalOceanDatacenterStack } from "./digitalocean-datacenter-stack";
import { EstateStack, type EstateStackProps } from "./estate-stack";
import { resourceAddresses } from "../adoption/resource-address";

export interface DatabaseStackProps extends EstateStackProps {
  readonly estate: Estate;
  /**
   * The stack of the datacenter the cluster lives in: its private network, and the droplets the database firewall
   * admits (read through cdktf cross-stack references, so from its state's outputs).
   */
  readonly datacenter: DigitalOceanDatacenterStack;
}

/**
 * The managed PostgreSQL cluster, its databases, their users and the database firewall, in a state of their own:
 * that state holds the users' passwords and the connection URIs in clear text, so it is apart from the
 * datacenter's, which DNS reads. Nothing reads this stack's state. The resources used to be in the datacenter
 * stack under the same construct ids, so their addresses are unchanged; the datacenter stack forgets them
 * (`removed` blocks) and this one adopts them (README, "Moving resources between states"). The API token comes
 * from DIGITALOCEAN_TOKEN.
 */
export class DatabaseStack extends EstateStack {
  readonly postgres: ManagedPostgresCluster;

  constructor(scope: Construct, id: string, props: DatabaseStackProps) {
    super(scope, id, props);
    const { estate, datacenter } = props;
    const cluster = estate.databaseCluster;
    const dc = estate.datacenter(cluster.datacenter);
    if (dc.key !== datacenter.datacenter) {
      throw new Error(`DatabaseStack: the cluster ${cluster.name} lives in ${dc.key}, but the datacenter stack given is ${datacenter.stackName}`);
    }
    new DigitaloceanProvider(this, "digitalocean", {});

    const droplet = (hostKey: string): DropletHost => {
      const host = datacenter.hosts.get(hostKey);
      if (host === undefined) throw new Error(`DatabaseStack: no droplet "${hostKey}" in ${datacenter.stackName}`);
      return host;
    };
    // Construct id "postgres", as it was in the datacenter stack: the addresses stay the same.
    this.postgres = new ManagedPostgresCluster(this, "postgres", {
      name: cluster.name,
      region: dc.region,
      version: cluster.version,
      size: cluster.size,
      nodeCount: cluster.nodeCount,
      network: datacenter.network,
      tags: [`dc:${dc.key}`, `owner:${cluster.owner}`],
      databases: cluster.databases.map((db) => ({
        name: db.name,
        clients: estate
          .hostsIn(dc.key)
          .filter((h) => h.role === db.usedByRole)
          .map((h) => droplet(h.key)),
      })),
      administrators: estate
        .hostsIn(dc.key)
        .filter((h) => h.role === cluster.administeredByRole)
        .map((h) => droplet(h.key)),
    });
    new TerraformOutput(this, "postgres_private_host", {
      value: this.postgres.privateHost,
      description: "Private host name of the managed PostgreSQL cluster",
    });
    new TerraformOutput(this, "postgres_port", {
      value: this.postgres.port,
      description: `Port of the managed PostgreSQL cluster (inventory: ${cluster.port})`,
    });

    datacenter.handOver(this.addresses(), this.stackName);
  }

  /** The Terraform address of every resource of the stack. */
  addresses(): string[] {
    return resourceAddresses(this);
  }
}
