/*
 * The adoption report: for each stack, what Terraform's plan of the code with an import block for every resource found
 * live does to each resource. Adopted as it is; adopted with changes (each attribute, live → code, and the inventory
 * field it comes from); to be created (not found live); not adopted because its id must be given by hand; created
 * because it cannot be imported; and what the review calls dangerous (review/verdict: destruction, takeover, exposure,
 * silencing). Adoption that would destroy or replace anything exits 1.
 */
import type { Estate } from "../inventory";
import { estateFacts } from "../inventory/estate-facts";
import { RESOURCE_TYPE_FACTS } from "../provider-schemas/facts";
import type { Schema } from "../provider-schemas/schema-file";
import type { Configurations } from "../review/configuration";
import { compareStrings } from "../values/string-order";
import { plannedChanges, planObjects, type PlannedChange } from "../review/terraform-plan";
import { UNKNOWN_TEXT, type AttributeDiff } from "../review/value-diff";
import type { Danger } from "../review/verdict";
import { judgeDestruction } from "../review/verdict/destruction";
import { judgeExposure } from "../review/verdict/exposure";
import { recognizableName } from "../review/verdict/names";
import { ownership } from "../review/verdict/ownership";
import { judgeSilencing } from "../review/verdict/silencing";
import { judgeTakeover } from "../review/verdict/takeover";
import { liveAttributeDiffs } from "./attribute-diffs";
import type { IdOrigin } from "./discovery";
import { inventoryField } from "./inventory-fields";
import type { SnapshotObject } from "./snapshot";
import type { StackPlan } from "./terraform-runs";
import { withheldPaths } from "./withheld";

/** What adoption does to one resource. */
export type AdoptionOutcome =
  | "adopted"
  | "adopted-with-changes"
  | "to-be-created"
  | "id-by-hand"
  | "created-not-importable"
  | "replaced"
  | "destroyed"
  | "managed-already"
  | "other";

export const OUTCOME_TITLE: Readonly<Record<AdoptionOutcome, string>> = {
  replaced: "REPLACED (destroyed, then created)",
  destroyed: "DESTROYED",
  "adopted-with-changes": "adopted with changes (live → code)",
  "to-be-created": "to be created (not found live)",
  "id-by-hand": "not adopted: its id must be given by hand (created if applied as it is)",
  "created-not-importable": "created: its provider cannot import it, or one per key known only at apply",
  "managed-already": "managed already, with changes",
  other: "other changes",
  adopted: "adopted as it is",
};

/** The order outcomes are listed in: what needs a decision first. */
export const OUTCOME_ORDER: readonly AdoptionOutcome[] = [
  "replaced",
  "destroyed",
  "adopted-with-changes",
  "to-be-created",
  "id-by-hand",
  "created-not-importable",
  "managed-already",
  "other",
  "adopted",
];

export interface AttributeChange extends AttributeDiff {
  /** The inventory item and field the code's value comes from, where the inventory decides it. */
  readonly inventory?: string;
}

export interface AdoptedResource {
  readonly stack: string;
  readonly address: string;
  readonly type: string;
  /** What people call it. */
  readonly name: string;
  readonly outcome: AdoptionOutcome;
  readonly importId?: string;
  /** Live → code, secrets masked. */
  readonly attributes: readonly AttributeChange[];
  /** Attributes the snapshot withholds (secrets): never compared. */
  readonly notCompared: readonly string[];
  /** Values the provider computes again when the object changes (Terraform shows them "known after apply"): not the code's. */
  readonly recomputed: readonly string[];
  /** Why it has no id, for what is not adopted. */
  readonly why?: string;
}

export interface AdoptionStack {
  readonly stack: string;
  /** Terraform's one-line verdict, or what kept it from planning. */
  readonly summary: string;
  readonly failure?: string;
  readonly resources: readonly AdoptedResource[];
}

export interface AdoptionReport {
  /** What was compared with the code: a snapshot file (and the day it was taken), or the clouds. */
  readonly live: string;
  readonly terraformVersion: string;
  readonly stacks: readonly AdoptionStack[];
  readonly dangers: readonly Danger[];
  /** Types whose ids nobody can discover, that an adopter gives by hand. */
  readonly idsByHand: readonly string[];
}

export interface AdoptionInputs {
  readonly live: string;
  readonly terraformVersion: string;
  readonly plans: readonly StackPlan[];
  readonly origins: ReadonlyMap<string, ReadonlyMap<string, IdOrigin>>;
  /** The snapshot's objects, for what it withholds (none against the clouds). */
  readonly snapshotObjects: readonly SnapshotObject[];
  readonly configurations: Configurations;
  readonly estate: Estate;
  readonly schemas: ReadonlyMap<string, Schema>;
  readonly idsByHand: readonly string[];
}

/** The address a plan's instance has in import-ids.json (`x["key"]` instances share their resource's). */
const resourceOf = (address: string): string => address.replace(/\[.*\]$/, "");

