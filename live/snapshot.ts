/*
 * A snapshot of the live estate: what the clouds hold, object by object, as Terraform's own state shows it. The
 * format (README, "The live snapshot") is versioned and checked by a schema when read; the twin answers imports and
 * reads from it (twin/live-answers.ts), and adoption, drift and the unmanaged listing read it.
 *
 *   {
 *     "format": "psf-estate-live-snapshot", "version": 1,
 *     "taken": "2026-06-01",                      the day it was taken (UTC)
 *     "source": "…",                              what it was taken from, in words
 *     "terraformVersion": "1.11.4",
 *     "providers": { "aws": "6.2.0", … },         each provider's version that read it
 *     "objects": [                                 sorted by type, then import id; one object a line
 *       { "type": "digitalocean_droplet", "importId": "123456789", "values": { … }, "withheld": { … } }
 *     ],
 *     "dataSources": [ { "type": "aws_caller_identity", "arguments": {}, "values": { … } } ]
 *   }
 *
 * `values` are the attributes `terraform show -json` writes for the object in state, with null attributes left out and
 * the elements of every set sorted by their JSON (live/set-order.ts: a set has no order, and Terraform's is its own).
 * `withheld` has the shape of `values` with `true` where a secret was left out (live/withheld.ts): a snapshot never
 * holds a secret.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { compareStrings } from "../values/string-order";
import { stableStringify } from "../review/json";

export const SNAPSHOT_FORMAT = "psf-estate-live-snapshot";
export const SNAPSHOT_VERSION = 1;

const record = z.record(z.string(), z.unknown());

const liveObject = z.strictObject({
  type: z.string().regex(/^[a-z][a-z0-9]*_[a-z0-9_]+$/, "a resource type such as digitalocean_droplet"),
  importId: z.string().min(1),
  values: record,
  withheld: record.optional(),
});

const liveDataSource = z.strictObject({
  type: z.string().regex(/^[a-z][a-z0-9]*_[a-z0-9_]+$/),
  arguments: record,
  values: record,
});

const snapshotSchema = z
  .strictObject({
    format: z.literal(SNAPSHOT_FORMAT),
    version: z.literal(SNAPSHOT_VERSION),
    taken: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a day, YYYY-MM-DD"),
    source: z.string().min(1),
    terraformVersion: z.string().min(1),
    providers: z.record(z.string(), z.string()),
    objects: z.array(liveObject),
    dataSources: z.array(liveDataSource).optional(),
  })
  .superRefine((snapshot, context) => {
    const seen = new Set<string>();
    snapshot.objects.forEach((object, index) => {
      const key = `${object.type} ${object.importId}`;
      if (seen.has(key)) context.addIssue({ code: "custom", path: ["objects", index], message: `${key} is in the snapshot twice` });
      seen.add(key);
    });
  });

export type Snapshot = z.infer<typeof snapshotSchema>;
export type SnapshotObject = z.infer<typeof liveObject>;
export type SnapshotDataSource = z.infer<typeof liveDataSource>;

/** A snapshot that cannot be read or does not match the format; the message names the file and what is wrong. */
export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SnapshotError";
  }
}

/** Checks a parsed snapshot against the format. */
export function parseSnapshot(parsed: unknown, file: string): Snapshot {
  if (
    typeof parsed === "object" &&
    parsed !== null &&
    "version" in parsed &&
    (parsed as { version: unknown }).version !== SNAPSHOT_VERSION &&
    (parsed as { format?: unknown }).format === SNAPSHOT_FORMAT
  ) {
    throw new SnapshotError(
      `${file}: snapshot format version ${String((parsed as { version: unknown }).version)}; this checkout reads version ${SNAPSHOT_VERSION}`,
    );
  }
  const result = snapshotSchema.safeParse(parsed);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 5).map((issue) => `${issue.path.map(String).join(".") || "(top level)"}: ${issue.message}`);
    throw new SnapshotError(
      `${file} is not a live snapshot (${SNAPSHOT_FORMAT} version ${SNAPSHOT_VERSION}): ${problems.join("; ")}${result.error.issues.length > 5 ? `; and ${result.error.issues.length - 5} more` : ""}`,
    );
  }
  return result.data;
}

export function readSnapshot(file: string): Snapshot {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new SnapshotError(`cannot read the live snapshot ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SnapshotError(`${file} is not JSON: ${(error as Error).message}`);
  }
  return parseSnapshot(parsed, file);
}

/** Objects in the snapshot's order: by type, then import id. */
export function sortObjects<T extends { readonly type: string; readonly importId: string }>(objects: readonly T[]): T[] {
  return [...objects].sort((a, b) => compareStrings(a.type, b.type) || compareStrings(a.importId, b.importId));
}

/**
 * The snapshot as text: deterministic (keys sorted, objects in order) and one object a line, so that a change to the
 * estate is a change to the lines of the objects it touched.
 */
export function formatSnapshot(snapshot: Snapshot): string {
  const { objects, dataSources, ...head } = snapshot;
  const lines = [
    "{",
    ...(["format", "version", "taken", "source", "terraformVersion", "providers"] as const).map(
      (key) => `  ${JSON.stringify(key)}: ${stableStringify(head[key])},`,
    ),
    `  "dataSources": [`,
    ...[...(dataSources ?? [])]
      .sort((a, b) => compareStrings(a.type, b.type) || compareStrings(stableStringify(a.arguments), stableStringify(b.arguments)))
      .map((d, i, all) => `    ${stableStringify(d)}${i < all.length - 1 ? "," : ""}`),
    "  ],",
    `  "objects": [`,
    ...sortObjects(objects).map((o, i, all) => `    ${stableStringify(o)}${i < all.length - 1 ? "," : ""}`),
    "  ]",
    "}",
  ];
  return `${lines.join("\n")}\n`;
}

export function writeSnapshot(file: string, snapshot: Snapshot): void {
  writeFileSync(file, formatSnapshot(parseSnapshot(snapshot, file)));
}

/** Null attributes left out, at every depth of objects (list elements keep their place). */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, withoutNulls(v)]),
    );
  }
  return value;
}
