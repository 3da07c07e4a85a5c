/*
 * One list of what holds data or a name, one predicate for prevent_destroy: the estate's constructs and the list
 * agree, both ways, so that neither the policy nor the review can miss what the code protects.
 */
import { preventsDestroy, PROTECTED_RESOURCE_TYPES, protectionOf } from "../policy/protected-resources";
import { synthCommittedEstate } from "./support/synth-estate";

const estate = synthCommittedEstate();
const resources = [...estate.json].flatMap(([stack, json]) =>
  Object.entries(json.resource ?? {}).flatMap(([type, byName]) => Object.entries(byName).map(([name, body]) => ({ stack, type, name, body }))),
);
const dataHosts = new Set(estate.estate.hosts.filter((h) => h.holdsData).map((h) => h.dropletName));

describe("the protected list and the constructs", () => {
  it("names the type of every resource the estate protects with prevent_destroy (but for data-holding droplets and add-ons, protected by what they hold)", () => {
    const unlisted = resources
      .filter(({ type, body }) => preventsDestroy(body) && PROTECTED_RESOURCE_TYPES[type] === undefined)
      .filter(
        ({ type, body }) =>
          !(type === "digitalocean_droplet" && dataHosts.has(String(body["name"]))) && protectionOf(type, { ...body, lifecycle: undefined }) === null,
      )
      .map(({ stack, type, name }) => `${stack} ${type}.${name}`);
    expect(unlisted).toEqual([]);
  });

  it("protects every resource of a listed type the estate has", () => {
    const unprotected = resources
      .filter(({ type, body }) => PROTECTED_RESOURCE_TYPES[type] !== undefined && !preventsDestroy(body))
      .map(({ stack, type, name }) => `${stack} ${type}.${name}`);
    expect(unprotected).toEqual([]);
  });

  it("protects the delegation set every zone is on", () => {
    expect(resources.filter((r) => r.type === "aws_route53_delegation_set").map((r) => preventsDestroy(r.body))).toEqual([true]);
  });
});

describe("prevent_destroy", () => {
  it.each([
    [{ lifecycle: { prevent_destroy: true } }, true],
    [{ lifecycle: { prevent_destroy: "true" } }, true],
    [{ lifecycle: { prevent_destroy: "${var.keep}" } }, true],
    [{ lifecycle: { prevent_destroy: false } }, false],
    [{ lifecycle: { prevent_destroy: "false" } }, false],
    [{ lifecycle: {} }, false],
    [{}, false],
  ])("%j: %s", (body, expected) => {
    expect(preventsDestroy(body)).toBe(expected);
  });
});
