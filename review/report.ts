/*
 * The review's report: Terraform's plan of the head against the base's rehearsed state, stack by stack,
 * with the dangers first (each with the base-branch allowance that covers it, if any), what Terraform
 * cannot see offline, repeated changes grouped, and the moves that would keep renamed resources.
 */
import { allowanceFor, type Allowance } from "./allowances";
import { constructPath, resourceBody, withoutMetadata, type Configurations } from "./configuration";
import type { ConfigurationFinding } from "./configuration-findings";
import { stableStringify } from "./json";
import { isWorld } from "../policy/configuration";
import { protectionOf } from "../policy/protected-resources";
import { describeReason, type PlannedAction, type PlannedChange } from "./terraform-plan";
import { looksSecretName } from "../inventory/looks-secret";
import { SENSITIVE_TEXT } from "./values";

export interface AttributeDiff {
  readonly path: string;
  readonly before: string;
  readonly after: string;
}

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

export type DangerKind = "destroys-protected" | "replaces-protected" | "opens-to-world" | "terraform-refuses" | ConfigurationFinding["kind"];

export interface Danger {
  readonly kind: DangerKind;
  readonly stack: string;
  readonly subject: string;
  readonly detail: string;
  /** The allowance on the base branch that covers it; a Terraform refusal is never allowed. */
  readonly allowedBy?: Allowance;
}

export interface StackReport {
  readonly stack: string;
  /** Terraform's one-line verdict, or the step that failed. */
  readonly summary: string;
  readonly counts: Readonly<Record<PlannedAction, number>>;
  readonly groups: readonly ChangeGroup[];
  readonly changes: readonly DisplayChange[];
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
  readonly dangers: readonly Danger[];
  /** Allowances the head adds that the base does not have: shown, never counted. */
  readonly requestedAllowances: readonly Allowance[];
  /** What Terraform cannot see that is not dangerous in itself (a new stack, a variable to supply). */
  readonly notes: readonly ConfigurationFinding[];
  readonly stacks: readonly StackReport[];
  readonly moves: readonly MoveProposal[];
  readonly noChanges: boolean;
}

export interface ReviewInputs {
  readonly base: string;
  readonly head: string;
  readonly terraformVersion: string;
  readonly baseConfigurations: Configurations;
  readonly headConfigurations: Configurations;
  readonly changes: readonly PlannedChange[];
  /** Stacks whose head plan failed, with Terraform's message. */
  readonly failures: readonly { readonly stack: string; readonly step: string; readonly message: string; readonly blocked?: boolean }[];
  readonly summaries: ReadonlyMap<string, string>;
  readonly findings: readonly ConfigurationFinding[];
  readonly allowances: readonly Allowance[];
  readonly requestedAllowances: readonly Allowance[];
}

const ACTIONS: readonly PlannedAction[] = ["create", "update", "replace", "delete", "move", "import", "forget"];
/** A group is worth a line of its own from this many alike changes. */
const GROUP_FROM = 3;

