import type { TerraformStack } from "cdktf";
import { ServiceVcl } from "../.gen/providers/fastly/service-vcl";
import type { IDnsZone } from "../constructs/dns-zone";
import { FastlyTlsCertificate, type FastlyTlsCertificateProps } from "../constructs/fastly-tls-certificate";
import { newStack, onlyBlock, outputs, rejection, synthJson, type SynthJson } from "./support/construct-synth";

const zone: IDnsZone = { zoneId: "Z0STANDIN4F1C", zoneName: "example.org" };

/** Given out of order: the subscription and the challenge records take them sorted. */
const www: FastlyTlsCertificateProps = { domains: ["www.example.org", "example.org"], certificateAuthority: "certainly", zone };

function synthCertificate(props: FastlyTlsCertificateProps, stack: TerraformStack = newStack()): SynthJson {
  const certificate = new FastlyTlsCertificate(stack, "www-tls", props);
  return synthJson(stack, { subscriptionId: certificate.subscriptionId });
}

describe("FastlyTlsCertificate", () => {
  const json = synthCertificate(www);
  const subscription = onlyBlock(json, "fastly_tls_subscription").name;
  const records = onlyBlock(json, "aws_route53_record").name;

  it("subscribes the domains, sorted, with the certificate authority given, depending on nothing by default", () => {
    expect(onlyBlock(json, "fastly_tls_subscription").block).toEqual({
      domains: ["example.org", "www.example.org"],
      certificate_authority: "certainly",
    });
  });

  it("writes each domain's challenge in the zone, as the subscription asks for it, for 60 seconds, over any record left there", () => {
    const challenge = (field: string): string =>
      `\${[for c in fastly_tls_subscription.${subscription}.managed_dns_challenges : c.${field} if c.record_name == "_acme-challenge.\${each.value}"][0]}`;
    expect(onlyBlock(json, "aws_route53_record").block).toEqual({
      for_each: '${toset(["example.org", "www.example.org"])}',
      zone_id: "Z0STANDIN4F1C",
      name: "_acme-challenge.${each.value}",
      type: challenge("record_type"),
      records: [challenge("record_value")],
      ttl: 60,
      allow_overwrite: true,
    });
  });

  it("waits for issuance once the challenges are written", () => {
    expect(onlyBlock(json, "fastly_tls_subscription_validation").block).toEqual({
      subscription_id: `\${fastly_tls_subscription.${subscription}.id}`,
      depends_on: [`aws_route53_record.${records}`],
    });
  });

  it("writes those three resources and gives the subscription's id", () => {
    expect(Object.keys(json.resource ?? {}).sort()).toEqual(["aws_route53_record", "fastly_tls_subscription", "fastly_tls_subscription_validation"]);
    expect(outputs(json)).toEqual({ subscriptionId: `\${fastly_tls_subscription.${subscription}.id}` });
  });

  it("writes the challenges with the TTL given", () => {
    expect(onlyBlock(synthCertificate({ ...www, challengeTtl: 300 }), "aws_route53_record").block.ttl).toBe(300);
  });

  it("subscribes only once what it depends on exists", () => {
    const stack = newStack();
    const service = new ServiceVcl(stack, "service", { name: "www.example.org", domain: [{ name: "www.example.org" }, { name: "example.org" }] });
    const json = synthCertificate({ ...www, dependsOn: [service] }, stack);
    expect(onlyBlock(json, "fastly_tls_subscription").block.depends_on).toEqual([`fastly_service_vcl.${onlyBlock(json, "fastly_service_vcl").name}`]);
  });

  it.each([59, 86401, 0])("fails on a challenge TTL of %d seconds", (challengeTtl) => {
    expect(rejection(() => new FastlyTlsCertificate(newStack(), "www-tls", { ...www, challengeTtl }))).toBe(
      `FastlyTlsCertificate "www-tls" prop "challengeTtl": ${challengeTtl} is outside 60-86400`,
    );
  });

  it("fails on a challenge TTL that is not whole seconds", () => {
    expect(rejection(() => new FastlyTlsCertificate(newStack(), "www-tls", { ...www, challengeTtl: 90.5 }))).toMatch(
      /^FastlyTlsCertificate "www-tls" prop "challengeTtl": 90\.5 /,
    );
  });
});
