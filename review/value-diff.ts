/*
 * What an attribute's change is, element by element, so that nothing hides behind a length limit: lists and sets as
 * the elements added and removed (blocks with a name, such as Fastly headers, matched by name), maps and policy
 * documents key by key, long texts (a VCL snippet) line by line. Masking applies to the value that is sensitive (marked
 * so by the provider, named like a secret, or looking like one), never to its neighbours.
 */
import { diffLines } from "diff";
import { looksSecretName, looksSecretValue } from "../inventory/looks-secret";
import { isRecord, stableStringify } from "./json";
import { SENSITIVE_TEXT } from "./values";

export interface AttributeDiff {
  /** `records`, `header["Fastly Token"].source`, `policy.Statement[1]`, `content (line)`. */
  readonly path: string;
  readonly change: "added" | "removed" | "changed";
  /** The value before, rendered (absent when added). */
  readonly before?: string;
  /** The value after, rendered, or "(known after apply)" (absent when removed). */
  readonly after?: string;
}

export const UNKNOWN_TEXT = "(known after apply)";

/** Sensitivity or unknown marks, as Terraform mirrors a value's shape with `true` where it applies. */
type Marks = unknown;

const markAt = (marks: Marks, key: string | number): Marks =>
  marks === true ? true : Array.isArray(marks) ? marks[key as number] : isRecord(marks) ? marks[key as string] : undefined;
const anyMark = (marks: Marks): boolean =>
  marks === true || (Array.isArray(marks) ? marks.some(anyMark) : isRecord(marks) ? Object.values(marks).some(anyMark) : false);

/** A value as text with every sensitive part masked: marked, named like a secret, or looking like one. */
export function renderValue(value: unknown, marks: Marks = undefined, name?: string | number): string {
  const shown = masked(value, marks, name);
  return shown === SENSITIVE_TEXT ? SENSITIVE_TEXT : (JSON.stringify(shown) ?? "null");
}

function masked(value: unknown, marks: Marks, name?: string | number): unknown {
  if (
    marks === true ||
    (name !== undefined && looksSecretName(name) && value !== null && value !== undefined && !isRecord(value) && !Array.isArray(value))
  )
    return SENSITIVE_TEXT;
  if (typeof value === "string") return looksSecretValue(value) ? SENSITIVE_TEXT : value;
  if (Array.isArray(value)) return value.map((v, i) => masked(v, markAt(marks, i)));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      out[key] =
        looksSecretName(key) && !isRecord(value[key]) && !Array.isArray(value[key]) && value[key] !== null
          ? SENSITIVE_TEXT
          : masked(value[key], markAt(marks, key), key);
    return out;
  }
  return value ?? null;
}

interface Side {
  readonly value: unknown;
  readonly sensitive: Marks;
}

/** The differences between two values of one attribute (`path`), with the after side's unknown marks. */
export function valueDiffs(path: string, before: Side | undefined, after: Side | undefined, unknown: Marks = undefined): AttributeDiff[] {
  const name = path.split(/[.[]/).pop();
  if (unknown === true)
    return [
      {
        path,
        change: before === undefined ? "added" : "changed",
        ...(before !== undefined ? { before: renderValue(before.value, before.sensitive, name) } : {}),
        after: UNKNOWN_TEXT,
      },
    ];
  if (before === undefined || before.value === null || before.value === undefined) {
    const empty =
      after === undefined ||
      after.value === null ||
      after.value === undefined ||
      (Array.isArray(after.value) && after.value.length === 0) ||
      (isRecord(after.value) && Object.keys(after.value).length === 0);
    return empty ? [] : [{ path, change: "added", after: renderValue(after.value, after.sensitive, name) }];
  }
  if (after === undefined || after.value === null || after.value === undefined)
    return [{ path, change: "removed", before: renderValue(before.value, before.sensitive, name) }];
  const same = stableStringify(before.value) === stableStringify(after.value);
  if (same && !anyMark(unknown)) return [];
  const secret =
    before.sensitive === true ||
    after.sensitive === true ||
    (name !== undefined && looksSecretName(name) && !isRecord(after.value) && !Array.isArray(after.value));
  if (secret) return same ? [] : [{ path, change: "changed", before: SENSITIVE_TEXT, after: SENSITIVE_TEXT }];
  const a = before.value;
  const b = after.value;
  if (typeof a === "string" && typeof b === "string") return textDiffs(path, a, b);
  if (Array.isArray(a) && Array.isArray(b))
    return listDiffs(path, { value: a, sensitive: before.sensitive }, { value: b, sensitive: after.sensitive }, unknown);
  if (isRecord(a) && isRecord(b)) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .sort()
      .flatMap((key) =>
        valueDiffs(
          `${path}${keyPath(key)}`,
          key in a ? { value: a[key], sensitive: markAt(before.sensitive, key) } : undefined,
          key in b ? { value: b[key], sensitive: markAt(after.sensitive, key) } : undefined,
          markAt(unknown, key),
        ),
      );
  }
  return [{ path, change: "changed", before: renderValue(a, before.sensitive, name), after: renderValue(b, after.sensitive, name) }];
}