export function buildReport(inputs: ReviewInputs): ReviewReport {
  const dangers: Danger[] = [];
  const allow = (stack: string, subject: string): { allowedBy?: Allowance } => {
    const allowance = allowanceFor(inputs.allowances, stack, subject);
    return allowance === undefined ? {} : { allowedBy: allowance };
  };
  const blocked: ConfigurationFinding[] = inputs.failures.filter((f) => f.blocked === true).map((f) => ({
    kind: "not-planned", stack: f.stack, subject: "stack", dangerous: false, detail: `not planned: ${f.message.replace(/^not rehearsed: /, "")} (see above)`,
  }));
  for (const failure of inputs.failures.filter((f) => f.blocked !== true)) {
    const refusal = /Instance cannot be destroyed/.test(failure.message)
      ? "Terraform refuses: the change would destroy a resource whose lifecycle sets prevent_destroy"
      : `Terraform's ${failure.step} fails`;
    dangers.push({ kind: "terraform-refuses", stack: failure.stack, subject: failure.step, detail: `${refusal}:\n${failure.message}` });
  }
  for (const change of inputs.changes) {
    if (change.action === "delete" || change.action === "replace") {
      const body = resourceBody(inputs.baseConfigurations.get(change.stack), change.address) ?? change.before;
      const protection = protectionOf(change.type, body) ?? (change.action === "delete" ? protectionOf(change.type, change.before) : null);
      if (protection !== null) {
        const why = change.action === "replace" ? `Terraform replaces it (${describeReason(change.reason) ?? "replacement"}${change.replacePaths.length > 0 ? `: ${change.replacePaths.join(", ")}` : ""})` : `Terraform destroys it (${describeReason(change.reason) ?? "deleted"})`;
        dangers.push({ kind: change.action === "replace" ? "replaces-protected" : "destroys-protected", stack: change.stack, subject: change.address, detail: `${why}; protected because ${protection}`, ...allow(change.stack, change.address) });
      }
    }
    for (const opened of newlyOpenToWorld(change)) {
      dangers.push({ kind: "opens-to-world", stack: change.stack, subject: change.address, detail: `${opened} is newly open to the whole internet`, ...allow(change.stack, change.address) });
    }
  }
  for (const finding of inputs.findings.filter((f) => f.dangerous)) {
    dangers.push({ kind: finding.kind, stack: finding.stack, subject: finding.subject, detail: finding.detail, ...allow(finding.stack, finding.subject) });
  }

  const stackNames = [...new Set([...inputs.summaries.keys(), ...inputs.failures.map((f) => f.stack)])];
  const stacks = stackNames.map((stack) => {
    const changes = inputs.changes.filter((c) => c.stack === stack).map((c) => displayChange(c, inputs.headConfigurations, inputs.baseConfigurations));
    const counts = Object.fromEntries(ACTIONS.map((a) => [a, changes.filter((c) => c.action === a).length])) as Record<PlannedAction, number>;
    const { groups, singles } = groupChanges(changes);
    const failed = inputs.failures.find((f) => f.stack === stack);
    return { stack, summary: failed !== undefined ? `${failed.step} failed` : (inputs.summaries.get(stack) ?? ""), counts, groups, changes: singles };
  });

  const noChanges = inputs.changes.length === 0 && inputs.findings.length === 0 && inputs.failures.length === 0;
  return {
    base: inputs.base,
    head: inputs.head,
    terraformVersion: inputs.terraformVersion,
    dangers: dangers.sort((a, b) => Number(a.allowedBy !== undefined) - Number(b.allowedBy !== undefined)),
    requestedAllowances: inputs.requestedAllowances,
    notes: [...blocked, ...inputs.findings.filter((f) => !f.dangerous)],
    stacks,
    moves: proposeMoves(inputs.changes, inputs.baseConfigurations, inputs.headConfigurations),
    noChanges,
  };
}

/** 0 when nothing dangerous is left unallowed, 1 otherwise. */
export function exitStatus(report: ReviewReport): 0 | 1 {
  return report.dangers.some((d) => d.allowedBy === undefined) ? 1 : 0;
}

/** What a change opens to the whole internet that was not open before: firewall rules and database rules. */
export function newlyOpenToWorld(change: PlannedChange): string[] {
  if (change.action === "delete" || change.action === "forget") return [];
  const open = (value: unknown): Set<string> => {
    const out = new Set<string>();
    const body = (value ?? {}) as Record<string, unknown>;
    if (change.type === "digitalocean_firewall") {
      for (const rule of (body["inbound_rule"] as Record<string, unknown>[] | undefined) ?? []) {
        const sources = (rule["source_addresses"] as string[] | undefined) ?? [];
        for (const source of sources.filter(isWorld)) out.add(`${String(rule["protocol"])} ${String(rule["port_range"] ?? "all ports")} from ${source}`);
      }
    }
    if (change.type === "digitalocean_database_firewall") {
      for (const rule of (body["rule"] as Record<string, unknown>[] | undefined) ?? []) {
        if (rule["type"] === "ip_addr" && isWorld(String(rule["value"]))) out.add(`the database, from ${String(rule["value"])}`);
      }
    }
    return out;
  };
  const before = open(change.before);
  return [...open(change.after)].filter((rule) => !before.has(rule)).sort();
}

