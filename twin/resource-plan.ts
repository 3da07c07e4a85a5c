/*
 * What the twin plans for a managed resource, as an SDK provider plans it offline: the configuration's
 * values, computed attributes that nothing has set yet left unknown until apply, and the attributes whose
 * change forces a new object (the ForceNew table and its conditional rules, provider-schemas/facts/).
 */
import type { ConditionalReplacement, ResourceTypeFacts } from "../provider-schemas/facts";
import { attributeValueType, type SchemaBlock, type SchemaNestedType } from "../provider-schemas/schema-file";
import { isObjectValue, isUnknown, sameValue, UNKNOWN, type CtyType, type Value } from "./cty";

/** One step of an attribute path as the protocol writes it. */
export type PathStep = { readonly attribute_name: string } | { readonly element_key_int: number } | { readonly element_key_string: string };

export interface ResourcePlan {
  readonly planned: Value;
  /** Paths whose change forces replacement; Terraform replaces when the value at one of them differs. */
  readonly requiresReplace: readonly (readonly PathStep[])[];
}

/**
 * Plans one resource change. `adopted` says the prior state came from an import the twin could not refresh
 * (it has only the id): its attributes are taken to be the configuration's, so nothing forces a new object.
 */
export function planResourceChange(
  block: SchemaBlock,
  facts: ResourceTypeFacts | undefined,
  prior: Value,
  proposed: Value,
  config: Value,
  adopted: boolean,
): ResourcePlan {
  if (proposed === null) return { planned: null, requiresReplace: [] };
  const planned = planBlock(block, proposed, config, prior === null);
  if (prior === null || adopted || facts === undefined) return { planned, requiresReplace: [] };
  const requiresReplace = replacementPaths(block, facts, prior, planned, config);
  // A new object computes everything afresh: what the old one had computed is unknown again.
  return requiresReplace.length === 0 ? { planned, requiresReplace } : { planned: planBlock(block, proposed, config, true), requiresReplace };
}

/**
 * Leaves every computed attribute that the configuration does not set unknown, when nothing holds a value
 * for it yet (the proposed value is null) or when the object is new. Terraform has already merged the
 * configuration with the prior state into `proposed`.
 */
function planBlock(block: SchemaBlock, proposed: Value, config: Value, fresh: boolean): Value {
  if (!isObjectValue(proposed)) return proposed;
  const configured = isObjectValue(config) ? config : {};
  const out: Record<string, Value> = { ...proposed };
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    const value = proposed[name] ?? null;
    if (attribute.computed === true && (configured[name] ?? null) === null) {
      if (value === null || fresh) out[name] = UNKNOWN;
    } else if (attribute.nested_type !== undefined) {
      out[name] = planNestedAttributes(attribute.nested_type, value, configured[name] ?? null, fresh);
    }
  }
  for (const [name, blockType] of Object.entries(block.block_types ?? {})) {
    const value = proposed[name] ?? null;
    const configValue = configured[name] ?? null;
    out[name] = mapElements(blockType.nesting_mode, value, (element, key) =>
      planBlock(blockType.block, element, configElement(blockType.nesting_mode, configValue, element, key), fresh),
    );
  }
  return out;
}

function planNestedAttributes(nested: SchemaNestedType, value: Value, config: Value, fresh: boolean): Value {
  return mapElements(nested.nesting_mode, value, (element, key) =>
    planBlock({ attributes: nested.attributes }, element, configElement(nested.nesting_mode, config, element, key), fresh),
  );
}

/**
 * The configuration's element that a proposed element came from. Set elements cannot be paired by
 * position; a proposed set element's configured attributes are the configuration's, so it stands in.
 */
function configElement(mode: string, config: Value, proposedElement: Value, key: string | number): Value {
  if (config === null || isUnknown(config)) return null;
  switch (mode) {
    case "single":
    case "group":
      return config;
    case "list":
      return (config as readonly Value[])[key as number] ?? null;
    case "map":
      return (config as Record<string, Value>)[key as string] ?? null;
    default:
      return proposedElement;
  }
}

/** Applies `fn` to each element of a nested block's or nested attribute's value, whatever its nesting. */
export function mapElements(mode: string, value: Value, fn: (element: Value, key: string | number) => Value): Value {
  if (value === null || isUnknown(value)) return value;
  switch (mode) {
    case "single":
    case "group":
      return fn(value, 0);
    case "list":
    case "set":
      return (value as readonly Value[]).map((element, i) => fn(element, i));
    case "map":
      return Object.fromEntries(Object.entries(value as Record<string, Value>).map(([k, v]) => [k, fn(v, k)]));
    default:
      return value;
  }
}

