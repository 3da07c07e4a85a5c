/*
 * The order a live snapshot writes a set's elements in: sorted by their JSON (keys sorted, null attributes left out,
 * withheld secrets as the snapshot holds them: left out). A set has no order of its own: Terraform writes one of its
 * own making, a hand-made edit appends, and either would otherwise show as a difference between two snapshots of the
 * same estate. The `withheld` marks, which follow the values' shape, move with their elements.
 */
import { attributeValueType, type SchemaBlock, type SchemaType } from "../provider-schemas/schema-file";
import { isRecord, stableStringify } from "../review/json";
import { compareStrings } from "../values/string-order";

export interface Ordered {
  readonly values: Record<string, unknown>;
  readonly withheld?: Record<string, unknown>;
}

/** `items` sorted by the JSON of what `element` takes of each, those alike in their order. */
function inSortedOrder<T>(items: readonly T[], element: (item: T) => unknown): T[] {
  return items
    .map((item, index) => ({ item, index, key: stableStringify(element(item)) }))
    .sort((a, b) => compareStrings(a.key, b.key) || a.index - b.index)
    .map(({ item }) => item);
}

/** A value of `type` (and its marks) with every set inside it in the snapshot's order. */
function orderValue(type: SchemaType, value: unknown, marks: unknown): { value: unknown; marks: unknown } {
  if (typeof type === "string" || value === null || value === undefined) return { value, marks };
  switch (type[0]) {
    case "list":
    case "set": {
      if (!Array.isArray(value)) return { value, marks };
      const inner = value.map((v, i) => orderValue(type[1], v, Array.isArray(marks) ? marks[i] : undefined));
      if (type[0] === "list") return { value: inner.map((x) => x.value), marks: Array.isArray(marks) ? inner.map((x) => x.marks) : marks };
      const sorted = inSortedOrder(inner, (x) => x.value);
      return { value: sorted.map((x) => x.value), marks: Array.isArray(marks) ? sorted.map((x) => x.marks ?? false) : marks };
    }
    case "map": {
      if (!isRecord(value)) return { value, marks };
      const inner = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, orderValue(type[1], v, isRecord(marks) ? marks[k] : undefined)]));
      return {
        value: Object.fromEntries(Object.entries(inner).map(([k, x]) => [k, x.value])),
        marks: isRecord(marks)
          ? Object.fromEntries(
              Object.entries(inner)
                .filter(([, x]) => x.marks !== undefined)
                .map(([k, x]) => [k, x.marks]),
            )
          : marks,
      };
    }
    case "object": {
      if (!isRecord(value)) return { value, marks };
      const fields = type[1] as Readonly<Record<string, SchemaType>>;
      const inner = Object.fromEntries(
        Object.entries(value).map(([k, v]) => {
          const field = fields[k];
          return [
            k,
            field === undefined
              ? { value: v, marks: isRecord(marks) ? marks[k] : undefined }
              : orderValue(field, v, isRecord(marks) ? marks[k] : undefined),
          ];
        }),
      );
      return {
        value: Object.fromEntries(Object.entries(inner).map(([k, x]) => [k, x.value])),
        marks: isRecord(marks)
          ? Object.fromEntries(
              Object.entries(inner)
                .filter(([, x]) => x.marks !== undefined)
                .map(([k, x]) => [k, x.marks]),
            )
          : marks,
      };
    }
    case "tuple":
      return { value, marks };
  }
}

/** An object's values (and withheld marks) of `block` with every set, of values or of blocks, in the snapshot's order. */
export function inSetOrder(block: SchemaBlock, values: Readonly<Record<string, unknown>>, withheld?: Readonly<Record<string, unknown>>): Ordered {
  const out: Record<string, unknown> = {};
  const marksOut: Record<string, unknown> = {};
  // A withheld value is left out of the values (it is null there): its mark stays as it is.
  for (const [name, marks] of Object.entries(withheld ?? {})) if (!(name in values)) marksOut[name] = marks;
  for (const [name, value] of Object.entries(values)) {
    const marks = withheld?.[name];
    const attribute = block.attributes?.[name];
    const nested = block.block_types?.[name];
    let ordered: { value: unknown; marks: unknown };
    if (attribute !== undefined) {
      ordered = orderValue(attributeValueType(attribute), value, marks);
    } else if (nested !== undefined && Array.isArray(value)) {
      const inner = value.map((element, i) =>
        isRecord(element)
          ? inSetOrder(nested.block, element, Array.isArray(marks) && isRecord(marks[i]) ? marks[i] : undefined)
          : { values: element as Record<string, unknown> },
      );
      const sorted = nested.nesting_mode === "set" ? inSortedOrder(inner, (x) => x.values) : inner;
      ordered = { value: sorted.map((x) => x.values), marks: Array.isArray(marks) ? sorted.map((x) => x.withheld ?? {}) : marks };
    } else if (nested !== undefined && isRecord(value) && nested.nesting_mode !== "map") {
      const inner = inSetOrder(nested.block, value, isRecord(marks) ? marks : undefined);
      ordered = { value: inner.values, marks: marks === undefined ? undefined : (inner.withheld ?? {}) };
    } else {
      ordered = { value, marks };
    }
    out[name] = ordered.value;
    if (ordered.marks !== undefined) marksOut[name] = ordered.marks;
  }
  return withheld === undefined ? { values: out } : { values: out, withheld: Object.fromEntries(Object.keys(withheld).map((k) => [k, marksOut[k]])) };
}
