import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { StateBucket } from "../constructs/state-bucket";
import type { Estate, StateStore } from "../inventory";
import { EstateStack, type EstateStackProps } from "./estate-stack";

export interface StateStackProps extends EstateStackProps {
  readonly estate: Estate;
  readonly store: StateStore;
}

/**
 * The S3 backend's state bucket and its KMS key. No stack reads it and it reads none: the backend's settings come from
 * the PSF_ESTATE_S3_* variables, which its outputs give. Its own state is kept like every stack's, in the bucket it
 * declares once bootstrapped (README, "The state bucket": first applied with local state, then migrated into it).
 */
export class StateStack extends EstateStack {
  readonly bucket: StateBucket;

  constructor(scope: Construct, id: string, props: StateStackProps) {
    super(scope, id, props);
    new AwsProvider(this, "aws", { region: props.store.region });
    this.bucket = new StateBucket(this, "state", {
      bucketName: props.store.bucket,
      region: props.store.region,
      kmsKeyAlias: props.store.kmsKeyAlias,
      tags: { owner: props.estate.owner(props.store.owner).contact },
    });
    new TerraformOutput(this, "bucket", { value: props.store.bucket, description: "PSF_ESTATE_S3_BUCKET" });
    new TerraformOutput(this, "region", { value: props.store.region, description: "PSF_ESTATE_S3_REGION" });
    new TerraformOutput(this, "kms_key_arn", {
      value: this.bucket.kmsKeyArn,
      description: "PSF_ESTATE_S3_KMS_KEY_ID: the bucket refuses writes under any other key",
    });
  }
}
