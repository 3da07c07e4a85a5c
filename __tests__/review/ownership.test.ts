/*
 * What the estate owns: its zones' names (not a look-alike's), the names and addresses it records, the places the
 * clouds gave its own objects (only where the configuration leaves them to the cloud), and the facts that say which
 * attributes those are, checked against the pinned schemas.
 */
import { PROVIDER_FACTS } from "../../provider-schemas/facts";
import { loadProviderSchema, pinnedProvider } from "../../provider-schemas/schema-file";
import { canonicalAddress, ownership } from "../../review/verdict/ownership";
import { isEstateReference } from "../../review/verdict/takeover";
import { namedHosts, spfAllRank, spfTerms } from "../../review/verdict/destinations";
import { defined } from "../support/defined";

const FACTS = {
  zones: ["python.org"],
  names: ["dualstack.python.map.fastly.net"],
  addresses: ["2a04:4e42::223"],
  caaIssuers: ["letsencrypt.org"],
  codeRepositories: ["https://github.com/python/pythondotorg"],
  buildpacks: ["heroku/python"],
};

describe("the estate owns", () => {
  const owned = ownership(
    FACTS,
    [
      {
        stack: "nyc1",
        address: "digitalocean_droplet.lb",
        mode: "managed",
        type: "digitalocean_droplet",
        values: { ipv4_address: "203.0.113.7", ipv6_address: "2001:db8::7" },
      },
      {
        stack: "nyc1",
        address: "digitalocean_droplet.set",
        mode: "managed",
        type: "digitalocean_droplet",
        values: { ipv4_address: "203.0.113.9", ipv6_address: "2606:4700::1111" },
      },
    ],
    [new Map([["nyc1", { resource: { digitalocean_droplet: { lb: {}, set: { ipv6_address: "2606:4700::1111" } } } }]])],
  );

  it.each([
    ["the zone's apex and any name in it", "python.org", true],
    ["a name in the zone, written with a final dot and capitals", "WWW.Python.Org.", true],
    ["a look-alike", "python.org.evil.example", false],
    ["a name ending like the zone without its dot", "notpython.org", false],
    ["a recorded name", "dualstack.python.map.fastly.net", true],
    ["a look-alike of a recorded name", "dualstack.python.map.fast1y.net", false],
  ])("%s: %s", (_what, name, expected) => {
    expect(owned.ownsName(name)).toBe(expected);
  });

  it("the addresses it records, in any spelling, and those the cloud gave its objects, not one its configuration set", () => {
    expect(owned.ownsAddress("2a04:4e42:0000::0223")).toBe(true);
    expect(owned.ownsAddress("203.0.113.7")).toBe(true);
    expect(owned.ownsAddress("2001:DB8:0::7")).toBe(true);
    expect(owned.ownsAddress("2606:4700::1111")).toBe(false);
    expect(owned.ownsAddress("198.51.100.1")).toBe(false);
    expect(canonicalAddress("2001:DB8:0:0::7")).toBe("2001:db8::7");
  });

  it("repositories of the organizations whose code it runs, Heroku's own buildpacks and its own", () => {
    expect(owned.ownsRepository("https://github.com/python/bedevere.git")).toBe(true);
    expect(owned.ownsRepository("https://github.com/pythonn/pythondotorg")).toBe(false);
    expect(owned.ownsBuildpack("heroku/nodejs")).toBe(true);
    expect(owned.ownsBuildpack("https://github.com/evil/heroku-buildpack-python")).toBe(false);
  });
});

describe("where the clouds place an object (reachableAt)", () => {
  const cases = Object.entries(PROVIDER_FACTS).flatMap(([provider, facts]) =>
    Object.entries(facts.resources).flatMap(([type, f]) => (f.reachableAt ?? []).map((attribute) => [provider, type, attribute] as const)),
  );

  it("names some attributes", () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)("%s: %s.%s is a computed attribute of the pinned schema", (provider, type, attribute) => {
    const schema = loadProviderSchema(pinnedProvider(provider));
    expect(schema.resource_schemas?.[type]?.block.attributes?.[attribute]?.computed).toBe(true);
  });
});

describe("an expression of the estate's own objects", () => {
  it.each([
    ["${digitalocean_droplet.lb.ipv4_address}", true],
    ["${sort(data.terraform_remote_state.dns.outputs.name_servers)}", true],
    ['${[for c in fastly_tls_subscription.s.managed_dns_challenges : c.record_value if c.record_name == "_acme-challenge.${each.value}"][0]}', true],
    ["${var.origin}", false],
    ["${digitalocean_droplet.lb.name}", false],
    ['${digitalocean_droplet.lb.ipv4_address == "" ? "evil.example.net" : "evil.example.net"}', false],
    ["${local.somewhere}", false],
  ])("%s: %s", (expression, expected) => {
    expect(isEstateReference(expression)).toBe(expected);
  });
});

describe("destinations read from text", () => {
  it("finds the hosts of URLs and of quoted host names in VCL, not versions or numbers", () => {
    expect(namedHosts('set req.http.host = "mirror.evil.example"; error 751 "https://evil.example:8443/x"; if (req.http.v == "1.2.3") {}')).toEqual([
      "evil.example",
      "mirror.evil.example",
    ]);
  });

  it("reads an SPF policy's terms and how much its all lets through", () => {
    expect(spfAllRank(defined(spfTerms("v=spf1 mx -all")))).toBe(0);
    expect(spfAllRank(defined(spfTerms("v=spf1 mx ~all")))).toBe(1);
    expect(spfAllRank(defined(spfTerms("v=spf1 mx")))).toBe(2);
    expect(spfAllRank(defined(spfTerms("v=spf1 mx all")))).toBe(3);
    expect(spfTerms("not spf")).toBeUndefined();
    expect(defined(spfTerms("v=spf1 include:_spf.example.net ip4:192.0.2.0/24")).map((t) => [t.qualifier, t.mechanism, t.argument])).toEqual([
      ["+", "include", "_spf.example.net"],
      ["+", "ip4", "192.0.2.0/24"],
    ]);
  });
});
