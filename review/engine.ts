/**
 * The offline review's engine: compares two synthesized estates (no Terraform, no state, no
 * credentials) and says, for every resource, what applying the head would do to it. Pure: the
 * same two estates and options always give the same report.
 */
import diff from "microdiff";
import type {
  AttributeChange,
  ChangeCounts,
  ChangeKind,
  Danger,
  DestructionAllowance,
  Estate,
  MoveProposal,
  ResourceChange,
  ResourceTypeFactsTable,
  ReviewReport,
  StackReview,
} from "./types";
import { CHANGE_KINDS } from "./types";
import { type Block, EMPTY_STACK, type ParsedStack, parseStack } from "./estate";
import { compareStrings, formatPath, isRecord, stableStringify, valueAt } from "./json";
import { protectionOf } from "./protected";
import { ABSENT, display, type Sensitivity } from "./values";

export interface ReviewOptions {
  /** The replacement table (`RESOURCE_TYPE_FACTS` in the CLI). */
  readonly facts: ResourceTypeFactsTable;
  /** Read from the head: a change must carry its own permission to destroy. */
  readonly allowances: readonly DestructionAllowance[];
  readonly baseLabel?: string;
  readonly headLabel?: string;
}

export function reviewEstates(base: Estate, head: Estate, options: ReviewOptions): ReviewReport {
  const stackNames = [...new Set([...Object.keys(base), ...Object.keys(head)])].sort(compareStrings);
  const warnings = new Set<string>();
  const sides = new Map<string, StackSides>();
  const pairings = new Map<string, Pairing>();
  for (const stack of stackNames) {
    const baseJson = base[stack];
    const headJson = head[stack];
    const pair: StackSides = {
      base: baseJson ? parseStack(baseJson) : EMPTY_STACK,
      head: headJson ? parseStack(headJson) : EMPTY_STACK,
    };
    sides.set(stack, pair);
    pairings.set(stack, pairBlocks(pair.base, pair.head));
  }
  const outputRenames = crossStackOutputRenames(pairings);
  const changesByStack = new Map<string, ResourceChange[]>();
  for (const stack of stackNames) {
    const pair = sides.get(stack) ?? { base: EMPTY_STACK, head: EMPTY_STACK };
    const pairing = pairings.get(stack) ?? pairBlocks(pair.base, pair.head);
    changesByStack.set(stack, reviewStack(stack, pair.base, pair.head, pairing, outputRenames, options, warnings));
  }
  pairCrossStackMoves(sides, changesByStack, options);

  const stacks: StackReview[] = stackNames.map((stack) => {
    const changes = (changesByStack.get(stack) ?? []).sort((a, b) => compareStrings(a.address, b.address));
    const status = !base[stack] ? "added" : !head[stack] ? "removed" : changes.length > 0 ? "changed" : "unchanged";
    return { stack, status, counts: countChanges(changes), changes };
  });

  const all = stacks.flatMap((s) => s.changes);
  const dangerous = all.filter((c) => c.danger !== null && !c.danger.allowed);
  const allowedDangerous = all.filter((c) => c.danger !== null && c.danger.allowed);
  const used = new Set(allowedDangerous.map((c) => allowanceKey(baseSideOf(c).stack, baseSideOf(c).address)));
  const unusedAllowances = options.allowances.filter((a) => !used.has(allowanceKey(a.stack, a.address)));

  const types = new Set<string>();
  for (const pair of sides.values()) {
    for (const parsed of [pair.base, pair.head]) {
      for (const block of parsed.blocks.values()) if (block.blockKind === "resource") types.add(block.type);
    }
  }
  const factsSources = [...new Set([...types].flatMap((t) => (options.facts[t] ? [options.facts[t].source] : [])))].sort(compareStrings);

  return {
    base: { label: options.baseLabel ?? "base" },
    head: { label: options.headLabel ?? "head" },
    stacks,
    totals: countChanges(all),
    dangerous,
    allowedDangerous,
    unusedAllowances,
    factsSources,
    warnings: [...warnings].sort(compareStrings),
  };
}

/** 0: nothing dangerous (or all of it allowed); 1: a protected resource would be destroyed without allowance. */
export function reviewExitStatus(report: ReviewReport): 0 | 1 {
  return report.dangerous.length > 0 ? 1 : 0;
}

