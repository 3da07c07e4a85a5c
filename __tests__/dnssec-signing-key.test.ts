import { DnssecSigningKey } from "../constructs/dnssec-signing-key";
import { newStack, onlyBlock, outputs, rejection, synthJson, type SynthJson } from "./support/construct-synth";

function synthKey(alias: string): { json: SynthJson; key: DnssecSigningKey } {
  const stack = newStack();
  const key = new DnssecSigningKey(stack, "signing-key", { alias });
  return { json: synthJson(stack, { keyArn: key.keyArn }), key };
}

describe("DnssecSigningKey", () => {
  const { json } = synthKey("psf-route53-dnssec");
  const key = onlyBlock(json, "aws_kms_key").name;
  const policy = onlyBlock(json, "aws_iam_policy_document", "data").name;
  const account = onlyBlock(json, "aws_caller_identity", "data").name;

  it("is an ECC_NIST_P256 signing key under its policy, deleted only after 30 days, never destroyed by Terraform", () => {
    expect(onlyBlock(json, "aws_kms_key").block).toEqual({
      description: "Route 53 DNSSEC key signing key for the PSF's zones",
      customer_master_key_spec: "ECC_NIST_P256",
      key_usage: "SIGN_VERIFY",
      deletion_window_in_days: 30,
      policy: `\${data.aws_iam_policy_document.${policy}.json}`,
      lifecycle: { prevent_destroy: true },
    });
  });

  it("lets the account administer the key and Route 53 DNSSEC sign with it for this account's hosted zones only", () => {
    const accountId = `\${data.aws_caller_identity.${account}.account_id}`;
    const route53Dnssec = [{ type: "Service", identifiers: ["dnssec-route53.amazonaws.com"] }];
    expect(onlyBlock(json, "aws_iam_policy_document", "data").block).toEqual({
      statement: [
        {
          sid: "AccountAdministersKey",
          actions: ["kms:*"],
          resources: ["*"],
          principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${accountId}:root`] }],
        },
        {
          sid: "Route53DnssecSigns",
          actions: ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"],
          resources: ["*"],
          principals: route53Dnssec,
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] },
            { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:route53:::hostedzone/*"] },
          ],
        },
        {
          sid: "Route53DnssecGrants",
          actions: ["kms:CreateGrant"],
          resources: ["*"],
          principals: route53Dnssec,
          condition: [{ test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] }],
        },
      ],
    });
    expect(onlyBlock(json, "aws_caller_identity", "data").block).toEqual({});
  });

  it("names the key alias/<alias>", () => {
    expect(onlyBlock(json, "aws_kms_alias").block).toEqual({ name: "alias/psf-route53-dnssec", target_key_id: `\${aws_kms_key.${key}.key_id}` });
  });

  it("gives zones the key's ARN", () => {
    expect(outputs(json)).toEqual({ keyArn: `\${aws_kms_key.${key}.arn}` });
  });

  it.each(["a", "psf/route53_dnssec-2", "x".repeat(250)])("accepts the alias %j", (alias) => {
    expect(onlyBlock(synthKey(alias).json, "aws_kms_alias").block.name).toBe(`alias/${alias}`);
  });

  it.each([
    ["AWS's reserved prefix", "aws/route53"],
    ["the alias/ prefix, which the construct adds itself", "alias/psf-route53-dnssec"],
    ["a space", "psf dnssec"],
    ["a dot", "psf.dnssec"],
    ["nothing", ""],
    ["251 characters", "x".repeat(251)],
  ])("fails on an alias with %s", (_what, alias) => {
    expect(rejection(() => new DnssecSigningKey(newStack(), "signing-key", { alias }))).toBe(
      `DnssecSigningKey "signing-key" prop "alias": "${alias}" is not a valid KMS alias name`,
    );
  });
});
