/**
 * The schema beside the data: which schema describes a field, and the values of an inventory whose schema a registry
 * holds. What the shape declares on a schema (the kind of item it is, item-kinds.ts; what a field refers to,
 * references.ts) is found in the data this way, so that it is declared once, where the field is.
 */
import { z } from "zod";

type Schema = z.core.$ZodType;

/** A registry of schemas, as far as the walk asks it. */
interface Registry {
  has(schema: Schema): boolean;
}

/** A value of the data, the schema that describes it and where it lies. */
export interface SchemaNode {
  readonly schema: Schema;
  readonly value: unknown;
  readonly path: readonly PropertyKey[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The schema of the value itself: an optional field's schema is the schema of its value when it is given. */
export function unwrapped(schema: Schema): Schema {
  return schema instanceof z.ZodOptional ? unwrapped(schema.unwrap()) : schema;
}

/** The schema of `step` below a value of `schema` (a field of an object, an element of a list), or undefined. */
export function schemaBelow(schema: Schema, step: PropertyKey): Schema | undefined {
  const inner = unwrapped(schema);
  if (inner instanceof z.ZodObject && typeof step === "string") return Object.hasOwn(inner.shape, step) ? inner.shape[step] : undefined;
  if (inner instanceof z.ZodArray && typeof step === "number") return inner.element;
  if (inner instanceof z.ZodRecord && typeof step === "string") return inner.valueType;
  return undefined;
}

/** The schemas directly below `schema`: its fields', its elements', its options'. */
function schemasBelow(schema: Schema): readonly Schema[] {
  const inner = unwrapped(schema);
  if (inner instanceof z.ZodObject) return Object.values(inner.shape);
  if (inner instanceof z.ZodArray) return [inner.element];
  if (inner instanceof z.ZodRecord) return [inner.valueType];
  if (inner instanceof z.ZodUnion) return inner.options as readonly Schema[];
  return [];
}

/** Whether `registry` holds `schema` or a schema below it, by registry and schema: the schemas never change once loaded. */
const reachesMemo = new WeakMap<Registry, WeakMap<Schema, boolean>>();
function reaches(registry: Registry, schema: Schema): boolean {
  const memo = reachesMemo.get(registry) ?? new WeakMap<Schema, boolean>();
  reachesMemo.set(registry, memo);
  const known = memo.get(schema);
  if (known !== undefined) return known;
  const found = registry.has(unwrapped(schema)) || schemasBelow(schema).some((below) => reaches(registry, below));
  memo.set(schema, found);
  return found;
}

/**
 * Every value of `value`, which `schema` accepts, whose schema `registry` holds, in the data's order (a parent before
 * its fields); a part of the data whose schema holds none is not walked. A union's value is looked for in the option
 * that accepts it.
 */
export function registeredNodes(registry: Registry, schema: Schema, value: unknown): SchemaNode[] {
  const nodes: SchemaNode[] = [];
  const visit = (at: Schema, here: unknown, path: readonly PropertyKey[]): void => {
    if (!reaches(registry, at)) return;
    const inner = unwrapped(at);
    if (registry.has(inner)) nodes.push({ schema: inner, value: here, path });
    if (inner instanceof z.ZodUnion) {
      const option = (inner.options as readonly Schema[]).find((o) => z.safeParse(o, here).success);
      if (option !== undefined) visit(option, here, path);
    } else if (Array.isArray(here)) {
      here.forEach((element: unknown, index) => {
        const below = schemaBelow(inner, index);
        if (below !== undefined) visit(below, element, [...path, index]);
      });
    } else if (isRecord(here)) {
      for (const [key, field] of Object.entries(here)) {
        const below = schemaBelow(inner, key);
        if (below !== undefined && field !== undefined) visit(below, field, [...path, key]);
      }
    }
  };
  visit(schema, value, []);
  return nodes;
}
