/*
 * What the twin answers from a live snapshot (npm run rehearse, adopt, drift and live-snapshot with `--live FILE`):
 * an import finds the object by its type and import id, a read finds it by its type and the id its state holds (and
 * says "gone" when the snapshot has none), a data source read finds the snapshot's read with the same arguments, and a
 * data source that lists live objects lists the snapshot's (twin/live-listings.ts).
 * The file is written by `live/` after it checked the snapshot against its schema (live/snapshot.ts): the twin reads
 * it as the plain shapes below and checks nothing but that.
 *
 * A snapshot leaves secrets out ("withheld": the same shape as the values, `true` where a value was left out). A
 * read keeps what the object's state holds there: the snapshot cannot say whether a secret changed, so a secret
 * never shows as drift. An import has no state yet: a withheld value is then a stand-in of its type, a made-up
 * credential where it is a string (64 hexadecimal digits drawn from the object and the path), so that a snapshot
 * taken of the twin (`npm run live-snapshot -- --live FILE`) withholds it again, as it would the real secret.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { attributeValueType, type SchemaBlock, type SchemaType } from "../provider-schemas/schema-file";
import type { Value } from "./cty";

/** One object of the snapshot, as `live/` hands it to the twin. */
export interface LiveObject {
  readonly type: string;
  readonly importId: string;
  /** Its attributes as `terraform show -json` writes them; one left out is null (a nested block left out is empty). */
  readonly values: Readonly<Record<string, unknown>>;
  /** `true` where a value was left out of the snapshot (a secret), in the shape of `values`. @default nothing withheld */
  readonly withheld?: unknown;
}

/** One data source as it read live: its configured arguments and what it returned. */
export interface LiveDataSource {
  readonly type: string;
  readonly arguments: Readonly<Record<string, unknown>>;
  readonly values: Readonly<Record<string, unknown>>;
}

export interface LiveAnswersFile {
  readonly objects: readonly LiveObject[];
  readonly dataSources?: readonly LiveDataSource[];
}

/** The snapshot, indexed for the twin's lookups. */
export class LiveAnswers {
  private readonly byImport = new Map<string, LiveObject>();
  private readonly byStateId = new Map<string, LiveObject>();
  private readonly byType = new Map<string, LiveObject[]>();

  constructor(private readonly file: LiveAnswersFile) {
    for (const object of file.objects) {
      this.byImport.set(key(object.type, object.importId), object);
      this.byType.set(object.type, [...(this.byType.get(object.type) ?? []), object]);
      const id = object.values["id"];
      if (typeof id === "string") this.byStateId.set(key(object.type, id), object);
    }
  }

  static read(path: string): LiveAnswers {
    return new LiveAnswers(JSON.parse(readFileSync(path, "utf8")) as LiveAnswersFile);
  }

  /** The object an import of `importId` finds, or undefined: the cloud has none. */
  imported(type: string, importId: string): LiveObject | undefined {
    return this.byImport.get(key(type, importId));
  }

  /** The live object whose state id is `id`, or undefined: it is gone. */
  read(type: string, id: string): LiveObject | undefined {
    return this.byStateId.get(key(type, id));
  }

  /** Every object of `type` the snapshot holds, in its order: what a listing of the type shows (twin/live-listings.ts). */
  objectsOf(type: string): readonly LiveObject[] {
    return this.byType.get(type) ?? [];
  }

  /** What a data source of `type` configured with `config` read live, or undefined when the snapshot did not record it. */
  dataSource(type: string, config: Readonly<Record<string, Value>>): Readonly<Record<string, unknown>> | undefined {
    return this.file.dataSources?.find(
      (d) => d.type === type && Object.entries(d.arguments).every(([name, value]) => JSON.stringify(config[name] ?? null) === JSON.stringify(value)),
    )?.values;
  }
}

function key(type: string, id: string): string {
  return `${type}\0${id}`;
}

/**
 * An object of `block` from the snapshot's values: every attribute the snapshot left out is null and every nested
 * block left out is empty, as Terraform's state holds them; withheld values are taken from `current` (the state's
 * object), or on an import (`standInSeed`, the object's type and import id) made up.
 */
