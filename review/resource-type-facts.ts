/*
 * Provenance: ForceNew / RequiresReplace flags and import-id formats read from the providers' own
 * schemas and docs: digitalocean v2.71.0, heroku v5.3.2, fastly v9.5.1 (git tags), and stored copies of
 * hashicorp/aws near 6.25.0 (its tag could not be fetched whole; attribute names checked against
 * @cdktf/provider-aws 21.22.1, which is generated from 6.25.0). Each entry's `source` names the files.
 *
 * Conventions a reader of this table needs:
 * - `{attr}` is this resource's own configured attribute. When that attribute holds a Terraform
 *   reference (e.g. `zone_id = "${aws_route53_zone.x.zone_id}"`), the id is the referenced resource's
 *   live id: the import planner must resolve it from the ids it was given, or leave a placeholder.
 * - `<live ...>` is a value that nothing in the configuration holds (an id the cloud assigned).
 * - An empty `importId` means the provider has no importer for the type; `source` says what creating
 *   it over the live object does, because that is what adoption will do instead.
 * - Only unconditional replacements are listed; conditional ones (a CustomizeDiff that forces a new
 *   resource only for some old/new values or states) are described in `source`.
 */

export interface ResourceTypeFacts {
  /** Top-level attribute names, or dotted paths into nested blocks (e.g. "backup_policy.plan"), whose change forces Terraform to destroy and recreate the resource (ForceNew in the provider's schema, or RequiresReplace in plugin-framework resources). */
  readonly forcesReplacement: readonly string[];
  /** The id `terraform import` expects, as a template: `{attr}` is read from the resource's synthesized configuration (a literal value), `<live ...>` marks a value only the live account knows, e.g. "<live droplet id>" or "{zone_id}_{name}_{type}". */
  readonly importId: string;
  /** Where these facts come from: provider repository, version/tag or commit, file path(s). */
  readonly source: string;
}

const AWS_REPO = "hashicorp/terraform-provider-aws";
// The 6.25.0 tag itself was out of reach (repository snapshot over the size limit), so each AWS entry
// cites the stored file version it was read from; these flags have not moved across the 5.x-6.x copies seen.
const AWS_VERSION_NOTE =
  "stored copy, not the v6.25.0 tag; attribute set matches @cdktf/provider-aws 21.22.1 (= aws 6.25.0)";
// Since 6.0 every regional resource has a top-level `region`; changing it replaces the resource.
const AWS_REGION_NOTE =
  "`region` forces replacement per website/docs/guides/enhanced-region-support.html.markdown @0cb788ce; importing into another region appends `@<region>` to the id";
const DO_REPO = "digitalocean/terraform-provider-digitalocean tag v2.71.0 (2b56f1915857)";
const HEROKU_REPO = "heroku/terraform-provider-heroku tag v5.3.2 (a1aa4898b3b0)";
const FASTLY_REPO = "fastly/terraform-provider-fastly tag v9.5.1 (fc03ffc31495)";

