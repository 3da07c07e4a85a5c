import { Route53DelegationSet } from "@cdktf/provider-aws/lib/route53-delegation-set";
import { TerraformVariable, type TerraformStack } from "cdktf";
import { DnsZone, type DnsRecordProps } from "../constructs/dns-zone";
import type { ISigningKey } from "../constructs/dnssec-signing-key";
import { blocksOf, newStack, onlyBlock, outputs, synthJson } from "./support/construct-synth";

const signingKey: ISigningKey = { keyArn: "arn:aws:kms:us-east-1:111122223333:key/stand-in-5e1f" };

/** A zone on a real delegation set (the prop's type is the provider's class), signed with the stand-in key. */
function newZone(zoneName = "pycon-test.example.org"): { stack: TerraformStack; zone: DnsZone } {
  const stack = newStack();
  const delegationSet = new Route53DelegationSet(stack, "delegation-set", { referenceName: "stand-in" });
  return { stack, zone: new DnsZone(stack, "zone", { zoneName, comment: "PyCon test zone (stand-in)", delegationSet, signingKey }) };
}

const www: DnsRecordProps = { name: "www.pycon-test.example.org", type: "CNAME", ttl: 3600, values: ["pycon-test.example.net"] };
const spf: DnsRecordProps = { name: "pycon-test.example.org", type: "TXT", ttl: 120, values: ["v=spf1 -all", "google-site-verification=stand-in"] };

describe("DnsZone", () => {
  const { stack, zone } = newZone();
  const json = synthJson(stack, {
    zoneId: zone.zoneId,
    zoneName: zone.zoneName,
    nameServers: zone.nameServers,
    dsRecord: zone.dsRecord,
    kskAlgorithm: zone.keySigningKey.algorithm,
    kskPublicKey: zone.keySigningKey.publicKey,
  });
  const hostedZone = onlyBlock(json, "aws_route53_zone").name;
  const ksk = onlyBlock(json, "aws_route53_key_signing_key").name;

  it("is a hosted zone of the name and comment given, on the delegation set, never destroyed", () => {
    expect(onlyBlock(json, "aws_route53_zone").block).toEqual({
      name: "pycon-test.example.org",
      comment: "PyCon test zone (stand-in)",
      delegation_set_id: "${aws_route53_delegation_set.delegation-set.id}",
      lifecycle: { prevent_destroy: true },
    });
  });

  it("has an active key-signing key from the signing key, named psf_<zone with _ for . and ->, never destroyed", () => {
    expect(onlyBlock(json, "aws_route53_key_signing_key").block).toEqual({
      hosted_zone_id: `\${aws_route53_zone.${hostedZone}.zone_id}`,
      key_management_service_arn: "arn:aws:kms:us-east-1:111122223333:key/stand-in-5e1f",
      name: "psf_pycon_test_example_org",
      status: "ACTIVE",
      lifecycle: { prevent_destroy: true },
    });
  });

  it("is signed once its key-signing key exists, and never unsigned by Terraform", () => {
    expect(onlyBlock(json, "aws_route53_hosted_zone_dnssec").block).toEqual({
      hosted_zone_id: `\${aws_route53_key_signing_key.${ksk}.hosted_zone_id}`,
      signing_status: "SIGNING",
      depends_on: [`aws_route53_key_signing_key.${ksk}`],
      lifecycle: { prevent_destroy: true },
    });
  });

  it("writes those three resources and no record of its own", () => {
    expect(Object.keys(json.resource ?? {}).sort()).toEqual([
      "aws_route53_delegation_set",
      "aws_route53_hosted_zone_dnssec",
      "aws_route53_key_signing_key",
      "aws_route53_zone",
    ]);
  });

  it("gives records its zone id, the registrar its name servers, DS record and key-signing key", () => {
    expect(outputs(json)).toEqual({
      zoneId: `\${aws_route53_zone.${hostedZone}.zone_id}`,
      zoneName: "pycon-test.example.org",
      nameServers: `\${aws_route53_zone.${hostedZone}.name_servers}`,
      dsRecord: `\${aws_route53_key_signing_key.${ksk}.ds_record}`,
      kskAlgorithm: `\${aws_route53_key_signing_key.${ksk}.signing_algorithm_type}`,
      kskPublicKey: `\${aws_route53_key_signing_key.${ksk}.public_key}`,
    });
  });
});

