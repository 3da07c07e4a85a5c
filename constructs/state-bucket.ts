import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { KMS_ALIAS_WITHOUT_PREFIX } from "../provider-schemas/facts/aws";
import { ConstructPropsError } from "./construct-props-error";

export interface StateBucketProps {
  /** The bucket's name (the inventory checks S3's naming rule). */
  readonly bucketName: string;
  /** AWS region of the bucket and its key (SSE-KMS needs the key in the bucket's region). */
  readonly region: string;
  /** Alias of the key, without `alias/`. */
  readonly kmsKeyAlias: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The bucket that holds the estate's Terraform state under PSF_ESTATE_BACKEND=s3, and the KMS key that encrypts it.
 * Every state write is kept (versioning), so a bad one can be undone; objects are encrypted with the key by default and
 * a write that asks for anything else (S3's own key, another KMS key) is refused, so reading a state takes kms:Decrypt
 * on this key as well as s3:GetObject; any request without TLS is refused; no ACL or policy can make it public. Terraform's
 * lock (`use_lockfile`) is a conditional write, which AWS's S3 honours; whether a bucket does is checked by
 * `npm run state:probe`, not by this code. Both are protected from destruction: the bucket holds every state, the key
 * is needed to read them.
 */
export class StateBucket extends Construct {
  readonly bucketName: string;
  /** The key's ARN: what PSF_ESTATE_S3_KMS_KEY_ID must be, since the bucket policy compares the ARN a write names. */
  readonly kmsKeyArn: string;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    if (!KMS_ALIAS_WITHOUT_PREFIX.test(props.kmsKeyAlias)) {
      throw new ConstructPropsError("StateBucket", id, "kmsKeyAlias", `"${props.kmsKeyAlias}" is not a valid KMS alias name`);
    }
    const account = new DataAwsCallerIdentity(this, "account");
    const keyPolicy = new DataAwsIamPolicyDocument(this, "key-policy", {
      statement: [
        {
          // AWS's default key policy: the account's IAM policies decide who may use the key.
          sid: "AccountAdministersKey",
          actions: ["kms:*"],
          resources: ["*"],
          principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${account.accountId}:root`] }],
        },
      ],
    });
    const key = new KmsKey(this, "key", {
      description: `Encrypts the psf-estate Terraform state in s3://${props.bucketName}`,
      region: props.region,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: keyPolicy.json,
      tags: { ...props.tags },
      // Deleting the key makes every state encrypted with it unreadable.
      lifecycle: { preventDestroy: true },
    });
    new KmsAlias(this, "alias", { name: `alias/${props.kmsKeyAlias}`, region: props.region, targetKeyId: key.keyId });

    const bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      region: props.region,
      tags: { ...props.tags },
      lifecycle: { preventDestroy: true },
    });
    // Every state written is kept: README, "Restoring a previous state version".
    new S3BucketVersioningA(this, "versioning", { bucket: bucket.id, region: props.region, versioningConfiguration: { status: "Enabled" } });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: bucket.id,
      region: props.region,
      // The bucket key cuts KMS requests (and their cost) to one per object and time window, not one per request.
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
    });
    new S3BucketOwnershipControls(this, "ownership", { bucket: bucket.id, region: props.region, rule: { objectOwnership: "BucketOwnerEnforced" } });
    const publicAccess = new S3BucketPublicAccessBlock(this, "public-access", {
      bucket: bucket.id,
      region: props.region,
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    });
    const everyone = [{ type: "*", identifiers: ["*"] }];
    const bucketPolicy = new DataAwsIamPolicyDocument(this, "bucket-policy", {
      statement: [
        {
          sid: "RefuseRequestsWithoutTls",
          effect: "Deny",
          principals: everyone,
          actions: ["s3:*"],
          resources: [bucket.arn, `${bucket.arn}/*`],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
        {
          // A write without an encryption header gets the bucket's default, this key; one that asks for S3's own key
          // (AES256) or no KMS is refused. "IfExists" lets a multipart upload's parts through, which carry no header.
          sid: "RefuseWritesNotUnderKms",
          effect: "Deny",
          principals: everyone,
          actions: ["s3:PutObject"],
          resources: [`${bucket.arn}/*`],
          condition: [{ test: "StringNotEqualsIfExists", variable: "s3:x-amz-server-side-encryption", values: ["aws:kms"] }],
        },
        {
          sid: "RefuseWritesUnderAnotherKey",
          effect: "Deny",
          principals: everyone,
          actions: ["s3:PutObject"],
          resources: [`${bucket.arn}/*`],
          condition: [{ test: "StringNotEqualsIfExists", variable: "s3:x-amz-server-side-encryption-aws-kms-key-id", values: [key.arn] }],
        },
      ],
    });
    new S3BucketPolicy(this, "policy", {
      bucket: bucket.id,
      region: props.region,
      policy: bucketPolicy.json,
      // S3 answers a policy put while the public access block is being set with a conflict.
      dependsOn: [publicAccess],
    });
    this.bucketName = props.bucketName;
    this.kmsKeyArn = key.arn;
  }
}