export const RESOURCE_TYPE_FACTS: Readonly<Record<string, ResourceTypeFacts>> = {
  aws_kms_alias: {
    forcesReplacement: ["name", "name_prefix", "region"],
    importId: "{name}",
    source: `${AWS_REPO} internal/service/kms/alias.go (${AWS_VERSION_NOTE}; several stored versions, e.g. 01c08000, agree); importer is passthrough on the alias name, e.g. "alias/my-key"; target_key_id is updated in place. ${AWS_REGION_NOTE}.`,
  },
  aws_kms_key: {
    forcesReplacement: [
      "custom_key_store_id",
      "customer_master_key_spec",
      "key_usage",
      "multi_region",
      "region",
      "xks_key_id",
    ],
    importId: "<live kms key id>",
    source: `${AWS_REPO} internal/service/kms/key.go @00a35305 (${AWS_VERSION_NOTE}); import id and resource identity are the key id (UUID). description, policy, rotation and is_enabled update in place. ${AWS_REGION_NOTE}.`,
  },
  aws_route53_delegation_set: {
    forcesReplacement: ["reference_name"],
    importId: "<live delegation set id>",
    source: `${AWS_REPO} internal/service/route53/delegation_set.go @01606926 (${AWS_VERSION_NOTE}); no update function, reference_name is the only argument; import id per website/docs/r/route53_delegation_set.html.markdown. Route 53 is global: no \`region\` argument.`,
  },
  aws_route53_hosted_zone_dnssec: {
    forcesReplacement: ["hosted_zone_id"],
    importId: "{hosted_zone_id}",
    source: `${AWS_REPO} internal/service/route53/hosted_zone_dnssec.go @25f80865 (${AWS_VERSION_NOTE}); id is the hosted zone id (passthrough importer); signing_status updates in place. Docs: website/docs/r/route53_hosted_zone_dnssec.html.markdown.`,
  },
  aws_route53_key_signing_key: {
    forcesReplacement: ["hosted_zone_id", "name"],
    importId: "{hosted_zone_id},{name}",
    source: `${AWS_REPO} internal/service/route53/key_signing_key.go @00a35305 (${AWS_VERSION_NOTE}); id is "<hosted zone id>,<ksk name>" (comma-joined two-part id, passthrough importer). key_management_service_arn is not ForceNew in any stored version seen, yet Update only handles status: a changed KMS ARN plans as an in-place update that does not rotate the key.`,
  },
  aws_route53_record: {
    forcesReplacement: ["name", "zone_id"],
    importId: "{zone_id}_{name}_{type}",
    source: `${AWS_REPO} internal/service/route53/record.go @00655c16 (${AWS_VERSION_NOTE}); docs website/docs/r/route53_record.html.markdown: id is ZONEID_NAME_TYPE, with "_<set_identifier>" appended when set_identifier is configured; name is the fully-qualified record name. type and set_identifier are not ForceNew (the provider rewrites the record set inside Update).`,
  },
  aws_route53_zone: {
    forcesReplacement: ["delegation_set_id", "name"],
    importId: "<live hosted zone id>",
    source: `${AWS_REPO} internal/service/route53/zone.go (stored versions @036631a1 and a 2024 SDKv2 copy agree; ${AWS_VERSION_NOTE}); import by zone id per website/docs/r/route53_zone.html.markdown @25612875 (6.x docs, identity attribute zone_id). comment, vpc, tags and enable_accelerated_recovery update in place (docs; the 6.x zone.go that adds accelerated recovery was not among the stored copies).`,
  },
  aws_s3_bucket: {
    forcesReplacement: [
      "bucket",
      "bucket_prefix",
      "object_lock_configuration.object_lock_enabled",
      "object_lock_enabled",
      "region",
    ],
    importId: "{bucket}",
    source: `${AWS_REPO} internal/service/s3/bucket.go (5.x SDKv2 copy and @0070bcd1; ${AWS_VERSION_NOTE}); object_lock_configuration (deprecated block, still in the 6.25.0 binding) carries its own ForceNew object_lock_enabled; import id is the bucket name. ${AWS_REGION_NOTE}.`,
  },
  aws_s3_bucket_ownership_controls: {
    forcesReplacement: ["bucket", "region"],
    importId: "{bucket}",
    source: `${AWS_REPO} internal/service/s3/bucket_ownership_controls.go @01c08000 (${AWS_VERSION_NOTE}); id is the bucket name (passthrough importer); rule.object_ownership updates in place. ${AWS_REGION_NOTE}.`,
  },
  aws_s3_bucket_policy: {
    forcesReplacement: ["bucket", "region"],
    importId: "{bucket}",
    source: `${AWS_REPO} internal/service/s3/bucket_policy.go @0073593e (${AWS_VERSION_NOTE}); id is the bucket name (passthrough importer); policy updates in place. ${AWS_REGION_NOTE}.`,
  },
  aws_s3_bucket_public_access_block: {
    forcesReplacement: ["bucket", "region"],
    importId: "{bucket}",
    source: `${AWS_REPO} internal/service/s3/bucket_public_access_block.go @01606926 (${AWS_VERSION_NOTE}); id is the bucket name (passthrough importer); the four block/ignore/restrict flags update in place. ${AWS_REGION_NOTE}.`,
  },
  aws_s3_bucket_server_side_encryption_configuration: {
    forcesReplacement: ["bucket", "expected_bucket_owner", "region"],
    importId: "{bucket}",
    source: `${AWS_REPO} internal/service/s3/bucket_server_side_encryption_configuration.go @01606926 (${AWS_VERSION_NOTE}); id is the bucket name, or "{bucket},{expected_bucket_owner}" when expected_bucket_owner is configured; rule updates in place. ${AWS_REGION_NOTE}.`,
  },
  aws_s3_bucket_versioning: {
    forcesReplacement: ["bucket", "expected_bucket_owner", "region"],
    importId: "{bucket}",
    source: `${AWS_REPO} internal/service/s3/bucket_versioning.go @01c08000 (${AWS_VERSION_NOTE}); id is the bucket name, or "{bucket},{expected_bucket_owner}" when expected_bucket_owner is configured; versioning_configuration and mfa update in place (Enabled/Suspended -> Disabled is rejected at plan time). ${AWS_REGION_NOTE}.`,
  },
  aws_s3_bucket_website_configuration: {
    forcesReplacement: ["bucket", "expected_bucket_owner", "region"],
    importId: "{bucket}",
    source: `${AWS_REPO} internal/service/s3/bucket_website_configuration.go @013f1736 (${AWS_VERSION_NOTE}); identity is bucket (+ optional expected_bucket_owner): id is the bucket name, or "{bucket},{expected_bucket_owner}" when that is configured; documents, redirects and routing rules update in place. ${AWS_REGION_NOTE}.`,
  },
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
  fastly_service_vcl: {
    forcesReplacement: [],
    importId: "<live service id>",
    source: `${FASTLY_REPO} fastly/resource_fastly_service_vcl.go, fastly/base_fastly_service.go and fastly/block_fastly_service_*.go: no ForceNew in the service or any nested block; changes clone and activate a new service version. Importer accepts "<service id>" or "<service id>@<version>" (docs/resources/service_vcl.md).`,
  },
  fastly_tls_subscription: {
    forcesReplacement: ["certificate_authority"],
    importId: "<live tls subscription id>",
    source: `${FASTLY_REPO} fastly/resource_fastly_tls_subscription.go (passthrough importer) and docs/resources/tls_subscription.md. Conditional: CustomizeDiff forces replacement on changes to domains, common_name or configuration_id when the subscription's state is neither "issued" nor "pending".`,
  },
  fastly_tls_subscription_validation: {
    forcesReplacement: ["subscription_id"],
    importId: "",
    source: `${FASTLY_REPO} fastly/resource_fastly_tls_subscription_validation.go (no Importer, no Update). Create only waits for the subscription to reach "issued", so creating it for a live subscription changes nothing.`,
  },
  heroku_addon: {
    forcesReplacement: ["app_id", "config"],
    importId: "<live add-on id>",
    source: `${HEROKU_REPO} heroku/resource_heroku_addon.go (passthrough importer; Read looks the add-on up by that id) and docs/resources/addon.md; plan and name update in place.`,
  },
  heroku_app: {
    forcesReplacement: [
      "internal_routing",
      "organization.name",
      "organization.personal",
      "region",
      "space",
    ],
    importId: "{name}",
    source: `${HEROKU_REPO} heroku/resource_heroku_app.go (importer looks the app up by name or UUID and stores the UUID) and docs/resources/app.md. name, stack, buildpacks, acm and config vars update in place; config_vars/sensitive_config_vars are not imported and show as additions on the first plan.`,
  },
  heroku_domain: {
    forcesReplacement: ["app_id", "hostname"],
    importId: "{app_id}:{hostname}",
    source: `${HEROKU_REPO} heroku/resource_heroku_domain.go (importer splits "<app>:<domain>" at the first colon; the app part may be its name or UUID, the domain part its hostname or UUID) and docs/resources/domain.md; sni_endpoint_id updates in place.`,
  },
  heroku_formation: {
    forcesReplacement: ["app_id"],
    importId: "{app_id}:{type}",
    source: `${HEROKU_REPO} heroku/resource_heroku_formation.go (importer splits "<app>:<process type>"; the app part may be its name or UUID) and docs/resources/formation.md; type, quantity and size are not ForceNew.`,
  },
  heroku_pipeline: {
    forcesReplacement: ["owner.id", "owner.type"],
    importId: "<live pipeline id>",
    source: `${HEROKU_REPO} heroku/resource_heroku_pipeline.go (importer looks the pipeline up and stores its UUID) and docs/resources/pipeline.md (import by pipeline id); name updates in place.`,
  },
  heroku_pipeline_coupling: {
    forcesReplacement: ["app_id", "pipeline", "stage"],
    importId: "<live pipeline coupling id>",
    source: `${HEROKU_REPO} heroku/resource_heroku_pipeline_coupling.go (no Update: every argument is ForceNew; passthrough importer on the coupling UUID) and docs/resources/pipeline_coupling.md.`,
  },
};
