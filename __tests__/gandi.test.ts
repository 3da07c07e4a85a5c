import { resolveReference } from "./support/references";
import { resourcesOf, stackJson, synthCommittedEstate } from "./support/synth-estate";
import { defined } from "./support/defined";

const synth = synthCommittedEstate();
const { estate } = synth;
const gandi = stackJson(synth, "gandi");

/** The Route 53 resource (in the dns stack) a Gandi value reads, through the DNS stack's outputs. */
function fromDns(value: unknown) {
  const resolved = resolveReference(synth, "gandi", value);
  expect(resolved?.stack).toBe("dns");
  return defined(resolved);
}

describe("Gandi", () => {
  it("delegates every zone's domain to the name servers of its Route 53 zone, read from the DNS stack", () => {
    const delegations = Object.values(resourcesOf(gandi, "gandi_nameservers"));
    expect(delegations.map((d) => d.domain).sort()).toEqual(estate.zones.map((z) => z.name).sort());
    for (const delegation of delegations) {
      const inner = /^\$\{sort\((.+)\)\}$/.exec(String(delegation.nameservers))?.[1];
      const zone = fromDns(`\${${inner}}`);
      expect(zone).toMatchObject({ type: "aws_route53_zone", attribute: "name_servers" });
      expect(zone.resource.name).toBe(delegation.domain);
      // Deleting it would hand the domain back to Gandi's own name servers.
      expect(delegation.lifecycle).toMatchObject({ prevent_destroy: true });
    }
  });

  it("publishes every zone's key-signing key at the registrar, by reference, so the DS record follows the key", () => {
    const keys = Object.values(resourcesOf(gandi, "gandi_dnssec_key"));
    expect(keys.map((k) => k.domain).sort()).toEqual(estate.zones.map((z) => z.name).sort());
    const dns = stackJson(synth, "dns");
    for (const key of keys) {
      expect(key.type).toBe("ksk");
      const publicKey = fromDns(key.public_key);
      const algorithm = fromDns(key.algorithm);
      expect([publicKey.type, publicKey.attribute, algorithm.attribute]).toEqual([
        "aws_route53_key_signing_key",
        "public_key",
        "signing_algorithm_type",
      ]);
      expect(algorithm.name).toBe(publicKey.name);
      // The key-signing key belongs to the zone of the same domain.
      const zone = defined(resolveReference(synth, "dns", publicKey.resource.hosted_zone_id));
      expect(zone.resource.name).toBe(key.domain);
      expect(dns.resource?.aws_route53_key_signing_key?.[publicKey.name]).toBeDefined();
      // A rollover publishes the new key before the old one goes; a removal is refused.
      expect(key.lifecycle).toMatchObject({ prevent_destroy: true, create_before_destroy: true });
    }
  });

  it("takes its credentials from the environment, not the configuration", () => {
    expect(gandi.provider?.gandi).toEqual([{}]);
  });
});
