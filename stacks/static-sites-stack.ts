import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { Construct } from "constructs";
import { StaticWebsiteBucket } from "../constructs/static-website-bucket";
import type { Estate } from "../inventory";
import { EstateStack, type EstateStackProps } from "./estate-stack";

/** The region the provider itself talks to; each bucket names its own region. */
const PROVIDER_REGION = "us-east-1";

export interface StaticSitesStackProps extends EstateStackProps {
  readonly estate: Estate;
}

/** The S3 buckets served as websites (www.jython.org). AWS credentials come from the usual AWS_* variables. */
export class StaticSitesStack extends EstateStack {
  /** The sites by bucket name, for their DNS records. */
  readonly sites: ReadonlyMap<string, StaticWebsiteBucket>;

  constructor(scope: Construct, id: string, props: StaticSitesStackProps) {
    super(scope, id, props);
    new AwsProvider(this, "aws", { region: PROVIDER_REGION });
    const sites = new Map<string, StaticWebsiteBucket>();
    for (const site of props.estate.staticSites) {
      sites.set(
        site.bucket,
        new StaticWebsiteBucket(this, site.bucket, {
          bucketName: site.bucket,
          region: site.region,
          indexDocument: site.indexDocument,
          errorDocument: site.errorDocument,
          tags: { owner: props.estate.owner(site.owner).contact },
        }),
      );
    }
    this.sites = sites;
  }
}
