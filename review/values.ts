/**
 * Turns synthesized values into display-safe text. Two promises: a Terraform expression is
 * shown as written (the review never resolves anything), and a secret is never shown at all:
 * neither values under a secret-looking name nor anything derived from a sensitive variable.
 */
import type { DisplayValue } from "./types";
import { isRecord, stableStringify } from "./json";

/**
 * Attribute names whose values are secrets whatever the provider schema says. `sensitive_…`
 * (Heroku's sensitive_config_vars) is a secret; a bare `sensitive` is Terraform's flag on an output.
 */
const SECRET_NAME = /token|password|passwd|secret|api_?key|private_?key|access_?key|credential|sensitive_/i;

export const SENSITIVE_TEXT = "(sensitive)";
export const ABSENT: DisplayValue = { kind: "absent", text: "(absent)" };
const SENSITIVE: DisplayValue = { kind: "sensitive", text: SENSITIVE_TEXT };

export function isSecretName(key: string | number): boolean {
  return typeof key === "string" && SECRET_NAME.test(key);
}

/** What, in one stack, carries sensitive values: variables marked sensitive and locals derived from them. */
export interface Sensitivity {
  readonly variables: ReadonlySet<string>;
  readonly locals: ReadonlySet<string>;
}

export const NO_SENSITIVITY: Sensitivity = { variables: new Set(), locals: new Set() };

const VAR_REF = /\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g;
const LOCAL_REF = /\blocal\.([A-Za-z_][A-Za-z0-9_-]*)/g;

/** True if a string (an interpolation, possibly mixed with text) uses a sensitive variable or local. */
export function usesSensitive(text: string, sensitivity: Sensitivity): boolean {
  if (!text.includes("${")) return false;
  // Terraform's own sensitive() marks a value secret whatever it is made of.
  if (/\bsensitive\(/.test(text)) return true;
  for (const match of text.matchAll(VAR_REF)) if (sensitivity.variables.has(match[1] ?? "")) return true;
  for (const match of text.matchAll(LOCAL_REF)) if (sensitivity.locals.has(match[1] ?? "")) return true;
  return false;
}

function containsSensitive(value: unknown, sensitivity: Sensitivity): boolean {
  if (typeof value === "string") return usesSensitive(value, sensitivity);
  if (Array.isArray(value)) return value.some((item) => containsSensitive(item, sensitivity));
  if (isRecord(value)) return Object.values(value).some((item) => containsSensitive(item, sensitivity));
  return false;
}

/** Sensitive variables of a stack, plus the locals that (transitively) use them. */
export function sensitivityOf(variables: unknown, locals: unknown): Sensitivity {
  const vars = new Set<string>();
  if (isRecord(variables)) {
    for (const [name, spec] of Object.entries(variables)) {
      if (isRecord(spec) && spec["sensitive"] === true) vars.add(name);
    }
  }
  const locs = new Set<string>();
  if (isRecord(locals)) {
    // Locals may use one another: grow the set until nothing new turns sensitive.
    let grew = true;
    while (grew) {
      grew = false;
      for (const [name, expression] of Object.entries(locals)) {
        if (!locs.has(name) && containsSensitive(expression, { variables: vars, locals: locs })) {
          locs.add(name);
          grew = true;
        }
      }
    }
  }
  return { variables: vars, locals: locs };
}

/** A copy of `value` where every secret (by name or by origin) is replaced by "(sensitive)". */
export function mask(value: unknown, sensitivity: Sensitivity): unknown {
  if (typeof value === "string") return usesSensitive(value, sensitivity) ? SENSITIVE_TEXT : value;
  if (Array.isArray(value)) return value.map((item) => mask(item, sensitivity));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = isSecretName(key) && inner !== undefined && inner !== null ? SENSITIVE_TEXT : mask(inner, sensitivity);
    }
    return out;
  }
  return value;
}

/**
 * How to show the value found at `path` (keys from the block's root). `forceSensitive` is for
 * whole blocks known to be secret, such as an output marked sensitive.
 */
export function display(
  value: unknown,
  path: readonly (string | number)[],
  sensitivity: Sensitivity,
  forceSensitive = false,
): DisplayValue {
  if (value === undefined) return ABSENT;
  if (forceSensitive || path.some(isSecretName)) return SENSITIVE;
  if (typeof value === "string") {
    if (usesSensitive(value, sensitivity)) return SENSITIVE;
    if (value.includes("${")) return { kind: "reference", text: value };
    return { kind: "literal", text: JSON.stringify(value) };
  }
  return { kind: "literal", text: stableStringify(mask(value, sensitivity)) };
}
