import type { ProviderFacts } from "./types";

const DO_REPO = "digitalocean/terraform-provider-digitalocean tag v2.71.0 (2b56f1915857)";

/** Replacement, import and value facts of the digitalocean provider's resources and data sources the estate uses. */
export const DIGITALOCEAN_FACTS: ProviderFacts = {
  resources: {
    digitalocean_database_cluster: {
      forcesReplacement: ["engine", "name", "private_network_uuid", "project_id"],
      importId: "<live database cluster id>",
      source: `${DO_REPO} digitalocean/database/resource_database_cluster.go (passthrough importer) and docs/resources/database_cluster.md. region, size, node_count, version and storage_size_mib are updated in place (migrate/resize); a redis<->valkey engine switch is diff-suppressed.`,
    },
    digitalocean_database_db: {
      forcesReplacement: ["cluster_id", "name"],
      importId: "{cluster_id},{name}",
      source: `${DO_REPO} digitalocean/database/resource_database_db.go (no Update: every argument is ForceNew; importer splits "<cluster id>,<db name>") and docs/resources/database_db.md.`,
    },
    digitalocean_database_firewall: {
      forcesReplacement: ["cluster_id"],
      importId: "{cluster_id}",
      source: `${DO_REPO} digitalocean/database/resource_database_firewall.go (importer takes the cluster id and generates a new resource id) and docs/resources/database_firewall.md; rule updates in place.`,
    },
    digitalocean_database_user: {
      forcesReplacement: ["cluster_id", "name"],
      importId: "{cluster_id},{name}",
      source: `${DO_REPO} digitalocean/database/resource_database_user.go (importer splits "<cluster id>,<user name>") and docs/resources/database_user.md; mysql_auth_plugin and settings update in place. An imported MongoDB user has no password in state.`,
    },
    digitalocean_droplet: {
      forcesReplacement: [
        "droplet_agent",
        "image",
        "monitoring",
        "region",
        "ssh_keys",
        "user_data",
        "vpc_uuid",
      ],
      importId: "<live droplet id>",
      source: `${DO_REPO} digitalocean/droplet/resource_droplet.go (importer takes the numeric droplet id) and docs/resources/droplet.md. Conditional: CustomizeDiff forces replacement when ipv6 changes from true to false (false -> true is in place). name, size, backups, backup_policy, tags, volume_ids update in place.`,
    },
    digitalocean_firewall: {
      forcesReplacement: [],
      importId: "<live firewall id>",
      source: `${DO_REPO} digitalocean/firewall/resource_firewall.go and firewall/firewalls.go (no ForceNew anywhere, rules and targets update in place; passthrough importer on the firewall UUID) and docs/resources/firewall.md.`,
    },
    digitalocean_project: {
      forcesReplacement: [],
      importId: "<live project id>",
      source: `${DO_REPO} digitalocean/project/resource_project.go (no ForceNew; passthrough importer on the project UUID) and docs/resources/project.md.`,
    },
    digitalocean_project_resources: {
      forcesReplacement: ["project"],
      importId: "",
      source: `${DO_REPO} digitalocean/project/resource_project_resources.go (no Importer) and docs/resources/project_resources.md ("Importing this resource is not supported"). Create is the same call as Update (assigns the listed URNs to the project), so creating it over live assignments duplicates nothing.`,
    },
    digitalocean_ssh_key: {
      forcesReplacement: ["public_key"],
      importId: "<live ssh key id>",
      source: `${DO_REPO} digitalocean/sshkey/resource_ssh_key.go (passthrough importer on the numeric key id) and docs/resources/ssh_key.md; name updates in place.`,
    },
    digitalocean_tag: {
      forcesReplacement: ["name"],
      importId: "{name}",
      source: `${DO_REPO} digitalocean/tag/resource_tag.go (passthrough importer; the tag id is its name) and docs/resources/tag.md.`,
    },
    digitalocean_volume: {
      forcesReplacement: [
        "description",
        "initial_filesystem_label",
        "initial_filesystem_type",
        "name",
        "region",
        "snapshot_id",
      ],
      importId: "<live volume id>",
      source: `${DO_REPO} digitalocean/volume/resource_volume.go (passthrough importer on the volume UUID) and docs/resources/volume.md. size only grows in place (shrinking is rejected at plan time); tags update in place.`,
    },
    digitalocean_volume_attachment: {
      forcesReplacement: ["droplet_id", "volume_id"],
      importId: "",
      source: `${DO_REPO} digitalocean/volume/resource_volume_attachment.go (no Importer, no Update); docs/resources/volume_attachment.md has no Import section. Create skips the attach call when the volume is already attached to that droplet, so creating it over a live attachment is harmless.`,
    },
    digitalocean_vpc: {
      forcesReplacement: ["ip_range", "region"],
      importId: "<live vpc id>",
      source: `${DO_REPO} digitalocean/vpc/resource_vpc.go (passthrough importer on the VPC UUID) and docs/resources/vpc.md; name and description update in place.`,
    },
  },
  dataSources: {},
};
