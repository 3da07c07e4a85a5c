/*
 * The verdict: every danger a change carries, each judged by the class it belongs to, with the allowance on the
 * base branch that covers it, if any; and the notes worth a line. The exit status follows from it alone.
 *
 *   class           judged from                                         module
 *   destruction     Terraform's plan (delete, replace either way)        destruction.ts
 *   takeover        the plan's values (update, create, replace, delete)  takeover.ts; state reads: blind-spots.ts
 *   exposure        the plan's values, outputs, literal values           exposure.ts
 *   code-execution  the configurations, the build files                  code-execution.ts
 *   silencing       the plan's values (update, delete, create)           silencing.ts
 *   hiding          lifecycles, state, providers, the deploy's synthesis hiding.ts, blind-spots.ts
 *   policy          the base's policy over the head's configuration      (the review's pipeline)
 *   refusal         Terraform's errors                                   (the review's pipeline)
 */
import { allowanceFor, type Allowance } from "../allowances";
import type { PinnedProvider } from "../../provider-schemas/schema-file";
import type { StateDeparture } from "../reviewed-configuration";
import { judgeBlindSpots, type DeployDifference, type Note } from "./blind-spots";
import { judgeCodeExecution, type BuildFiles } from "./code-execution";
import { judgeDestruction } from "./destruction";
import { judgeExposure } from "./exposure";
import { judgeHiding, lifecycleNotes } from "./hiding";
import { judgeSilencing } from "./silencing";
import { judgeTakeover } from "./takeover";
import { DANGER_CLASSES, type Finding, type JudgeInputs } from "./types";

export type { DeployDifference, Note } from "./blind-spots";
export type { BuildFiles } from "./code-execution";
export * from "./types";

/** A finding with the allowance that covers it, if any. */
export interface Danger extends Finding {
  readonly allowedBy?: Allowance;
}

export interface VerdictInputs extends JudgeInputs {
  /** The providers the base pins (provider-schemas/providers.json of the code running the review). */
  readonly pinnedProviders: readonly PinnedProvider[];
  readonly buildFiles: BuildFiles;
  /** Where the head's state or its reads of other stacks' states depart from the convention. */
  readonly departures: readonly StateDeparture[];
  readonly deployDifferences: readonly DeployDifference[];
  /** What the pipeline found itself: Terraform's refusals, the base policy's violations, tampering. */
  readonly findings: readonly Finding[];
  /** The notes the pipeline made (a stack not planned, a policy warning, an exception requested). */
  readonly notes: readonly Note[];
  /** Allowances of the base revision only. */
  readonly allowances: readonly Allowance[];
}

export interface Verdict {
  /** Every danger: those no allowance covers first, then by class, stack and subject. */
  readonly dangers: readonly Danger[];
  readonly notes: readonly Note[];
}

/** Judges a change: every class, every finding once, each matched with its allowance. */
export function judge(inputs: VerdictInputs): Verdict {
  const blind = judgeBlindSpots(inputs.base, inputs.head, inputs.departures, inputs.deployDifferences);
  const findings = [
    ...judgeDestruction(inputs),
    ...judgeTakeover(inputs),
    ...judgeExposure(inputs),
    ...judgeCodeExecution(inputs, inputs.pinnedProviders, inputs.buildFiles),
    ...judgeSilencing(inputs),
    ...judgeHiding(inputs),
    ...blind.findings,
    ...inputs.findings,
  ];
  const seen = new Set<string>();
  const dangers: Danger[] = [];
  for (const finding of findings) {
    const key = `${finding.class}\0${finding.kind}\0${finding.stack}\0${finding.subject}\0${finding.detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // Terraform refusing a plan cannot be allowed: there is no plan to apply.
    const allowance = finding.class === "refusal" ? undefined : allowanceFor(inputs.allowances, finding.stack, finding.subject);
    dangers.push(allowance === undefined ? finding : { ...finding, allowedBy: allowance });
  }
  const order = (d: Danger): string =>
    `${d.allowedBy === undefined ? 0 : 1}\0${DANGER_CLASSES.indexOf(d.class)}\0${d.stack}\0${d.subject}\0${d.kind}`;
  dangers.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return { dangers, notes: [...inputs.notes, ...blind.notes, ...lifecycleNotes(inputs.base, inputs.head)] };
}

/** 0 when nothing dangerous is left unallowed, 1 otherwise. The review's "could not run" (2) never comes from here. */
export function verdictStatus(verdict: Verdict): 0 | 1 {
  return verdict.dangers.some((d) => d.allowedBy === undefined) ? 1 : 0;
}