function keyPath(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** Two texts: a JSON document key by key, several lines line by line, one line as it is. */
function textDiffs(path: string, a: string, b: string): AttributeDiff[] {
  const document = (text: string): unknown => {
    if (!/^\s*[[{]/.test(text)) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  };
  const da = document(a);
  const db = document(b);
  if (da !== undefined && db !== undefined) return valueDiffs(path, { value: da, sensitive: undefined }, { value: db, sensitive: undefined });
  if (!a.includes("\n") && !b.includes("\n")) return [{ path, change: "changed", before: renderValue(a), after: renderValue(b) }];
  return diffLines(a, b).flatMap((part): AttributeDiff[] => {
    if (!part.added && !part.removed) return [];
    return part.value
      .replace(/\n$/, "")
      .split("\n")
      .map((line) =>
        part.added
          ? { path: `${path} (line)`, change: "added", after: renderValue(line) }
          : { path: `${path} (line)`, change: "removed", before: renderValue(line) },
      );
  });
}

/** The name a list's element is known by: a block's `name`, else none. */
function elementName(value: unknown): string | undefined {
  return isRecord(value) && typeof value["name"] === "string" ? value["name"] : undefined;
}

function listDiffs(
  path: string,
  before: { value: unknown[]; sensitive: Marks },
  after: { value: unknown[]; sensitive: Marks },
  unknown: Marks,
): AttributeDiff[] {
  const a = before.value;
  const b = after.value;
  // Each element's index by its name, or undefined when an element has none.
  const index = (list: unknown[]): Map<string, number> | undefined => {
    const byName = new Map<string, number>();
    for (const [i, v] of list.entries()) {
      const name = elementName(v);
      if (name === undefined) return undefined;
      byName.set(name, i);
    }
    return byName;
  };
  const ia = index(a);
  const ib = index(b);
  if (a.length + b.length > 0 && ia !== undefined && ib !== undefined) {
    return [...new Set([...ia.keys(), ...ib.keys()])].sort().flatMap((key) => {
      const i = ia.get(key);
      const j = ib.get(key);
      return valueDiffs(
        `${path}[${JSON.stringify(key)}]`,
        i === undefined ? undefined : { value: a[i], sensitive: markAt(before.sensitive, i) },
        j === undefined ? undefined : { value: b[j], sensitive: markAt(after.sensitive, j) },
        j === undefined ? undefined : markAt(unknown, j),
      );
    });
  }
  if (a.length === b.length && a.every((v) => isRecord(v)) && b.every((v) => isRecord(v))) {
    return a.flatMap((v, i) =>
      valueDiffs(
        `${path}[${i}]`,
        { value: v, sensitive: markAt(before.sensitive, i) },
        { value: b[i], sensitive: markAt(after.sensitive, i) },
        markAt(unknown, i),
      ),
    );
  }
  // Elements without a name: as a set, what was added and what removed; a list that only changed order says so.
  const text = (v: unknown, marks: Marks): string => renderValue(v, marks);
  const count = (list: unknown[]): Map<string, number> =>
    list.reduce<Map<string, number>>((m, v) => m.set(stableStringify(v), (m.get(stableStringify(v)) ?? 0) + 1), new Map());
  const ca = count(a);
  const cb = count(b);
  const diffs: AttributeDiff[] = [];
  a.forEach((v, i) => {
    const key = stableStringify(v);
    const unmatched = cb.get(key) ?? 0;
    if (unmatched > 0) cb.set(key, unmatched - 1);
    else diffs.push({ path: `${path}[-]`, change: "removed", before: text(v, markAt(before.sensitive, i)) });
  });
  b.forEach((v, i) => {
    const key = stableStringify(v);
    const unmatched = ca.get(key) ?? 0;
    if (markAt(unknown, i) === true) diffs.push({ path: `${path}[+]`, change: "added", after: UNKNOWN_TEXT });
    else if (unmatched > 0) ca.set(key, unmatched - 1);
    else diffs.push({ path: `${path}[+]`, change: "added", after: text(v, markAt(after.sensitive, i)) });
  });
  if (diffs.length === 0 && stableStringify(a) !== stableStringify(b))
    diffs.push({ path, change: "changed", before: text(a, before.sensitive), after: text(b, after.sensitive) });
  return diffs;
}
