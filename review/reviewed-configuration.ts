/*
 * What was reviewed, as a content hash a deploy can check: each stack's configuration with the parts that may
 * differ between the review's synthesis and a deploy's (the state backend, and the remote-state reads of other
 * stacks of the estate) replaced by the stack they name, once they are shown to be exactly the estate's convention
 * for that backend (stacks/state-backend.ts). A backend or a remote-state read that departs from the convention is
 * kept as it is, so it changes the hash, and named, so the review can call it what it is. cdktf's `//` comments are
 * left out where cdktf writes them (Terraform ignores them there); a `//` anywhere else, which in an argument's value
 * (a map of config vars) is a real key, stays.
 */
import { createHash } from "node:crypto";
import { conventionalBackend, conventionalRemoteState, CROSS_STACK_REMOTE_STATE_PREFIX, type StateBackend } from "../stacks/state-backend";
import { isRecord, stableStringify } from "./json";
import type { Configuration, Configurations } from "./configuration";

/** The content hashes of a synthesized estate: each stack's, and the whole (over the stacks' names and hashes). */
export interface ConfigurationHashes {
  /** `sha256:<hex>` of every stack's name and hash. */
  readonly configuration: string;
  /** `sha256:<hex>` of each stack's normalized configuration, by stack name. */
  readonly stacks: Readonly<Record<string, string>>;
}

/** A part of a stack's configuration that is not the estate's convention for where state lives. */
export interface StateDeparture {
  readonly stack: string;
  /** `backend`, or `data.terraform_remote_state.<name>`. */
  readonly subject: string;
  readonly detail: string;
}

/** What the state's convention is replaced with in a normalized configuration. */
const STATE_MARK = "psf-estate-state";

/**
 * `configuration` of `stack` with its backend and its remote-state reads of `stacks` (the estate's stacks) replaced by
 * the names of the states they use, where they are exactly the convention for `backend`; departures listed.
 */
export function normalizeConfiguration(
  stack: string,
  configuration: Configuration,
  backend: StateBackend,
  stacks: ReadonlySet<string>,
): { readonly normalized: Record<string, unknown>; readonly departures: readonly StateDeparture[] } {
  const departures: StateDeparture[] = [];
  const body = withoutCdktfComments(configuration);
  const terraform = isRecord(body["terraform"]) ? { ...body["terraform"] } : {};
  const declared = {
    ...(terraform["backend"] !== undefined ? { backend: terraform["backend"] } : {}),
    ...(terraform["cloud"] !== undefined ? { cloud: terraform["cloud"] } : {}),
  };
  const expected = conventionalBackend(stack, backend);
  if (stableStringify(declared) === stableStringify(expected)) {
    delete terraform["backend"];
    delete terraform["cloud"];
    terraform[STATE_MARK] = stack;
  } else {
    departures.push({
      stack,
      subject: "backend",
      detail: `keeps its state at ${describe(declared)}, where the estate's convention for ${backend.kind} state is ${describe(expected)}`,
    });
  }

  const data = isRecord(body["data"]) ? { ...body["data"] } : {};
  const reads = isRecord(data["terraform_remote_state"]) ? { ...data["terraform_remote_state"] } : undefined;
  if (reads !== undefined) {
    for (const [name, read] of Object.entries(reads)) {
      const target = name.startsWith(CROSS_STACK_REMOTE_STATE_PREFIX) ? name.slice(CROSS_STACK_REMOTE_STATE_PREFIX.length) : undefined;
      if (
        target !== undefined &&
        target !== stack &&
        stacks.has(target) &&
        stableStringify(read) === stableStringify(conventionalRemoteState(target, backend))
      ) {
        reads[name] = { [STATE_MARK]: target };
        continue;
      }
      const why =
        target === undefined || !stacks.has(target) || target === stack
          ? "which is not a read of another stack of the estate"
          : `where the estate's convention for reading ${target}'s ${backend.kind} state is ${describe(conventionalRemoteState(target, backend))}`;
      departures.push({ stack, subject: `data.terraform_remote_state.${name}`, detail: `reads the state at ${describe(read)}, ${why}` });
    }
    data["terraform_remote_state"] = reads;
  }
  return { normalized: { ...body, terraform, ...(body["data"] !== undefined ? { data } : {}) }, departures };
}

/** The hashes of every stack of a synthesized estate, the normalized configurations, and every departure from the state convention. */
export function configurationHashes(
  configurations: Configurations,
  backend: StateBackend,
): {
  readonly hashes: ConfigurationHashes;
  readonly normalized: ReadonlyMap<string, Record<string, unknown>>;
  readonly departures: readonly StateDeparture[];
} {
  const names = new Set(configurations.keys());
  const stacks: Record<string, string> = {};
  const normalized = new Map<string, Record<string, unknown>>();
  const departures: StateDeparture[] = [];
  for (const [stack, configuration] of [...configurations].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const result = normalizeConfiguration(stack, configuration, backend, names);
    stacks[stack] = sha256(stableStringify(result.normalized));
    normalized.set(stack, result.normalized);
    departures.push(...result.departures);
  }
  return { hashes: { configuration: sha256(stableStringify(stacks)), stacks }, normalized, departures };
}

/** The dotted paths at which two values differ (a whole subtree counts once), sorted. */
export function differingPaths(a: unknown, b: unknown, path = ""): string[] {
  if (stableStringify(a ?? null) === stableStringify(b ?? null)) return [];
  if (!isRecord(a) || !isRecord(b)) return [path === "" ? "(the whole configuration)" : path];
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .sort()
    .flatMap((key) => differingPaths(a[key], b[key], path === "" ? key : `${path}.${key}`));
}

/** The blocks whose bodies cdktf gives a `//` comment: the top level, and each body of these, by name (and type). */
const COMMENTED_BLOCKS: Readonly<Record<string, 1 | 2>> = { resource: 2, data: 2, output: 1, variable: 1, provider: 1, module: 1, locals: 1 };

/** A configuration without cdktf's comments: at the top, and at the top of each block body cdktf comments. */
function withoutCdktfComments(configuration: Configuration): Record<string, unknown> {
  const drop = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(drop);
    if (!isRecord(value)) return value;
    const { "//": _comment, ...rest } = value;
    return rest;
  };
  const out: Record<string, unknown> = {};
  for (const [key, section] of Object.entries(configuration)) {
    if (key === "//") continue;
    const depth = COMMENTED_BLOCKS[key];
    if (depth === undefined || !isRecord(section)) {
      out[key] = section;
      continue;
    }
    out[key] = Object.fromEntries(
      Object.entries(section).map(([name, inner]) => [
        name,
        depth === 1 ? drop(inner) : isRecord(inner) ? Object.fromEntries(Object.entries(inner).map(([n, body]) => [n, drop(body)])) : inner,
      ]),
    );
  }
  return out;
}

/** The stacks whose hashes differ between two syntheses (or that only one of them has). */
export function differingStacks(a: ConfigurationHashes, b: ConfigurationHashes): string[] {
  return [...new Set([...Object.keys(a.stacks), ...Object.keys(b.stacks)])].filter((stack) => a.stacks[stack] !== b.stacks[stack]).sort();
}

function sha256(text: string): string {
  return `sha256:${createHash("sha256").update(text).digest("hex")}`;
}

function describe(value: unknown): string {
  return value === undefined || (isRecord(value) && Object.keys(value).length === 0) ? "(none)" : stableStringify(value);
}
