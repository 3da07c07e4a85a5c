/*
 * What Terraform's offline plan cannot show, found in the two configurations: a provider's configuration that
 * changes (Terraform would look for every resource somewhere else), a state kept or read outside the estate's
 * convention, a stack that disappears (its resources left unmanaged), a deploy's synthesis that would differ from
 * what was reviewed. And what is worth knowing but not dangerous: a new stack, a new remote-state read of the
 * estate, a variable the operator must now supply.
 */
import { resources, section, type Configurations } from "../configuration";
import { stableStringify } from "../json";
import type { StateDeparture } from "../reviewed-configuration";
import type { Finding } from "./types";

/** Worth a line in the report, never a reason to fail. */
export interface Note {
  readonly kind:
    "stack-added" | "remote-state-added" | "required-variable" | "not-planned" | "policy-warning" | "exception-requested" | "lifecycle-protects";
  readonly stack: string;
  readonly subject: string;
  readonly detail: string;
}

/** A stack whose synthesis for a deploy differs from the one reviewed, with what differs. */
export interface DeployDifference {
  readonly stack: string;
  readonly detail: string;
}

export function judgeBlindSpots(
  base: Configurations,
  head: Configurations,
  departures: readonly StateDeparture[],
  deployDifferences: readonly DeployDifference[],
): { findings: Finding[]; notes: Note[] } {
  const findings: Finding[] = [];
  const notes: Note[] = [];
  for (const [stack, configuration] of base) {
    if (head.has(stack)) continue;
    findings.push({
      class: "hiding",
      kind: "stack-removed",
      stack,
      subject: "stack",
      name: `stack ${stack}`,
      detail: `stack ${stack} is gone: the ${resources(configuration).length} resources in its state would be left unmanaged (neither destroyed nor planned), or its state orphaned if it was renamed`,
    });
  }
  for (const [stack, after] of head) {
    const before = base.get(stack);
    if (before === undefined) {
      notes.push({ kind: "stack-added", stack, subject: "stack", detail: `new stack ${stack}, with state of its own` });
      continue;
    }
    const a = section(before, "provider");
    const b = section(after, "provider");
    for (const name of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (stableStringify(a[name] ?? null) === stableStringify(b[name] ?? null)) continue;
      findings.push({
        class: "hiding",
        kind: "provider-changed",
        stack,
        subject: `provider.${name}`,
        name: `provider ${name}`,
        detail: `the ${name} provider's configuration changes (${stableStringify(a[name] ?? null)} → ${stableStringify(b[name] ?? null)}): Terraform would look for every resource of the stack where the new configuration points, which no offline plan can show`,
      });
    }
    const reads = section(section(after, "data"), "terraform_remote_state");
    const readBefore = section(section(before, "data"), "terraform_remote_state");
    for (const name of Object.keys(reads).filter(
      (n) => readBefore[n] === undefined && !departures.some((d) => d.stack === stack && d.subject === `data.terraform_remote_state.${n}`),
    )) {
      notes.push({
        kind: "remote-state-added",
        stack,
        subject: `data.terraform_remote_state.${name}`,
        detail: `now reads the state of stack ${name.replace(/^cross-stack-reference-input-/, "")}`,
      });
    }
    const required = (declaration: unknown): boolean => typeof declaration === "object" && declaration !== null && !("default" in declaration);
    const variablesBefore = section(before, "variable");
    for (const [name, declaration] of Object.entries(section(after, "variable"))) {
      if (required(declaration) && !(variablesBefore[name] !== undefined && required(variablesBefore[name]))) {
        notes.push({
          kind: "required-variable",
          stack,
          subject: `variable.${name}`,
          detail: `the operator must now supply var.${name} (TF_VAR_${name} or a *.tfvars file) to plan and apply ${stack}`,
        });
      }
    }
  }
  for (const departure of departures) {
    const remote = departure.subject !== "backend";
    findings.push({
      class: remote ? "takeover" : "hiding",
      kind: remote ? "reads-outside-state" : "state-elsewhere",
      stack: departure.stack,
      subject: departure.subject,
      name: remote
        ? `${departure.stack}'s read of ${departure.subject.replace(/^data\.terraform_remote_state\./, "")}`
        : `${departure.stack}'s state`,
      detail: remote
        ? `${departure.detail}: its outputs would decide values of this stack, and the review does not run it`
        : `${departure.detail}: a plan there starts from another state than the one reviewed`,
    });
  }
  for (const difference of deployDifferences) {
    findings.push({
      class: "hiding",
      kind: "deploy-differs",
      stack: difference.stack,
      subject: "synthesis",
      name: `${difference.stack} as deployed`,
      detail: difference.detail,
    });
  }
  return { findings, notes };
}