export function countChanges(changes: readonly ResourceChange[]): ChangeCounts {
  const counts: Record<ChangeKind, number> = { create: 0, update: 0, replace: 0, delete: 0, rename: 0 };
  for (const change of changes) counts[change.kind] += 1;
  return counts;
}

export function totalOf(counts: ChangeCounts): number {
  return CHANGE_KINDS.reduce((sum, kind) => sum + counts[kind], 0);
}

/** Where the resource lives before the change: what an allowance names. */
export function baseSideOf(change: ResourceChange): { readonly stack: string; readonly address: string } {
  return { stack: change.previousStack ?? change.stack, address: change.previousAddress ?? change.address };
}

interface StackSides {
  readonly base: ParsedStack;
  readonly head: ParsedStack;
}

/**
 * A resource whose address leaves one stack and appears in another (a droplet moved to another
 * datacenter's stack) is one replacement, not an unrelated delete and create: each stack has its
 * own state, so Terraform destroys the object in one and creates a new one in the other.
 */
function pairCrossStackMoves(
  sides: ReadonlyMap<string, StackSides>,
  changesByStack: Map<string, ResourceChange[]>,
  options: ReviewOptions,
): void {
  const deletes = new Map<string, string[]>();
  const creates = new Map<string, string[]>();
  for (const [stack, changes] of changesByStack) {
    for (const c of changes) {
      if (c.blockKind !== "resource") continue;
      if (c.kind === "delete" && !c.forgotten) deletes.set(c.address, [...(deletes.get(c.address) ?? []), stack]);
      if (c.kind === "create" && c.importId === null) creates.set(c.address, [...(creates.get(c.address) ?? []), stack]);
    }
  }
  for (const address of [...deletes.keys()].sort(compareStrings)) {
    const fromStacks = deletes.get(address) ?? [];
    const toStacks = creates.get(address) ?? [];
    const fromStack = fromStacks[0];
    const toStack = toStacks[0];
    // Only an unambiguous pair: one stack loses the address, one other stack gains it.
    if (fromStacks.length !== 1 || toStacks.length !== 1 || fromStack === undefined || toStack === undefined || fromStack === toStack) continue;
    const fromSides = sides.get(fromStack);
    const toSides = sides.get(toStack);
    const from = fromSides?.base.blocks.get(address);
    const to = toSides?.head.blocks.get(address);
    if (!fromSides || !toSides || !from || !to || from.type !== to.type) continue;
    const attributes = attributeChanges(from, to, to.body, toSides.head.sensitivity, fromSides.base.sensitivity, options.facts);
    const forcedBy = [...new Set(attributes.flatMap((a) => (a.forcesReplacement ? [a.forcesReplacement] : [])))].sort(compareStrings);
    const typeFacts = options.facts[to.type];
    const replacement: ResourceChange = {
      ...baseChange(toStack, to, "replace"),
      previousStack: fromStack,
      attributes,
      replacementForcedBy: forcedBy,
      replacementSource: forcedBy.length > 0 && typeFacts ? typeFacts.source : null,
      danger: dangerFor(fromStack, from, to, `destroyed in stack ${fromStack} and created again in stack ${toStack} (each stack has its own state)`, options.allowances),
    };
    changesByStack.set(fromStack, (changesByStack.get(fromStack) ?? []).filter((c) => !(c.address === address && c.kind === "delete")));
    changesByStack.set(toStack, [...(changesByStack.get(toStack) ?? []).filter((c) => !(c.address === address && c.kind === "create")), replacement]);
  }
}

function allowanceKey(stack: string, address: string): string {
  return `${stack}\u0000${address}`;
}

interface Pair {
  readonly from: Block;
  readonly to: Block;
  readonly declared: boolean;
}

interface Pairing {
  readonly pairs: readonly Pair[];
  readonly pairedFrom: ReadonlySet<string>;
  readonly pairedTo: ReadonlySet<string>;
  /** New address → base address, for every pair. */
  readonly renames: ReadonlyMap<string, string>;
}

/**
 * Matches blocks whose address changed: declared moves first, then any removed and added block of
 * the same kind and type with the same body. References to a renamed block change text but not
 * meaning, so the head's references are rewritten to base names before bodies are compared, and
 * the search repeats, since one rename can reveal another (a droplet renamed together with the
 * firewall that points at it).
 */
