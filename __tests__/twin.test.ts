/*
 * The provider twin's parts, without Terraform: the MessagePack codec Terraform's values travel in, what
 * it plans (unknowns, replacements from the ForceNew table and its conditional rules), what it makes up at
 * apply, and the providers' validators. rehearsal.test.ts and twin-negative-controls.test.ts put it in
 * front of the real Terraform.
 */
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROVIDER_FACTS, RESOURCE_TYPE_FACTS } from "../provider-schemas/facts";
import { blockValueType, loadProviderSchema, pinnedProvider, pinnedProviders, type SchemaBlock } from "../provider-schemas/schema-file";
import { containsUnknown, decodeValue, encodeValue, isUnknown, UNKNOWN, Unknown, type Value } from "../twin/cty";
import { planResourceChange } from "../twin/resource-plan";
import { fillUnknowns, importedId, seededHash } from "../twin/simulated-values";
import { compareVersions, locateTerraform, MINIMUM_TERRAFORM } from "../twin/rehearsal/terraform-cli";
import { checkValueRules } from "../twin/value-rules";
import { defined } from "./support/defined";

const digitalocean = loadProviderSchema(pinnedProvider("digitalocean"));
const fastly = loadProviderSchema(pinnedProvider("fastly"));
const dropletBlock = defined(defined(digitalocean.resource_schemas).digitalocean_droplet).block;

/** A droplet's configuration, every attribute of the schema present (null where unset), as Terraform sends it. */
function droplet(config: Record<string, Value>): Record<string, Value> {
  const empty = Object.fromEntries(Object.keys(dropletBlock.attributes ?? {}).map((name) => [name, null]));
  const blocks = Object.fromEntries(
    Object.entries(dropletBlock.block_types ?? {}).map(([name, b]) => [name, b.nesting_mode === "single" ? null : []]),
  );
  return { ...empty, ...blocks, ...config };
}

const web = droplet({ name: "web", region: "nyc3", size: "s-1vcpu-1gb", image: "ubuntu-24-04-x64", ipv6: true });

describe("values on the wire", () => {
  const type = blockValueType(dropletBlock);

  it("round-trip through MessagePack, unknowns included", () => {
    const value = { ...web, id: UNKNOWN, tags: ["a", "b"] };
    expect(decodeValue(encodeValue(value, type), type)).toEqual(value);
  });

  it("keep an unknown's refinements (extension 12) as Terraform sent them", () => {
    const refined = new Unknown(12, new Uint8Array([0x81, 0x01, 0xc3]));
    const decoded = decodeValue(encodeValue({ ...web, name: refined }, type), type) as Record<string, Value>;
    expect(decoded.name).toEqual(refined);
  });

  it("write every attribute of an object, absent ones as null", () => {
    const decoded = decodeValue(encodeValue({ name: "web" }, type), type) as Record<string, Value>;
    expect(Object.keys(decoded).sort()).toEqual(Object.keys(web).sort());
    expect(decoded.region).toBeNull();
  });
});

