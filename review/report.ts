/*
 * The review's report: the verdict's dangers first (each with the base-branch allowance that covers it, if any), the
 * notes, then Terraform's plan of the head stack by stack, every attribute's change element by element, alike changes
 * grouped, the moves that would keep renamed resources, and the content hash of what was reviewed.
 */
import type { Allowance } from "./allowances";
import { constructPath, resourceBody, withoutMetadata, type Configurations } from "./configuration";
import { stableStringify } from "./json";
import type { ConfigurationHashes } from "./reviewed-configuration";
import { describeReason, type PlannedAction, type PlannedChange, type PlannedOutputChange } from "./terraform-plan";
import { valueDiffs, type AttributeDiff } from "./value-diff";
import { verdictStatus, type Danger, type Note, type Verdict } from "./verdict";
import { recognizableName } from "./verdict/names";

export type { AttributeDiff } from "./value-diff";

/** One change as people read it: the name they recognize first, the raw address after. */
export interface DisplayChange {
  readonly stack: string;
  readonly address: string;
  readonly type: string;
  readonly action: PlannedAction;
  /** What people call it: a record's name and type, a resource's `name`, or its construct path. */
  readonly name: string;
  readonly constructPath?: string;
  readonly reason?: string;
  readonly replacePaths: readonly string[];
  readonly previousAddress?: string;
  readonly importId?: string;
  readonly attributes: readonly AttributeDiff[];
}

/** Changes of one kind that differ only in what they apply to. */
export interface ChangeGroup {
  readonly stack: string;
  readonly type: string;
  readonly action: PlannedAction;
  readonly names: readonly string[];
  readonly attributes: readonly AttributeDiff[];
}

export interface StackReport {
  readonly stack: string;
  /** Terraform's one-line verdict, or the step that failed. */
  readonly summary: string;
  readonly counts: Readonly<Record<PlannedAction, number>>;
  readonly groups: readonly ChangeGroup[];
  readonly changes: readonly DisplayChange[];
  /** Outputs Terraform plans to add, change or remove (values are not shown: the plan may not know them offline). */
  readonly outputs: readonly { readonly name: string; readonly action: PlannedOutputChange["action"]; readonly sensitive: boolean }[];
}

export interface MoveProposal {
  readonly stack: string;
  readonly from: string;
  readonly to: string;
  readonly constructPath?: string;
}

export interface ReviewReport {
  readonly base: string;
  readonly head: string;
  readonly terraformVersion: string;
  /** The content hash of the configuration reviewed: what a deploy must synthesize to apply it. */
  readonly reviewed: ConfigurationHashes;
  readonly dangers: readonly Danger[];
  /** Allowances the head adds that the base does not have: shown, never counted. */
  readonly requestedAllowances: readonly Allowance[];
  readonly notes: readonly Note[];
  readonly stacks: readonly StackReport[];
  readonly moves: readonly MoveProposal[];
  readonly noChanges: boolean;
}

export interface ReportInputs {
  readonly base: string;
  readonly head: string;
  readonly terraformVersion: string;
  readonly reviewed: ConfigurationHashes;
  readonly verdict: Verdict;
  readonly baseConfigurations: Configurations;
  readonly headConfigurations: Configurations;
  readonly changes: readonly PlannedChange[];
  readonly outputChanges: readonly PlannedOutputChange[];
  /** Each stack planned, with Terraform's one-line verdict, or the step that failed. */
  readonly summaries: ReadonlyMap<string, string>;
  readonly requestedAllowances: readonly Allowance[];
}

export const ACTIONS: readonly PlannedAction[] = ["create", "update", "replace", "delete", "move", "import", "forget"];
/** A group is worth a line of its own from this many alike changes. */
export const GROUP_FROM = 3;

export function buildReport(inputs: ReportInputs): ReviewReport {
  const stacks = [...inputs.summaries.keys()].sort().map((stack): StackReport => {
    const changes = inputs.changes
      .filter((c) => c.stack === stack)
      .map((c) => displayChange(c, inputs.headConfigurations, inputs.baseConfigurations));
    const counts = Object.fromEntries(ACTIONS.map((a) => [a, changes.filter((c) => c.action === a).length])) as Record<PlannedAction, number>;
    const { groups, singles } = groupChanges(changes);
    const outputs = inputs.outputChanges
      .filter((o) => o.stack === stack)
      .map((o) => ({ name: o.name, action: o.action, sensitive: o.afterSensitive || o.beforeSensitive }));
    return { stack, summary: inputs.summaries.get(stack) ?? "", counts, groups, changes: singles, outputs };
  });
  const noChanges =
    inputs.changes.length === 0 && inputs.outputChanges.length === 0 && inputs.verdict.dangers.length === 0 && inputs.verdict.notes.length === 0;
  return {
    base: inputs.base,
    head: inputs.head,
    terraformVersion: inputs.terraformVersion,
    reviewed: inputs.reviewed,
    dangers: inputs.verdict.dangers,
    requestedAllowances: inputs.requestedAllowances,
    notes: inputs.verdict.notes,
    stacks,
    moves: proposeMoves(inputs.changes, inputs.baseConfigurations, inputs.headConfigurations),
    noChanges,
  };
}

