import type { AttributeValueRule, CrossAttributeRule, ProviderFacts, ValueRule } from "./types";

const AWS_REPO = "hashicorp/terraform-provider-aws";
// The 6.25.0 tag itself was out of reach (repository snapshot over the size limit), so each AWS entry
// cites the stored file version it was read from; these flags have not moved across the 5.x-6.x copies seen.
const AWS_VERSION_NOTE = "stored copy, not the v6.25.0 tag; attribute set matches @cdktf/provider-aws 21.22.1 (= aws 6.25.0)";
// Since 6.0 every regional resource has a top-level `region`; changing it replaces the resource. Its checks
// (against the provider's known/enabled regions) are the provider's own, not schema validators, and are not rules here.
const AWS_REGION_NOTE =
  "`region` forces replacement per website/docs/guides/enhanced-region-support.html.markdown @0cb788ce; importing into another region appends `@<region>` to the id";

// Validator semantics: terraform-plugin-sdk v2 helper/validation (StringLenBetween counts bytes, StringIsJSON
// accepts "" and any JSON document), internal/enum Validate = StringInSlice(Values(), false) over the
// aws-sdk-go-v2 enum, internal/verify ValidARN (empty allowed) and ValidAccountID (^\d{12}$). A rule on a
// set/list of strings applies to each element.
const VERIFY_SOURCE = `${AWS_REPO} internal/verify/validate.go (stored copies, e.g. the regexache-era one with accountIDRegexp)`;

/** verify.ValidAccountID: exactly 12 digits. */
const ACCOUNT_ID: ValueRule = { kind: "pattern", pattern: "^\\d{12}$", message: "doesn't look like AWS Account ID (exactly 12 digits)" };
/** validation.StringIsJSON (also the sdkv2 IAM policy and JSON document schemas, internal/sdkv2/schema.go). */
const JSON_DOCUMENT: ValueRule = { kind: "json" };
/**
 * A KMS alias as the estate names one, without the `alias/` its constructs add: what aws_kms_alias's name takes after
 * `alias/` (KMS_ALIAS_NAME), at most 250 characters so that the whole name is within KMS's 256, and neither AWS's own
 * `aws/` (KMS_ALIAS_NOT_RESERVED) nor `alias/` again, which would name `alias/alias/…`.
 */
export const KMS_ALIAS_WITHOUT_PREFIX = /^(?!aws\/|alias\/)[0-9A-Za-z_/-]{1,250}$/;
/** kms validNameForResource (internal/service/kms/validate.go): aliasNameRegex = ^alias/[0-9A-Za-z_/-]+$. */
const KMS_ALIAS_NAME: ValueRule = {
  kind: "pattern",
  pattern: "^alias/[0-9A-Za-z_/-]+$",
  message: "must begin with 'alias/' and be comprised of only [0-9A-Za-z_/-]",
};
/** kms validNameForResource: must not match ^(alias/aws/) (cmkAliasPrefix, internal/service/kms/consts.go). */
const KMS_ALIAS_NOT_RESERVED: ValueRule = {
  kind: "pattern",
  pattern: "^(?!alias/aws/)",
  message: "cannot begin with reserved AWS CMK prefix 'alias/aws/'",
};

function rule(path: string, valueRule: ValueRule, source: string): AttributeValueRule {
  return { path, rule: valueRule, source };
}

/** SDKv2 ConflictsWith between exactly two attributes of one block. */
function conflict(block: string, a: string, b: string, source: string): CrossAttributeRule {
  return { kind: "conflicts-with", block, attributes: [a, b], source };
}

