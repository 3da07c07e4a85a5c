import { Droplet } from "@cdktf/provider-digitalocean/lib/droplet";
import { Token, type TerraformStack } from "cdktf";
import type { IDroplet } from "../constructs/droplet-host";
import { ManagedPostgresCluster, type ManagedPostgresClusterProps } from "../constructs/managed-postgres-cluster";
import { blocksOf, newStack, onlyBlock, outputs, synthJson, type SynthJson } from "./support/construct-synth";
import { dropletA, dropletB, dropletC, network } from "./support/stand-ins";

const cluster: ManagedPostgresClusterProps = {
  name: "pg-nyc1-psf-io",
  region: "nyc3",
  version: "16",
  size: "db-s-2vcpu-4gb",
  nodeCount: 2,
  network,
  tags: ["dc:nyc1", "owner:infrastructure-staff"],
  databases: [
    { name: "pypi", clients: [dropletA] },
    { name: "roundup", clients: [dropletB] },
  ],
};

function synthCluster(props: ManagedPostgresClusterProps, stack: TerraformStack = newStack()): SynthJson {
  const postgres = new ManagedPostgresCluster(stack, "postgres", props);
  return synthJson(stack, { clusterId: postgres.clusterId, privateHost: postgres.privateHost, port: postgres.port });
}

const byName = (blocks: Record<string, Record<string, unknown>>): Record<string, unknown>[] =>
  Object.values(blocks).sort((a, b) => (String(a.name) < String(b.name) ? -1 : 1));

describe("ManagedPostgresCluster", () => {
  const json = synthCluster(cluster);
  const clusterName = onlyBlock(json, "digitalocean_database_cluster").name;
  const clusterId = `\${digitalocean_database_cluster.${clusterName}.id}`;

  it("is a PostgreSQL cluster of the version, size and nodes given, in the private network, never destroyed", () => {
    expect(onlyBlock(json, "digitalocean_database_cluster").block).toEqual({
      name: "pg-nyc1-psf-io",
      engine: "pg",
      version: "16",
      size: "db-s-2vcpu-4gb",
      node_count: 2,
      region: "nyc3",
      private_network_uuid: "vpc-stand-in-4f1c",
      tags: ["dc:nyc1", "owner:infrastructure-staff"],
      lifecycle: { prevent_destroy: true },
    });
  });

  it("has each database, never destroyed, and a user of its name", () => {
    expect(byName(blocksOf(json, "digitalocean_database_db"))).toEqual([
      { cluster_id: clusterId, name: "pypi", lifecycle: { prevent_destroy: true } },
      { cluster_id: clusterId, name: "roundup", lifecycle: { prevent_destroy: true } },
    ]);
    expect(byName(blocksOf(json, "digitalocean_database_user"))).toEqual([
      { cluster_id: clusterId, name: "pypi" },
      { cluster_id: clusterId, name: "roundup" },
    ]);
  });

  it("admits the databases' clients, and nothing else, through a firewall never destroyed", () => {
    expect(onlyBlock(json, "digitalocean_database_firewall").block).toEqual({
      cluster_id: clusterId,
      rule: [
        { type: "droplet", value: 31001 },
        { type: "droplet", value: 31002 },
      ],
      lifecycle: { prevent_destroy: true },
    });
  });

  it("gives clients its id, private host and port", () => {
    expect(outputs(json)).toEqual({
      clusterId,
      privateHost: `\${digitalocean_database_cluster.${clusterName}.private_host}`,
      port: `\${digitalocean_database_cluster.${clusterName}.port}`,
    });
  });

  it("admits its administrators first, then each client, each droplet once", () => {
    const firewall = onlyBlock(
      synthCluster({
        ...cluster,
        databases: [
          { name: "pypi", clients: [dropletA, dropletB] },
          { name: "roundup", clients: [dropletB, dropletC] },
        ],
        administrators: [dropletC, dropletA],
      }),
      "digitalocean_database_firewall",
    ).block;
    expect(firewall.rule).toEqual([
      { type: "droplet", value: 31003 },
      { type: "droplet", value: 31001 },
      { type: "droplet", value: 31002 },
    ]);
  });

  it("admits a droplet known by reference once, however many databases it uses", () => {
    // A real droplet's id is a number token, as DropletHost gives it: the same token wherever the droplet is passed.
    const stack = newStack();
    const dropletId = Token.asNumber(
      new Droplet(stack, "stand-in-droplet", { name: "app.example.net", size: "s-1vcpu-1gb", image: "ubuntu-24-04-x64" }).id,
    );
    const app: IDroplet = { ...dropletA, dropletId };
    const firewall = onlyBlock(
      synthCluster(
        {
          ...cluster,
          databases: [
            { name: "pypi", clients: [app] },
            { name: "roundup", clients: [app] },
          ],
          administrators: [app],
        },
        stack,
      ),
      "digitalocean_database_firewall",
    ).block;
    expect(firewall.rule).toEqual([{ type: "droplet", value: "${digitalocean_droplet.stand-in-droplet.id}" }]);
  });
});
