/*
 * The estate's stacks resolve their tokens once (stacks/single-resolution.ts): what they write must be what cdktf's own
 * TerraformStack.toTerraform writes, which resolves every element again and then the whole stack once more.
 */
import { DigitaloceanProvider } from "@cdktf/provider-digitalocean/lib/provider";
import { Vpc } from "@cdktf/provider-digitalocean/lib/vpc";
import { App, Aspects, Fn, Lazy, TerraformLocal, TerraformOutput, TerraformStack, Testing, Token, type IAspect } from "cdktf";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { IConstruct } from "constructs";
import { loadEstate } from "../inventory";
import { EstateStack } from "../stacks/estate-stack";
import { definePsfEstate } from "../stacks/psf-estate";
import { defined } from "./support/defined";

/** `app` synthesized: each stack's name, the stack, and the text written for it. */
function synthesized(app: App): { name: string; stack: TerraformStack; text: string }[] {
  app.synth();
  const manifest = JSON.parse(readFileSync(join(app.outdir, "manifest.json"), "utf8")) as {
    stacks: Record<string, { synthesizedStackPath: string }>;
  };
  const out = app.node.children
    .filter((c): c is TerraformStack => TerraformStack.isStack(c))
    .map((stack) => ({
      name: stack.node.id,
      stack,
      text: readFileSync(join(app.outdir, defined(manifest.stacks[stack.node.id]).synthesizedStackPath), "utf8"),
    }));
  rmSync(app.outdir, { recursive: true, force: true });
  return out;
}

/**
 * Whether `text` holds what cdktf 0.21's own toTerraform gives for `stack` (its cross-stack references registered by the
 * synthesis before), as JSON: the synthesizer writes either with the same stable stringifier.
 */
const asCdktfWrites = (stack: TerraformStack, text: string): boolean =>
  JSON.stringify(sorted(JSON.parse(text))) === JSON.stringify(sorted(TerraformStack.prototype.toTerraform.call(stack)));

/** `value` with every object's keys sorted and undefined values dropped, as a stable stringifier writes it. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
  );
}

/** A stack of the estate's kind, with local state and the DigitalOcean provider. */
function localStack(app: App, name: string): EstateStack {
  const stack = new EstateStack(app, name, { backend: { kind: "local" } });
  new DigitaloceanProvider(stack, "digitalocean");
  return stack;
}

describe("single resolution", () => {
  it("writes every stack of the estate byte for byte as cdktf's own resolution does", () => {
    const app = Testing.app();
    definePsfEstate(app, loadEstate(), { backend: { kind: "local" } });
    const stacks = synthesized(app);
    expect(stacks.length).toBeGreaterThan(5);
    for (const { name, stack, text } of stacks) expect({ name, same: asCdktfWrites(stack, text) }).toEqual({ name, same: true });
  });

  it("writes what an aspect changed after the stacks were prepared", () => {
    // Aspects run after every stack is prepared: a stack with one is resolved afresh, as cdktf does.
    const app = Testing.app();
    const stack = localStack(app, "aspects");
    new Vpc(stack, "vpc", { name: "before", region: "nyc1" });
    const rename: IAspect = {
      visit: (node: IConstruct) => {
        if (node instanceof Vpc) node.name = "after";
      },
    };
    Aspects.of(stack).add(rename);
    const written = defined(synthesized(app)[0]);
    expect(JSON.parse(written.text).resource.digitalocean_vpc.vpc.name).toBe("after");
  });

  it("resolves a token in the stack's own overrides, and cross-stack references in both stacks", () => {
    const app = Testing.app();
    const producer = localStack(app, "producer");
    const vpc = new Vpc(producer, "vpc", { name: "shared", region: "nyc1" });
    const reader = localStack(app, "reader");
    new TerraformOutput(reader, "vpc-id", { value: vpc.id });
    reader.addOverride("terraform.required_version", Lazy.stringValue({ produce: () => ">= 1.10.5" }));
    const stacks = synthesized(app);
    for (const { name, stack, text } of stacks) expect({ name, same: asCdktfWrites(stack, text) }).toEqual({ name, same: true });
    const written = JSON.parse(defined(stacks.find((s) => s.name === "reader")).text) as { terraform: { required_version: string } };
    expect(written.terraform.required_version).toBe(">= 1.10.5");
  });

  it("resolves tokens wherever cdktf finds them: in keys, lists, numbers, maps, beside undefined values", () => {
    const app = Testing.app();
    const stack = localStack(app, "tokens");
    const vpc = new Vpc(stack, "vpc", { name: "tokens", region: "nyc1" });
    const later = Lazy.stringValue({ produce: () => "produced" });
    new TerraformLocal(stack, "everything", {
      text: `id ${vpc.id} and ${later}`,
      number: Token.asNumber(Lazy.numberValue({ produce: () => 42 })),
      numberInText: `${Token.asNumber(Lazy.numberValue({ produce: () => 7 }))} seven`,
      list: Token.asList(Fn.tolist(["a", vpc.name])),
      numbers: Token.asNumberList(Lazy.anyValue({ produce: () => [1, 2] })),
      map: Token.asStringMap(Lazy.anyValue({ produce: () => ({ k: vpc.urn }) })),
      // A key that is a token makes cdktf resolve its object whole: alone in an object of its own.
      keyed: { [`key-${later}`]: "a key made of a token" },
      nested: [{ kept: "1e5", dropped: undefined, deeper: { value: later } }, undefined, "literal"],
      plain: { dropped: undefined, date: "2027-06-30", exponent: "2e+299" },
    });
    const written = defined(synthesized(app)[0]);
    expect(asCdktfWrites(written.stack, written.text)).toBe(true);
    const local = (JSON.parse(written.text) as { locals: { everything: Record<string, unknown> } }).locals.everything;
    expect(local).toMatchObject({
      text: `id \${digitalocean_vpc.vpc.id} and produced`,
      number: 42,
      numberInText: "7 seven",
      keyed: { "key-produced": "a key made of a token" },
    });
    expect(local["nested"]).toEqual([{ kept: "1e5", deeper: { value: "produced" } }, "literal"]);
  });

  it("names the path of a value cdktf cannot resolve, as cdktf does", () => {
    const app = Testing.app();
    const stack = localStack(app, "refused");
    new TerraformLocal(stack, "refused", { deep: { inside: [() => "a function"] } });
    expect(() => app.synth()).toThrow(/\/locals\/refused\/deep\/inside\/0/);
  });
});