export function adoptionReport(inputs: AdoptionInputs): AdoptionReport {
  const withheldById = new Map(
    inputs.snapshotObjects.filter((o) => o.withheld !== undefined).map((o) => [`${o.type}\0${o.importId}`, withheldPaths(o.values, o.withheld)]),
  );
  const changes: PlannedChange[] = [];
  const stacks = inputs.plans.map((plan): AdoptionStack => {
    if (plan.plan === undefined)
      return { stack: plan.stack, summary: plan.summary, ...(plan.failure !== undefined ? { failure: plan.failure } : {}), resources: [] };
    const planned = plannedChanges(plan.stack, plan.plan);
    changes.push(...planned);
    const resources = planned.map((change): AdoptedResource => {
      const origin = inputs.origins.get(plan.stack)?.get(resourceOf(change.address));
      const withheld = change.importId === undefined ? [] : (withheldById.get(`${change.type}\0${change.importId}`) ?? []);
      const diffs = liveAttributeDiffs(change, inputs.schemas.get(change.type));
      const isWithheld = (path: string): boolean => withheld.some((w) => path === w || path.startsWith(`${w}.`) || path.startsWith(`${w}[`));
      const recomputed = diffs.filter((d) => !isWithheld(d.path) && d.change === "changed" && d.after === UNKNOWN_TEXT).map((d) => d.path);
      const attributes = diffs
        .filter((d) => !isWithheld(d.path) && !recomputed.includes(d.path))
        .map((d): AttributeChange => {
          const field = inventoryField(inputs.estate, change.type, change.after, d.path);
          return field === undefined ? d : { ...d, inventory: field };
        });
      const notCompared = [...new Set(diffs.filter((d) => isWithheld(d.path)).map((d) => d.path))].sort(compareStrings);
      const base = {
        stack: plan.stack,
        address: change.address,
        type: change.type,
        name: recognizableName(change),
        ...(change.importId !== undefined ? { importId: change.importId } : {}),
        notCompared,
        recomputed: attributes.length > 0 ? recomputed : [],
      };
      switch (change.action) {
        case "import":
          return { ...base, outcome: attributes.length === 0 ? "adopted" : "adopted-with-changes", attributes };
        case "create":
          return { ...base, ...createdBecause(origin, RESOURCE_TYPE_FACTS[change.type]?.findByHand), attributes: [] };
        case "replace":
          return { ...base, outcome: "replaced", attributes };
        case "delete":
          return { ...base, outcome: "destroyed", attributes: [] };
        case "update":
          return { ...base, outcome: "managed-already", attributes };
        case "move":
        case "forget":
          return { ...base, outcome: "other", attributes };
      }
    });
    return {
      stack: plan.stack,
      summary: plan.summary,
      resources: resources.sort((a, b) => OUTCOME_ORDER.indexOf(a.outcome) - OUTCOME_ORDER.indexOf(b.outcome) || compareStrings(a.name, b.name)),
    };
  });
  const facts = estateFacts(inputs.estate);
  const objects = inputs.plans.flatMap((p) => (p.plan === undefined ? [] : planObjects(p.plan).map((o) => ({ ...o, stack: p.stack }))));
  const judgeInputs = {
    changes,
    outputChanges: [],
    base: inputs.configurations,
    head: inputs.configurations,
    ownership: ownership(facts.owned, objects, [inputs.configurations]),
  };
  const dangers = [
    ...judgeDestruction(judgeInputs),
    ...judgeTakeover(judgeInputs),
    ...judgeExposure(judgeInputs),
    ...judgeSilencing(judgeInputs),
  ].sort((a, b) => compareStrings(`${a.class}\0${a.stack}\0${a.subject}\0${a.kind}`, `${b.class}\0${b.stack}\0${b.subject}\0${b.kind}`));
  return { live: inputs.live, terraformVersion: inputs.terraformVersion, stacks, dangers, idsByHand: inputs.idsByHand };
}

function createdBecause(origin: IdOrigin | undefined, findByHand: string | undefined): Pick<AdoptedResource, "outcome" | "why"> {
  switch (origin?.kind) {
    case "not-importable":
      return { outcome: "created-not-importable" };
    case "by-hand":
      return {
        outcome: "id-by-hand",
        why: `discovery cannot find its type: record ${origin.placeholder} in adoption/import-ids.json${findByHand !== undefined ? ` (${findByHand})` : ""}`,
      };
    case "ambiguous":
      return {
        outcome: "id-by-hand",
        why: `several live objects match: ${origin.candidates.join(", ")}; record the right one in adoption/import-ids.json`,
      };
    case "not-found":
      return { outcome: "to-be-created", why: origin.looked };
    case undefined:
    case "recorded":
    case "discovered":
    case "derived":
      return { outcome: "to-be-created" };
  }
}

/** 1 when adoption would destroy or replace anything, else 0. */
export function adoptionStatus(report: AdoptionReport): 0 | 1 {
  return report.stacks.some((s) => s.resources.some((r) => r.outcome === "replaced" || r.outcome === "destroyed")) ? 1 : 0;
}