describe("planning", () => {
  const facts = RESOURCE_TYPE_FACTS.digitalocean_droplet;

  it("leaves computed attributes unknown on create and plans the configuration's values", () => {
    const { planned, requiresReplace } = planResourceChange(dropletBlock, facts, null, web, web, false);
    const p = planned as Record<string, Value>;
    expect(isUnknown(p.id)).toBe(true);
    expect(isUnknown(p.ipv4_address)).toBe(true);
    expect(p.name).toBe("web");
    expect(requiresReplace).toEqual([]);
  });

  it("keeps what the prior state computed when nothing forces a new object", () => {
    const prior = { ...web, id: "123", ipv4_address: "203.0.113.7" };
    const proposed = { ...prior, size: "s-2vcpu-2gb" };
    const { planned, requiresReplace } = planResourceChange(dropletBlock, facts, prior, proposed, { ...web, size: "s-2vcpu-2gb" }, false);
    expect(requiresReplace).toEqual([]);
    expect((planned as Record<string, Value>).ipv4_address).toBe("203.0.113.7");
  });

  it("replaces on a ForceNew change and computes everything afresh", () => {
    const prior = { ...web, id: "123", ipv4_address: "203.0.113.7" };
    const { planned, requiresReplace } = planResourceChange(
      dropletBlock,
      facts,
      prior,
      { ...prior, region: "ams3" },
      { ...web, region: "ams3" },
      false,
    );
    expect(requiresReplace).toEqual([[{ attribute_name: "region" }]]);
    expect(isUnknown((planned as Record<string, Value>).ipv4_address)).toBe(true);
  });

  it("replaces a droplet whose ipv6 goes from true to false, not from false to true", () => {
    const withIpv6 = { ...web, id: "123", ipv6: true };
    const off = planResourceChange(dropletBlock, facts, withIpv6, { ...withIpv6, ipv6: false }, { ...web, ipv6: false }, false);
    expect(off.requiresReplace).toEqual([[{ attribute_name: "ipv6" }]]);
    const withoutIpv6 = { ...web, id: "123", ipv6: false };
    const on = planResourceChange(dropletBlock, facts, withoutIpv6, { ...withoutIpv6, ipv6: true }, { ...web, ipv6: true }, false);
    expect(on.requiresReplace).toEqual([]);
  });

  it("never replaces an object adopted by import, whose live values the twin cannot know", () => {
    const imported = droplet({ id: "123" });
    expect(planResourceChange(dropletBlock, facts, imported, { ...web, id: "123" }, web, true).requiresReplace).toEqual([]);
  });

  it("plans destruction as null", () => {
    expect(planResourceChange(dropletBlock, facts, { ...web, id: "1" }, null, null, false).planned).toBeNull();
  });
});

