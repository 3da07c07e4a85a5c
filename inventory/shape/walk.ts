/**
 * The schema beside the data: which schema describes a field, and every value of an inventory with the schema that
 * parsed it. What the shape declares on a schema (the kind of item it is, item-kinds.ts; what a field refers to,
 * references.ts) is found in the data this way, so that it is declared once, where the field is.
 */
import { z } from "zod";

type Schema = z.core.$ZodType;

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

/**
 * Every value of `value`, which `schema` accepts, with its schema: a parent before its fields, an object's fields in the
 * value's order. A union's value is visited again with the option that accepts it.
 */
export function schemaNodes(schema: Schema, value: unknown, path: readonly PropertyKey[] = []): SchemaNode[] {
  const inner = unwrapped(schema);
  const nodes: SchemaNode[] = [{ schema: inner, value, path }];
  if (inner instanceof z.ZodUnion) {
    const option = (inner.options as readonly Schema[]).find((o) => z.safeParse(o, value).success);
    if (option !== undefined) nodes.push(...schemaNodes(option, value, path));
  } else if (Array.isArray(value)) {
    value.forEach((element: unknown, index) => {
      const below = schemaBelow(inner, index);
      if (below !== undefined) nodes.push(...schemaNodes(below, element, [...path, index]));
    });
  } else if (isRecord(value)) {
    for (const [key, field] of Object.entries(value)) {
      const below = schemaBelow(inner, key);
      if (below !== undefined && field !== undefined) nodes.push(...schemaNodes(below, field, [...path, key]));
    }
  }
  return nodes;
}