function displayChange(change: PlannedChange, head: Configurations, base: Configurations): DisplayChange {
  const body = resourceBody(head.get(change.stack), change.address) ?? resourceBody(base.get(change.stack), change.previousAddress ?? change.address);
  const values = (change.after ?? change.before ?? {}) as Record<string, unknown>;
  const recordName = change.type === "aws_route53_record" && typeof values["name"] === "string" ? `${values["name"]} ${String(values["type"] ?? "")}`.trim() : undefined;
  const path = constructPath(body);
  const name = recordName ?? (typeof values["name"] === "string" ? values["name"] : undefined) ?? path ?? change.address;
  return {
    stack: change.stack,
    address: change.address,
    type: change.type,
    action: change.action,
    name,
    ...(path !== undefined ? { constructPath: path } : {}),
    ...(change.reason !== undefined ? { reason: describeReason(change.reason)! } : {}),
    replacePaths: change.replacePaths,
    ...(change.previousAddress !== undefined ? { previousAddress: change.previousAddress } : {}),
    ...(change.importId !== undefined ? { importId: change.importId } : {}),
    attributes: attributeDiffs(change),
  };
}

/** The top-level attributes a change sets or alters, sensitive ones masked. */
export function attributeDiffs(change: PlannedChange): AttributeDiff[] {
  if (change.action === "delete" || change.action === "forget") return [];
  const before = (change.before ?? {}) as Record<string, unknown>;
  const after = (change.after ?? {}) as Record<string, unknown>;
  const unknown = (change.afterUnknown ?? {}) as Record<string, unknown>;
  // Terraform marks sensitive values with `true` anywhere inside a mirror of the value.
  const anyTrue = (marks: unknown): boolean => marks === true || (typeof marks === "object" && marks !== null && Object.values(marks).some(anyTrue));
  const sensitive = (side: unknown, key: string): boolean => anyTrue(((side ?? {}) as Record<string, unknown>)[key]);
  const diffs: AttributeDiff[] = [];
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(unknown)])].sort()) {
    if (key === "id" || key === "timeouts") continue;
    const isUnknown = unknown[key] === true;
    if (!isUnknown && stableStringify(before[key] ?? null) === stableStringify(after[key] ?? null)) continue;
    if (!isUnknown && change.action !== "update" && change.action !== "replace" && !change.updates && (after[key] ?? null) === null) continue;
    const hidden = looksSecretName(key);
    const show = (value: unknown, marks: unknown): string => (hidden || sensitive(marks, key) ? SENSITIVE_TEXT : text(value));
    diffs.push({
      path: key,
      before: change.action === "create" ? "" : show(before[key] ?? null, change.beforeSensitive),
      after: isUnknown ? "(known after apply)" : show(after[key] ?? null, change.afterSensitive),
    });
  }
  return diffs;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return "null";
  const json = typeof value === "string" ? JSON.stringify(value) : stableStringify(value);
  return json.length > 160 ? `${json.slice(0, 157)}...` : json;
}

/** Alike changes (same stack, type, action and attribute changes, names aside) as one group each. */
function groupChanges(changes: readonly DisplayChange[]): { groups: ChangeGroup[]; singles: DisplayChange[] } {
  const identity = new Set(["name", "zone_id", "hosted_zone_id", "type", "app_id", "cluster_id", "droplet_id"]);
  const signature = (c: DisplayChange): string =>
    `${c.type}\0${c.action}\0${stableStringify(c.attributes.filter((a) => !identity.has(a.path)))}\0${stableStringify(c.replacePaths)}`;
  const buckets = new Map<string, DisplayChange[]>();
  for (const change of changes) {
    const key = signature(change);
    buckets.set(key, [...(buckets.get(key) ?? []), change]);
  }
  const groups: ChangeGroup[] = [];
  const singles: DisplayChange[] = [];
  for (const bucket of buckets.values()) {
    if (bucket.length < GROUP_FROM || bucket[0]!.action === "create" && bucket[0]!.attributes.length === 0) {
      singles.push(...bucket);
      continue;
    }
    const first = bucket[0]!;
    groups.push({ stack: first.stack, type: first.type, action: first.action, names: bucket.map((c) => c.name).sort(), attributes: first.attributes.filter((a) => !identity.has(a.path)) });
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
        const match = created.find((to) => to.type === from.type && to.address !== from.address && ![...renames.values()].includes(to.address)
          && stableStringify(withoutMetadata(resourceBody(head.get(stack), to.address))) === was);
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