function pairBlocks(base: ParsedStack, head: ParsedStack): Pairing {
  const pairs: Pair[] = [];
  const pairedFrom = new Set<string>();
  const pairedTo = new Set<string>();
  const renames = new Map<string, string>();
  const add = (pair: Pair): void => {
    pairs.push(pair);
    pairedFrom.add(pair.from.address);
    pairedTo.add(pair.to.address);
    renames.set(pair.to.address, pair.from.address);
  };

  for (const move of head.moves) {
    const from = base.blocks.get(move.from);
    const to = head.blocks.get(move.to);
    // A move whose source is already gone from the base was applied before: nothing to say.
    if (!from || !to || head.blocks.has(move.from) || pairedFrom.has(move.from) || pairedTo.has(move.to)) continue;
    add({ from, to, declared: true });
  }

  const kindKey = (b: Block): string => `${b.blockKind}\u0000${b.type}`;
  for (;;) {
    const removed = [...base.blocks.values()].filter((b) => !head.blocks.has(b.address) && !pairedFrom.has(b.address));
    const added = [...head.blocks.values()].filter((b) => !base.blocks.has(b.address) && !pairedTo.has(b.address));
    if (removed.length === 0 || added.length === 0) break;
    const candidates = new Map<string, Block[]>();
    for (const block of removed) {
      const key = `${kindKey(block)}\u0000${stableStringify(block.body)}`;
      candidates.set(key, [...(candidates.get(key) ?? []), block]);
    }
    let found = false;
    for (const block of added) {
      const key = `${kindKey(block)}\u0000${stableStringify(rewriteReferences(block.body, renames, NO_RENAMES))}`;
      const from = candidates.get(key)?.shift();
      if (!from) continue;
      add({ from, to: block, declared: false });
      found = true;
    }
    if (!found) break;
  }
  return { pairs, pairedFrom, pairedTo, renames };
}

const NO_RENAMES: ReadonlyMap<string, string> = new Map();

/**
 * cdktf names cross-stack outputs after the resource they expose, so renaming a resource renames
 * its outputs and changes every `…outputs.<name>` reference in other stacks. New name → old name,
 * kept only when unambiguous over the whole estate.
 */
function crossStackOutputRenames(pairings: ReadonlyMap<string, Pairing>): ReadonlyMap<string, string> {
  const candidates = new Map<string, Set<string>>();
  for (const pairing of pairings.values()) {
    for (const pair of pairing.pairs) {
      if (pair.to.blockKind !== "output") continue;
      candidates.set(pair.to.name, (candidates.get(pair.to.name) ?? new Set()).add(pair.from.name));
    }
  }
  const renames = new Map<string, string>();
  for (const [to, froms] of candidates) {
    const [from] = [...froms];
    if (froms.size === 1 && from !== undefined) renames.set(to, from);
  }
  return renames;
}