/** 0 when nothing dangerous is left unallowed, 1 otherwise. */
export function exitStatus(report: ReviewReport): 0 | 1 {
  return verdictStatus(report);
}

function displayChange(change: PlannedChange, head: Configurations, base: Configurations): DisplayChange {
  const body = resourceBody(head.get(change.stack), change.address) ?? resourceBody(base.get(change.stack), change.previousAddress ?? change.address);
  const path = constructPath(body);
  const recognized = recognizableName(change);
  return {
    stack: change.stack,
    address: change.address,
    type: change.type,
    action: change.action,
    name: recognized === change.address ? (path ?? change.address) : recognized,
    ...(path !== undefined ? { constructPath: path } : {}),
    ...(change.reason !== undefined ? { reason: describeReason(change.reason) ?? change.reason } : {}),
    replacePaths: change.replacePaths,
    ...(change.previousAddress !== undefined ? { previousAddress: change.previousAddress } : {}),
    ...(change.importId !== undefined ? { importId: change.importId } : {}),
    attributes: attributeDiffs(change),
  };
}

/** What a change sets or alters, attribute by attribute and element by element, sensitive values masked. */
export function attributeDiffs(change: PlannedChange): AttributeDiff[] {
  if (change.action === "delete" || change.action === "forget") return [];
  const record = (side: unknown): Record<string, unknown> =>
    typeof side === "object" && side !== null && !Array.isArray(side) ? (side as Record<string, unknown>) : {};
  const before = record(change.before);
  const after = record(change.after);
  const unknown = record(change.afterUnknown);
  const created = change.action === "create";
  return [...new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(unknown)])].sort().flatMap((key) => {
    if (key === "id" || key === "timeouts") return [];
    const mark = (side: unknown): unknown => record(side)[key];
    return valueDiffs(
      key,
      created || !(key in before) ? undefined : { value: before[key], sensitive: mark(change.beforeSensitive) },
      key in after ? { value: after[key], sensitive: mark(change.afterSensitive) } : undefined,
      unknown[key],
    );
  });
}

/** Alike changes (same stack, type, action and attribute changes, names aside) as one group each. */
function groupChanges(changes: readonly DisplayChange[]): { groups: ChangeGroup[]; singles: DisplayChange[] } {
  const identity = new Set(["name", "zone_id", "hosted_zone_id", "type", "app_id", "cluster_id", "droplet_id"]);
  // The attribute a path starts in (split gives one part at least: the whole path when it holds no separator).
  const topAttribute = (path: string): string => path.split(/[.[ ]/, 1)[0] ?? path;
  const own = (c: DisplayChange): AttributeDiff[] => c.attributes.filter((a) => !identity.has(topAttribute(a.path)));
  const signature = (c: DisplayChange): string => `${c.type}\0${c.action}\0${stableStringify(own(c))}\0${stableStringify(c.replacePaths)}`;
  const buckets = new Map<string, DisplayChange[]>();
  for (const change of changes) buckets.set(signature(change), [...(buckets.get(signature(change)) ?? []), change]);
  const groups: ChangeGroup[] = [];
  const singles: DisplayChange[] = [];
  for (const bucket of buckets.values()) {
    const [first] = bucket;
    // A bucket is made with its first change.
    if (first === undefined) continue;
    if (bucket.length < GROUP_FROM || (first.action === "create" && own(first).length === 0)) {
      singles.push(...bucket);
      continue;
    }
    groups.push({ stack: first.stack, type: first.type, action: first.action, names: bucket.map((c) => c.name).sort(), attributes: own(first) });
  }
  return { groups, singles };
}

/**
 * A deletion and a creation of the same type in one stack whose configurations are the same (references
 * to other renamed resources followed): a rename, which a `moved` block would keep.
 */
function proposeMoves(changes: readonly PlannedChange[], base: Configurations, head: Configurations): MoveProposal[] {
  const proposals: MoveProposal[] = [];
  for (const stack of new Set(changes.map((c) => c.stack))) {
    const deleted = changes.filter((c) => c.stack === stack && (c.action === "delete" || c.action === "replace"));
    const created = changes.filter((c) => c.stack === stack && (c.action === "create" || c.action === "replace"));
    const renames = new Map<string, string>();
    for (let pass = 0; pass < 3; pass++) {
      for (const from of deleted) {
        if (renames.has(from.address)) continue;
        const was = rewrite(stableStringify(withoutMetadata(resourceBody(base.get(stack), from.address))), renames);
        const match = created.find(
          (to) =>
            to.type === from.type &&
            to.address !== from.address &&
            ![...renames.values()].includes(to.address) &&
            stableStringify(withoutMetadata(resourceBody(head.get(stack), to.address))) === was,
        );
        if (match !== undefined) renames.set(from.address, match.address);
      }
    }
    for (const [from, to] of renames) {
      const path = constructPath(resourceBody(head.get(stack), to));
      proposals.push({ stack, from, to, ...(path !== undefined ? { constructPath: path } : {}) });
    }
  }
  return proposals;
}

function rewrite(text: string, renames: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [from, to] of renames) out = out.split(`${from}.`).join(`${to}.`);
  return out;
}
