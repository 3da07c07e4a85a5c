import { resourcesOf, stackJson, synthCommittedEstate } from "./support/synth-estate";
import { defined } from "./support/defined";

const synth = synthCommittedEstate();
const { estate } = synth;
const stack = stackJson(synth, "static-sites");

describe.each(estate.staticSites.map((site) => [site.bucket, site] as const))("the %s S3 website", (bucketName, site) => {
  const [bucketAddress, bucket] = defined(Object.entries(resourcesOf(stack, "aws_s3_bucket")).find(([, b]) => b.bucket === bucketName));
  const ref = `\${aws_s3_bucket.${bucketAddress}.id}`;
  const ofBucket = (type: string): Record<string, unknown>[] => Object.values(resourcesOf(stack, type)).filter((r) => r.bucket === ref);

  it("is a protected bucket named after the site", () => {
    expect(bucket).toMatchObject({ bucket: site.bucket, region: site.region, lifecycle: { prevent_destroy: true } });
  });

  it("is served as a website", () => {
    expect(ofBucket("aws_s3_bucket_website_configuration")).toEqual([
      expect.objectContaining({ index_document: { suffix: site.indexDocument }, error_document: { key: site.errorDocument } }),
    ]);
  });

  it("allows public reads through the bucket policy only", () => {
    expect(ofBucket("aws_s3_bucket_ownership_controls")).toEqual([expect.objectContaining({ rule: { object_ownership: "BucketOwnerEnforced" } })]);
    expect(ofBucket("aws_s3_bucket_public_access_block")).toEqual([
      expect.objectContaining({ block_public_acls: true, ignore_public_acls: true, block_public_policy: false, restrict_public_buckets: false }),
    ]);
    const [bucketPolicy] = ofBucket("aws_s3_bucket_policy");
    expect(bucketPolicy).toBeDefined();
    const document = /^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.json\}$/.exec(String(defined(bucketPolicy).policy))?.[1];
    const policy = stack.data?.aws_iam_policy_document?.[document ?? ""] as { statement: Record<string, unknown>[] } | undefined;
    expect(policy?.statement).toEqual([
      {
        sid: "PublicReadOfTheWebsite",
        actions: ["s3:GetObject"],
        resources: [`\${aws_s3_bucket.${bucketAddress}.arn}/*`],
        principals: [{ type: "*", identifiers: ["*"] }],
      },
    ]);
    expect(defined(bucketPolicy).depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_public_access_block\./)]);
  });
});

it("creates a bucket for every static site of the inventory and no other", () => {
  expect(
    Object.values(resourcesOf(stack, "aws_s3_bucket"))
      .map((b) => b.bucket)
      .sort(),
  ).toEqual(estate.staticSites.map((s) => s.bucket).sort());
});