describe("DnsZone.addRecord", () => {
  /** The Terraform name of each record of a zone given `records` in this order, by the record's name and type. */
  function recordNames(records: readonly DnsRecordProps[]): Map<string, string> {
    const { zone } = newZone();
    return new Map(records.map((record) => [`${record.name} ${record.type}`, zone.addRecord(record).friendlyUniqueId]));
  }

  it("writes each record set in the zone with its own name, type, TTL and values, in the order given", () => {
    const { stack, zone } = newZone();
    const wwwRecord = zone.addRecord(www);
    const spfRecord = zone.addRecord(spf);
    const json = synthJson(stack);
    const zoneId = `\${aws_route53_zone.${onlyBlock(json, "aws_route53_zone").name}.zone_id}`;
    expect(blocksOf(json, "aws_route53_record")).toEqual({
      [wwwRecord.friendlyUniqueId]: {
        zone_id: zoneId,
        name: "www.pycon-test.example.org",
        type: "CNAME",
        ttl: 3600,
        records: ["pycon-test.example.net"],
      },
      [spfRecord.friendlyUniqueId]: {
        zone_id: zoneId,
        name: "pycon-test.example.org",
        type: "TXT",
        ttl: 120,
        records: ["v=spf1 -all", "google-site-verification=stand-in"],
      },
    });
  });

  it("writes a value that is a reference as that reference", () => {
    const { stack, zone } = newZone();
    const address = new TerraformVariable(stack, "stand_in_address", { type: "string" }).stringValue;
    zone.addRecord({ name: "db.pycon-test.example.org", type: "A", ttl: 300, values: [address, "192.0.2.7"] });
    expect(onlyBlock(synthJson(stack), "aws_route53_record").block.records).toEqual(["${var.stand_in_address}", "192.0.2.7"]);
  });

  it("names each record by its name and type, whatever was added before it", () => {
    const aaaa: DnsRecordProps = { ...www, type: "AAAA", values: ["2001:db8::1"] };
    const forwards = recordNames([www, spf, aaaa]);
    expect(forwards.size).toBe(3);
    expect(recordNames([aaaa, spf, www])).toEqual(forwards);
  });

  it("names the zone's resources and records as the committed estate has them", () => {
    // The DNS stack gives each zone its name as construct id; these are python.org's addresses in the dns snapshot.
    // Another naming scheme would have Terraform replace every zone and record set.
    const stack = newStack();
    const delegationSet = new Route53DelegationSet(stack, "delegation-set", {});
    const zone = new DnsZone(stack, "python.org", { zoneName: "python.org", comment: "", delegationSet, signingKey });
    const bugs = zone.addRecord({ name: "bugs.python.org", type: "A", ttl: 300, values: ["192.0.2.1"] });
    const wwwRecord = zone.addRecord({ name: "www.python.org", type: "CNAME", ttl: 300, values: ["dualstack.python.map.fastly.net"] });
    const json = synthJson(stack);
    expect([bugs.friendlyUniqueId, wwwRecord.friendlyUniqueId]).toEqual([
      "pythonorg_bugs_python_org_A_63B7263F",
      "pythonorg_www_python_org_CNAME_27F6032F",
    ]);
    expect(onlyBlock(json, "aws_route53_zone").name).toBe("pythonorg_zone_783C804E");
    expect(onlyBlock(json, "aws_route53_key_signing_key").name).toBe("pythonorg_key-signing-key_60EE6E15");
    expect(onlyBlock(json, "aws_route53_hosted_zone_dnssec").name).toBe("pythonorg_dnssec_64BCCCF1");
  });
});