export function liveValue(block: SchemaBlock, values: unknown, withheld: unknown, current: Value, standInSeed?: string): Value {
  return complete(block, values, withheld, current, standInSeed === undefined ? undefined : (path, type) => standIn(type, `${standInSeed}\0${path}`));
}

/** A value of `type` in place of a secret the snapshot withheld. */
function standIn(type: SchemaType | undefined, seed: string): Value {
  if (type === undefined || type === "string" || type === "dynamic") return createHash("sha256").update(seed).digest("hex");
  if (type === "number") return 0;
  if (type === "bool") return false;
  switch (type[0]) {
    case "list":
    case "set":
    case "tuple":
      return [];
    case "map":
    case "object":
      return {};
  }
}

type StandIn = (path: string, type: SchemaType | undefined) => Value;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function complete(block: SchemaBlock, values: unknown, withheld: unknown, current: unknown, made?: StandIn, path = ""): Value {
  if (!isRecord(values)) return null;
  const marks = isRecord(withheld) ? withheld : {};
  const now = isRecord(current) ? current : {};
  const out: Record<string, Value> = {};
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    const here = path === "" ? name : `${path}.${name}`;
    const kept = (at: string, type: SchemaType | undefined, value: unknown): Value =>
      made !== undefined ? made(at, type) : ((value ?? null) as Value);
    out[name] =
      marks[name] === true
        ? kept(here, attributeValueType(attribute), now[name])
        : fillWithheld(
            values[name] ?? null,
            marks[name],
            now[name] ?? null,
            made === undefined ? undefined : (at) => made(`${here}${at}`, undefined),
          );
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const value = values[name];
    const elementMarks = marks[name];
    switch (nested.nesting_mode) {
      case "list":
      case "set": {
        const elements = Array.isArray(value) ? value : [];
        const currentElements = Array.isArray(now[name]) ? (now[name] as unknown[]) : [];
        out[name] = elements.map((element, i) =>
          complete(
            nested.block,
            element,
            Array.isArray(elementMarks) ? elementMarks[i] : undefined,
            pairedElement(element, i, currentElements),
            made,
            `${path === "" ? name : `${path}.${name}`}[${i}]`,
          ),
        );
        break;
      }
      case "map":
        out[name] = isRecord(value)
          ? Object.fromEntries(
              Object.entries(value).map(([k, v]) => [
                k,
                complete(
                  nested.block,
                  v,
                  isRecord(elementMarks) ? elementMarks[k] : undefined,
                  isRecord(now[name]) ? (now[name] as Record<string, unknown>)[k] : null,
                  made,
                  `${path === "" ? name : `${path}.${name}`}[${k}]`,
                ),
              ]),
            )
          : {};
        break;
      case "single":
      case "group":
        out[name] =
          value === undefined || value === null
            ? null
            : complete(nested.block, value, elementMarks, now[name] ?? null, made, path === "" ? name : `${path}.${name}`);
        break;
    }
  }
  return out;
}

/**
 * A nested attribute's value with its withheld parts taken from the state's (maps by key, lists by position), or made
 * up on an import: within an attribute only strings are withheld (a config var, a list's credential), so a string.
 */
function fillWithheld(value: unknown, marks: unknown, current: unknown, made?: (at: string) => Value): Value {
  if (marks === true) return made !== undefined ? made("") : ((current ?? null) as Value);
  if (isRecord(marks) && isRecord(value)) {
    const now = isRecord(current) ? current : {};
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        fillWithheld(v, marks[k], now[k] ?? null, made === undefined ? undefined : (at) => made(`[${k}]${at}`)),
      ]),
    );
  }
  if (Array.isArray(marks) && Array.isArray(value)) {
    const now = Array.isArray(current) ? current : [];
    return value.map((v, i) => fillWithheld(v, marks[i], now[i] ?? null, made === undefined ? undefined : (at) => made(`[${i}]${at}`)));
  }
  return value as Value;
}

/**
 * The state's element that a snapshot's element of a list or set block stands for: the one with the same `name`
 * (Fastly's headers, loggers, backends), else the one at the same position.
 */
function pairedElement(element: unknown, index: number, current: readonly unknown[]): unknown {
  const name = isRecord(element) ? element["name"] : undefined;
  if (typeof name === "string") return current.find((c) => isRecord(c) && c["name"] === name) ?? null;
  return current[index] ?? null;
}