function reviewStack(
  stack: string,
  base: ParsedStack,
  head: ParsedStack,
  pairing: Pairing,
  outputRenames: ReadonlyMap<string, string>,
  options: ReviewOptions,
  warnings: Set<string>,
): ResourceChange[] {
  const { pairs, pairedFrom, pairedTo, renames } = pairing;
  const facts = options.facts;
  const changes: ResourceChange[] = [];
  const compare = (from: Block, to: Block, pair: Pair | null): void => {
    const normalized = rewriteReferences(to.body, renames, outputRenames);
    const attributes = attributeChanges(from, to, normalized, head.sensitivity, base.sensitivity, facts);
    if (!pair && attributes.length === 0) return;
    const typeFacts = to.blockKind === "resource" ? facts[to.type] : undefined;
    if (to.blockKind === "resource" && !typeFacts && attributes.length > 0) {
      warnings.add(`No replacement facts for resource type \`${to.type}\`: its updates are shown as updates, but some may be replacements.`);
    }
    const forcedBy = [...new Set(attributes.flatMap((a) => (a.forcesReplacement ? [a.forcesReplacement] : [])))].sort(compareStrings);
    const kind: ChangeKind = forcedBy.length > 0 ? "replace" : pair ? "rename" : "update";
    const danger =
      kind === "replace"
        ? dangerFor(stack, from, to, `replaced (destroyed, then created again) because ${forcedBy.map((f) => `\`${f}\``).join(", ")} changed`, options.allowances)
        : pair && !pair.declared
          ? dangerFor(stack, from, to, "destroyed and created again under the new address, unless the move is declared", options.allowances)
          : null;
    changes.push({
      stack,
      address: to.address,
      blockKind: to.blockKind,
      type: to.type,
      kind,
      previousAddress: pair ? from.address : null,
      previousStack: null,
      constructPath: to.constructPath,
      attributes,
      replacementForcedBy: forcedBy,
      replacementSource: forcedBy.length > 0 && typeFacts ? typeFacts.source : null,
      moveDeclared: pair?.declared ?? false,
      moveProposal: pair && !pair.declared && to.blockKind === "resource" ? proposeMove(from, to) : null,
      importId: null,
      forgotten: false,
      danger,
    });
  };

  for (const pair of pairs) compare(pair.from, pair.to, pair);
  for (const block of base.blocks.values()) {
    const other = head.blocks.get(block.address);
    if (other) compare(block, other, null);
  }
  for (const block of base.blocks.values()) {
    if (head.blocks.has(block.address) || pairedFrom.has(block.address)) continue;
    const forgotten = block.blockKind === "resource" && head.forgotten.has(block.address);
    changes.push({
      ...baseChange(stack, block, "delete"),
      forgotten,
      danger: block.blockKind === "resource" && !forgotten ? dangerFor(stack, block, null, "destroyed", options.allowances) : null,
    });
  }
  for (const block of head.blocks.values()) {
    if (base.blocks.has(block.address) || pairedTo.has(block.address)) continue;
    const importId = head.imports.get(block.address);
    const forceSensitive = block.blockKind === "output" && isSensitiveOutput(block.body);
    const attributes: AttributeChange[] = isRecord(block.body)
      ? Object.keys(block.body)
          .sort(compareStrings)
          .map((key) => ({
            path: formatPath([key]),
            before: ABSENT,
            after: display(valueAt(block.body, [key]), [key], head.sensitivity, forceSensitive && key === "value"),
            forcesReplacement: null,
            ignored: false,
          }))
      : [];
    changes.push({
      ...baseChange(stack, block, "create"),
      attributes,
      importId: importId === undefined ? null : display(importId, [], head.sensitivity).text,
    });
  }
  return changes;
}

function baseChange(stack: string, block: Block, kind: ChangeKind): ResourceChange {
  return {
    stack,
    address: block.address,
    blockKind: block.blockKind,
    type: block.type,
    kind,
    previousAddress: null,
    previousStack: null,
    constructPath: block.constructPath,
    attributes: [],
    replacementForcedBy: [],
    replacementSource: null,
    moveDeclared: false,
    moveProposal: null,
    importId: null,
    forgotten: false,
    danger: null,
  };
}

function isSensitiveOutput(body: unknown): boolean {
  return isRecord(body) && body["sensitive"] === true;
}

function attributeChanges(
  from: Block,
  to: Block,
  normalizedHead: unknown,
  headSensitivity: Sensitivity,
  baseSensitivity: Sensitivity,
  facts: ResourceTypeFactsTable,
): AttributeChange[] {
  const before = isRecord(from.body) ? from.body : {};
  const after = isRecord(normalizedHead) ? normalizedHead : {};
  const forcing = to.blockKind === "resource" ? (facts[to.type]?.forcesReplacement ?? []) : [];
  const sensitiveOutput = to.blockKind === "output" && (isSensitiveOutput(from.body) || isSensitiveOutput(to.body));
  const ignoredBy = to.blockKind === "resource" ? ignoreChangesOf(to.body) : () => false;
  const changed = new Map<string, AttributeChange>();
  for (const difference of diff(before, after, { cyclesFix: false })) {
    const path = difference.path;
    const key = formatPath(path);
    const oldValue: unknown = difference.type === "CREATE" ? undefined : difference.oldValue;
    // Shown from the head as written, not from its reference-rewritten copy.
    const newValue: unknown = difference.type === "REMOVE" ? undefined : valueAt(to.body, path);
    const hideOutput = sensitiveOutput && path[0] === "value";
    const ignored = ignoredBy(key);
    changed.set(key, {
      path: key,
      before: display(oldValue, path, baseSensitivity, hideOutput),
      after: display(newValue, path, headSensitivity, hideOutput),
      forcesReplacement: ignored ? null : (forcing.find((f) => pathWithin(path, f) && valuesDiffer(before, after, f)) ?? null),
      ignored,
    });
  }
  return [...changed.values()].sort((a, b) => compareStrings(a.path, b.path));
}

/** Which attribute paths the resource's own `lifecycle.ignore_changes` tells Terraform to leave alone. */
function ignoreChangesOf(body: unknown): (path: string) => boolean {
  const lifecycle = isRecord(body) ? body["lifecycle"] : undefined;
  const entries = isRecord(lifecycle) ? lifecycle["ignore_changes"] : undefined;
  if (entries === "all" || (Array.isArray(entries) && entries.includes("all"))) {
    return (path) => !path.startsWith("lifecycle");
  }
  if (!Array.isArray(entries)) return () => false;
  const names = entries.filter((e): e is string => typeof e === "string");
  return (path) => names.some((n) => path === n || path.startsWith(`${n}.`) || path.startsWith(`${n}[`));
}

/**
 * True if the diff path and the facts path (dotted, list indexes ignored) overlap: one is the
 * other or inside it, so a whole nested block appearing also counts for a forcing attribute in it.
 */
function pathWithin(path: readonly (string | number)[], factPath: string): boolean {
  const names = path.filter((k): k is string => typeof k === "string");
  const fact = factPath.split(".");
  const n = Math.min(names.length, fact.length);
  for (let i = 0; i < n; i += 1) if (names[i] !== fact[i]) return false;
  return true;
}

/** Values found at a dotted path, walking through lists of nested blocks. */
function collect(value: unknown, keys: readonly string[]): unknown[] {
  if (keys.length === 0) return [value];
  if (Array.isArray(value)) return value.flatMap((item) => collect(item, keys));
  if (!isRecord(value)) return [];
  const [first, ...rest] = keys;
  if (first === undefined || !(first in value)) return [];
  return collect(value[first], rest);
}

function valuesDiffer(before: unknown, after: unknown, factPath: string): boolean {
  const keys = factPath.split(".");
  return stableStringify(collect(before, keys)) !== stableStringify(collect(after, keys));
}

function dangerFor(
  stack: string,
  from: Block,
  to: Block | null,
  consequence: string,
  allowances: readonly DestructionAllowance[],
): Danger | null {
  if (from.blockKind !== "resource") return null;
  const protection = protectionOf(from.type, from.body) ?? (to ? protectionOf(to.type, to.body) : null);
  if (!protection) return null;
  const allowance = allowances.find((a) => a.stack === stack && a.address === from.address);
  return { protection, consequence, allowed: allowance !== undefined, allowanceReason: allowance?.reason ?? null };
}

function proposeMove(from: Block, to: Block): MoveProposal {
  const where = to.constructPath ? `the resource at construct path "${to.constructPath}"` : `the resource synthesized as ${to.address}`;
  return {
    cdktf: `// on ${where}:\nresource.moveFromId(${JSON.stringify(from.address)});`,
    movedBlock: `moved {\n  from = ${from.address}\n  to   = ${to.address}\n}`,
    constructPath: to.constructPath,
  };
}

const ADDRESS_IN_EXPRESSION = /(?<![\w.-])((?:data\.)?[A-Za-z][\w-]*\.[A-Za-z_][\w-]*)(?![\w-])/g;
const REMOTE_OUTPUT = /(\.outputs\.)([A-Za-z_][\w-]*)/g;

/** Rewrites references to renamed blocks (and renamed outputs of other stacks) back to their base names. */
function rewriteReferences(value: unknown, renames: ReadonlyMap<string, string>, outputRenames: ReadonlyMap<string, string>): unknown {
  if (renames.size === 0 && outputRenames.size === 0) return value;
  if (typeof value === "string") {
    if (!value.includes("${")) return value;
    let out = renames.size === 0 ? value : value.replace(ADDRESS_IN_EXPRESSION, (match: string) => renames.get(match) ?? match);
    if (outputRenames.size > 0) out = out.replace(REMOTE_OUTPUT, (_match: string, prefix: string, name: string) => `${prefix}${outputRenames.get(name) ?? name}`);
    return out;
  }
  if (Array.isArray(value)) return value.map((item) => rewriteReferences(item, renames, outputRenames));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = rewriteReferences(inner, renames, outputRenames);
    return out;
  }
  return value;
}
