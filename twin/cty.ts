/*
 * Terraform's values as they cross the plugin protocol: cty types (in their JSON form, as schemas write
 * them) and the MessagePack encoding of values of those types, with unknown values as MessagePack
 * extension 0 (or 12, an unknown with refinements, which Terraform 1.6 and later may send).
 */
import { decode, encode, ExtData, ExtensionCodec } from "@msgpack/msgpack";
import type { SchemaType as CtyType } from "../provider-schemas/schema-file";
import { compareStrings } from "../values/string-order";

export type { CtyType };

/** A value not known until apply. Keeps the extension's bytes so refinements survive a round trip. */
export class Unknown {
  constructor(
    readonly code: number = 0,
    readonly payload: Uint8Array = new Uint8Array([0]),
  ) {}
}

export const UNKNOWN = new Unknown();

/** A value of some cty type, as the twin handles it. Sets are arrays; objects and maps are plain objects. */
export type Value = null | Unknown | string | number | boolean | readonly Value[] | { readonly [key: string]: Value };

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

export function isObjectValue(value: Value): value is { readonly [key: string]: Value } {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Unknown);
}

const UNKNOWN_CODE = 0;
const REFINED_UNKNOWN_CODE = 12;

const codec = new ExtensionCodec();
for (const code of [UNKNOWN_CODE, REFINED_UNKNOWN_CODE]) {
  codec.register({
    type: code,
    encode: () => null,
    decode: (data) => new Unknown(code, data),
  });
}

/** Decodes a value Terraform sent; `type` resolves what MessagePack cannot say on its own (dynamic values). */
export function decodeValue(bytes: Uint8Array | undefined, type: CtyType): Value {
  if (bytes === undefined || bytes.length === 0) return null;
  return fromWire(decode(bytes, { extensionCodec: codec, useBigInt64: false }), type);
}

/** Encodes `value` as a value of `type`: every attribute of an object is written, absent ones as null. */
export function encodeValue(value: Value, type: CtyType): Uint8Array {
  return encode(toWire(value, type), { extensionCodec: codec, ignoreUndefined: false, forceFloat32: false });
}

function fromWire(raw: unknown, type: CtyType): Value {
  if (raw === null || raw === undefined) return null;
  if (raw instanceof Unknown) return raw;
  if (type === "dynamic") {
    // A dynamic value travels as [type JSON, value].
    if (Array.isArray(raw) && raw.length === 2 && raw[0] instanceof Uint8Array) {
      return fromWire(raw[1], JSON.parse(Buffer.from(raw[0]).toString("utf8")) as CtyType);
    }
    return raw as Value;
  }
  if (typeof type === "string") {
    if (type === "number" && typeof raw === "string") return Number(raw);
    return raw as Value;
  }
  switch (type[0]) {
    case "list":
    case "set":
      return (raw as unknown[]).map((element) => fromWire(element, type[1]));
    case "map":
      return Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, fromWire(v, type[1])]));
    case "object": {
      const attributes = type[1];
      const record = raw as Record<string, unknown>;
      return Object.fromEntries(Object.entries(attributes).map(([name, attributeType]) => [name, fromWire(record[name], attributeType)]));
    }
    case "tuple":
      return (raw as unknown[]).map((element, i) => fromWire(element, type[1][i] ?? "dynamic"));
  }
}

function toWire(value: Value | undefined, type: CtyType): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Unknown) return new ExtData(value.code, value.payload);
  if (type === "dynamic") {
    const inferred = inferType(value);
    return [new TextEncoder().encode(JSON.stringify(inferred)), toWire(value, inferred)];
  }
  if (typeof type === "string") return value;
  switch (type[0]) {
    case "list":
    case "set":
      return (value as readonly Value[]).map((element) => toWire(element, type[1]));
    case "map":
      return Object.fromEntries(Object.entries(value as Record<string, Value>).map(([k, v]) => [k, toWire(v, type[1])]));
    case "object": {
      const record = value as Record<string, Value>;
      return Object.fromEntries(Object.entries(type[1]).map(([name, attributeType]) => [name, toWire(record[name], attributeType)]));
    }
    case "tuple":
      return (value as readonly Value[]).map((element, i) => toWire(element, type[1][i] ?? "dynamic"));
  }
}

/** The type a dynamic value is sent as: what its JavaScript shape says. */
function inferType(value: Value): CtyType {
  if (typeof value === "string") return "string";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) return ["tuple", value.map((v: Value) => inferType(v))];
  const record = value as Record<string, Value>;
  return ["object", Object.fromEntries(Object.entries(record).map(([k, v]) => [k, inferType(v)]))];
}

/** Equality of two values of one type; sets compare without regard to order. */
export function sameValue(a: Value | undefined, b: Value | undefined, type: CtyType): boolean {
  return canonical(a ?? null, type) === canonical(b ?? null, type);
}

/** A canonical text of a value, for equality and for deterministic hashing. */
export function canonical(value: Value, type: CtyType): string {
  if (value === null) return "null";
  if (value instanceof Unknown) return "<unknown>";
  if (typeof type === "string") return JSON.stringify(value);
  switch (type[0]) {
    case "list":
      return `[${(value as readonly Value[]).map((v) => canonical(v, type[1])).join(",")}]`;
    case "set":
      return `{${(value as readonly Value[])
        .map((v) => canonical(v, type[1]))
        .sort()
        .join(",")}}`;
    case "map":
      return `{${Object.keys(value)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, Value>)[k] ?? null, type[1])}`)
        .join(",")}}`;
    case "object":
      return `{${Object.entries(type[1])
        .sort(([a], [b]) => compareStrings(a, b))
        .map(([k, fieldType]) => `${JSON.stringify(k)}:${canonical((value as Record<string, Value>)[k] ?? null, fieldType)}`)
        .join(",")}}`;
    case "tuple":
      return `[${(value as readonly Value[]).map((v, i) => canonical(v, type[1][i] ?? "dynamic")).join(",")}]`;
  }
}

/** Whether a value holds an unknown anywhere inside. */
export function containsUnknown(value: Value): boolean {
  if (value instanceof Unknown) return true;
  if (value === null || typeof value !== "object") return false;
  return (Array.isArray(value) ? value : Object.values(value)).some((v: Value) => containsUnknown(v));
}
