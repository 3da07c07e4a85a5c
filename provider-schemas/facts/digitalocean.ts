import type { AttributeValueRule, ProviderFacts, ValueRule } from "./types";

const DO_REPO = "digitalocean/terraform-provider-digitalocean tag v2.71.0 (2b56f1915857)";
// terraform-plugin-sdk v2.26.1 (the tag's go.mod) helper/validation semantics: NoZeroValues rejects "" on a
// string (length >= 1 here); StringLenBetween counts bytes; IsCIDR is net.ParseCIDR (host bits allowed).
// A rule on a set/list of strings applies to each element, as the SDK applies the element's ValidateFunc.

/** NoZeroValues on a string attribute: it must not be empty. */
const NOT_EMPTY: ValueRule = { kind: "length", min: 1 };
/** tag.ValidateTag (digitalocean/tag/tags.go): tagNameRe, anchored both ends. */
const TAG_NAME: ValueRule = {
  kind: "pattern",
  pattern: "^[a-zA-Z0-9:\\-_]{1,255}$",
  message: "tags may hold only letters, digits, colons, dashes and underscores, 1 to 255 characters",
};
const TAGS_SOURCE = `${DO_REPO} digitalocean/tag/tags.go TagsSchema (element ValidateFunc ValidateTag, tagNameRe)`;

function notEmpty(path: string, file: string): AttributeValueRule {
  return { path, rule: NOT_EMPTY, source: `${DO_REPO} ${file} ${path}: validation.NoZeroValues` };
}

