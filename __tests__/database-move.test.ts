/*
 * The database cluster moved from digitalocean-nyc1 into digitalocean-nyc1-database. Through the real Terraform
 * and the provider twin: a digitalocean-nyc1 state that still holds the database (as the live one does before the
 * migration) planned with today's digitalocean-nyc1 forgets every database resource and destroys nothing.
 */
import { DigitaloceanProvider } from "@cdktf/provider-digitalocean/lib/provider";
import { Vpc } from "@cdktf/provider-digitalocean/lib/vpc";
import { Testing } from "cdktf";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EstateStack } from "../stacks/estate-stack";
import type { RehearsalResult } from "../twin/rehearsal";
import { rehearseFixture } from "./support/rehearsal";
import { stackJson, synthCommittedEstate, type TerraformJson } from "./support/synth-estate";

type Json = Record<string, unknown>;
const synth = synthCommittedEstate();
const nyc1 = stackJson(synth, "digitalocean-nyc1") as TerraformJson & Json;
const database = stackJson(synth, "digitalocean-nyc1-database");

/** digitalocean-nyc1 as it was before the move: its resources and the database's, which referred to nyc1's directly. */
function nyc1BeforeTheMove(): Json {
  const outputs = nyc1.output ?? {};
  const direct = JSON.parse(JSON.stringify(database.resource).replace(
    /\$\{data\.terraform_remote_state\.cross-stack-reference-input-digitalocean-nyc1\.outputs\.([A-Za-z0-9_-]+)\}/g,
    (_match, output: string) => String(outputs[output]!.value),
  )) as Record<string, Json>;
  const { removed: _removed, output: _outputs, ...rest } = nyc1;
  const { backend: _backend, ...terraform } = nyc1.terraform ?? {};
  return { ...rest, terraform, resource: { ...nyc1.resource, ...direct } };
}

function nyc1Now(): Json {
  const { backend: _backend, ...terraform } = nyc1.terraform ?? {};
  return { ...nyc1, terraform };
}

type ResourceChange = { address: string; change: { actions: string[] } };

let before: RehearsalResult;
let after: RehearsalResult;
const states = mkdtempSync(join(tmpdir(), "psf-estate-database-move-"));
beforeAll(async () => {
  before = await rehearseFixture({ "digitalocean-nyc1": { config: nyc1BeforeTheMove() } }, { saveStateTo: states, converge: false });
  after = await rehearseFixture({ "digitalocean-nyc1": { config: nyc1Now() } }, { stateFrom: states, planOnly: true, planJson: true });
}, 180_000);
afterAll(() => rmSync(states, { recursive: true, force: true }));

describe("moving the database out of digitalocean-nyc1", () => {
  it("starts from a state of digitalocean-nyc1 that holds the database", () => {
    expect(before.failures).toEqual([]);
    expect(before.stacks[0]?.summary).toMatch(/^Plan: 52 to add, 0 to change, 0 to destroy\.$/);
  });

  it("forgets every database resource there, at the addresses the database stack declares, and destroys nothing", () => {
    expect(after.failures).toEqual([]);
    // Terraform before 1.12 leaves the forgotten out of its summary line.
    expect(after.stacks[0]?.summary).toMatch(/^Plan: 0 to add, 0 to change, 0 to destroy(, 18 to forget)?\.$/);
    const changes = ((after.stacks[0]?.planJson as { resource_changes?: ResourceChange[] }).resource_changes ?? [])
      .filter((c) => c.change.actions.join() !== "no-op");
    const moved = Object.entries(database.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)).sort();
    expect(changes.map((c) => [c.address, c.change.actions])).toEqual(moved.map((address) => [address, ["forget"]]));
  });
});

describe("handing resources over to another state", () => {
  it("refuses to forget an address the stack still declares", () => {
    const app = Testing.app();
    const stack = new EstateStack(app, "giver", { backend: { kind: "local" } });
    new DigitaloceanProvider(stack, "digitalocean", {});
    const vpc = new Vpc(stack, "vpc", { name: "kept", region: "nyc3" });
    stack.handOver([`digitalocean_vpc.${vpc.friendlyUniqueId}`], "taker");
    expect(() => app.synth()).toThrow(/digitalocean_vpc\.vpc is handed over to another state but still declared in giver/);
  });
});
