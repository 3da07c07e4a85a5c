/** Reads one synthesized `cdk.tf.json` into the blocks the review compares, keyed by Terraform address. */
import type { BlockKind, TerraformJson } from "./types";
import { compareStrings, isRecord, stripMetadata } from "./json";
import { type Sensitivity, sensitivityOf } from "./values";

export interface Block {
  /** `type.name`, `data.type.name` or `output.name`. */
  readonly address: string;
  readonly blockKind: BlockKind;
  /** Resource or data source type; empty for outputs. */
  readonly type: string;
  readonly name: string;
  /** The block's JSON without cdktf metadata. */
  readonly body: unknown;
  readonly constructPath: string | null;
}

export interface MoveDeclaration {
  readonly from: string;
  readonly to: string;
}

export interface ParsedStack {
  readonly blocks: ReadonlyMap<string, Block>;
  readonly moves: readonly MoveDeclaration[];
  /** Address → import id, from `import` blocks (cdktf `importFrom`). */
  readonly imports: ReadonlyMap<string, unknown>;
  /** Addresses of `removed` blocks that keep the real object (`lifecycle.destroy = false`). */
  readonly forgotten: ReadonlySet<string>;
  readonly sensitivity: Sensitivity;
}

export const EMPTY_STACK: ParsedStack = parseStack({});

export function parseStack(json: TerraformJson): ParsedStack {
  const blocks = new Map<string, Block>();
  const add = (block: Block): void => {
    blocks.set(block.address, block);
  };
  for (const [type, name, raw] of typedEntries(json["resource"])) {
    add({ address: `${type}.${name}`, blockKind: "resource", type, name, body: stripMetadata(raw), constructPath: constructPathOf(raw) });
  }
  for (const [type, name, raw] of typedEntries(json["data"])) {
    add({ address: `data.${type}.${name}`, blockKind: "data", type, name, body: stripMetadata(raw), constructPath: constructPathOf(raw) });
  }
  const outputs = json["output"];
  if (isRecord(outputs)) {
    for (const name of Object.keys(outputs).sort(compareStrings)) {
      const raw = outputs[name];
      add({ address: `output.${name}`, blockKind: "output", type: "", name, body: stripMetadata(raw), constructPath: constructPathOf(raw) });
    }
  }

  const moves: MoveDeclaration[] = [];
  for (const entry of listOf(json["moved"])) {
    const from = entry["from"];
    const to = entry["to"];
    if (typeof from === "string" && typeof to === "string") moves.push({ from, to });
  }
  const imports = new Map<string, unknown>();
  for (const entry of listOf(json["import"])) {
    const to = entry["to"];
    if (typeof to === "string") imports.set(to, entry["id"]);
  }
  const forgotten = new Set<string>();
  for (const entry of listOf(json["removed"])) {
    const from = entry["from"];
    const lifecycle = entry["lifecycle"];
    if (typeof from === "string" && isRecord(lifecycle) && lifecycle["destroy"] === false) forgotten.add(from);
  }
  return { blocks, moves, imports, forgotten, sensitivity: sensitivityOf(json["variable"], json["locals"]) };
}

/** `{ type: { name: body } }` sections (resource, data) as sorted triples. */
function typedEntries(section: unknown): [string, string, unknown][] {
  const out: [string, string, unknown][] = [];
  if (!isRecord(section)) return out;
  for (const type of Object.keys(section).sort(compareStrings)) {
    const byName = section[type];
    if (!isRecord(byName)) continue;
    for (const name of Object.keys(byName).sort(compareStrings)) out.push([type, name, byName[name]]);
  }
  return out;
}

/** Top-level blocks that cdktf writes as a list, sometimes as a single object. */
function listOf(section: unknown): Record<string, unknown>[] {
  if (Array.isArray(section)) return section.filter(isRecord);
  return isRecord(section) ? [section] : [];
}

function constructPathOf(raw: unknown): string | null {
  if (!isRecord(raw)) return null;
  const meta = raw["//"];
  if (!isRecord(meta)) return null;
  const metadata = meta["metadata"];
  if (!isRecord(metadata)) return null;
  const path = metadata["path"];
  return typeof path === "string" ? path : null;
}
