/*
 * The providers' own validators, applied offline to literal configuration values as the real provider
 * applies them at validate time. The rules are provider facts (provider-schemas/facts/); this file only
 * evaluates them. Unknown values are skipped, as the SDKs skip them.
 */
import { isIP } from "node:net";
import { hasHostBits, parseCidr } from "../values/address-ranges";
import type { AttributeValueRule, CrossAttributeRule, ValueRule } from "../provider-schemas/facts";
import { isObjectValue, isUnknown, type Value } from "./cty";
import type { PathStep } from "./resource-plan";

export interface RuleViolation {
  readonly summary: string;
  readonly detail: string;
  readonly path: readonly PathStep[];
}

/** Every violation of the given rules in one object's configuration. */
export function checkValueRules(
  config: Value,
  rules: readonly AttributeValueRule[] = [],
  crossRules: readonly CrossAttributeRule[] = [],
): RuleViolation[] {
  const violations: RuleViolation[] = [];
  for (const rule of rules) {
    for (const { value, path } of valuesAt(config, rule.path.split("."), [])) {
      if (value === null || isUnknown(value)) continue;
      const elements = Array.isArray(value) && rule.rule.kind !== "unique-items" ? value : [value];
      for (const element of elements as Value[]) {
        if (element === null || isUnknown(element)) continue;
        const problem = violation(rule.rule, element);
        if (problem !== undefined)
          violations.push({ summary: `Invalid value for "${rule.path}"`, detail: `${problem} (provider validator: ${rule.source})`, path });
      }
    }
  }
  for (const rule of crossRules) {
    const blocks = rule.block === "" ? [{ value: config, path: [] as PathStep[] }] : valuesAt(config, rule.block.split("."), []);
    // A block path ends at the block itself: each of its elements is one object the rule applies to.
    const objects = blocks.flatMap(({ value, path }) =>
      Array.isArray(value)
        ? (value as Value[]).map((element, i) => ({ value: element, path: [...path, { element_key_int: i }] }))
        : [{ value, path }],
    );
    for (const { value: object, path } of objects) {
      if (!isObjectValue(object)) continue;
      const problem = crossViolation(rule, object);
      if (problem !== undefined)
        violations.push({
          summary: problem.summary,
          detail: `${problem.detail} (provider rule: ${rule.source})`,
          path: [...path, { attribute_name: problem.attribute }],
        });
    }
  }
  return violations;
}

/** The values at a dotted path, through every element of the nested blocks on the way, with their protocol paths. */
function valuesAt(value: Value, segments: readonly string[], path: PathStep[]): { value: Value; path: PathStep[] }[] {
  const [head, ...rest] = segments;
  if (head === undefined) return [{ value, path }];
  if (!isObjectValue(value)) return [];
  const next = value[head] ?? null;
  const here: PathStep[] = [...path, { attribute_name: head }];
  if (rest.length === 0) return [{ value: next, path: here }];
  if (Array.isArray(next)) {
    // Set elements have no index Terraform can show; list elements do. The path stops at the block for both, which Terraform prints as the block.
    return (next as Value[]).flatMap((element, i) => valuesAt(element, rest, [...here, { element_key_int: i }]));
  }
  if (isObjectValue(next)) return valuesAt(next, rest, here);
  return [];
}

