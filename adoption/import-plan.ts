import { spelledOut } from "../values/remote-state-locals";
import { compareStrings } from "../values/string-order";
import { RESOURCE_TYPE_FACTS, type ResourceTypeFacts } from "../provider-schemas/facts";
import type { KnownImportIds } from "./known-import-ids";

/** A synthesized stack, as much of it as the plan reads. */
export interface SynthesizedStack {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly output?: Readonly<Record<string, { readonly value?: unknown }>>;
  /** With `data`: the locals through which it reads other stacks' outputs (values/remote-state-locals.ts). */
  readonly locals?: unknown;
  readonly data?: unknown;
}

/** How far a resource is from being adoptable. */
export type ImportStatus =
  /** An adopter recorded its live id. */
  | "known"
  /** Its id follows from the configuration and the known ids. */
  | "derived"
  /** Its id needs values only the live account knows: the placeholders say which. */
  | "needs-live-id"
  /** The provider cannot import it; creating it over the live object changes nothing (see `source`). */
  | "not-importable"
  /** Created per key of a `for_each` whose keys are known only at apply time. */
  | "per-instance";

export interface ImportPlanEntry {
  readonly stack: string;
  /** Terraform address, `<type>.<name>`. */
  readonly address: string;
  readonly type: string;
  readonly status: ImportStatus;
  /** The import id, with `<...>` placeholders where a live value is missing. */
  readonly importId: string;
  /** The template the provider's importer expects. */
  readonly template: string;
}

const PLACEHOLDER = /<[^>]+>/;
const REFERENCE = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/;
const REMOTE = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-([a-z0-9-]+)\.outputs\.([A-Za-z0-9_-]+)\}$/;
/** Attributes that hold the same value as a resource's import id. */
const IDENTITY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = { aws_route53_zone: ["zone_id"], aws_kms_key: ["key_id"] };

/**
 * For every resource of every stack, the import id its provider expects: filled in from the
 * configuration and the known live ids, with placeholders for what only the live account knows.
 * Sorted by stack and address.
 */
export function planImports(
  stacks: ReadonlyMap<string, SynthesizedStack>,
  known: KnownImportIds,
  facts: Readonly<Record<string, ResourceTypeFacts>> = RESOURCE_TYPE_FACTS,
): ImportPlanEntry[] {
  const entries: ImportPlanEntry[] = [];

  const importIdOf = (stack: string, type: string, name: string, depth: number): string => {
    const knownId = known[stack]?.[`${type}.${name}`];
    if (knownId !== undefined) return knownId;
    const template = facts[type]?.importId ?? "";
    const config = stacks.get(stack)?.resource?.[type]?.[name];
    // A referenced resource whose id only the live account knows is named, so the adopter knows which to look up.
    if (template === "" || config === undefined || depth > 8 || (depth > 0 && template.startsWith("<live"))) return `<live id of ${type}.${name}>`;
    return template.replace(/\{([a-z0-9_]+)\}/g, (_match, attribute: string) =>
      valueOf(stack, config[attribute], `${attribute} of ${type}.${name}`, depth + 1),
    );
  };

  const valueOf = (stack: string, value: unknown, what: string, depth: number): string => {
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    if (typeof value !== "string") return `<${what}>`;
    const remote = REMOTE.exec(spelledOut(value, stacks.get(stack)));
    if (remote !== null) {
      const [, producer, output] = remote as unknown as [string, string, string];
      return valueOf(producer, stacks.get(producer)?.output?.[output]?.value, what, depth + 1);
    }
    const reference = REFERENCE.exec(value);
    if (reference !== null) {
      const [, type, name, attribute] = reference as unknown as [string, string, string, string];
      const config = stacks.get(stack)?.resource?.[type]?.[name];
      if (config === undefined) return `<${what}>`;
      if (attribute === "id" || (IDENTITY_ATTRIBUTES[type] ?? []).includes(attribute)) return importIdOf(stack, type, name, depth + 1);
      if (attribute in config) return valueOf(stack, config[attribute], `${attribute} of ${type}.${name}`, depth + 1);
      return `<${attribute} of ${type}.${name}>`;
    }
    return value.includes("${") ? `<${what}>` : value;
  };

  for (const [stack, json] of [...stacks].sort(([a], [b]) => compareStrings(a, b))) {
    for (const [type, resources] of Object.entries(json.resource ?? {}).sort(([a], [b]) => compareStrings(a, b))) {
      for (const [name, config] of Object.entries(resources).sort(([a], [b]) => compareStrings(a, b))) {
        const address = `${type}.${name}`;
        const template = facts[type]?.importId ?? "";
        const knownId = known[stack]?.[address];
        let status: ImportStatus;
        let importId: string;
        if (knownId !== undefined) {
          status = "known";
          importId = knownId;
        } else if (config.for_each !== undefined) {
          status = "per-instance";
          importId = "";
        } else if (template === "" && facts[type] !== undefined) {
          status = "not-importable";
          importId = "";
        } else {
          importId = importIdOf(stack, type, name, 0);
          status = PLACEHOLDER.test(importId) ? "needs-live-id" : "derived";
        }
        entries.push({ stack, address, type, status, importId, template: facts[type] === undefined ? "<no facts for this type>" : template });
      }
    }
  }
  return entries;
}
