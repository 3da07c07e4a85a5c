/*
 * Policy: named rules over the synthesized estate (each stack's Terraform JSON), with the inventory at
 * hand for what it declares (a role's public services, the hosts that hold data). A rule reports the
 * resources that break it; an exception excuses one rule for one inventory item, beside that item,
 * with a reason and an expiry date.
 */
import type { Estate } from "../inventory";

/** One stack's synthesized Terraform JSON. */
export type Configuration = Readonly<Record<string, unknown>>;

export interface PolicyContext {
  /** Every stack's configuration, by stack name. */
  readonly configurations: ReadonlyMap<string, Configuration>;
  readonly estate: Estate;
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

export interface PolicyFinding {
  readonly rule: string;
  readonly stack: string;
  /** The Terraform address (or the variable, for a stack-level finding). */
  readonly address: string;
  readonly subject: PolicySubject;
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
