/*
 * A stack's tokens resolved once per synthesis instead of three times. cdktf 0.21 resolves every element of every stack
 * in `prepareStack` (a "preparing" resolve, which registers cross-stack references: the producer's outputs and the
 * reader's remote state), then again per element in `toTerraform`, then once more over the whole merged stack: about
 * 40% of the estate's synthesis. The second resolve gives what the first gave, unless something changed the elements in
 * between; the third is the identity on what the second resolved. So the preparing resolve's results are kept and
 * written, and the third pass is made only where it can change something.
 *
 * What may change an element between the two: an aspect (cdktf invokes them after every stack is prepared: adoption's
 * import blocks, stacks/import-known-resources.ts). A stack with an aspect anywhere in it is written as cdktf writes it,
 * every element resolved afresh. Elements made while preparing (the cross-stack outputs and remote-state reads, their
 * locals) were not resolved then and are resolved when written. The only difference a preparing resolve makes is
 * cdktf's: a reference to another stack's resource registers the cross-stack read (tfExpression.js, Reference.resolve);
 * the text it resolves to is the same in both passes.
 *
 * The output is byte-identical to cdktf's own toTerraform (the snapshots, and __tests__/single-resolution.test.ts, which
 * writes the whole estate both ways).
 */
import { Aspects, DefaultTokenResolver, StringConcat, TerraformElement, TerraformOutput, TerraformStack, Tokenization } from "cdktf";
import { deepMerge } from "cdktf/lib/util";
import { Construct, type IConstruct } from "constructs";

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** cdktf's resolution of `value` in `stack` (its `_tokens.resolve`, through the public API). */
function resolve(stack: TerraformStack, value: unknown, preparing = false): unknown {
  return Tokenization.resolve(value, { scope: stack, preparing, resolver: RESOLVER });
}

/** cdktf's limit on how deep resolution goes (resolve.js: a cycle is reported past it). */
const RESOLUTION_DEPTH_LIMIT = 200;
/** The start of a token that stands for a map (encoding.js): an object with such a key is resolved whole. */
const MAP_TOKEN_MARKER = "&{TfToken[";

/**
 * `fragment` without the entries cdktf's resolution drops: an undefined value of a plain object. The providers'
 * bindings write every attribute a resource type has, unset ones undefined (half of the estate's entries), and cdktf
 * resolves each one's key and value before dropping it. What resolution treats otherwise (a token, a map token's
 * object, a construct, a date) is left as it is, for cdktf to resolve or refuse; arrays keep their elements.
 */
function withoutUndefined(fragment: unknown, depth = 0): unknown {
  if (typeof fragment !== "object" || fragment === null || depth > RESOLUTION_DEPTH_LIMIT) return fragment;
  if (Array.isArray(fragment)) return fragment.some((x) => typeof x === "object" && x !== null) ? fragment.map((x: unknown) => withoutUndefined(x, depth + 1)) : fragment;
  if (fragment instanceof Date || Tokenization.isResolvable(fragment) || Construct.isConstruct(fragment)) return fragment;
  const keys = Object.keys(fragment);
  if (keys.some((key) => key.includes(MAP_TOKEN_MARKER))) return fragment;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = (fragment as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = withoutUndefined(value, depth + 1);
  }
  return out;
}

/** An element's fragment of the stack's configuration, resolved by cdktf. */
function resolveElement(stack: TerraformStack, element: TerraformElement, preparing = false): unknown {
  return resolve(stack, withoutUndefined(element.toTerraform()), preparing);
}

/** The fields of cdktf 0.21's TerraformStack that its toTerraform reads and that it keeps private. */
interface StackInternals {
  readonly rawOverrides: Record<string, unknown>;
  readonly cdktfVersion: unknown;
}

/** The stack's elements, as cdktf lists them (terraform-stack.js, terraformElements): not those of a nested stack. */
export function stackElements(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) {
    if (!TerraformStack.isStack(child)) stackElements(child, into);
  }
  return into;
}

/** Each element of the stack, resolved as its fragment of the stack's configuration. */
export type ResolvedFragments = ReadonlyMap<TerraformElement, unknown>;

/**
 * What cdktf's prepareStack does (a backend made sure of, every element resolved with `preparing` so that its
 * cross-stack references are registered), returning the resolved fragments instead of dropping them.
 */
export function prepareStackOnce(stack: TerraformStack): ResolvedFragments {
  stack.ensureBackendExists();
  const fragments = new Map<TerraformElement, unknown>();
  for (const element of stackElements(stack)) fragments.set(element, resolveElement(stack, element, true));
  return fragments;
}

/** Whether an aspect is registered on the stack or below it: cdktf invokes those after preparing, and they may change elements. */
function hasAspects(stack: TerraformStack): boolean {
  return stack.node.findAll().some((node) => Aspects.of(node).all.length > 0);
}

/**
 * The stack's configuration as cdktf 0.21's TerraformStack.toTerraform builds it (terraform-stack.js), taking each
 * element's fragment from `prepared` where it was resolved while preparing and nothing may have changed it since.
 */
export function stackConfiguration(stack: TerraformStack, prepared: ResolvedFragments | undefined): Record<string, unknown> {
  const { rawOverrides, cdktfVersion } = stack as unknown as StackInternals;
  const reuse = prepared !== undefined && !hasAspects(stack) ? prepared : new Map<TerraformElement, unknown>();
  const metadata: Record<string, unknown> = {
    version: cdktfVersion,
    stackName: stack.node.id,
    backend: "local", // overwritten by backend implementations if used
    cloud: undefined, // overwritten by cloud and remote backend implementations
    ...(Object.keys(rawOverrides).length > 0 ? { overrides: { stack: Object.keys(rawOverrides) } } : {}),
  };
  const elements = stackElements(stack);
  for (const element of elements) deepMerge(metadata, resolve(stack, element.toMetadata()));
  const outputs: Record<string, unknown> = {};
  for (const element of elements.filter((e) => TerraformOutput.isTerraformOutput(e))) {
    deepMerge(outputs, element.node.path.split("/").reduceRight<Record<string, unknown>>(
      (inner, part) => (Object.keys(inner).length === 0 ? { [part]: element.friendlyUniqueId } : { [part]: inner }), {}));
  }
  // cdktf's last pass resolves the whole merged configuration; of it, only the comment holds something unresolved
  // (an undefined `cloud`, which resolving drops).
  const tf: Record<string, unknown> = { "//": resolve(stack, { metadata, outputs }) };
  for (const element of elements) deepMerge(tf, reuse.has(element) ? reuse.get(element) : resolveElement(stack, element));
  // The stack's own overrides are merged unresolved, as cdktf does; only when they hold a token does the last pass
  // change anything, and then it is made.
  const overridesResolved = JSON.stringify(resolve(stack, rawOverrides)) === JSON.stringify(rawOverrides);
  deepMerge(tf, rawOverrides);
  return overridesResolved ? tf : (resolve(stack, tf) as Record<string, unknown>);
}
