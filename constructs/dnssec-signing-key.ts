import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import { KMS_ALIAS_WITHOUT_PREFIX } from "../provider-schemas/facts/aws";
import { ConstructPropsError } from "./construct-props-error";

export interface DnssecSigningKeyProps {
  /** Alias of the key, without the `alias/` prefix. */
  readonly alias: string;
}

/** What a zone needs of its signing key: the KMS key's ARN. */
export interface ISigningKey {
  readonly keyArn: string;
}

/**
 * The KMS key Route 53 signs zones with: ECC_NIST_P256 for SIGN_VERIFY, which is what Route 53 DNSSEC
 * accepts, usable by Route 53's DNSSEC service for hosted zones of this account only. Its stack's AWS
 * provider must be in us-east-1, the only region Route 53 takes DNSSEC keys from.
 */
export class DnssecSigningKey extends Construct implements ISigningKey {
  readonly keyArn: string;

  constructor(scope: Construct, id: string, props: DnssecSigningKeyProps) {
    super(scope, id);
    // `alias/` is added here, and `aws/` is AWS's own: an alias given with either would name another key.
    if (!KMS_ALIAS_WITHOUT_PREFIX.test(props.alias)) {
      throw new ConstructPropsError("DnssecSigningKey", id, "alias", `"${props.alias}" is not a valid KMS alias name`);
    }
    const account = new DataAwsCallerIdentity(this, "account");
    const route53Dnssec = { type: "Service", identifiers: ["dnssec-route53.amazonaws.com"] };
    const policy = new DataAwsIamPolicyDocument(this, "policy", {
      statement: [
        {
          sid: "AccountAdministersKey",
          actions: ["kms:*"],
          resources: ["*"],
          principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${account.accountId}:root`] }],
        },
        {
          sid: "Route53DnssecSigns",
          actions: ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"],
          resources: ["*"],
          principals: [route53Dnssec],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [account.accountId] },
            { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:route53:::hostedzone/*"] },
          ],
        },
        {
          sid: "Route53DnssecGrants",
          actions: ["kms:CreateGrant"],
          resources: ["*"],
          principals: [route53Dnssec],
          condition: [{ test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] }],
        },
      ],
    });
    const key = new KmsKey(this, "key", {
      description: "Route 53 DNSSEC key signing key for the PSF's zones",
      customerMasterKeySpec: "ECC_NIST_P256",
      keyUsage: "SIGN_VERIFY",
      deletionWindowInDays: 30,
      policy: policy.json,
      // Deleting the key breaks the chain of trust of every signed zone.
      lifecycle: { preventDestroy: true },
    });
    new KmsAlias(this, "alias", { name: `alias/${props.alias}`, targetKeyId: key.keyId });
    this.keyArn = key.arn;
  }
}