/** Replacement, import and value facts of the digitalocean provider's resources and data sources the estate uses. */
export const DIGITALOCEAN_FACTS: ProviderFacts = {
  resources: {
    digitalocean_database_cluster: {
      reachableAt: ["host", "private_host"],
      forcesReplacement: ["engine", "name", "private_network_uuid", "project_id"],
      importId: "<live database cluster id>",
      discovery: {
        by: ["name"],
        list: "DigitalOcean API v2 GET /v2/databases: name",
        dataSource: { kind: "lookup", dataSource: "digitalocean_database_cluster", arguments: { name: "{name}" } },
      },
      valueRules: [
        notEmpty("name", "digitalocean/database/resource_database_cluster.go"),
        notEmpty("engine", "digitalocean/database/resource_database_cluster.go"),
        notEmpty("size", "digitalocean/database/resource_database_cluster.go"),
        notEmpty("region", "digitalocean/database/resource_database_cluster.go"),
        {
          path: "maintenance_window.day",
          rule: { kind: "one-of", values: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"], ignoreCase: true },
          source: `${DO_REPO} digitalocean/database/resource_database_cluster.go maintenance_window.day: validation.IsDayOfTheWeek(true) (StringInSlice of the English day names, case-insensitive)`,
        },
        notEmpty("eviction_policy", "digitalocean/database/resource_database_cluster.go"),
        notEmpty("private_network_uuid", "digitalocean/database/resource_database_cluster.go"),
        notEmpty("project_id", "digitalocean/database/resource_database_cluster.go"),
        { path: "tags", rule: TAG_NAME, source: TAGS_SOURCE },
      ],
      crossRules: [
        {
          kind: "at-least-one-of",
          block: "",
          attributes: ["version"],
          source: `${DO_REPO} digitalocean/database/resource_database_cluster.go CustomizeDiff transitionVersionToRequired: "version" is Optional in the schema but a plan without it fails ("The argument "version" is required"); plan time, not validate; GetOk also treats an empty string as missing`,
        },
      ],
      source: `${DO_REPO} digitalocean/database/resource_database_cluster.go (passthrough importer) and docs/resources/database_cluster.md. region, size, node_count, version and storage_size_mib are updated in place (migrate/resize); a redis<->valkey engine switch is diff-suppressed. Not expressible as rules here: node_count NoZeroValues (an integer that must not be 0), and the CustomizeDiff checks that sql_mode needs engine mysql and eviction_policy needs engine redis or valkey.`,
    },
    digitalocean_database_db: {
      forcesReplacement: ["cluster_id", "name"],
      importId: "{cluster_id},{name}",
      valueRules: [
        notEmpty("name", "digitalocean/database/resource_database_db.go"),
        notEmpty("cluster_id", "digitalocean/database/resource_database_db.go"),
      ],
      source: `${DO_REPO} digitalocean/database/resource_database_db.go (no Update: every argument is ForceNew; importer splits "<cluster id>,<db name>") and docs/resources/database_db.md.`,
    },
    digitalocean_database_firewall: {
      forcesReplacement: ["cluster_id"],
      importId: "{cluster_id}",
      valueRules: [
        notEmpty("cluster_id", "digitalocean/database/resource_database_firewall.go"),
        {
          path: "rule.type",
          rule: { kind: "one-of", values: ["ip_addr", "droplet", "k8s", "tag", "app"] },
          source: `${DO_REPO} digitalocean/database/resource_database_firewall.go rule.type: validation.StringInSlice(..., false)`,
        },
        notEmpty("rule.value", "digitalocean/database/resource_database_firewall.go"),
      ],
      source: `${DO_REPO} digitalocean/database/resource_database_firewall.go (importer takes the cluster id and generates a new resource id) and docs/resources/database_firewall.md; rule updates in place.`,
    },
    digitalocean_database_user: {
      forcesReplacement: ["cluster_id", "name"],
      importId: "{cluster_id},{name}",
      valueRules: [
        notEmpty("name", "digitalocean/database/resource_database_user.go"),
        notEmpty("cluster_id", "digitalocean/database/resource_database_user.go"),
        {
          path: "mysql_auth_plugin",
          rule: { kind: "one-of", values: ["mysql_native_password", "caching_sha2_password"] },
          source: `${DO_REPO} digitalocean/database/resource_database_user.go mysql_auth_plugin: StringInSlice(godo.SQLAuthPluginNative, godo.SQLAuthPluginCachingSHA2) (values from vendor/github.com/digitalocean/godo/databases.go)`,
        },
        notEmpty("settings.acl.topic", "digitalocean/database/resource_database_user.go userACLSchema"),
        {
          path: "settings.acl.permission",
          rule: { kind: "one-of", values: ["admin", "consume", "produce", "produceconsume"] },
          source: `${DO_REPO} digitalocean/database/resource_database_user.go userACLSchema permission: StringInSlice`,
        },
        notEmpty("settings.opensearch_acl.index", "digitalocean/database/resource_database_user.go userOpenSearchACLSchema"),
        {
          path: "settings.opensearch_acl.permission",
          rule: { kind: "one-of", values: ["deny", "admin", "read", "write", "readwrite"] },
          source: `${DO_REPO} digitalocean/database/resource_database_user.go userOpenSearchACLSchema permission: StringInSlice`,
        },
      ],
      source: `${DO_REPO} digitalocean/database/resource_database_user.go (importer splits "<cluster id>,<user name>") and docs/resources/database_user.md; mysql_auth_plugin and settings update in place. An imported MongoDB user has no password in state.`,
    },
    digitalocean_droplet: {
      reachableAt: ["ipv4_address", "ipv4_address_private", "ipv6_address"],
      forcesReplacement: ["droplet_agent", "image", "monitoring", "region", "ssh_keys", "user_data", "vpc_uuid"],
      importId: "<live droplet id>",
      discovery: {
        by: ["name"],
        list: "DigitalOcean API v2 GET /v2/droplets (docs.digitalocean.com/reference/api): name",
        dataSource: { kind: "list", dataSource: "digitalocean_droplets" },
      },
      conditionalReplacements: [
        {
          path: "ipv6",
          from: true,
          to: false,
          source: `${DO_REPO} digitalocean/droplet/resource_droplet.go CustomizeDiff: customdiff.ForceNewIfChange("ipv6", old && !new); false -> true is an in-place update (ipv6_address becomes computed)`,
        },
      ],
      valueRules: [
        notEmpty("image", "digitalocean/droplet/resource_droplet.go"),
        notEmpty("name", "digitalocean/droplet/resource_droplet.go"),
        notEmpty("region", "digitalocean/droplet/resource_droplet.go"),
        notEmpty("size", "digitalocean/droplet/resource_droplet.go"),
        {
          path: "backup_policy.plan",
          rule: { kind: "one-of", values: ["daily", "weekly"] },
          source: `${DO_REPO} digitalocean/droplet/resource_droplet.go backup_policy.plan: StringInSlice`,
        },
        {
          path: "backup_policy.weekday",
          rule: { kind: "one-of", values: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
          source: `${DO_REPO} digitalocean/droplet/resource_droplet.go backup_policy.weekday: StringInSlice (case-sensitive)`,
        },
        {
          path: "backup_policy.hour",
          rule: { kind: "number-range", min: 0, max: 20, integer: true },
          source: `${DO_REPO} digitalocean/droplet/resource_droplet.go backup_policy.hour: validation.IntBetween(0, 20)`,
        },
        notEmpty("ssh_keys", "digitalocean/droplet/resource_droplet.go (set element)"),
        notEmpty("user_data", "digitalocean/droplet/resource_droplet.go"),
        notEmpty("vpc_uuid", "digitalocean/droplet/resource_droplet.go"),
        { path: "tags", rule: TAG_NAME, source: TAGS_SOURCE },
      ],
      crossRules: [
        {
          kind: "required-with",
          block: "",
          attributes: ["backup_policy", "backups"],
          source: `${DO_REPO} digitalocean/droplet/resource_droplet.go backup_policy: RequiredWith ["backups"] (Create also rejects backup_policy when backups is false, at apply time)`,
        },
      ],
      source: `${DO_REPO} digitalocean/droplet/resource_droplet.go (importer takes the numeric droplet id) and docs/resources/droplet.md. ipv6 true -> false replaces (conditionalReplacements). name, size, backups, backup_policy, tags, volume_ids update in place.`,
    },
    digitalocean_firewall: {
      forcesReplacement: [],
      importId: "<live firewall id>",
      // No data source of this provider lists firewalls (digitalocean_firewall reads one by its firewall_id): by hand.
      findByHand: "DigitalOcean API v2 GET /v2/firewalls (or the control panel's Networking, Firewalls): the firewall of this name",
      valueRules: [
        notEmpty("name", "digitalocean/firewall/firewalls.go"),
        {
          path: "inbound_rule.protocol",
          rule: { kind: "one-of", values: ["tcp", "udp", "icmp"] },
          source: `${DO_REPO} digitalocean/firewall/firewalls.go firewallRuleSchema protocol: StringInSlice`,
        },
        notEmpty("inbound_rule.port_range", "digitalocean/firewall/firewalls.go firewallRuleSchema"),
        notEmpty("inbound_rule.source_addresses", "digitalocean/firewall/firewalls.go firewallRuleSchema (set element)"),
        notEmpty("inbound_rule.source_load_balancer_uids", "digitalocean/firewall/firewalls.go firewallRuleSchema (set element)"),
        notEmpty("inbound_rule.source_kubernetes_ids", "digitalocean/firewall/firewalls.go firewallRuleSchema (set element)"),
        { path: "inbound_rule.source_tags", rule: TAG_NAME, source: TAGS_SOURCE },
        {
          path: "outbound_rule.protocol",
          rule: { kind: "one-of", values: ["tcp", "udp", "icmp"] },
          source: `${DO_REPO} digitalocean/firewall/firewalls.go firewallRuleSchema protocol: StringInSlice`,
        },
        notEmpty("outbound_rule.port_range", "digitalocean/firewall/firewalls.go firewallRuleSchema"),
        notEmpty("outbound_rule.destination_addresses", "digitalocean/firewall/firewalls.go firewallRuleSchema (set element)"),
        notEmpty("outbound_rule.destination_load_balancer_uids", "digitalocean/firewall/firewalls.go firewallRuleSchema (set element)"),
        notEmpty("outbound_rule.destination_kubernetes_ids", "digitalocean/firewall/firewalls.go firewallRuleSchema (set element)"),
        { path: "outbound_rule.destination_tags", rule: TAG_NAME, source: TAGS_SOURCE },
        { path: "tags", rule: TAG_NAME, source: TAGS_SOURCE },
      ],
      crossRules: [
        {
          kind: "at-least-one-of",
          block: "",
          attributes: ["inbound_rule", "outbound_rule"],
          source: `${DO_REPO} digitalocean/firewall/resource_firewall.go CustomizeDiff: "At least one rule must be specified" (plan time, not validate)`,
        },
      ],
      source: `${DO_REPO} digitalocean/firewall/resource_firewall.go and firewall/firewalls.go (no ForceNew anywhere, rules and targets update in place; passthrough importer on the firewall UUID) and docs/resources/firewall.md. Not expressible as a rule here: the CustomizeDiff check that port_range is set on every tcp/udp rule.`,
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
      forcesReplacement: ["description", "initial_filesystem_label", "initial_filesystem_type", "name", "region", "snapshot_id"],
      importId: "<live volume id>",
      discovery: {
        by: ["name", "region"],
        list: "DigitalOcean API v2 GET /v2/volumes: name",
        dataSource: { kind: "lookup", dataSource: "digitalocean_volume", arguments: { name: "{name}", region: "{region}" } },
      },
      valueRules: [
        notEmpty("name", "digitalocean/volume/resource_volume.go"),
        {
          path: "size",
          rule: { kind: "number-range", min: 1, integer: true },
          source: `${DO_REPO} digitalocean/volume/resource_volume.go size: validation.IntAtLeast(1)`,
        },
        notEmpty("description", "digitalocean/volume/resource_volume.go"),
        notEmpty("snapshot_id", "digitalocean/volume/resource_volume.go"),
        {
          path: "initial_filesystem_type",
          rule: { kind: "one-of", values: ["ext4", "xfs"] },
          source: `${DO_REPO} digitalocean/volume/resource_volume.go initial_filesystem_type: StringInSlice`,
        },
        notEmpty("initial_filesystem_label", "digitalocean/volume/resource_volume.go"),
        {
          path: "filesystem_type",
          rule: { kind: "one-of", values: ["ext4", "xfs"] },
          source: `${DO_REPO} digitalocean/volume/resource_volume.go filesystem_type (deprecated): StringInSlice`,
        },
        { path: "tags", rule: TAG_NAME, source: TAGS_SOURCE },
      ],
      crossRules: [
        {
          kind: "conflicts-with",
          block: "",
          attributes: ["filesystem_type", "initial_filesystem_type"],
          source: `${DO_REPO} digitalocean/volume/resource_volume.go filesystem_type: ConflictsWith ["initial_filesystem_type"]`,
        },
      ],
      source: `${DO_REPO} digitalocean/volume/resource_volume.go (passthrough importer on the volume UUID) and docs/resources/volume.md. size only grows in place (shrinking is rejected at plan time); tags update in place.`,
    },
    digitalocean_volume_attachment: {
      forcesReplacement: ["droplet_id", "volume_id"],
      importId: "",
      valueRules: [notEmpty("volume_id", "digitalocean/volume/resource_volume_attachment.go")],
      source: `${DO_REPO} digitalocean/volume/resource_volume_attachment.go (no Importer, no Update); docs/resources/volume_attachment.md has no Import section. Create skips the attach call when the volume is already attached to that droplet, so creating it over a live attachment is harmless. droplet_id's NoZeroValues (an integer that must not be 0) is not expressible as a rule here.`,
    },
    digitalocean_vpc: {
      forcesReplacement: ["ip_range", "region"],
      importId: "<live vpc id>",
      discovery: {
        by: ["name"],
        list: "DigitalOcean API v2 GET /v2/vpcs: name",
        dataSource: { kind: "lookup", dataSource: "digitalocean_vpc", arguments: { name: "{name}" } },
      },
      valueRules: [
        notEmpty("name", "digitalocean/vpc/resource_vpc.go"),
        notEmpty("region", "digitalocean/vpc/resource_vpc.go"),
        {
          path: "description",
          rule: { kind: "length", max: 255 },
          source: `${DO_REPO} digitalocean/vpc/resource_vpc.go description: validation.StringLenBetween(0, 255)`,
        },
        {
          path: "ip_range",
          rule: { kind: "cidr" },
          source: `${DO_REPO} digitalocean/vpc/resource_vpc.go ip_range: validation.IsCIDR (net.ParseCIDR; host bits allowed)`,
        },
      ],
      source: `${DO_REPO} digitalocean/vpc/resource_vpc.go (passthrough importer on the VPC UUID) and docs/resources/vpc.md; name and description update in place.`,
    },
  },
  dataSources: {
    digitalocean_database_cluster: {
      lists: { resource: "digitalocean_database_cluster", matches: { name: "name" }, notFound: "Unable to find any database clusters" },
      source: `${DO_REPO} digitalocean/database/datasource_database_cluster.go: name Required; Read lists every cluster and keeps the one of that name (none: "Unable to find any database clusters" when the account has none, else no id is set); password, ui_password, uri, ui_uri and private_uri are Sensitive. Schema: the binding @cdktf/provider-digitalocean 13.14.1 (data-digitalocean-database-cluster), flags from the Go file.`,
    },
    digitalocean_droplets: {
      lists: { resource: "digitalocean_droplet", elements: "droplets" },
      source: `${DO_REPO} digitalocean/droplet/datasource_droplets.go and droplets.go: every droplet of the account (filter and sort blocks optional, digitalocean/datalist), each with its numeric id and name. Schema: the binding (data-digitalocean-droplets).`,
    },
    digitalocean_volume: {
      lists: { resource: "digitalocean_volume", matches: { name: "name", region: "region" }, notFound: "no volumes found with name %s" },
      source: `${DO_REPO} digitalocean/volume/datasource_volume.go: name Required, region Optional (both NoZeroValues); findVolumeByName fails with "no volumes found with name %s" or "too many volumes found with name %s". Schema: the binding (data-digitalocean-volume).`,
    },
    digitalocean_vpc: {
      lists: { resource: "digitalocean_vpc", matches: { id: "id", name: "name", region: "region" }, notFound: "no VPCs found with name %s" },
      crossRules: [
        {
          kind: "exactly-one-of",
          block: "",
          attributes: ["id", "name", "region"],
          source: `${DO_REPO} digitalocean/vpc/datasource_vpc.go: ExactlyOneOf id, name, region`,
        },
      ],
      source: `${DO_REPO} digitalocean/vpc/datasource_vpc.go: exactly one of id, name (the VPC of that name: "no VPCs found with name %s" or "too many VPCs found") and region (that region's default VPC). Schema: the binding (data-digitalocean-vpc).`,
    },
  },
};

// ---------------------------------------------------------------------------------------------------------
// What DigitalOcean offers. The provider checks a droplet's region and size, and a database cluster's size and
// version, only as not empty (NoZeroValues above): what exists is the API's to say, and a wrong slug fails at apply
// time, after every resource before it was made. These lists are what DigitalOcean's public API specification states,
// read at one commit; the inventory refuses a value outside them (inventory/shape/). A slug DigitalOcean adds is
// added here, with where it was read.

const DO_API = "digitalocean/openapi commit 7c1300c479fe (2026-08-07)";

/** A list of the values DigitalOcean accepts for one attribute, and where it was read. */
export interface OfferedValues {
  readonly values: readonly string[];
  readonly source: string;
}

/** Region slugs: the API's `region_slug` enum, and the regions its database options list beside them (atl1, ric1). */
export const DIGITALOCEAN_REGIONS: OfferedValues = {
  values: ["ams1", "ams2", "ams3", "atl1", "blr1", "fra1", "lon1", "nyc1", "nyc2", "nyc3", "ric1", "sfo1", "sfo2", "sfo3", "sgp1", "syd1", "tor1"],
  source: `${DO_API} specification/shared/attributes/region_slug.yml (enum) and specification/resources/databases/responses/options.yml (regions)`,
};

/**
 * Droplet size slugs: the node sizes of the API's Kubernetes options example (droplet sizes: a node is a droplet), and
 * the sizes its regions example lists for nyc3 besides (s-1vcpu-1gb, s-3vcpu-1gb; its "s-32vcpu-192g" is a typo of the
 * first list's s-32vcpu-192gb). Sizes newer than the specification's examples (the premium -intel and -amd ones, say)
 * are added here when the estate uses one, with where they were read.
 */
export const DIGITALOCEAN_DROPLET_SIZES: OfferedValues = {
  values: [
    "s-1vcpu-1gb",
    "s-1vcpu-2gb",
    "s-1vcpu-3gb",
    "s-2vcpu-2gb",
    "s-3vcpu-1gb",
    "s-2vcpu-4gb",
    "s-4vcpu-8gb",
    "s-6vcpu-16gb",
    "s-8vcpu-16gb",
    "s-8vcpu-32gb",
    "s-12vcpu-48gb",
    "s-16vcpu-64gb",
    "s-20vcpu-96gb",
    "s-24vcpu-128gb",
    "s-32vcpu-192gb",
    "c-2",
    "c-4",
    "c-8",
    "c-16",
    "c-32",
    "g-2vcpu-8gb",
    "g-4vcpu-16gb",
    "g-8vcpu-32gb",
    "g-16vcpu-64gb",
    "g-32vcpu-128gb",
    "g-40vcpu-160gb",
    "gd-2vcpu-8gb",
    "gd-4vcpu-16gb",
    "gd-8vcpu-32gb",
    "gd-16vcpu-64gb",
    "gd-32vcpu-128gb",
    "gd-40vcpu-160gb",
    "m-2vcpu-16gb",
    "m-4vcpu-32gb",
    "m-8vcpu-64gb",
    "m-16vcpu-128gb",
    "m-24vcpu-192gb",
    "m-32vcpu-256gb",
    "m3-2vcpu-16gb",
    "m3-4vcpu-32gb",
    "m3-8vcpu-64gb",
    "m3-16vcpu-128gb",
    "m3-24vcpu-192gb",
    "m3-32vcpu-256gb",
    "m6-2vcpu-16gb",
    "m6-4vcpu-32gb",
    "m6-8vcpu-64gb",
    "m6-16vcpu-128gb",
    "m6-24vcpu-192gb",
    "m6-32vcpu-256gb",
  ],
  source: `${DO_API} specification/resources/kubernetes/responses/examples.yml (kubernetes_options sizes) and specification/resources/regions/responses/all_regions.yml (nyc3's sizes)`,
};

const PG_OPTIONS = `${DO_API} specification/resources/databases/responses/options.yml (options.pg)`;

/** The PostgreSQL major versions DigitalOcean's managed databases run. */
export const DIGITALOCEAN_POSTGRES_VERSIONS: OfferedValues = { values: ["13", "14", "15", "16", "17"], source: `${PG_OPTIONS} versions` };

const PG_SIZES_ONE_NODE = [
  "db-s-1vcpu-1gb",
  "db-s-1vcpu-2gb",
  "db-s-2vcpu-4gb",
  "db-s-4vcpu-8gb",
  "db-s-6vcpu-16gb",
  "gd-2vcpu-8gb",
  "gd-4vcpu-16gb",
  "gd-8vcpu-32gb",
  "gd-16vcpu-64gb",
  "gd-32vcpu-128gb",
  "gd-40vcpu-160gb",
  "so1_5-2vcpu-16gb",
  "so1_5-4vcpu-32gb",
  "so1_5-8vcpu-64gb",
  "so1_5-16vcpu-128gb",
  "so1_5-24vcpu-192gb",
  "so1_5-32vcpu-256gb",
  "db-intel-1vcpu-1gb",
  "db-amd-1vcpu-1gb",
  "db-intel-1vcpu-2gb",
  "db-amd-1vcpu-2gb",
  "db-amd-2vcpu-4gb",
  "db-intel-2vcpu-4gb",
  "db-amd-2vcpu-8gb",
  "db-intel-2vcpu-8gb",
  "db-intel-4vcpu-8gb",
  "db-amd-4vcpu-8gb",
  "db-amd-4vcpu-16gb",
  "db-intel-4vcpu-16gb",
  "db-intel-8vcpu-32gb",
  "db-amd-8vcpu-32gb",
  "db-intel-16vcpu-64gb",
  "db-amd-16vcpu-64gb",
];
/** The smallest plans of one node have no standby: a cluster of 2 or 3 nodes takes the others. */
const PG_SIZES_STANDBY = PG_SIZES_ONE_NODE.filter((size) => !["db-s-1vcpu-1gb", "db-intel-1vcpu-1gb", "db-amd-1vcpu-1gb"].includes(size));

/** A PostgreSQL cluster's size slugs, by its node count (the API's layouts). */
export const DIGITALOCEAN_POSTGRES_SIZES: Readonly<Record<number, OfferedValues>> = {
  1: { values: PG_SIZES_ONE_NODE, source: `${PG_OPTIONS} layouts num_nodes 1` },
  2: { values: PG_SIZES_STANDBY, source: `${PG_OPTIONS} layouts num_nodes 2` },
  3: { values: PG_SIZES_STANDBY, source: `${PG_OPTIONS} layouts num_nodes 3` },
};

/**
 * The database DigitalOcean makes in every cluster: a `digitalocean_database_db` of that name fails at apply time, since
 * it exists already (and destroying it would take the cluster's default database).
 */
export const DIGITALOCEAN_DEFAULT_DATABASE = {
  name: "defaultdb",
  source: `${DO_API} specification/resources/databases/models/database_connection.yml (database: "The name of the default database", defaultdb); ${DO_REPO} docs/resources/database_cluster.md (database: "Name of the cluster's default database")`,
} as const;
