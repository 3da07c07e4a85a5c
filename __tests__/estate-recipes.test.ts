/*
 * The README's "Changing the estate" recipes, each made on a copy of the inventory as a volunteer following it would
 * (support/recipes.ts), then held to what the suite holds the committed estate to: the inventory accepts it, it
 * synthesizes, the policy passes, and the invariant tests' checks hold (the seed's facts, Route 53, the corpus of bad
 * inputs, a second host beside every role's first). Only the snapshots would change: they are a reviewed change, and
 * the README says which allowance the review asks for first.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadEstate } from "../inventory";
import type { EstateInventory, Host } from "../inventory";
import { CORPUS, expectRejected, policyProblemsOfSynthesis, POLICY_TODAY } from "./support/inventory-corpus";
import { describeRoute53 } from "./support/dns-invariants";
import { inventoryAfter, RECIPES } from "./support/recipes";
import { seedFacts } from "./support/seed-facts";
import { resourcesOf, stackJson, synthEstate, type SynthesizedEstate } from "./support/synth-estate";
import { defined } from "./support/defined";

/** What each recipe's change must show in the synthesized estate, beyond passing everything else. */
const SHOWS: Readonly<Record<string, (synth: SynthesizedEstate) => void>> = {
  "A host": (synth) => {
    expect(Object.values(resourcesOf(stackJson(synth, "digitalocean-ams1"), "digitalocean_droplet")).map((d) => d.name)).toContain(
      "mail-2.ams1.psf.io",
    );
  },
  "A role with public ports": (synth) => {
    const firewall = Object.values(resourcesOf(stackJson(synth, "digitalocean-nyc1"), "digitalocean_firewall")).find(
      (f) => f.name === "psf-nyc1-jabber",
    );
    expect((firewall?.inbound_rule as { port_range?: string }[] | undefined)?.map((r) => r.port_range)).toEqual(
      expect.arrayContaining(["5222", "5269"]),
    );
  },
  "A public name": (synth) => {
    expect(
      Object.values(resourcesOf(stackJson(synth, "dns"), "aws_route53_record"))
        .filter((r) => r.name === "blurb-it.python.org")
        .map((r) => r.type),
    ).toEqual(["CNAME"]);
    expect(Object.values(resourcesOf(stackJson(synth, "heroku"), "heroku_domain")).map((d) => d.hostname)).toContain("blurb-it.python.org");
  },
  "A zone": (synth) => {
    expect(Object.values(resourcesOf(stackJson(synth, "dns"), "aws_route53_zone")).map((z) => z.name)).toContain("pyladies-example.org");
    expect(Object.values(resourcesOf(stackJson(synth, "gandi"), "gandi_nameservers")).map((n) => n.domain)).toContain("pyladies-example.org");
  },
  "Retiring a host": (synth) => {
    expect(Object.values(resourcesOf(stackJson(synth, "digitalocean-nyc1"), "digitalocean_droplet")).map((d) => d.name)).not.toContain(
      "gnumailman.nyc1.psf.io",
    );
  },
  "A host's new name": (synth) => {
    const moved = (stackJson(synth, "digitalocean-nyc1") as { moved?: { from: string; to: string }[] }).moved ?? [];
    expect(moved.map((m) => m.from)).toEqual([expect.stringMatching(/^digitalocean_droplet\.codespeed_droplet_/)]);
  },
};

/** A name for a second host beside `first` (`docs-2`), that no host of its datacenter has yet. */
function secondName(inventory: EstateInventory, first: Host): string {
  const base = first.name.replace(/-\d+$/, "");
  for (let n = 2; ; n++) {
    if (!inventory.hosts.some((h) => h.name === `${base}-${n}` && h.datacenter === first.datacenter)) return `${base}-${n}`;
  }
}

it("has a test for every recipe of the README, and a recipe for every test", () => {
  const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Changing the estate"), readme.indexOf("\n## ", readme.indexOf("## Changing the estate") + 1));
  const recipes = [...section.matchAll(/^### (.+)$/gm)].map((m) => defined(m[1]));
  expect(recipes).toEqual(RECIPES.map((r) => r.readme));
  expect(Object.keys(SHOWS).sort()).toEqual(RECIPES.map((r) => r.readme).sort());
});

describe.each(RECIPES)('the README\'s recipe "$readme": $change', (recipe) => {
  const inventory = inventoryAfter(recipe);
  let synth: SynthesizedEstate | undefined;
  /** The change synthesized, once for every check of the recipe. */
  const synthesized = (): SynthesizedEstate => (synth ??= synthEstate(inventory));

  it("is accepted by the inventory, synthesizes, shows the change, and passes the policy", () => {
    expect(() => loadEstate(inventory)).not.toThrow();
    defined(SHOWS[recipe.readme])(synthesized());
    expect(policyProblemsOfSynthesis(synthesized(), POLICY_TODAY)).toEqual([]);
  }, 120_000);

  it("contradicts none of the seed's facts", () => {
    for (const [fact, check] of seedFacts(loadEstate(inventory))) {
      try {
        check();
      } catch (error) {
        throw new Error(`the seed's fact "${fact}" no longer holds: ${(error as Error).message}`);
      }
    }
  });

  it("leaves every bad input of the corpus rejected with its one message", () => {
    for (const input of CORPUS) {
      try {
        expectRejected(inventory, input);
      } catch (error) {
        throw new Error(`the corpus's "${input.name}": ${(error as Error).message}`);
      }
    }
  });

  it("still takes a second host beside every role's first", () => {
    for (const role of inventory.roles) {
      const first = inventory.hosts.find((h) => h.role === role.name);
      if (first === undefined) continue;
      const { volume: _volume, previously: _previously, dropletName: _dropletName, ...rest } = first;
      expect(() => loadEstate({ ...inventory, hosts: [...inventory.hosts, { ...rest, name: secondName(inventory, first) }] })).not.toThrow();
    }
  });

  describeRoute53("keeps Route 53 as its inventory implies", synthesized);
});