/** Replacement, import and value facts of the aws provider's resources and data sources the estate uses. */
export const AWS_FACTS: ProviderFacts = {
  resources: {
    aws_kms_alias: {
      forcesReplacement: ["name", "name_prefix", "region"],
      importId: "{name}",
      valueRules: [
        rule(
          "name",
          KMS_ALIAS_NAME,
          `${AWS_REPO} internal/service/kms/alias.go name: ValidateFunc validNameForResource (internal/service/kms/validate.go, regexache copy)`,
        ),
        rule(
          "name",
          KMS_ALIAS_NOT_RESERVED,
          `${AWS_REPO} internal/service/kms/alias.go name: validNameForResource reserved-prefix check (cmkAliasPrefix "alias/aws/")`,
        ),
        rule(
          "name_prefix",
          KMS_ALIAS_NAME,
          `${AWS_REPO} internal/service/kms/alias.go name_prefix: ValidateFunc validNameForResource (the prefix itself must match the full alias pattern)`,
        ),
        rule(
          "name_prefix",
          KMS_ALIAS_NOT_RESERVED,
          `${AWS_REPO} internal/service/kms/alias.go name_prefix: validNameForResource reserved-prefix check`,
        ),
      ],
      crossRules: [
        conflict(
          "",
          "name",
          "name_prefix",
          `${AWS_REPO} internal/service/kms/alias.go: name ConflictsWith ["name_prefix"] and name_prefix ConflictsWith ["name"]`,
        ),
      ],
      source: `${AWS_REPO} internal/service/kms/alias.go (${AWS_VERSION_NOTE}; several stored versions, e.g. 01c08000, agree); importer is passthrough on the alias name, e.g. "alias/my-key"; target_key_id is updated in place. ${AWS_REGION_NOTE}.`,
    },
    aws_kms_key: {
      forcesReplacement: ["custom_key_store_id", "customer_master_key_spec", "key_usage", "multi_region", "region", "xks_key_id"],
      importId: "<live kms key id>",
      valueRules: [
        rule(
          "custom_key_store_id",
          { kind: "length", min: 1, max: 22 },
          `${AWS_REPO} internal/service/kms/key.go @00a35305 custom_key_store_id: validation.StringLenBetween(1, 22)`,
        ),
        rule(
          "customer_master_key_spec",
          {
            kind: "one-of",
            values: [
              "RSA_2048",
              "RSA_3072",
              "RSA_4096",
              "ECC_NIST_P256",
              "ECC_NIST_P384",
              "ECC_NIST_P521",
              "ECC_SECG_P256K1",
              "SYMMETRIC_DEFAULT",
              "HMAC_224",
              "HMAC_256",
              "HMAC_384",
              "HMAC_512",
              "SM2",
              "ML_DSA_44",
              "ML_DSA_65",
              "ML_DSA_87",
              "ECC_NIST_EDWARDS25519",
            ],
          },
          `${AWS_REPO} internal/service/kms/key.go @00a35305 customer_master_key_spec: enum.Validate[awstypes.KeySpec]() (values from the stored aws/aws-sdk-go-v2 service/kms/types/enums.go @1278f137, a late-2025 copy with ML_DSA_* and ECC_NIST_EDWARDS25519; the exact SDK pin of 6.25.0 was not stored)`,
        ),
        rule(
          "deletion_window_in_days",
          { kind: "number-range", min: 7, max: 30, integer: true },
          `${AWS_REPO} internal/service/kms/key.go @00a35305 deletion_window_in_days: validation.IntBetween(7, 30)`,
        ),
        rule(
          "description",
          { kind: "length", max: 8192 },
          `${AWS_REPO} internal/service/kms/key.go @00a35305 description: validation.StringLenBetween(0, 8192)`,
        ),
        rule(
          "key_usage",
          { kind: "one-of", values: ["SIGN_VERIFY", "ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"] },
          `${AWS_REPO} internal/service/kms/key.go @00a35305 key_usage: enum.Validate[awstypes.KeyUsageType]() (aws-sdk-go-v2 service/kms/types/enums.go @1278f137)`,
        ),
        rule(
          "policy",
          JSON_DOCUMENT,
          `${AWS_REPO} internal/service/kms/key.go @00a35305 policy: sdkv2.IAMPolicyDocumentSchemaOptionalComputed() (ValidateFunc validation.StringIsJSON)`,
        ),
        rule(
          "rotation_period_in_days",
          { kind: "number-range", min: 90, max: 2560, integer: true },
          `${AWS_REPO} internal/service/kms/key.go @00a35305 rotation_period_in_days: validation.IntBetween(90, 2560)`,
        ),
        rule(
          "xks_key_id",
          { kind: "length", min: 1, max: 128 },
          `${AWS_REPO} internal/service/kms/key.go @00a35305 xks_key_id: validation.StringLenBetween(1, 128)`,
        ),
      ],
      crossRules: [
        {
          kind: "required-with",
          block: "",
          attributes: ["rotation_period_in_days", "enable_key_rotation"],
          source: `${AWS_REPO} internal/service/kms/key.go @00a35305 rotation_period_in_days: RequiredWith ["enable_key_rotation"]`,
        },
        {
          kind: "required-with",
          block: "",
          attributes: ["xks_key_id", "custom_key_store_id"],
          source: `${AWS_REPO} internal/service/kms/key.go @00a35305 xks_key_id: RequiredWith ["custom_key_store_id"]`,
        },
      ],
      source: `${AWS_REPO} internal/service/kms/key.go @00a35305 (${AWS_VERSION_NOTE}); import id and resource identity are the key id (UUID). description, policy, rotation and is_enabled update in place. ${AWS_REGION_NOTE}.`,
    },
    aws_route53_delegation_set: {
      reachableAt: ["name_servers"],
      forcesReplacement: ["reference_name"],
      importId: "<live delegation set id>",
      valueRules: [
        rule(
          "reference_name",
          { kind: "length", max: 128 },
          `${AWS_REPO} internal/service/route53/delegation_set.go @01606926 reference_name: validation.StringLenBetween(0, 128)`,
        ),
      ],
      source: `${AWS_REPO} internal/service/route53/delegation_set.go @01606926 (${AWS_VERSION_NOTE}); no update function, reference_name is the only argument; import id per website/docs/r/route53_delegation_set.html.markdown. Route 53 is global: no \`region\` argument.`,
    },
    aws_route53_hosted_zone_dnssec: {
      forcesReplacement: ["hosted_zone_id"],
      importId: "{hosted_zone_id}",
      valueRules: [
        rule(
          "signing_status",
          { kind: "one-of", values: ["SIGNING", "NOT_SIGNING"] },
          `${AWS_REPO} internal/service/route53/hosted_zone_dnssec.go @25f80865 signing_status: StringInSlice(serveSignatureSigning, serveSignatureNotSigning)`,
        ),
      ],
      source: `${AWS_REPO} internal/service/route53/hosted_zone_dnssec.go @25f80865 (${AWS_VERSION_NOTE}); id is the hosted zone id (passthrough importer); signing_status updates in place. Docs: website/docs/r/route53_hosted_zone_dnssec.html.markdown.`,
    },
    aws_route53_key_signing_key: {
      forcesReplacement: ["hosted_zone_id", "name"],
      importId: "{hosted_zone_id},{name}",
      valueRules: [
        rule(
          "key_management_service_arn",
          { kind: "arn" },
          `${AWS_REPO} internal/service/route53/key_signing_key.go @00a35305 key_management_service_arn: verify.ValidARN (${VERIFY_SOURCE})`,
        ),
        rule(
          "name",
          { kind: "length", min: 3, max: 128 },
          `${AWS_REPO} internal/service/route53/key_signing_key.go @00a35305 name: validation.All(StringLenBetween(3, 128), ...)`,
        ),
        rule(
          "name",
          { kind: "pattern", pattern: "^[0-9A-Za-z_.-]", message: "must contain only alphanumeric characters, periods, underscores, or hyphens" },
          `${AWS_REPO} internal/service/route53/key_signing_key.go @00a35305 name: StringMatch(^[0-9A-Za-z_.-]) — anchored at the start only, so only the first character is checked`,
        ),
        rule(
          "status",
          { kind: "one-of", values: ["ACTIVE", "INACTIVE"] },
          `${AWS_REPO} internal/service/route53/key_signing_key.go @00a35305 status: StringInSlice(keySigningKeyStatusActive, keySigningKeyStatusInactive)`,
        ),
      ],
      source: `${AWS_REPO} internal/service/route53/key_signing_key.go @00a35305 (${AWS_VERSION_NOTE}); id is "<hosted zone id>,<ksk name>" (comma-joined two-part id, passthrough importer). key_management_service_arn is not ForceNew in any stored version seen, yet Update only handles status: a changed KMS ARN plans as an in-place update that does not rotate the key.`,
    },
    aws_route53_record: {
      forcesReplacement: ["name", "zone_id"],
      importId: "{zone_id}_{name}_{type}",
      // Listed, not found by name: a record's id follows from its zone's; the listing says whether it exists, and what
      // a zone holds that no stack declares.
      discovery: {
        list: "Route 53 ListResourceRecordSets (docs.aws.amazon.com/Route53/latest/APIReference/API_ListResourceRecordSets.html), per zone",
        dataSource: { kind: "within", parent: "aws_route53_zone", dataSource: "aws_route53_records", argument: "zone_id" },
        importId: "{zone_id}_{name}_{type}[_{set_identifier}]",
      },
      valueRules: [
        rule(
          "alias.name",
          { kind: "length", min: 1, max: 1024 },
          `${AWS_REPO} internal/service/route53/record.go @00655c16 alias.name: validation.StringLenBetween(1, 1024)`,
        ),
        rule(
          "alias.zone_id",
          { kind: "length", min: 1, max: 32 },
          `${AWS_REPO} internal/service/route53/record.go @00655c16 alias.zone_id: validation.StringLenBetween(1, 32)`,
        ),
        rule(
          "failover_routing_policy.type",
          { kind: "one-of", values: ["PRIMARY", "SECONDARY"] },
          `${AWS_REPO} internal/service/route53/record.go @00655c16 failover_routing_policy.type: enum.Validate[awstypes.ResourceRecordSetFailover]()`,
        ),
        rule(
          "geoproximity_routing_policy.bias",
          { kind: "number-range", min: -99, max: 99, integer: true },
          `${AWS_REPO} internal/service/route53/record.go @00655c16 geoproximity_routing_policy.bias: validation.IntBetween(-99, 99)`,
        ),
        rule(
          "type",
          {
            kind: "one-of",
            values: ["SOA", "A", "TXT", "NS", "CNAME", "MX", "NAPTR", "PTR", "SRV", "SPF", "AAAA", "CAA", "DS", "TLSA", "SSHFP", "SVCB", "HTTPS"],
          },
          `${AWS_REPO} internal/service/route53/record.go @00655c16 type: enum.Validate[awstypes.RRType]() (aws-sdk-go-v2 route53 RRType: the stored 2023 enums.go @0438d8f0 has SOA..DS; the 6.x route53_record docs list these 17, adding TLSA, SSHFP, SVCB and HTTPS)`,
        ),
        rule("zone_id", { kind: "length", min: 1 }, `${AWS_REPO} internal/service/route53/record.go @00655c16 zone_id: validation.NoZeroValues`),
      ],
      crossRules: [
        {
          kind: "exactly-one-of",
          block: "",
          attributes: ["alias", "records"],
          source: `${AWS_REPO} internal/service/route53/record.go @00655c16 alias and records: ExactlyOneOf ["alias", "records"]`,
        },
        conflict(
          "",
          "alias",
          "ttl",
          `${AWS_REPO} internal/service/route53/record.go @00655c16 alias: ConflictsWith ["ttl"]; ttl: ConflictsWith ["alias"]`,
        ),
        {
          kind: "required-with",
          block: "",
          attributes: ["ttl", "records"],
          source: `${AWS_REPO} internal/service/route53/record.go @00655c16 ttl: RequiredWith ["records", "ttl"]`,
        },
        {
          kind: "conflicts-with",
          block: "",
          attributes: [
            "cidr_routing_policy",
            "failover_routing_policy",
            "geolocation_routing_policy",
            "geoproximity_routing_policy",
            "latency_routing_policy",
            "multivalue_answer_routing_policy",
            "weighted_routing_policy",
          ],
          source: `${AWS_REPO} internal/service/route53/record.go @00655c16: each routing policy ConflictsWith all six others (mutual, so any two set is an error)`,
        },
        {
          kind: "required-with",
          block: "",
          attributes: ["cidr_routing_policy", "set_identifier"],
          source: `${AWS_REPO} internal/service/route53/record.go @00655c16 cidr_routing_policy: RequiredWith ["set_identifier"]`,
        },
        {
          kind: "required-with",
          block: "",
          attributes: ["failover_routing_policy", "set_identifier"],
          source: `${AWS_REPO} internal/service/route53/record.go @00655c16 failover_routing_policy: RequiredWith ["set_identifier"]`,
        },
        {
          kind: "required-with",
          block: "",
          attributes: ["geolocation_routing_policy", "set_identifier"],
          source: `${AWS_REPO} internal/service/route53/record.go @00655c16 geolocation_routing_policy: RequiredWith ["set_identifier"]`,
        },
        {
          kind: "required-with",
          block: "",
          attributes: ["geoproximity_routing_policy", "set_identifier"],
          source: `${AWS_REPO} internal/service/route53/record.go @00655c16 geoproximity_routing_policy: RequiredWith ["set_identifier"]`,
        },
        {
          kind: "required-with",
          block: "",
          attributes: ["latency_routing_policy", "set_identifier"],
          source: `${AWS_REPO} internal/service/route53/record.go @00655c16 latency_routing_policy: RequiredWith ["set_identifier"]`,
        },
        {
          kind: "required-with",
          block: "",
          attributes: ["multivalue_answer_routing_policy", "set_identifier"],
          source: `${AWS_REPO} internal/service/route53/record.go @00655c16 multivalue_answer_routing_policy: RequiredWith ["set_identifier"]`,
        },
        {
          kind: "required-with",
          block: "",
          attributes: ["weighted_routing_policy", "set_identifier"],
          source: `${AWS_REPO} internal/service/route53/record.go @00655c16 weighted_routing_policy: RequiredWith ["set_identifier"]`,
        },
      ],
      source: `${AWS_REPO} internal/service/route53/record.go @00655c16 (${AWS_VERSION_NOTE}); docs website/docs/r/route53_record.html.markdown: id is ZONEID_NAME_TYPE, with "_<set_identifier>" appended when set_identifier is configured; name is the fully-qualified record name. type and set_identifier are not ForceNew (the provider rewrites the record set inside Update). Not in the rules: latency_routing_policy.region (enum.Validate[ResourceRecordSetRegion], whose region list at the pinned SDK was not among the stored copies).`,
    },
    aws_route53_zone: {
      reachableAt: ["name_servers"],
      forcesReplacement: ["delegation_set_id", "name"],
      importId: "<live hosted zone id>",
      discovery: {
        by: ["name"],
        list: "Route 53 ListHostedZones (docs.aws.amazon.com/Route53/latest/APIReference/API_ListHostedZones.html): Name, with the root's dot",
        dataSource: { kind: "ids", dataSource: "aws_route53_zones", read: "aws_route53_zone", argument: "zone_id" },
        importId: "{zone_id}",
      },
      valueRules: [
        rule(
          "comment",
          { kind: "length", max: 256 },
          `${AWS_REPO} internal/service/route53/zone.go comment: validation.StringLenBetween(0, 256) (@036631a1 and the later SDKv2/names.Attr* copy agree)`,
        ),
        rule(
          "delegation_set_id",
          { kind: "length", max: 32 },
          `${AWS_REPO} internal/service/route53/zone.go delegation_set_id: validation.StringLenBetween(0, 32)`,
        ),
        rule(
          "name",
          { kind: "length", min: 1, max: 1024 },
          `${AWS_REPO} internal/service/route53/zone.go name: validation.StringLenBetween(1, 1024)`,
        ),
        rule("vpc.vpc_id", { kind: "length", min: 1 }, `${AWS_REPO} internal/service/route53/zone.go vpc.vpc_id: validation.NoZeroValues`),
      ],
      crossRules: [
        conflict(
          "",
          "delegation_set_id",
          "vpc",
          `${AWS_REPO} internal/service/route53/zone.go: delegation_set_id ConflictsWith ["vpc"] and vpc ConflictsWith ["delegation_set_id"]`,
        ),
      ],
      source: `${AWS_REPO} internal/service/route53/zone.go (stored versions @036631a1 and a 2024 SDKv2 copy agree; ${AWS_VERSION_NOTE}); import by zone id per website/docs/r/route53_zone.html.markdown @25612875 (6.x docs, identity attribute zone_id). comment, vpc, tags and enable_accelerated_recovery update in place (docs; the 6.x zone.go that adds accelerated recovery was not among the stored copies).`,
    },
    aws_s3_bucket: {
      reachableAt: ["bucket_domain_name", "bucket_regional_domain_name"],
      forcesReplacement: ["bucket", "bucket_prefix", "object_lock_configuration.object_lock_enabled", "object_lock_enabled", "region"],
      importId: "{bucket}",
      valueRules: [
        rule(
          "acceleration_status",
          { kind: "one-of", values: ["Enabled", "Suspended"] },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) acceleration_status: enum.Validate[types.BucketAccelerateStatus]()`,
        ),
        rule(
          "acl",
          { kind: "one-of", values: ["private", "public-read", "public-read-write", "authenticated-read", "aws-exec-read", "log-delivery-write"] },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) acl: StringInSlice(bucketCannedACL_Values()) = types.BucketCannedACL values plus aws-exec-read and log-delivery-write (internal/service/s3 consts)`,
        ),
        rule(
          "bucket",
          { kind: "length", max: 63 },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) bucket: validation.All(StringLenBetween(0, 63), ...)`,
        ),
        rule(
          "bucket",
          {
            kind: "pattern",
            pattern: "^(?!(?:[0-9a-z.-]+)--(?:[0-9a-z]+(?:-[0-9a-z]+)+)--x-s3$)",
            message: "must not be in the format [bucket_name]--[azid]--x-s3; use aws_s3_directory_bucket for S3 Express buckets",
          },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) bucket: StringDoesNotMatch(directoryBucketNameRegex) (internal/service/s3/directory_bucket.go, the Local Zone era regex)`,
        ),
        rule(
          "bucket_prefix",
          { kind: "length", max: 37 },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) bucket_prefix: StringLenBetween(0, 63-id.UniqueIDSuffixLength) with UniqueIDSuffixLength = 26 (terraform-plugin-sdk helper/id)`,
        ),
        rule(
          "grant.permissions",
          { kind: "one-of", values: ["FULL_CONTROL", "WRITE", "WRITE_ACP", "READ", "READ_ACP"] },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) grant.permissions: enum.Validate[types.Permission]() on each element`,
        ),
        rule(
          "grant.type",
          { kind: "one-of", values: ["CanonicalUser", "Group"] },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) grant.type: StringInSlice(TypeCanonicalUser, TypeGroup)`,
        ),
        rule(
          "lifecycle_rule.expiration.days",
          { kind: "number-range", min: 0, integer: true },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) lifecycle_rule.expiration.days: validation.IntAtLeast(0)`,
        ),
        rule(
          "lifecycle_rule.id",
          { kind: "length", max: 255 },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) lifecycle_rule.id: validation.StringLenBetween(0, 255)`,
        ),
        rule(
          "lifecycle_rule.noncurrent_version_expiration.days",
          { kind: "number-range", min: 1, integer: true },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) lifecycle_rule.noncurrent_version_expiration.days: validation.IntAtLeast(1)`,
        ),
        rule(
          "lifecycle_rule.noncurrent_version_transition.days",
          { kind: "number-range", min: 0, integer: true },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) lifecycle_rule.noncurrent_version_transition.days: validation.IntAtLeast(0)`,
        ),
        rule(
          "lifecycle_rule.noncurrent_version_transition.storage_class",
          { kind: "one-of", values: ["GLACIER", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "DEEP_ARCHIVE", "GLACIER_IR"] },
          `${AWS_REPO} internal/service/s3/bucket.go lifecycle_rule.noncurrent_version_transition.storage_class: enum.Validate[types.TransitionStorageClass]()`,
        ),
        rule(
          "lifecycle_rule.transition.storage_class",
          { kind: "one-of", values: ["GLACIER", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "DEEP_ARCHIVE", "GLACIER_IR"] },
          `${AWS_REPO} internal/service/s3/bucket.go lifecycle_rule.transition.storage_class: enum.Validate[types.TransitionStorageClass]()`,
        ),
        rule(
          "lifecycle_rule.transition.days",
          { kind: "number-range", min: 0, integer: true },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) lifecycle_rule.transition.days: validation.IntAtLeast(0)`,
        ),
        rule(
          "object_lock_configuration.object_lock_enabled",
          { kind: "one-of", values: ["Enabled"] },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) object_lock_configuration.object_lock_enabled: enum.Validate[types.ObjectLockEnabled]()`,
        ),
        rule(
          "object_lock_configuration.rule.default_retention.days",
          { kind: "number-range", min: 1, integer: true },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) object_lock_configuration.rule.default_retention.days: validation.IntAtLeast(1)`,
        ),
        rule(
          "object_lock_configuration.rule.default_retention.mode",
          { kind: "one-of", values: ["GOVERNANCE", "COMPLIANCE"] },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) object_lock_configuration.rule.default_retention.mode: enum.Validate[types.ObjectLockRetentionMode]()`,
        ),
        rule(
          "object_lock_configuration.rule.default_retention.years",
          { kind: "number-range", min: 1, integer: true },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) object_lock_configuration.rule.default_retention.years: validation.IntAtLeast(1)`,
        ),
        rule(
          "policy",
          JSON_DOCUMENT,
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) policy (deprecated): validation.StringIsJSON`,
        ),
        rule(
          "replication_configuration.rules.delete_marker_replication_status",
          { kind: "one-of", values: ["Enabled"] },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) replication_configuration.rules.delete_marker_replication_status: StringInSlice(DeleteMarkerReplicationStatusEnabled)`,
        ),
        rule(
          "replication_configuration.rules.destination.access_control_translation.owner",
          { kind: "one-of", values: ["Destination"] },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) ...destination.access_control_translation.owner: enum.Validate[types.OwnerOverride]()`,
        ),
        rule(
          "replication_configuration.rules.destination.account_id",
          ACCOUNT_ID,
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) ...destination.account_id: verify.ValidAccountID (${VERIFY_SOURCE})`,
        ),
        rule(
          "replication_configuration.rules.destination.bucket",
          { kind: "arn" },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) ...destination.bucket: verify.ValidARN (${VERIFY_SOURCE})`,
        ),
        rule(
          "replication_configuration.rules.destination.metrics.minutes",
          { kind: "number-range", min: 10, max: 15, integer: true },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) ...destination.metrics.minutes: validation.IntBetween(10, 15)`,
        ),
        rule(
          "replication_configuration.rules.destination.metrics.status",
          { kind: "one-of", values: ["Enabled", "Disabled"] },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) ...destination.metrics.status: enum.Validate[types.MetricsStatus]()`,
        ),
        rule(
          "replication_configuration.rules.destination.replication_time.minutes",
          { kind: "number-range", min: 15, max: 15, integer: true },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) ...destination.replication_time.minutes: validation.IntBetween(15, 15)`,
        ),
        rule(
          "replication_configuration.rules.destination.replication_time.status",
          { kind: "one-of", values: ["Enabled", "Disabled"] },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) ...destination.replication_time.status: enum.Validate[types.ReplicationTimeStatus]()`,
        ),
        rule(
          "replication_configuration.rules.filter.prefix",
          { kind: "length", max: 1024 },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) replication_configuration.rules.filter.prefix: validation.StringLenBetween(0, 1024)`,
        ),
        rule(
          "replication_configuration.rules.id",
          { kind: "length", max: 255 },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) replication_configuration.rules.id: validation.StringLenBetween(0, 255)`,
        ),
        rule(
          "replication_configuration.rules.prefix",
          { kind: "length", max: 1024 },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) replication_configuration.rules.prefix: validation.StringLenBetween(0, 1024)`,
        ),
        rule(
          "replication_configuration.rules.status",
          { kind: "one-of", values: ["Enabled", "Disabled"] },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) replication_configuration.rules.status: enum.Validate[types.ReplicationRuleStatus]()`,
        ),
        rule(
          "request_payer",
          { kind: "one-of", values: ["Requester", "BucketOwner"] },
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) request_payer: enum.Validate[types.Payer]()`,
        ),
        rule(
          "website.routing_rules",
          JSON_DOCUMENT,
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) website.routing_rules: validation.StringIsJSON`,
        ),
      ],
      crossRules: [
        conflict(
          "",
          "acl",
          "grant",
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it): acl ConflictsWith ["grant"] and grant ConflictsWith ["acl"]`,
        ),
        conflict(
          "",
          "bucket",
          "bucket_prefix",
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it): bucket ConflictsWith ["bucket_prefix"] and the reverse`,
        ),
        conflict(
          "",
          "object_lock_enabled",
          "object_lock_configuration",
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it): object_lock_enabled ConflictsWith ["object_lock_configuration"] (object_lock_configuration.0.object_lock_enabled's ConflictsWith ["object_lock_enabled"] is covered by it)`,
        ),
        {
          kind: "exactly-one-of",
          block: "website",
          attributes: ["index_document", "redirect_all_requests_to"],
          source: `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) website.index_document and website.redirect_all_requests_to: ExactlyOneOf ["website.0.index_document", "website.0.redirect_all_requests_to"]`,
        },
        conflict(
          "website",
          "redirect_all_requests_to",
          "error_document",
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) website.redirect_all_requests_to: ConflictsWith ["website.0.error_document", "website.0.routing_rules"]`,
        ),
        conflict(
          "website",
          "redirect_all_requests_to",
          "routing_rules",
          `${AWS_REPO} internal/service/s3/bucket.go (6.x stored copy: per-call Region(ctx), @Testing(importIgnore="force_destroy"); the read tool gave no commit for it) website.redirect_all_requests_to: ConflictsWith ["website.0.error_document", "website.0.routing_rules"]`,
        ),
      ],
      source: `${AWS_REPO} internal/service/s3/bucket.go (5.x SDKv2 copy and @0070bcd1; ${AWS_VERSION_NOTE}); object_lock_configuration (deprecated block, still in the 6.25.0 binding) carries its own ForceNew object_lock_enabled; import id is the bucket name. ${AWS_REGION_NOTE}. Not in the rules: lifecycle_rule.*.date (validBucketLifecycleTimestamp: a YYYY-MM-DD calendar date that time.Parse accepts), replication destination.storage_class and server_side_encryption_configuration sse_algorithm (aws-sdk-go-v2 StorageClass/ServerSideEncryption enums, which grew in 2025 and were not stored at the pinned version); create-time bucket-name checks (validBucketName) run at apply.`,
    },
    aws_s3_bucket_ownership_controls: {
      forcesReplacement: ["bucket", "region"],
      importId: "{bucket}",
      valueRules: [
        rule(
          "bucket",
          { kind: "length", min: 1 },
          `${AWS_REPO} internal/service/s3/bucket_ownership_controls.go @01c08000 bucket: validation.NoZeroValues`,
        ),
        rule(
          "rule.object_ownership",
          { kind: "one-of", values: ["BucketOwnerPreferred", "ObjectWriter", "BucketOwnerEnforced"] },
          `${AWS_REPO} internal/service/s3/bucket_ownership_controls.go @01c08000 rule.object_ownership: StringInSlice(ObjectOwnership_Values(), false)`,
        ),
      ],
      source: `${AWS_REPO} internal/service/s3/bucket_ownership_controls.go @01c08000 (${AWS_VERSION_NOTE}); id is the bucket name (passthrough importer); rule.object_ownership updates in place. ${AWS_REGION_NOTE}.`,
    },
    aws_s3_bucket_policy: {
      forcesReplacement: ["bucket", "region"],
      importId: "{bucket}",
      valueRules: [
        rule(
          "policy",
          JSON_DOCUMENT,
          `${AWS_REPO} internal/service/s3/bucket_policy.go @0073593e policy: sdkv2.IAMPolicyDocumentSchemaRequired() (ValidateFunc validation.StringIsJSON)`,
        ),
      ],
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
      valueRules: [
        rule(
          "bucket",
          { kind: "length", min: 1, max: 63 },
          `${AWS_REPO} internal/service/s3/bucket_server_side_encryption_configuration.go @01606926 bucket: validation.StringLenBetween(1, 63)`,
        ),
        rule(
          "expected_bucket_owner",
          ACCOUNT_ID,
          `${AWS_REPO} internal/service/s3/bucket_server_side_encryption_configuration.go @01606926 expected_bucket_owner: verify.ValidAccountID`,
        ),
      ],
      source: `${AWS_REPO} internal/service/s3/bucket_server_side_encryption_configuration.go @01606926 (${AWS_VERSION_NOTE}); id is the bucket name, or "{bucket},{expected_bucket_owner}" when expected_bucket_owner is configured; rule updates in place. ${AWS_REGION_NOTE}. Not in the rules: rule.apply_server_side_encryption_by_default.sse_algorithm (enum.Validate[types.ServerSideEncryption], values at the pinned aws-sdk-go-v2 not stored).`,
    },
    aws_s3_bucket_versioning: {
      forcesReplacement: ["bucket", "expected_bucket_owner", "region"],
      importId: "{bucket}",
      valueRules: [
        rule(
          "bucket",
          { kind: "length", min: 1, max: 63 },
          `${AWS_REPO} internal/service/s3/bucket_versioning.go @01c08000 bucket: validation.StringLenBetween(1, 63)`,
        ),
        rule(
          "expected_bucket_owner",
          ACCOUNT_ID,
          `${AWS_REPO} internal/service/s3/bucket_versioning.go @01c08000 expected_bucket_owner: verify.ValidAccountID`,
        ),
        rule(
          "versioning_configuration.mfa_delete",
          { kind: "one-of", values: ["Enabled", "Disabled"] },
          `${AWS_REPO} internal/service/s3/bucket_versioning.go @01c08000 versioning_configuration.mfa_delete: StringInSlice(MFADelete values)`,
        ),
        rule(
          "versioning_configuration.status",
          { kind: "one-of", values: ["Enabled", "Suspended", "Disabled"] },
          `${AWS_REPO} internal/service/s3/bucket_versioning.go @01c08000 versioning_configuration.status: StringInSlice(BucketVersioningStatus_Values()) = Enabled, Suspended plus the provider's Disabled`,
        ),
      ],
      source: `${AWS_REPO} internal/service/s3/bucket_versioning.go @01c08000 (${AWS_VERSION_NOTE}); id is the bucket name, or "{bucket},{expected_bucket_owner}" when expected_bucket_owner is configured; versioning_configuration and mfa update in place (Enabled/Suspended -> Disabled is rejected at plan time). ${AWS_REGION_NOTE}. That CustomizeDiff check depends on the prior state, so it is not a rule here.`,
    },
    aws_s3_bucket_website_configuration: {
      reachableAt: ["website_domain", "website_endpoint"],
      forcesReplacement: ["bucket", "expected_bucket_owner", "region"],
      importId: "{bucket}",
      valueRules: [
        rule(
          "bucket",
          { kind: "length", min: 1, max: 63 },
          `${AWS_REPO} internal/service/s3/bucket_website_configuration.go @013f1736 bucket: validation.StringLenBetween(1, 63)`,
        ),
        rule(
          "expected_bucket_owner",
          ACCOUNT_ID,
          `${AWS_REPO} internal/service/s3/bucket_website_configuration.go @013f1736 expected_bucket_owner: verify.ValidAccountID`,
        ),
        rule(
          "redirect_all_requests_to.protocol",
          { kind: "one-of", values: ["http", "https"] },
          `${AWS_REPO} internal/service/s3/bucket_website_configuration.go @013f1736 redirect_all_requests_to.protocol: enum.Validate[types.Protocol]()`,
        ),
        rule(
          "routing_rule.redirect.protocol",
          { kind: "one-of", values: ["http", "https"] },
          `${AWS_REPO} internal/service/s3/bucket_website_configuration.go @013f1736 routing_rule.redirect.protocol: enum.Validate[types.Protocol]()`,
        ),
        rule(
          "routing_rules",
          JSON_DOCUMENT,
          `${AWS_REPO} internal/service/s3/bucket_website_configuration.go @013f1736 routing_rules: validation.StringIsJSON`,
        ),
      ],
      crossRules: [
        conflict(
          "",
          "redirect_all_requests_to",
          "error_document",
          `${AWS_REPO} internal/service/s3/bucket_website_configuration.go @013f1736 redirect_all_requests_to: ConflictsWith ["error_document", "index_document", "routing_rule", "routing_rules"]`,
        ),
        conflict(
          "",
          "redirect_all_requests_to",
          "index_document",
          `${AWS_REPO} internal/service/s3/bucket_website_configuration.go @013f1736 redirect_all_requests_to: ConflictsWith [...]`,
        ),
        conflict(
          "",
          "redirect_all_requests_to",
          "routing_rule",
          `${AWS_REPO} internal/service/s3/bucket_website_configuration.go @013f1736 redirect_all_requests_to: ConflictsWith [...]`,
        ),
        conflict(
          "",
          "redirect_all_requests_to",
          "routing_rules",
          `${AWS_REPO} internal/service/s3/bucket_website_configuration.go @013f1736 redirect_all_requests_to: ConflictsWith [...]`,
        ),
        conflict(
          "",
          "routing_rule",
          "routing_rules",
          `${AWS_REPO} internal/service/s3/bucket_website_configuration.go @013f1736: routing_rule ConflictsWith ["routing_rules"] and the reverse`,
        ),
      ],
      source: `${AWS_REPO} internal/service/s3/bucket_website_configuration.go @013f1736 (${AWS_VERSION_NOTE}); identity is bucket (+ optional expected_bucket_owner): id is the bucket name, or "{bucket},{expected_bucket_owner}" when that is configured; documents, redirects and routing rules update in place. ${AWS_REGION_NOTE}.`,
    },
  },
  dataSources: {
    aws_route53_records: {
      lists: {
        resource: "aws_route53_record",
        elements: "resource_record_sets",
        matches: { zone_id: "zone_id" },
        renamed: { resource_records: "records" },
        fullyQualified: ["name"],
      },
      source: `${AWS_REPO} internal/service/route53/records_data_source.go @075f4558 (plugin framework, @FrameworkDataSource("aws_route53_records")): zone_id Required, name_regex Optional (a regexp on the API's names), resource_record_sets the ListResourceRecordSets output flattened, names as the API writes them (fully qualified, with the root's dot; "*" as \\052). Schema: the 6.25.0 schema as @cdktf/provider-aws 21.22.1 binds it, equal to lonegunmanb/terraform-aws-schema (generated/data/awsRoute53Records.go @0e440ae0).`,
    },
    aws_route53_zone: {
      lists: { resource: "aws_route53_zone", matches: { zone_id: "zone_id", name: "name" }, notFound: "no matching Route 53 Hosted Zone found" },
      source: `${AWS_REPO} internal/service/route53 hosted zone data source (a zone by zone_id, or by name and private_zone, vpc_id and tags); its error when none matches, "no matching Route 53 Hosted Zone found", as Terraform users quote it. Schema: the 6.25.0 schema as @cdktf/provider-aws 21.22.1 binds it, equal to lonegunmanb/terraform-aws-schema at tag v6.25.0 (generated/data/awsRoute53Zone.go @da55f51e).`,
    },
    aws_route53_zones: {
      lists: { resource: "aws_route53_zone", ids: "ids" },
      source: `${AWS_REPO} aws_route53_zones data source: every hosted zone's id (ListHostedZones); no arguments. Schema: the 6.25.0 schema as @cdktf/provider-aws 21.22.1 binds it, equal to lonegunmanb/terraform-aws-schema (generated/data/awsRoute53Zones.go @239dcbb1).`,
    },
    aws_caller_identity: {
      source: `${AWS_REPO} internal/service/sts/caller_identity_data_source.go @07e0d0b9 (plugin-framework data source): id is Optional+Computed with no validator, the rest computed, so no rules.`,
    },
    aws_iam_policy_document: {
      valueRules: [
        rule(
          "override_json",
          { kind: "length", max: 0 },
          `${AWS_REPO} internal/service/iam/policy_document_data_source.go @04e9356d override_json (deprecated, "Not used"): validation.StringIsEmpty`,
        ),
        rule(
          "override_policy_documents",
          JSON_DOCUMENT,
          `${AWS_REPO} internal/service/iam/policy_document_data_source.go @04e9356d override_policy_documents: element ValidateFunc validation.StringIsJSON`,
        ),
        rule(
          "source_json",
          { kind: "length", max: 0 },
          `${AWS_REPO} internal/service/iam/policy_document_data_source.go @04e9356d source_json (deprecated, "Not used"): validation.StringIsEmpty`,
        ),
        rule(
          "source_policy_documents",
          JSON_DOCUMENT,
          `${AWS_REPO} internal/service/iam/policy_document_data_source.go @04e9356d source_policy_documents: element ValidateFunc validation.StringIsJSON`,
        ),
        rule(
          "statement.effect",
          { kind: "one-of", values: ["Allow", "Deny"] },
          `${AWS_REPO} internal/service/iam/policy_document_data_source.go @04e9356d statement.effect: StringInSlice(Allow, Deny)`,
        ),
        rule(
          "statement.sid",
          { kind: "pattern", pattern: "^[a-zA-Z0-9]*$", message: "must only include alphanumeric characters" },
          `${AWS_REPO} internal/service/iam/policy_document_data_source.go @04e9356d statement.sid: StringMatch(^[a-zA-Z0-9]*$)`,
        ),
        rule(
          "version",
          { kind: "one-of", values: ["2008-10-17", "2012-10-17"] },
          `${AWS_REPO} internal/service/iam/policy_document_data_source.go @04e9356d version: StringInSlice(2008-10-17, 2012-10-17)`,
        ),
      ],
      source: `${AWS_REPO} internal/service/iam/policy_document_data_source.go @04e9356d (SDKv2 data source). Read-time errors (duplicate sid, "&{" in a 2008-10-17 document) are not validators and stay out of the rules.`,
    },
  },
};
