/**
 * Types shared by the offline review: its input (synthesized estates), its
 * configuration (facts, allowances) and its output (the report every renderer reads).
 * The report carries only display-safe values: secrets are masked before they reach it,
 * so no renderer can leak one.
 */

/** One parsed `cdk.tf.json`. Kept loose on purpose: the engine must accept whatever cdktf synthesizes. */
export type TerraformJson = Readonly<Record<string, unknown>>;

/** Stack name → parsed `cdk.tf.json`, i.e. everything one revision synthesizes. */
export type Estate = Readonly<Record<string, TerraformJson>>;

/** Same shape as `provider-schemas/facts/`, restated so the engine can be tested with a table of its own. */
export interface ResourceTypeFacts {
  /** Top-level attribute names or dotted paths into nested blocks whose change forces a new resource. */
  readonly forcesReplacement: readonly string[];
  readonly importId: string;
  /** Where the table entry comes from (the provider schema it was read from). */
  readonly source: string;
}
export type ResourceTypeFactsTable = Readonly<Record<string, ResourceTypeFacts>>;

/** An explicit, reviewed permission to destroy or replace one protected resource. */
export interface DestructionAllowance {
  readonly stack: string;
  /** The Terraform address on the base side, e.g. `aws_route53_zone.python_org`. */
  readonly address: string;
  /** Why destroying it is intended; must not be empty. */
  readonly reason: string;
}

export type ChangeKind = "create" | "update" | "replace" | "delete" | "rename";
export const CHANGE_KINDS: readonly ChangeKind[] = ["create", "update", "replace", "delete", "rename"];

export type BlockKind = "resource" | "data" | "output";

/**
 * How a value is shown. `reference` is a Terraform expression shown verbatim (never resolved),
 * `sensitive` hides the value entirely, `absent` means the attribute is not set on that side.
 */
export interface DisplayValue {
  readonly kind: "literal" | "reference" | "sensitive" | "absent";
  readonly text: string;
}

export interface AttributeChange {
  /** e.g. `region`, `inbound_rule[0].port_range`, `tags["Name"]`. */
  readonly path: string;
  readonly before: DisplayValue;
  readonly after: DisplayValue;
  /** The replacement-table entry this change matches, if any (e.g. `region`). */
  readonly forcesReplacement: string | null;
  /** Listed in the resource's `lifecycle.ignore_changes`: Terraform will not act on it. */
  readonly ignored: boolean;
}

export interface MoveProposal {
  /** cdktf code to add on the new resource so Terraform moves the state instead of destroying. */
  readonly cdktf: string;
  /** The equivalent plain Terraform `moved {}` block. */
  readonly movedBlock: string;
  /** The construct path of the new resource, to find it in the code. */
  readonly constructPath: string | null;
}

export interface Danger {
  /** Why the resource is protected (prevent_destroy or its type). */
  readonly protection: string;
  /** What would happen to it. */
  readonly consequence: string;
  readonly allowed: boolean;
  readonly allowanceReason: string | null;
}

export interface ResourceChange {
  readonly stack: string;
  /** `type.name`, `data.type.name` or `output.name`; for renames the new address. */
  readonly address: string;
  readonly blockKind: BlockKind;
  /** Resource or data source type; empty for outputs. */
  readonly type: string;
  readonly kind: ChangeKind;
  /** For renames (and moved resources that also change): the base-side address. */
  readonly previousAddress: string | null;
  /** For a resource that moves to another stack (another state): the base-side stack. */
  readonly previousStack: string | null;
  readonly constructPath: string | null;
  /** Attribute-level changes (updates, replacements, edited moves) or the new resource's attributes (creates). */
  readonly attributes: readonly AttributeChange[];
  /** Replacement-table entries that force the replacement. */
  readonly replacementForcedBy: readonly string[];
  /** Where that table entry comes from (the `source` of the type's facts). */
  readonly replacementSource: string | null;
  /** Rename only: whether the head already declares the move (`moved` block / moveFromId / moveTo). */
  readonly moveDeclared: boolean;
  readonly moveProposal: MoveProposal | null;
  /** Create only: the head imports the resource instead of creating it. */
  readonly importId: string | null;
  /** Delete only: the head declares a `removed` block that keeps the real object (state is only forgotten). */
  readonly forgotten: boolean;
  readonly danger: Danger | null;
}

export type ChangeCounts = Readonly<Record<ChangeKind, number>>;

export interface StackReview {
  readonly stack: string;
  readonly status: "added" | "removed" | "changed" | "unchanged";
  readonly counts: ChangeCounts;
  readonly changes: readonly ResourceChange[];
}

export interface RevisionLabel {
  /** Human label, e.g. `main (merge base 1a2b3c4)` or a directory. */
  readonly label: string;
}

export interface ReviewReport {
  readonly base: RevisionLabel;
  readonly head: RevisionLabel;
  readonly stacks: readonly StackReview[];
  readonly totals: ChangeCounts;
  /** Deletions/replacements of protected resources with no allowance: these fail the review. */
  readonly dangerous: readonly ResourceChange[];
  /** Deletions/replacements of protected resources that the head explicitly allows. */
  readonly allowedDangerous: readonly ResourceChange[];
  readonly unusedAllowances: readonly DestructionAllowance[];
  /** Where the replacement table comes from: the distinct `source`s of the types this estate uses. */
  readonly factsSources: readonly string[];
  readonly warnings: readonly string[];
}
