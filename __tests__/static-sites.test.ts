import { resourcesOf, stackJson, synthCommittedEstate } from "./support/synth-estate";

const synth = synthCommittedEstate();
const stack = stackJson(synth, "static-sites");

describe("the www.jython.org S3 website", () => {
  const [bucketName, bucket] = Object.entries(resourcesOf(stack, "aws_s3_bucket"))[0]!;
  const ref = `\${aws_s3_bucket.${bucketName}.id}`;

  it("is a protected bucket named after the site", () => {
    expect(bucket).toMatchObject({ bucket: "www.jython.org", region: "us-east-1", lifecycle: { prevent_destroy: true } });
  });

  it("is served as a website", () => {
    expect(Object.values(resourcesOf(stack, "aws_s3_bucket_website_configuration"))).toEqual([
      expect.objectContaining({ bucket: ref, index_document: { suffix: "index.html" }, error_document: { key: "404.html" } }),
    ]);
  });

  it("allows public reads through the bucket policy only", () => {
    expect(Object.values(resourcesOf(stack, "aws_s3_bucket_ownership_controls"))).toEqual([
      expect.objectContaining({ bucket: ref, rule: { object_ownership: "BucketOwnerEnforced" } }),
    ]);
    expect(Object.values(resourcesOf(stack, "aws_s3_bucket_public_access_block"))).toEqual([
      expect.objectContaining({ bucket: ref, block_public_acls: true, ignore_public_acls: true, block_public_policy: false, restrict_public_buckets: false }),
    ]);
    const policy = Object.values(stack.data?.aws_iam_policy_document ?? {})[0] as { statement: Record<string, unknown>[] };
    expect(policy.statement).toEqual([{
      sid: "PublicReadOfTheWebsite",
      actions: ["s3:GetObject"],
      resources: [`\${aws_s3_bucket.${bucketName}.arn}/*`],
      principals: [{ type: "*", identifiers: ["*"] }],
    }]);
    const bucketPolicy = Object.values(resourcesOf(stack, "aws_s3_bucket_policy"))[0]!;
    expect(bucketPolicy.bucket).toBe(ref);
    expect(bucketPolicy.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_public_access_block\./)]);
  });
});
