/*
 * Terraform's own verdict on the whole estate: every stack is validated, planned, applied and planned
 * again through the real Terraform and the provider twin (npm run rehearse), and an adoption is
 * rehearsed with an id for every importable resource.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planImports } from "../adoption/import-plan";
import { RESOURCE_TYPE_FACTS } from "../provider-schemas/facts";
import { rehearsalVariableValues } from "../twin/rehearsal/variables";
import { rehearse, type RehearsalResult } from "../twin/rehearsal/rehearse";
import { rehearsalOptions } from "./support/rehearsal";
import { synthCommittedEstate, type SynthesizedEstate } from "./support/synth-estate";
import { defined } from "./support/defined";

const ADOPTION_STACKS = ["digitalocean-ams1", "heroku", "static-sites"];

let synth: SynthesizedEstate;
let rehearsal: RehearsalResult;
let adoption: RehearsalResult;

/** Made-up live ids for every importable resource, as an adopter would record the real ones. */
function rehearsalImportIds(): Record<string, Record<string, string>> {
  const ids: Record<string, Record<string, string>> = {};
  for (const entry of planImports(synth.json, {})) {
    if (entry.status !== "needs-live-id" && entry.status !== "derived") continue;
    // Shaped like the live ids (a droplet's is a number, Route 53's are short upper-case names, the rest UUIDs):
    // Terraform and the providers' validators check them where other resources use them.
    const id = entry.importId.replace(/<[^>]+>/g, (placeholder) => {
      const h = createHash("sha256").update(placeholder).digest("hex");
      if (/droplet id/.test(placeholder)) return String(parseInt(h.slice(0, 8), 16));
      if (/hosted zone id|aws_route53_zone/.test(placeholder)) return `Z${h.slice(0, 20).toUpperCase()}`;
      if (/delegation set id|aws_route53_delegation_set/.test(placeholder)) return `N${h.slice(0, 13).toUpperCase()}`;
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
    });
    (ids[entry.stack] ??= {})[entry.address] = id;
  }
  return ids;
}

beforeAll(async () => {
  synth = synthCommittedEstate();
  // Terraform validates the configuration when it plans; npm run rehearse also runs validate on its own, to name validation errors as such.
  rehearsal = await rehearse(rehearsalOptions({ validate: false }));
  const idsFile = join(tmpdir(), "rehearsal-import-ids.json");
  writeFileSync(idsFile, JSON.stringify(rehearsalImportIds()));
  // The stacks that read no other stack, planned only: every importable type of three providers, in a few seconds
  // (`PSF_ESTATE_ADOPT=1 npm run rehearse` rehearses the whole adoption).
  adoption = await rehearse(rehearsalOptions({ adopt: true, importIdsFile: idsFile, planOnly: true, stacks: ADOPTION_STACKS }));
}, 240_000);

/** How many instances Terraform plans for a resource: one, or one per key of its literal for_each set. */
function instances(resource: Record<string, unknown>): number {
  if (resource.for_each === undefined) return 1;
  const match = /^\$\{toset\((\[.*\])\)\}$/.exec(String(resource.for_each));
  if (match === null) throw new Error(`for_each is not a literal set: ${String(resource.for_each)}`);
  return (JSON.parse(defined(match[1])) as unknown[]).length;
}

function resourcesOfStack(stack: string): { type: string; resource: Record<string, unknown> }[] {
  return Object.entries(synth.json.get(stack)?.resource ?? {}).flatMap(([type, byName]) =>
    Object.values(byName).map((resource) => ({ type, resource })),
  );
}

describe("the rehearsal of the whole estate", () => {
  it("fails nowhere: every stack validates, plans, applies and converges", () => {
    expect(rehearsal.failures.map((f) => `stack ${f.stack}, step ${f.step}:\n${f.message}`)).toEqual([]);
    expect(rehearsal.stacks.map((s) => s.stack).sort()).toEqual([...synth.json.keys()].sort());
    for (const stack of rehearsal.stacks)
      expect({ stack: stack.stack, applied: stack.applied, converged: stack.converged }).toEqual({
        stack: stack.stack,
        applied: true,
        converged: true,
      });
  });

  it("plans to create every resource each stack declares, and nothing else", () => {
    for (const stack of rehearsal.stacks) {
      const planned = resourcesOfStack(stack.stack).reduce((n, { resource }) => n + instances(resource), 0);
      expect({ stack: stack.stack, summary: stack.summary }).toEqual({
        stack: stack.stack,
        summary: `Plan: ${planned} to add, 0 to change, 0 to destroy.`,
      });
    }
  });
});

describe("what the rehearsal's plans print", () => {
  it("never an on-call person's email (the pagerduty_*_emails variables are sensitive, looked up by position)", () => {
    const emails = rehearsalVariableValues({ pagerduty_volunteers_emails: { type: "list(string)" } }).pagerduty_volunteers_emails as string[];
    expect(emails.length).toBeGreaterThan(0);
    const printed = rehearsal.stacks.filter((s) => emails.some((email) => (s.plan ?? "").includes(email))).map((s) => s.stack);
    expect(printed).toEqual([]);
    // The plans were read: the pagerduty stack's looks its people up.
    expect(rehearsal.stacks.find((s) => s.stack === "pagerduty")?.plan).toMatch(/data\.pagerduty_user\.\S+\[0\]: Read/);
  });
});

describe(`the rehearsal of an adoption of ${ADOPTION_STACKS.join(", ")} (PSF_ESTATE_ADOPT=1 with an id for every importable resource)`, () => {
  it("imports every importable resource and creates only what cannot be imported", () => {
    expect(adoption.failures.map((f) => `stack ${f.stack}, step ${f.step}:\n${f.message}`)).toEqual([]);
    expect(adoption.stacks.map((s) => s.stack).sort()).toEqual(ADOPTION_STACKS);
    for (const stack of adoption.stacks) {
      const resources = resourcesOfStack(stack.stack);
      const importable = resources.filter(
        ({ type, resource }) => (RESOURCE_TYPE_FACTS[type]?.importId ?? "") !== "" && resource.for_each === undefined,
      );
      const created = resources.reduce((n, r) => n + instances(r.resource), 0) - importable.length;
      // The twin cannot read the live objects, so every imported one also plans an in-place update to the configuration.
      expect({ stack: stack.stack, summary: stack.summary }).toEqual({
        stack: stack.stack,
        summary: expect.stringMatching(new RegExp(`^Plan: ${importable.length} to import, ${created} to add, \\d+ to change, 0 to destroy\\.$`)),
      });
    }
  });
});
