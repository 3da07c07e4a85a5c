/**
 * Fields that name another item of the inventory by its key: an owner, a datacenter, a role. The shape declares each on
 * the schema of the field (blocks.ts: `ownerKey`, `datacenterKey`, `roleName`), and validation looks every one of them
 * up once the shape is right (validate.ts): a new field that names an owner is checked with no line of its own.
 */
import { z } from "zod";
import { registeredNodes } from "./walk";

/** What a reference names: the key of an owner, of a datacenter, the name of a role. */
export type ReferenceKind = "owner" | "datacenter" | "role";

export const REFERENCES = z.registry<{ readonly to: ReferenceKind }>();

/** A reference of an inventory, where it lies and what it names. */
export interface Reference {
  readonly to: ReferenceKind;
  readonly key: string;
  readonly path: readonly PropertyKey[];
}

/** Every reference of `value`, an inventory `schema` accepts, in the inventory's order. */
export function referencesIn(schema: z.core.$ZodType, value: unknown): Reference[] {
  return registeredNodes(REFERENCES, schema, value).flatMap(({ schema: at, value: key, path }) => {
    const reference = REFERENCES.get(at);
    return reference === undefined || typeof key !== "string" ? [] : [{ to: reference.to, key, path }];
  });
}
