/*
 * Policy: named rules over the synthesized estate (each stack's Terraform JSON), with the estate's facts at
 * hand for what the inventory declares (a role's public services, the hosts that hold data). Both are data:
 * a rule never reads the inventory's code, so the review can run the base revision's rules over what a pull
 * request synthesized. A rule reports the resources that break it; an exception excuses one rule for one
 * inventory item, beside that item, with a reason, an owner and a term.
 */
import type { EstateFacts } from "../inventory/estate-facts";

/** One stack's synthesized Terraform JSON. */
export type Configuration = Readonly<Record<string, unknown>>;

export interface PolicyContext {
  /** Every stack's configuration, by stack name. */
  readonly configurations: ReadonlyMap<string, Configuration>;
  /** The facts synthesis wrote beside them (`cdktf.out/estate-facts.json`); the rules read their `policy` section. */
  readonly facts: EstateFacts;
}

/** The inventory item a finding is about: where an exception for it is written. */
export type PolicySubject =
  | { readonly kind: "role"; readonly name: string }
  | { readonly kind: "host"; readonly name: string }
  | { readonly kind: "zone"; readonly name: string }
  | { readonly kind: "heroku-app"; readonly name: string }
  | { readonly kind: "fastly-service"; readonly name: string }
  /** Not an inventory item (a construct's own choice): it can only be fixed, not excused. */
  | { readonly kind: "estate" };

/**
 * What made a finding, named as the inventory's own messages name it (`role "mail" field "worldPorts"`), so that whoever
 * reads a refusal knows which line to change; or the construct whose own choice it is, when no inventory field decides it.
 */
export type PolicyCause =
  { readonly kind: "inventory"; readonly item: string; readonly field: string } | { readonly kind: "construct"; readonly construct: string };

export interface PolicyFinding {
  readonly rule: string;
  readonly stack: string;
  /** The Terraform address (or the variable, for a stack-level finding). */
  readonly address: string;
  readonly subject: PolicySubject;
  readonly cause: PolicyCause;
  readonly message: string;
}

export interface PolicyRule {
  /** `<area>.<what>`, e.g. `network.ssh-from-admin-sources`. */
  readonly id: string;
  /** Why the rule exists, in one line. */
  readonly rationale: string;
  /** An error stops synthesis; a warning is shown (and, new in a change, in its review). */
  readonly severity: "error" | "warning";
  check(context: PolicyContext): PolicyFinding[];
}