function replacementPaths(block: SchemaBlock, facts: ResourceTypeFacts, prior: Value, planned: Value, config: Value): PathStep[][] {
  const paths: PathStep[][] = [];
  for (const path of facts.forcesReplacement) {
    const segments = path.split(".");
    if (!resolvesIn(block, segments)) continue;
    const [attribute, ...below] = segments;
    if (attribute !== undefined && below.length === 0 && leftOpenByTheTwin(attribute, planned, config)) continue;
    const steps = changedPath(block, segments, prior, planned);
    if (steps !== undefined) paths.push(steps);
  }
  for (const rule of facts.conditionalReplacements ?? []) {
    const segments = rule.path.split(".");
    if (!resolvesIn(block, segments)) continue;
    const steps = changedPath(block, segments, prior, planned, rule);
    if (steps !== undefined) paths.push(steps);
  }
  return paths;
}

/**
 * Whether a top-level attribute is unknown only because the twin left a computed value open (nothing had
 * set it yet), rather than because the configuration refers to something not yet known: only the latter
 * is a change that can force a new object.
 */
function leftOpenByTheTwin(name: string, planned: Value, config: Value): boolean {
  const plannedValue = isObjectValue(planned) ? (planned[name] ?? null) : null;
  const configValue = isObjectValue(config) ? (config[name] ?? null) : null;
  return isUnknown(plannedValue) && !isUnknown(configValue);
}

/** Whether a dotted path names an attribute of this block (a fact for another schema version may not). */
function resolvesIn(block: SchemaBlock, segments: readonly string[]): boolean {
  const [head, ...rest] = segments;
  if (head === undefined) return false;
  if (rest.length === 0) return block.attributes?.[head] !== undefined;
  const nested = block.block_types?.[head];
  return nested !== undefined && resolvesIn(nested.block, rest);
}

/**
 * The path to report when the value at `segments` differs between prior and planned (and, for a
 * conditional rule, changes between the values it names); undefined when it does not.
 */
function changedPath(
  block: SchemaBlock,
  segments: readonly string[],
  prior: Value,
  planned: Value,
  rule?: ConditionalReplacement,
): PathStep[] | undefined {
  const [head, ...rest] = segments as [string, ...string[]];
  if (!isObjectValue(prior) || !isObjectValue(planned)) return undefined;
  const before = prior[head] ?? null;
  const after = planned[head] ?? null;
  if (rest.length === 0) {
    const attribute = block.attributes?.[head];
    if (attribute === undefined)
      throw new Error(`the replacement path's "${head}" is no attribute of its block (resolvesIn checks a path before it is followed)`);
    if (isUnknown(after)) return rule === undefined ? [{ attribute_name: head }] : undefined;
    if (sameValue(before, after, attributeValueType(attribute))) return undefined;
    if (rule !== undefined && !(matches(rule.from, before) && matches(rule.to, after))) return undefined;
    return [{ attribute_name: head }];
  }
  const nested = block.block_types?.[head];
  if (nested === undefined)
    throw new Error(`the replacement path's "${head}" is no nested block of its block (resolvesIn checks a path before it is followed)`);
  if (nested.nesting_mode === "list" || nested.nesting_mode === "single" || nested.nesting_mode === "group") {
    const priorElements = nested.nesting_mode === "list" ? ((before as readonly Value[] | null) ?? []) : [before];
    const plannedElements = nested.nesting_mode === "list" ? ((after as readonly Value[] | null) ?? []) : [after];
    if (isUnknown(after)) return [{ attribute_name: head }];
    for (let i = 0; i < Math.max(priorElements.length, plannedElements.length); i++) {
      const inner = changedPath(nested.block, rest, priorElements[i] ?? null, plannedElements[i] ?? null, rule);
      if (inner !== undefined)
        return nested.nesting_mode === "list" ? [{ attribute_name: head }, { element_key_int: i }, ...inner] : [{ attribute_name: head }, ...inner];
      if (((priorElements[i] ?? null) === null) !== ((plannedElements[i] ?? null) === null) && rule === undefined) return [{ attribute_name: head }];
    }
    return undefined;
  }
  // Elements of sets and maps cannot be paired by position: compare the whole collection of values at the path.
  const collect = (value: Value): Value[] =>
    value === null || isUnknown(value) ? [] : (Object.values(value as Record<string, Value>) as Value[]).map((element) => valueAt(element, rest));
  const type: CtyType = ["set", "dynamic"];
  if (rule === undefined && !sameValue(collect(before), collect(after), type)) return [{ attribute_name: head }];
  return undefined;
}

function valueAt(value: Value, segments: readonly string[]): Value {
  let current = value;
  for (const segment of segments) current = isObjectValue(current) ? (current[segment] ?? null) : null;
  return current;
}

function matches(expected: ConditionalReplacement["from"], actual: Value): boolean {
  return expected === undefined || expected === actual;
}
