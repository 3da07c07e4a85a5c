/*
 * Route 53 as the inventory implies it, for any estate: the committed one (dns.test.ts) and each recipe of the README's
 * "Changing the estate" applied to it (estate-recipes.test.ts). Every expectation is read from the estate itself.
 */
import { zoneContaining, type Estate } from "../../inventory";
import { resolveReference } from "./references";
import { resourcesOf, stackJson, type SynthesizedEstate, type TerraformJson } from "./synth-estate";
import { defined } from "./defined";

/** Describes, as `title`, the checks of the dns stack that `synthOf` synthesizes (called once, before the checks). */
export function describeRoute53(title: string, synthOf: () => SynthesizedEstate): void {
  describe(title, () => {
    let synth: SynthesizedEstate;
    let estate: Estate;
    let dns: TerraformJson;
    let zones: Record<string, Record<string, unknown>>;
    let records: Record<string, unknown>[];
    // The zones the inventory manages (which zones the seed names is pinned in the seed facts).
    let ZONES: string[];
    beforeAll(() => {
      synth = synthOf();
      estate = synth.estate;
      dns = stackJson(synth, "dns");
      zones = resourcesOf(dns, "aws_route53_zone");
      records = Object.values(resourcesOf(dns, "aws_route53_record"));
      ZONES = estate.zones.map((z) => z.name).sort();
    });
    const addressName = (name: string): string => name.replace(/[.-]/g, "_");

    function zoneAddress(zoneName: string): string {
      const entry = Object.entries(zones).find(([, z]) => z.name === zoneName);
      if (entry === undefined) throw new Error(`no zone ${zoneName}`);
      return entry[0];
    }

    function recordSet(name: string, type: string): Record<string, unknown> {
      const found = records.filter((r) => r.name === name && r.type === type);
      expect(found).toHaveLength(1);
      return defined(found[0]);
    }

    /** The droplet names a record's values point at, through the cross-stack references. */
    function dropletNamesBehind(record: Record<string, unknown>, attribute: string): string[] {
      return (record.records as string[])
        .map((value) => {
          const target = resolveReference(synth, "dns", value);
          expect(target).toMatchObject({ type: "digitalocean_droplet", attribute });
          return defined(target).resource.name as string;
        })
        .sort();
    }

    it("hosts a zone for every zone of the inventory, all on one reusable delegation set", () => {
      expect(
        Object.values(zones)
          .map((z) => z.name)
          .sort(),
      ).toEqual(ZONES);
      const sets = Object.keys(resourcesOf(dns, "aws_route53_delegation_set"));
      expect(sets).toHaveLength(1);
      for (const zone of Object.values(zones)) {
        expect(zone.delegation_set_id).toBe(`\${aws_route53_delegation_set.${sets[0]}.id}`);
        expect(zone.lifecycle).toEqual({ prevent_destroy: true });
      }
    });

    it("signs every zone with DNSSEC using an ECC_NIST_P256 KMS key that Route 53's DNSSEC service may use", () => {
      const keys = Object.entries(resourcesOf(dns, "aws_kms_key"));
      expect(keys).toHaveLength(1);
      const [keyName, key] = defined(keys[0]);
      expect(key).toMatchObject({ customer_master_key_spec: "ECC_NIST_P256", key_usage: "SIGN_VERIFY" });
      const policy = Object.values(dns.data?.aws_iam_policy_document ?? {})[0] as {
        statement: { principals?: { identifiers: string[] }[]; actions: string[] }[];
      };
      const dnssecStatement = policy.statement.find(
        (s) => s.principals?.[0]?.identifiers.includes("dnssec-route53.amazonaws.com") && s.actions.includes("kms:Sign"),
      );
      expect(dnssecStatement?.actions).toEqual(["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"]);
      expect(dns.provider?.aws).toEqual([expect.objectContaining({ region: "us-east-1" })]);

      const ksks = Object.entries(resourcesOf(dns, "aws_route53_key_signing_key"));
      const signing = Object.values(resourcesOf(dns, "aws_route53_hosted_zone_dnssec"));
      for (const zoneName of ZONES) {
        const zoneRef = `\${aws_route53_zone.${zoneAddress(zoneName)}.zone_id}`;
        const ksk = ksks.filter(([, k]) => k.hosted_zone_id === zoneRef);
        expect(ksk).toHaveLength(1);
        expect(defined(ksk[0])[1]).toMatchObject({ key_management_service_arn: `\${aws_kms_key.${keyName}.arn}`, status: "ACTIVE" });
        const enabled = signing.filter((s) => s.hosted_zone_id === `\${aws_route53_key_signing_key.${defined(ksk[0])[0]}.hosted_zone_id}`);
        expect(enabled).toEqual([expect.objectContaining({ signing_status: "SIGNING" })]);
      }
    });

    it("publishes CAA, and SPF with the zone's other TXT values in one record set, at every apex", () => {
      for (const zone of estate.zones) {
        expect(recordSet(zone.name, "CAA").records).toEqual([
          ...estate.caa.issuers.map((issuer) => `0 issue "${issuer}"`),
          `0 iodef "${estate.caa.iodef}"`,
        ]);
        expect(recordSet(zone.name, "TXT").records).toEqual([zone.spf, ...(zone.txt ?? [])]);
      }
    });

    it("publishes every hand-written MX record, and sends the mail to the hosts of the role that answers its target", () => {
      let droplets = 0;
      for (const zone of estate.zones) {
        for (const mx of (zone.records ?? []).filter((r) => r.type === "MX")) {
          expect(recordSet(mx.name, "MX").records).toEqual(mx.values);
          for (const value of mx.values) {
            const target = defined(value.split(" ")[1]);
            const origin = estate.services.find((s) => s.names.includes(target))?.origin;
            if (origin?.kind !== "droplet") continue;
            expect(dropletNamesBehind(recordSet(target, "A"), "ipv4_address")).toEqual(
              estate
                .hostsWithRole(origin.role)
                .map((h) => h.dropletName)
                .sort(),
            );
            droplets++;
          }
        }
      }
      // python.org's mail goes to mail.python.org, a droplet (seed-facts.test.ts pins it).
      expect(droplets).toBeGreaterThan(0);
    });

    it("names every host under psf.io by reference to its droplet's addresses", () => {
      for (const host of estate.hosts) {
        expect(dropletNamesBehind(recordSet(host.fqdn, "A"), "ipv4_address")).toEqual([host.dropletName]);
        expect(dropletNamesBehind(recordSet(host.fqdn, "AAAA"), "ipv6_address")).toEqual([host.dropletName]);
      }
    });

    it("names every role under psf.io by its hosts, and in a datacenter where it has several, unless a host has that name", () => {
      let perDatacenter = 0;
      for (const role of estate.roles) {
        const hosts = estate.hostsWithRole(role.name);
        if (hosts.length === 0) continue;
        const shortName = role.shortName ?? role.name;
        expect(dropletNamesBehind(recordSet(`${shortName}.${estate.hostZone}`, "A"), "ipv4_address")).toEqual(hosts.map((h) => h.dropletName).sort());
        for (const dc of estate.datacenters) {
          const local = hosts.filter((h) => h.datacenter === dc.key);
          const name = `${shortName}.${dc.key}.${estate.hostZone}`;
          const own = estate.hosts.find((h) => h.fqdn === name);
          const expected = own !== undefined ? [own.dropletName] : local.length > 1 ? local.map((h) => h.dropletName).sort() : [];
          const found = records.filter((r) => r.name === name && r.type === "AAAA");
          expect(found.length === 0 ? [] : dropletNamesBehind(defined(found[0]), "ipv6_address")).toEqual(expected);
          if (own === undefined && local.length > 1) perDatacenter++;
        }
      }
      // The load balancers and the Consul servers at least.
      expect(perDatacenter).toBeGreaterThan(0);
    });

    it("points every public name of the inventory at its origin, and writes no record in a zone kept elsewhere", () => {
      const lbs = estate
        .hostsWithRole("loadbalancer")
        .map((h) => h.dropletName)
        .sort();
      const allZones = [...estate.zones, ...estate.externalZones].map((z) => z.name);
      const keptElsewhere = (name: string): boolean => estate.externalZones.some((z) => z.name === zoneContaining(name, allZones));
      let checked = 0;
      let elsewhere = 0;
      for (const service of estate.services) {
        for (const name of service.names) {
          const origin = service.origin;
          if (keptElsewhere(name)) {
            expect(Object.values(resourcesOf(dns, "aws_route53_record")).filter((r) => r.name === name)).toEqual([]);
            elsewhere++;
            continue;
          }
          checked++;
          switch (origin.kind) {
            case "load-balancer":
            case "load-balancer-redirect":
            case "load-balancer-proxy":
              expect(dropletNamesBehind(recordSet(name, "A"), "ipv4_address")).toEqual(lbs);
              expect(dropletNamesBehind(recordSet(name, "AAAA"), "ipv6_address")).toEqual(lbs);
              break;
            case "droplet": {
              const hosts = estate
                .hostsWithRole(origin.role)
                .map((h) => h.dropletName)
                .sort();
              expect(dropletNamesBehind(recordSet(name, "A"), "ipv4_address")).toEqual(hosts);
              break;
            }
            case "fastly":
              if (estate.zones.some((z) => z.name === name)) {
                expect(recordSet(name, "A").records).toEqual(estate.fastlyEdge.apexIpv4);
                expect(recordSet(name, "AAAA").records).toEqual(estate.fastlyEdge.apexIpv6);
              } else {
                expect(recordSet(name, "CNAME").records).toEqual([estate.fastlyEdge.dualstackCname]);
              }
              break;
            case "s3-website": {
              const [value] = recordSet(name, "CNAME").records as string[];
              const endpoint = resolveReference(synth, "dns", value);
              expect(endpoint).toMatchObject({ stack: "static-sites", type: "aws_s3_bucket_website_configuration", attribute: "website_endpoint" });
              const bucket = resolveReference(synth, "static-sites", defined(endpoint).resource.bucket);
              expect(bucket?.resource.bucket).toBe(origin.site);
              break;
            }
          }
        }
      }
      expect(checked + elsewhere).toBe(estate.services.reduce((n, s) => n + s.names.length, 0));
      expect(elsewhere).toBeGreaterThan(0);
    });

    it("writes every record name fully qualified, inside its zone", () => {
      for (const record of records) {
        const zoneName = Object.entries(zones).find(([address]) => record.zone_id === `\${aws_route53_zone.${address}.zone_id}`)?.[1].name as string;
        expect(record.name === zoneName || (record.name as string).endsWith(`.${zoneName}`)).toBe(true);
      }
    });

    it("outputs each zone's name servers, and the DS record of its key-signing key, for the registrar", () => {
      const ksks = Object.entries(resourcesOf(dns, "aws_route53_key_signing_key"));
      for (const zoneName of ZONES) {
        expect(dns.output?.[`name_servers_${addressName(zoneName)}`]?.value).toBe(`\${sort(aws_route53_zone.${zoneAddress(zoneName)}.name_servers)}`);
        const [kskAddress] = defined(ksks.find(([, k]) => k.hosted_zone_id === `\${aws_route53_zone.${zoneAddress(zoneName)}.zone_id}`));
        expect(dns.output?.[`ds_record_${addressName(zoneName)}`]).toMatchObject({
          value: `\${aws_route53_key_signing_key.${kskAddress}.ds_record}`,
          description: expect.stringContaining(`DS record of ${zoneName}'s key-signing key`),
        });
      }
    });
  });
}
