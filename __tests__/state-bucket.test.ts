/*
 * The `state` stack: the S3 backend's bucket and KMS key as the inventory's state store declares them, with what makes
 * the bucket safe for the estate's state. Whether a live bucket honours conditional writes is `npm run state:probe`'s
 * question; the backend against a real store is `npm run test:state`'s.
 */
import { InventoryError, loadEstate, PSF_INVENTORY, type EstateInventory } from "../inventory";
import { resourcesOf, stackJson, synthCommittedEstate, synthEstate } from "./support/synth-estate";
import { defined } from "./support/defined";

const synth = synthCommittedEstate();
const store = defined(synth.estate.stateStore);
const stack = stackJson(synth, "state");
const only = (type: string): [string, Record<string, unknown>] => {
  const entries = Object.entries(resourcesOf(stack, type));
  expect(entries).toHaveLength(1);
  return defined(entries[0]);
};
const [bucketAddress, bucket] = only("aws_s3_bucket");
const [keyAddress, key] = only("aws_kms_key");
const bucketId = `\${aws_s3_bucket.${bucketAddress}.id}`;
const bucketArn = `\${aws_s3_bucket.${bucketAddress}.arn}`;
const keyArn = `\${aws_kms_key.${keyAddress}.arn}`;

describe("the state bucket", () => {
  it("is the inventory's state store, protected from destruction, and its key too", () => {
    expect(bucket).toMatchObject({ bucket: store.bucket, region: store.region, lifecycle: { prevent_destroy: true } });
    expect(key).toMatchObject({ region: store.region, enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    expect(key).not.toHaveProperty("key_usage"); // symmetric ENCRYPT_DECRYPT, AWS's default, which SSE-KMS needs
    expect(only("aws_kms_alias")[1]).toMatchObject({ name: `alias/${store.kmsKeyAlias}`, region: store.region });
  });

  it("keeps every version, encrypts with its key by default, enforces the owner and blocks every kind of public access", () => {
    expect(only("aws_s3_bucket_versioning")[1]).toMatchObject({ bucket: bucketId, versioning_configuration: { status: "Enabled" } });
    expect(only("aws_s3_bucket_server_side_encryption_configuration")[1]).toMatchObject({
      bucket: bucketId,
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: keyArn }, bucket_key_enabled: true }],
    });
    expect(only("aws_s3_bucket_ownership_controls")[1]).toMatchObject({ bucket: bucketId, rule: { object_ownership: "BucketOwnerEnforced" } });
    expect(only("aws_s3_bucket_public_access_block")[1]).toMatchObject({
      bucket: bucketId,
      block_public_acls: true,
      ignore_public_acls: true,
      block_public_policy: true,
      restrict_public_buckets: true,
    });
  });

  it("refuses, to everyone, any request without TLS and any write under another encryption than its key", () => {
    const [, policy] = only("aws_s3_bucket_policy");
    const document = /^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.json\}$/.exec(String(policy.policy))?.[1];
    const statements = (stack.data?.aws_iam_policy_document?.[document ?? ""] as { statement: Record<string, unknown>[] }).statement;
    const everyone = [{ type: "*", identifiers: ["*"] }];
    expect(statements).toEqual([
      {
        sid: "RefuseRequestsWithoutTls",
        effect: "Deny",
        principals: everyone,
        actions: ["s3:*"],
        resources: [bucketArn, `${bucketArn}/*`],
        condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
      },
      {
        sid: "RefuseWritesNotUnderKms",
        effect: "Deny",
        principals: everyone,
        actions: ["s3:PutObject"],
        resources: [`${bucketArn}/*`],
        condition: [{ test: "StringNotEqualsIfExists", variable: "s3:x-amz-server-side-encryption", values: ["aws:kms"] }],
      },
      {
        sid: "RefuseWritesUnderAnotherKey",
        effect: "Deny",
        principals: everyone,
        actions: ["s3:PutObject"],
        resources: [`${bucketArn}/*`],
        condition: [{ test: "StringNotEqualsIfExists", variable: "s3:x-amz-server-side-encryption-aws-kms-key-id", values: [keyArn] }],
      },
    ]);
    // No statement allows anything: access is the account's IAM policies' to give.
    expect(statements.every((s) => s.effect === "Deny")).toBe(true);
    expect(policy.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_public_access_block\./)]);
  });

  it("outputs what the PSF_ESTATE_S3_* variables take: the bucket, its region, the key's ARN", () => {
    expect(stack.output).toMatchObject({
      bucket: { value: store.bucket },
      region: { value: store.region },
      kms_key_arn: { value: keyArn },
    });
  });

  it("reads no stack and no stack reads it", () => {
    expect(stack.data?.terraform_remote_state).toBeUndefined();
    for (const json of synth.json.values())
      expect(Object.keys(json.data?.terraform_remote_state ?? {})).not.toContain("cross-stack-reference-input-state");
  });

  it("is not synthesized for an inventory without a state store", () => {
    const { stateStore: _omitted, ...inventory } = PSF_INVENTORY;
    expect([...synthEstate(inventory).json.keys()]).not.toContain("state");
  });
});

describe("the inventory's state store", () => {
  const problems = (inventory: EstateInventory): readonly string[] => {
    try {
      loadEstate(inventory);
    } catch (error) {
      expect(error).toBeInstanceOf(InventoryError);
      return (error as InventoryError).problems;
    }
    throw new Error("the inventory loaded");
  };
  const withStore = (change: object): EstateInventory => ({ ...PSF_INVENTORY, stateStore: { ...store, ...change } });

  it("fails on a bucket that is a static site's, which anyone may read", () => {
    expect(problems(withStore({ bucket: "www.jython.org" }))).toEqual([
      'state store field "bucket": "www.jython.org" is a static site\'s bucket, which anyone may read',
    ]);
  });

  it("fails on a key alias AWS reserves and an invalid bucket name, each named", () => {
    expect(problems(withStore({ kmsKeyAlias: "aws/s3", bucket: "Not_A_Bucket" }))).toEqual([
      'state store field "bucket": "Not_A_Bucket" is not a valid S3 bucket name',
      'state store field "kmsKeyAlias": "aws/s3" is not a KMS alias name without alias/ (letters, digits, / _ -, not aws/…)',
    ]);
  });

  it("fails on a key alias given with its alias/ prefix, which would name alias/alias/…", () => {
    expect(problems(withStore({ kmsKeyAlias: "alias/psf-estate-state" }))).toEqual([
      'state store field "kmsKeyAlias": "alias/psf-estate-state" is not a KMS alias name without alias/ (letters, digits, / _ -, not aws/…)',
    ]);
  });

  it("fails on an unknown owner", () => {
    expect(problems(withStore({ owner: "nobody" }))).toEqual([expect.stringMatching(/^state store field "owner": .*nobody/)]);
  });
});
