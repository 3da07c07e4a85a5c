import { StaticWebsiteBucket } from "../constructs/static-website-bucket";
import { newStack, onlyBlock, outputs, synthJson } from "./support/construct-synth";

describe("StaticWebsiteBucket", () => {
  const stack = newStack();
  const site = new StaticWebsiteBucket(stack, "site", {
    bucketName: "docs.example.org",
    region: "us-west-2",
    indexDocument: "index.htm",
    errorDocument: "errors/404.htm",
    tags: { owner: "docs", purpose: "static site" },
  });
  const json = synthJson(stack, { bucketName: site.bucketName, websiteEndpoint: site.websiteEndpoint });
  const bucket = onlyBlock(json, "aws_s3_bucket").name;
  const bucketId = `\${aws_s3_bucket.${bucket}.id}`;

  it("is a bucket of the name, region and tags given, never destroyed", () => {
    expect(onlyBlock(json, "aws_s3_bucket").block).toEqual({
      bucket: "docs.example.org",
      region: "us-west-2",
      tags: { owner: "docs", purpose: "static site" },
      lifecycle: { prevent_destroy: true },
    });
  });

  it("keeps every version of its objects", () => {
    expect(onlyBlock(json, "aws_s3_bucket_versioning").block).toEqual({
      bucket: bucketId,
      region: "us-west-2",
      versioning_configuration: { status: "Enabled" },
    });
  });

  it("serves the index and error documents given", () => {
    expect(onlyBlock(json, "aws_s3_bucket_website_configuration").block).toEqual({
      bucket: bucketId,
      region: "us-west-2",
      index_document: { suffix: "index.htm" },
      error_document: { key: "errors/404.htm" },
    });
  });

  it("owns every object itself, with ACLs disabled and public ACLs blocked", () => {
    expect(onlyBlock(json, "aws_s3_bucket_ownership_controls").block).toEqual({
      bucket: bucketId,
      region: "us-west-2",
      rule: { object_ownership: "BucketOwnerEnforced" },
    });
    expect(onlyBlock(json, "aws_s3_bucket_public_access_block").block).toEqual({
      bucket: bucketId,
      region: "us-west-2",
      block_public_acls: true,
      ignore_public_acls: true,
      block_public_policy: false,
      restrict_public_buckets: false,
    });
  });

  it("lets anyone get its objects and nothing else, once the access block allows a public policy", () => {
    const readPolicy = onlyBlock(json, "aws_iam_policy_document", "data");
    expect(readPolicy.block).toEqual({
      statement: [
        {
          sid: "PublicReadOfTheWebsite",
          actions: ["s3:GetObject"],
          resources: [`\${aws_s3_bucket.${bucket}.arn}/*`],
          principals: [{ type: "*", identifiers: ["*"] }],
        },
      ],
    });
    expect(onlyBlock(json, "aws_s3_bucket_policy").block).toEqual({
      bucket: bucketId,
      region: "us-west-2",
      policy: `\${data.aws_iam_policy_document.${readPolicy.name}.json}`,
      depends_on: [`aws_s3_bucket_public_access_block.${onlyBlock(json, "aws_s3_bucket_public_access_block").name}`],
    });
  });

  it("writes those six resources and nothing else", () => {
    expect(Object.keys(json.resource ?? {}).sort()).toEqual([
      "aws_s3_bucket",
      "aws_s3_bucket_ownership_controls",
      "aws_s3_bucket_policy",
      "aws_s3_bucket_public_access_block",
      "aws_s3_bucket_versioning",
      "aws_s3_bucket_website_configuration",
    ]);
  });

  it("gives the site's CNAME its website endpoint", () => {
    expect(outputs(json)).toEqual({
      bucketName: "docs.example.org",
      websiteEndpoint: `\${aws_s3_bucket_website_configuration.${onlyBlock(json, "aws_s3_bucket_website_configuration").name}.website_endpoint}`,
    });
  });
});
