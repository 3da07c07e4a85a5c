/*
 * The verdict's vocabulary: the classes of danger a change can carry, one danger as the report names it, and what
 * every judge is given.
 */
import type { Configurations } from "../configuration";
import type { PlannedChange, PlannedOutputChange } from "../terraform-plan";
import type { Ownership } from "./ownership";

/**
 * What a change does that a reviewer of the PSF's infrastructure must not miss:
 * - destruction: deletes or replaces what holds data or a name;
 * - takeover: points a name, the CDN, the registrar, a key or the code the estate runs at something it does not own;
 * - exposure: opens a port or a database to a wide part of the internet, or publishes a secret;
 * - code-execution: runs a command or a program where Terraform runs, or loosens what is installed;
 * - silencing: stops an alarm from reaching a person;
 * - hiding: keeps a change from being seen (lifecycle, state elsewhere, a deploy that would differ from the review);
 * - policy: breaks a rule of the base revision's policy;
 * - refusal: Terraform itself refuses the change.
 */
export const DANGER_CLASSES = ["destruction", "takeover", "exposure", "code-execution", "silencing", "hiding", "policy", "refusal"] as const;
export type DangerClass = (typeof DANGER_CLASSES)[number];

/** What people call each class, in the report's headings. */
export const DANGER_CLASS_TITLE: Readonly<Record<DangerClass, string>> = {
  destruction: "Destruction",
  takeover: "Takeover",
  exposure: "Exposure",
  "code-execution": "Code execution",
  silencing: "Silencing",
  hiding: "Hiding",
  policy: "Policy",
  refusal: "Terraform refuses",
};

/** One danger, before any allowance is looked up. */
export interface Finding {
  readonly class: DangerClass;
  /** What exactly, in a word or two (`points-outside`, `caa-issuer-added`): stable, for tests and JSON readers. */
  readonly kind: string;
  readonly stack: string;
  /** What an allowance names: a resource instance's address, or a finding's subject (`backend`, `provider.aws`, …). */
  readonly subject: string;
  /** The name a person recognizes: `www.python.org CNAME`, `firewall web`, `Pingdom check docs.python.org`. */
  readonly name: string;
  readonly detail: string;
}

/** What a judge reads: Terraform's plan of the head, both configurations, and what the estate owns. */
export interface JudgeInputs {
  readonly changes: readonly PlannedChange[];
  readonly outputChanges: readonly PlannedOutputChange[];
  readonly base: Configurations;
  readonly head: Configurations;
  readonly ownership: Ownership;
}

/** A judge of one class: every finding of that class in the inputs. */
export type Judge = (inputs: JudgeInputs) => Finding[];