describe("applying", () => {
  const type = blockValueType(dropletBlock);
  const planned = planResourceChange(dropletBlock, RESOURCE_TYPE_FACTS.digitalocean_droplet, null, web, web, false).planned;

  it("fills every unknown, the same way for the same configuration", () => {
    const once = fillUnknowns("digitalocean_droplet", dropletBlock, planned, seededHash("digitalocean_droplet", web, type));
    const again = fillUnknowns("digitalocean_droplet", dropletBlock, planned, seededHash("digitalocean_droplet", web, type));
    expect(containsUnknown(once)).toBe(false);
    expect(once).toEqual(again);
    expect((once as Record<string, Value>).ipv4_address).toMatch(/^203\.0\.113\.\d+$/);
    expect((once as Record<string, Value>).ipv6_address).toMatch(/^2001:db8::/);
  });

  it("gives another configuration other ids", () => {
    const other = { ...web, name: "db" };
    const a = fillUnknowns("digitalocean_droplet", dropletBlock, planned, seededHash("digitalocean_droplet", web, type)) as Record<string, Value>;
    const b = fillUnknowns("digitalocean_droplet", dropletBlock, planned, seededHash("digitalocean_droplet", other, type)) as Record<string, Value>;
    expect(a.id).not.toEqual(b.id);
  });

  it("answers a TLS subscription with one challenge per domain, named as Fastly names them", () => {
    const block = defined(defined(fastly.resource_schemas).fastly_tls_subscription).block;
    const subscription = {
      ...Object.fromEntries(Object.keys(block.attributes ?? {}).map((n) => [n, UNKNOWN])),
      domains: ["python.org", "www.python.org"],
      certificate_authority: "lets-encrypt",
    };
    const applied = fillUnknowns(
      "fastly_tls_subscription",
      block,
      subscription,
      seededHash("fastly_tls_subscription", subscription, blockValueType(block)),
    ) as Record<string, Value>;
    expect((applied.managed_dns_challenges as Record<string, Value>[]).map((c) => c.record_name)).toEqual([
      "_acme-challenge.python.org",
      "_acme-challenge.www.python.org",
    ]);
  });

  it("stores a Heroku app imported by name under a UUID, as the provider's importer does", () => {
    expect(importedId("heroku_app", "pythondotorg")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(importedId("digitalocean_droplet", "123")).toBe("123");
  });
});

describe("the providers' validators", () => {
  const rules = RESOURCE_TYPE_FACTS.heroku_pipeline_coupling?.valueRules ?? [];

  it("refuse a value outside an enum, naming the attribute", () => {
    const violations = checkValueRules({ stage: "canary", app_id: null, pipeline: null, id: null }, rules);
    expect(violations.map((v) => v.path)).toEqual([[{ attribute_name: "stage" }]]);
    expect(defined(violations[0]).detail).toMatch(/"canary"/);
  });

  it("skip values unknown until apply", () => {
    expect(checkValueRules({ stage: UNKNOWN }, rules)).toEqual([]);
  });

  it("check a rule between attributes in every element of a nested block", () => {
    const violations = checkValueRules(
      {
        backend: [
          { a: "x", b: null },
          { a: "x", b: "y" },
        ],
      },
      [],
      [{ kind: "conflicts-with", block: "backend", attributes: ["a", "b"], source: "test" }],
    );
    expect(violations.map((v) => v.path)).toEqual([[{ attribute_name: "backend" }, { element_key_int: 1 }, { attribute_name: "a" }]]);
  });

  it("refuse what is not a CIDR block, and host bits where the provider asks for a network", () => {
    const cidr = (network: boolean) => [{ path: "ip_range", rule: { kind: "cidr" as const, network }, source: "test" }];
    const details = (value: string, network: boolean) => checkValueRules({ ip_range: value }, cidr(network)).map((v) => v.detail);
    expect(details("10.10.0.0/16", true)).toEqual([]);
    expect(details("10.10.1.0/16", false)).toEqual([]);
    expect(details("10.10.1.0/16", true)).toEqual([expect.stringMatching(/host bits/)]);
    expect(details("2001:db8::1/64", true)).toEqual([expect.stringMatching(/host bits/)]);
    for (const bad of ["10.10.0.0", "10.10.0.0/33", "10.10.0/16", "2001:db8::/129"]) {
      expect({ bad, details: details(bad, false) }).toEqual({ bad, details: [expect.stringMatching(/expected a CIDR block/)] });
    }
  });

  it("are the pinned providers' facts, one entry for each provider providers.json pins", () => {
    expect(Object.keys(PROVIDER_FACTS).sort()).toEqual(
      pinnedProviders()
        .map((p) => p.name)
        .sort(),
    );
  });

  it("are cited, every one, and name attributes the committed schemas have", () => {
    for (const [provider, facts] of Object.entries(PROVIDER_FACTS)) {
      const schema = loadProviderSchema(pinnedProvider(provider));
      for (const [type, resource] of Object.entries(facts.resources)) {
        const block = schema.resource_schemas?.[type]?.block;
        for (const rule of resource.valueRules ?? []) {
          expect(rule.source).not.toBe("");
          if (block !== undefined)
            expect({ type, path: rule.path, resolves: resolves(block, rule.path.split(".")) }).toEqual({ type, path: rule.path, resolves: true });
        }
      }
    }
  });
});

function resolves(block: SchemaBlock, segments: readonly string[]): boolean {
  const [head, ...rest] = segments;
  if (head === undefined) return false;
  if (rest.length === 0) return block.attributes?.[head] !== undefined || block.block_types?.[head] !== undefined;
  const nested = block.block_types?.[head];
  if (nested !== undefined) return resolves(nested.block, rest);
  const attribute = block.attributes?.[head];
  return attribute?.nested_type !== undefined && resolves({ attributes: attribute.nested_type.attributes }, rest);
}

describe("the Terraform prerequisite", () => {
  it("fails with a message naming 1.10 and PSF_ESTATE_TERRAFORM when there is no Terraform", () => {
    expect(() => locateTerraform({ ...process.env, PSF_ESTATE_TERRAFORM: join(tmpdir(), "no-such-terraform") })).toThrow(
      expect.objectContaining({
        name: "TerraformMissingError",
        message: expect.stringMatching(/Terraform 1\.10\.0 or later.*PSF_ESTATE_TERRAFORM/s),
      }),
    );
  });

  it("fails for a Terraform older than 1.10, naming its version", () => {
    const old = join(mkdtempSync(join(tmpdir(), "old-terraform-")), "terraform");
    writeFileSync(old, '#!/bin/sh\necho \'{"terraform_version":"1.5.7"}\'\n');
    chmodSync(old, 0o755);
    expect(() => locateTerraform({ ...process.env, PSF_ESTATE_TERRAFORM: old })).toThrow(/1\.5\.7/);
  });

  it("accepts the Terraform this machine has", () => {
    expect(compareVersions(locateTerraform(process.env).version, MINIMUM_TERRAFORM)).toBeGreaterThanOrEqual(0);
  });
});
