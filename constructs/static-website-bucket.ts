import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { S3BucketWebsiteConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-website-configuration";
import { Construct } from "constructs";

export interface StaticWebsiteBucketProps {
  /** Bucket name (S3's naming rule is checked by the inventory); S3 website hosting requires it to equal the host name served. */
  readonly bucketName: string;
  /** AWS region of the bucket (set on each resource, so one provider serves buckets in any region). */
  readonly region: string;
  /** Object served for a directory request. */
  readonly indexDocument: string;
  /** Object served for a missing key. */
  readonly errorDocument: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * An S3 bucket served as a website: anyone may read its objects and nothing else. ACLs are disabled
 * (the bucket owner owns every object), public ACLs stay blocked, and one bucket policy grants
 * s3:GetObject to everyone. The bucket is protected from destruction.
 */
export class StaticWebsiteBucket extends Construct {
  readonly bucketName: string;
  /** The website endpoint host, the target of the site's CNAME. */
  readonly websiteEndpoint: string;

  constructor(scope: Construct, id: string, props: StaticWebsiteBucketProps) {
    super(scope, id);
    const bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      region: props.region,
      tags: { ...props.tags },
      lifecycle: { preventDestroy: true },
    });
    // Versioning keeps an overwritten or deleted page recoverable (policy data.bucket-versioning).
    new S3BucketVersioningA(this, "versioning", {
      bucket: bucket.id,
      region: props.region,
      versioningConfiguration: { status: "Enabled" },
    });
    const website = new S3BucketWebsiteConfiguration(this, "website", {
      bucket: bucket.id,
      region: props.region,
      indexDocument: { suffix: props.indexDocument },
      errorDocument: { key: props.errorDocument },
    });
    new S3BucketOwnershipControls(this, "ownership", {
      bucket: bucket.id,
      region: props.region,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, "public-access", {
      bucket: bucket.id,
      region: props.region,
      blockPublicAcls: true,
      ignorePublicAcls: true,
      // A public bucket policy is how the site is readable.
      blockPublicPolicy: false,
      restrictPublicBuckets: false,
    });
    const readPolicy = new DataAwsIamPolicyDocument(this, "public-read", {
      statement: [
        {
          sid: "PublicReadOfTheWebsite",
          actions: ["s3:GetObject"],
          resources: [`${bucket.arn}/*`],
          principals: [{ type: "*", identifiers: ["*"] }],
        },
      ],
    });
    new S3BucketPolicy(this, "policy", {
      bucket: bucket.id,
      region: props.region,
      policy: readPolicy.json,
      // S3 rejects a public policy while the access block still blocks public policies.
      dependsOn: [publicAccess],
    });
    this.bucketName = props.bucketName;
    this.websiteEndpoint = website.websiteEndpoint;
  }
}
