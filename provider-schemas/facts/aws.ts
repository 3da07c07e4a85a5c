import type { ProviderFacts } from "./types";

const AWS_REPO = "hashicorp/terraform-provider-aws";
// The 6.25.0 tag itself was out of reach (repository snapshot over the size limit), so each AWS entry
// cites the stored file version it was read from; these flags have not moved across the 5.x-6.x copies seen.
const AWS_VERSION_NOTE =
  "stored copy, not the v6.25.0 tag; attribute set matches @cdktf/provider-aws 21.22.1 (= aws 6.25.0)";
// Since 6.0 every regional resource has a top-level `region`; changing it replaces the resource.
const AWS_REGION_NOTE =
  "`region` forces replacement per website/docs/guides/enhanced-region-support.html.markdown @0cb788ce; importing into another region appends `@<region>` to the id";

/** Replacement, import and value facts of the aws provider's resources and data sources the estate uses. */
export const AWS_FACTS: ProviderFacts = {
  resources: {
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
  },
  dataSources: {},
};
