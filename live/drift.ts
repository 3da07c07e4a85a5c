/*
 * The drift report: what a refresh-only plan of each stack (`terraform plan -refresh-only`) finds changed outside the
 * code since its state was written, object by object and attribute by attribute (state → live), secrets masked, with
 * what the review calls dangerous about it (a port opened by hand, a check paused, a monitor deleted). Exit 0 no drift,
 * 1 drift, 2 a stack could not be planned.
 */
import type { Estate } from "../inventory";
import { estateFacts } from "../inventory/estate-facts";
import type { Schema } from "../provider-schemas/schema-file";
import type { Configurations } from "../review/configuration";
import { compareStrings } from "../values/string-order";
import { driftedChanges, planObjects, type PlannedChange } from "../review/terraform-plan";
import type { AttributeDiff } from "../review/value-diff";
import type { Danger } from "../review/verdict";
import { judgeExposure } from "../review/verdict/exposure";
import { recognizableName } from "../review/verdict/names";
import { ownership } from "../review/verdict/ownership";
import { judgeSilencing } from "../review/verdict/silencing";
import { judgeTakeover } from "../review/verdict/takeover";
import { liveAttributeDiffs } from "./attribute-diffs";
import type { StackPlan } from "./terraform-runs";

export interface DriftedObject {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  /** `update`: changed outside the code; `delete`: gone live. */
  readonly action: "update" | "delete";
  /** State → live, secrets masked. */
  readonly attributes: readonly AttributeDiff[];
}

export interface DriftStack {
  readonly stack: string;
  readonly summary: string;
  readonly failure?: string;
  readonly changes: readonly DriftedObject[];
}

export interface DriftReport {
  readonly live: string;
  readonly terraformVersion: string;
  readonly stacks: readonly DriftStack[];
  readonly dangers: readonly Danger[];
}

export function driftReport(inputs: {
  readonly live: string;
  readonly terraformVersion: string;
  readonly plans: readonly StackPlan[];
  readonly configurations: Configurations;
  readonly estate: Estate;
  readonly schemas: ReadonlyMap<string, Schema>;
}): DriftReport {
  const all: PlannedChange[] = [];
  const stacks = inputs.plans.map((plan): DriftStack => {
    if (plan.plan === undefined) return { stack: plan.stack, summary: plan.summary, failure: plan.failure ?? plan.summary, changes: [] };
    const drifted = driftedChanges(plan.stack, plan.plan).filter(
      (c): c is PlannedChange & { action: "update" | "delete" } => c.action === "update" || c.action === "delete",
    );
    all.push(...drifted);
    const changes = drifted
      .map((c): DriftedObject => ({
        address: c.address,
        type: c.type,
        name: recognizableName(c),
        action: c.action,
        attributes: liveAttributeDiffs(c, inputs.schemas.get(c.type)),
      }))
      .filter((c) => c.action === "delete" || c.attributes.length > 0)
      .sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.address, b.address));
    return { stack: plan.stack, summary: plan.summary, changes };
  });
  const facts = estateFacts(inputs.estate);
  const objects = inputs.plans.flatMap((p) => (p.plan === undefined ? [] : planObjects(p.plan).map((o) => ({ ...o, stack: p.stack }))));
  const judgeInputs = {
    changes: all,
    outputChanges: [],
    base: inputs.configurations,
    head: inputs.configurations,
    ownership: ownership(facts.owned, objects, [inputs.configurations]),
  };
  const dangers = [...judgeTakeover(judgeInputs), ...judgeExposure(judgeInputs), ...judgeSilencing(judgeInputs)].sort((a, b) =>
    compareStrings(`${a.class}\0${a.stack}\0${a.subject}\0${a.kind}`, `${b.class}\0${b.stack}\0${b.subject}\0${b.kind}`),
  );
  return {
    live: inputs.live,
    terraformVersion: inputs.terraformVersion,
    stacks: [...stacks].sort((a, b) => compareStrings(a.stack, b.stack)),
    dangers,
  };
}

/** 0 no drift, 1 drift, 2 a stack could not be planned. */
export function driftStatus(report: DriftReport): 0 | 1 | 2 {
  if (report.stacks.some((s) => s.failure !== undefined)) return 2;
  return report.stacks.some((s) => s.changes.length > 0) ? 1 : 0;
}
