/*
 * An attribute's change between the live object and the code (or the state), element by element, as the review shows
 * changes (review/value-diff.ts), with secrets masked where they are. Terraform marks a whole set sensitive when one of
 * its values is (a Fastly service's headers hold the origin token; its backends a client key), which would hide a
 * header edited by hand: these reports keep Terraform's marks on single values and mask inside sets and lists what the
 * snapshot withholds there (live/withheld.ts).
 */
import type { Schema } from "../provider-schemas/schema-file";
import { isRecord } from "../review/json";
import type { PlannedChange } from "../review/terraform-plan";
import { valueDiffs, type AttributeDiff } from "../review/value-diff";
import { withholdSecrets } from "./withheld";

/** Terraform's marks, without those on collections (kept on single values). */
function leafMarks(marks: unknown, value: unknown): unknown {
  if (marks === true) return Array.isArray(value) || isRecord(value) ? undefined : true;
  if (Array.isArray(marks)) return marks.map((m, i) => leafMarks(m, Array.isArray(value) ? value[i] : undefined));
  if (isRecord(marks)) return Object.fromEntries(Object.entries(marks).map(([k, m]) => [k, leafMarks(m, isRecord(value) ? value[k] : undefined)]));
  return undefined;
}

/** Two mark trees as one: a value is masked when either marks it. */
function unionMarks(a: unknown, b: unknown): unknown {
  if (a === true || b === true) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = Array.isArray(a) ? a : [];
    const y = Array.isArray(b) ? b : [];
    return Array.from({ length: Math.max(x.length, y.length) }, (_, i) => unionMarks(x[i], y[i]));
  }
  if (isRecord(a) || isRecord(b)) {
    const x = isRecord(a) ? a : {};
    const y = isRecord(b) ? b : {};
    return Object.fromEntries([...new Set([...Object.keys(x), ...Object.keys(y)])].map((k) => [k, unionMarks(x[k], y[k])]));
  }
  return undefined;
}

/** What a change sets or alters, attribute by attribute, secrets masked. */
export function liveAttributeDiffs(change: PlannedChange, schema: Schema | undefined): AttributeDiff[] {
  if (change.action === "delete" || change.action === "forget") return [];
  const before = isRecord(change.before) ? change.before : {};
  const after = isRecord(change.after) ? change.after : {};
  const unknown = isRecord(change.afterUnknown) ? change.afterUnknown : {};
  const ours = (values: Record<string, unknown>): Record<string, unknown> =>
    schema === undefined ? {} : (withholdSecrets(change.type, schema.block, values).withheld ?? {});
  const marksBefore = unionMarks(ours(before), leafMarks(change.beforeSensitive, before)) as Record<string, unknown> | undefined;
  const marksAfter = unionMarks(ours(after), leafMarks(change.afterSensitive, after)) as Record<string, unknown> | undefined;
  const created = change.action === "create";
  return [...new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(unknown)])].sort().flatMap((key) => {
    if (key === "id" || key === "timeouts") return [];
    return valueDiffs(
      key,
      created || !(key in before) ? undefined : { value: before[key], sensitive: marksBefore?.[key] },
      key in after ? { value: after[key], sensitive: marksAfter?.[key] } : undefined,
      unknown[key],
    );
  });
}