function violation(rule: ValueRule, value: Value): string | undefined {
  switch (rule.kind) {
    case "one-of": {
      const ok = rule.values.some((allowed) =>
        rule.ignoreCase === true && typeof allowed === "string" && typeof value === "string"
          ? allowed.toLowerCase() === value.toLowerCase()
          : allowed === value,
      );
      return ok ? undefined : `expected one of ${rule.values.map((v) => JSON.stringify(v)).join(", ")}, got ${JSON.stringify(value)}`;
    }
    case "number-range": {
      if (typeof value !== "number") return undefined;
      if (rule.integer === true && !Number.isInteger(value)) return `expected a whole number, got ${value}`;
      if ((rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) {
        return `expected to be in the range (${rule.min ?? "-inf"} - ${rule.max ?? "+inf"}), got ${value}`;
      }
      return undefined;
    }
    case "length": {
      if (typeof value !== "string") return undefined;
      if ((rule.min !== undefined && value.length < rule.min) || (rule.max !== undefined && value.length > rule.max)) {
        return `expected length to be in the range (${rule.min ?? 0} - ${rule.max ?? "+inf"}), got ${JSON.stringify(value)}`;
      }
      return undefined;
    }
    case "pattern":
      return typeof value === "string" && !new RegExp(rule.pattern).test(value) ? `${rule.message}, got ${JSON.stringify(value)}` : undefined;
    case "cidr":
      return typeof value === "string" ? cidrProblem(value, rule.network === true) : undefined;
    case "ip-address": {
      if (typeof value !== "string") return undefined;
      const version = isIP(value);
      if (version === 0) return `expected an IP address, got ${JSON.stringify(value)}`;
      return rule.version !== undefined && version !== rule.version
        ? `expected an IPv${rule.version} address, got ${JSON.stringify(value)}`
        : undefined;
    }
    case "arn":
      return typeof value === "string" && value !== "" && !/^arn:[^:]+:[^:]*:[^:]*:[^:]*:.+/.test(value)
        ? `expected a valid ARN, got ${JSON.stringify(value)}`
        : undefined;
    case "json": {
      if (typeof value !== "string") return undefined;
      try {
        JSON.parse(value);
        return undefined;
      } catch (error) {
        return `expected a JSON document: ${(error as Error).message}`;
      }
    }
    case "unique-items": {
      if (!Array.isArray(value)) return undefined;
      const seen = new Set<string>();
      for (const element of value as Value[]) {
        const key = JSON.stringify(element);
        if (seen.has(key)) return `expected unique items, ${key} appears more than once`;
        seen.add(key);
      }
      return undefined;
    }
  }
}

function cidrProblem(value: string, network: boolean): string | undefined {
  const range = parseCidr(value);
  if (range === undefined) return `expected a CIDR block, got ${JSON.stringify(value)}`;
  if (network && hasHostBits(range)) return `expected a network address with no host bits set, got ${JSON.stringify(value)}`;
  return undefined;
}

function crossViolation(
  rule: CrossAttributeRule,
  object: Readonly<Record<string, Value>>,
): { summary: string; detail: string; attribute: string } | undefined {
  const isSet = (name: string): boolean => {
    const v = object[name] ?? null;
    return v !== null && !(Array.isArray(v) && v.length === 0);
  };
  const anyUnknown = rule.attributes.some((name) => isUnknown(object[name] ?? null));
  if (anyUnknown) return undefined;
  const set = rule.attributes.filter(isSet);
  const names = rule.attributes.map((n) => `"${n}"`).join(", ");
  switch (rule.kind) {
    case "conflicts-with": {
      const [firstSet, ...otherSet] = set;
      return firstSet !== undefined && otherSet.length > 0
        ? { summary: "Conflicting configuration arguments", detail: `"${firstSet}": conflicts with ${otherSet.join(", ")}`, attribute: firstSet }
        : undefined;
    }
    case "exactly-one-of":
      if (set.length === 1) return undefined;
      return {
        summary: set.length === 0 ? "Missing required argument" : "Invalid combination of arguments",
        detail: `"${rule.attributes[0]}": only one of ${names} can be specified, and one must be`,
        attribute: set[1] ?? rule.attributes[0],
      };
    case "at-least-one-of":
      return set.length === 0
        ? {
            summary: "Missing required argument",
            detail: `"${rule.attributes[0]}": one of ${names} must be specified`,
            attribute: rule.attributes[0],
          }
        : undefined;
    case "required-with": {
      const [first, ...others] = rule.attributes;
      if (first === undefined || !isSet(first)) return undefined;
      const missing = others.filter((n) => !isSet(n));
      return missing.length > 0
        ? { summary: "Missing required argument", detail: `"${first}": all of ${names} must be specified`, attribute: first }
        : undefined;
    }
  }
}
