import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53DelegationSet } from "@cdktf/provider-aws/lib/route53-delegation-set";
import { TerraformStack, Testing } from "cdktf";
import { GandiProvider } from "../.gen/providers/gandi/provider";
import { DnsZone } from "../constructs/dns-zone";
import { RegistrarDelegation } from "../constructs/registrar-delegation";
import { defined } from "./support/defined";

type Block = Record<string, unknown>;
type Json = { resource: Record<string, Record<string, Block>> };

/** A stack with the zones named, each delegated at Gandi. */
function synthDelegations(zoneNames: readonly string[]): { json: Json; delegations: Map<string, RegistrarDelegation> } {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new GandiProvider(stack, "gandi", {});
  const delegations = new Map<string, RegistrarDelegation>();
  const delegationSet = new Route53DelegationSet(stack, "delegation-set", {});
  for (const zoneName of zoneNames) {
    const zone = new DnsZone(stack, `zone-${zoneName}`, {
      zoneName,
      comment: zoneName,
      delegationSet,
      signingKey: { keyArn: "arn:aws:kms:us-east-1:123456789012:key/test" },
    });
    delegations.set(zoneName, new RegistrarDelegation(stack, `delegation-${zoneName}`, { zone }));
  }
  return { json: JSON.parse(Testing.synth(stack)) as Json, delegations };
}

/** The Terraform name of the one resource of `type` whose `attribute` is `value`. */
function nameOf(json: Json, type: string, attribute: string, value: string): string {
  const found = Object.entries(json.resource[type] ?? {}).filter(([, block]) => block[attribute] === value);
  expect(found).toHaveLength(1);
  return defined(found[0])[0];
}

describe("RegistrarDelegation", () => {
  const { json, delegations } = synthDelegations(["python.org", "pypi.org"]);

  it.each(["python.org", "pypi.org"])("delegates %s to its own zone's name servers, sorted, never destroyed", (zoneName) => {
    const delegation = defined(delegations.get(zoneName));
    const zone = nameOf(json, "aws_route53_zone", "name", zoneName);
    expect(defined(json.resource.gandi_nameservers)[delegation.nameservers.friendlyUniqueId]).toEqual({
      domain: zoneName,
      nameservers: `\${sort(aws_route53_zone.${zone}.name_servers)}`,
      lifecycle: { prevent_destroy: true },
    });
  });

  it.each(["python.org", "pypi.org"])("publishes %s's key-signing key as a ksk, by reference, replaced before it is destroyed", (zoneName) => {
    const delegation = defined(delegations.get(zoneName));
    const zone = nameOf(json, "aws_route53_zone", "name", zoneName);
    const ksk = nameOf(json, "aws_route53_key_signing_key", "hosted_zone_id", `\${aws_route53_zone.${zone}.zone_id}`);
    expect(defined(json.resource.gandi_dnssec_key)[delegation.dnssecKey.friendlyUniqueId]).toEqual({
      domain: zoneName,
      type: "ksk",
      algorithm: `\${aws_route53_key_signing_key.${ksk}.signing_algorithm_type}`,
      public_key: `\${aws_route53_key_signing_key.${ksk}.public_key}`,
      lifecycle: { prevent_destroy: true, create_before_destroy: true },
    });
  });

  it("writes one name server list and one key per zone", () => {
    expect(Object.keys(defined(json.resource.gandi_nameservers))).toHaveLength(2);
    expect(Object.keys(defined(json.resource.gandi_dnssec_key))).toHaveLength(2);
  });
});
