/*
 * A stack's tokens resolved once per synthesis instead of three times. cdktf 0.21 resolves every element of every stack
 * in `prepareStack` (a "preparing" resolve, which registers cross-stack references: the producer's outputs and the
 * reader's remote state), then again per element in `toTerraform`, then once more over the whole merged stack: about
 * 40% of the estate's synthesis. The second resolve gives what the first gave, unless something changed the elements in
 * between; the third is the identity on what the second resolved. So the preparing resolve's results are kept and
 * written, and the third pass is made only where it can change something.
 *
 * What may change an element between the two: an aspect (cdktf invokes them after every stack is prepared: adoption's
 * import blocks, adoption/import-known-resources.ts). A stack with an aspect anywhere in it is written as cdktf writes it,
 * every element resolved afresh. Elements made while preparing (the cross-stack outputs and remote-state reads, their
 * locals) were not resolved then and are resolved when written. The only difference a preparing resolve makes is
 * cdktf's: a reference to another stack's resource registers the cross-stack read (tfExpression.js, Reference.resolve);
 * the text it resolves to is the same in both passes.
 *
 * The output is byte-identical to cdktf's own toTerraform (the snapshots, and __tests__/single-resolution.test.ts, which
 * writes the whole estate both ways).
 */
import { Aspects, DefaultTokenResolver, StringConcat, TerraformElement, TerraformOutput, TerraformStack, Token, Tokenization } from "cdktf";
import { resolve as cdktfResolve } from "cdktf/lib/tokens/private/resolve";
import { deepMerge } from "cdktf/lib/util";
import { Construct, type IConstruct } from "constructs";

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/**
 * cdktf's resolution of `value` in `stack`, as its toTerraform makes it (`_tokens.resolve`). Called through the module
 * that its public Tokenization.resolve calls, which also takes the path of what is resolved, for cdktf's messages.
 */
function resolve(stack: TerraformStack, value: unknown, preparing = false, path: readonly string[] = []): unknown {
  return cdktfResolve(value, { scope: stack, preparing, resolver: RESOLVER, prefix: [...path] });
}

/** cdktf's limit on how deep resolution goes (resolve.js: a cycle is reported past it). */
const RESOLUTION_DEPTH_LIMIT = 200;
/** What every encoded token cdktf puts in a string holds: string (`${TfToken[`), list (`#{`) and map (`&{`) tokens. */
const TOKEN_MARKER = "TfToken[";
/** What a number token written in a string needs to match cdktf's pattern for one (NUMBER_TOKEN_REGEX, encoding.js). */
const NUMBER_TOKEN_SHAPE = /[-|\d.+]e[-|\d.eE+]/;
/** Encoded number tokens are doubles of magnitude 2^960 (lists) and 2^992 (numbers): encoding.js's marker bits. */
const TOKEN_DOUBLE_MAGNITUDE = 1e280;

/** A string cdktf's resolution returns as it is: no token, nothing that could be an encoded number, no map token's value. */
function isPlainString(text: string): boolean {
  return (
    !text.includes(TOKEN_MARKER) && !NUMBER_TOKEN_SHAPE.test(text) && text !== Token.STRING_MAP_TOKEN_VALUE && text !== Token.ANY_MAP_TOKEN_VALUE
  );
}

/** A number cdktf's resolution returns as it is: no encoded token, not the map token's value. */
function isPlainNumber(value: number): boolean {
  return Math.abs(value) < TOKEN_DOUBLE_MAGNITUDE && value !== Token.NUMBER_MAP_TOKEN_VALUE;
}

/**
 * `value` resolved as cdktf resolves it (tokens/private/resolve.js), cdktf resolving every part that holds a token. The
 * plain parts, which cdktf only copies (each key and each string tested against its token patterns, a resolution
 * context made per entry, an undefined value dropped), are copied here: the providers' bindings write every argument a
 * resource type has, unset ones undefined, and most of the rest are literals. A part handed to cdktf gets the context
 * cdktf's own walk gives it there (nothing set above it but by a token, and these parts hold none) and its path, for
 * cdktf's messages.
 */
function resolveValue(stack: TerraformStack, value: unknown, preparing: boolean, path: string[]): unknown {
  const byCdktf = (): unknown => resolve(stack, value, preparing, path);
  if (value === undefined || value === null || typeof value === "boolean") return value;
  if (typeof value === "string") return isPlainString(value) ? value : byCdktf();
  if (typeof value === "number") return isPlainNumber(value) ? value : byCdktf();
  if (typeof value !== "object" || path.length >= RESOLUTION_DEPTH_LIMIT) return byCdktf();
  if (value instanceof Date) return value;
  if (Array.isArray(value)) {
    // A list token among the elements makes cdktf resolve the array as a whole.
    if (value.some((x) => (typeof x === "string" && !isPlainString(x)) || (typeof x === "number" && !isPlainNumber(x)))) return byCdktf();
    const out: unknown[] = [];
    value.forEach((element: unknown, index) => {
      path.push(String(index));
      const resolved = resolveValue(stack, element, preparing, path);
      path.pop();
      if (resolved !== undefined) out.push(resolved);
    });
    return out;
  }
  if (Tokenization.isResolvable(value) || Construct.isConstruct(value)) return byCdktf();
  const keys = Object.keys(value);
  if (!keys.every(isPlainString)) return byCdktf();
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    path.push(key);
    const resolved = resolveValue(stack, (value as Record<string, unknown>)[key], preparing, path);
    path.pop();
    if (resolved !== undefined) out[key] = resolved;
  }
  return out;
}

/** An element's fragment of the stack's configuration, resolved as cdktf resolves it. */
function resolveElement(stack: TerraformStack, element: TerraformElement, preparing = false): unknown {
  return resolveValue(stack, element.toTerraform(), preparing, []);
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
  for (const element of elements) deepMerge(metadata, resolveValue(stack, element.toMetadata(), false, []));
  const outputs: Record<string, unknown> = {};
  for (const element of elements.filter((e) => TerraformOutput.isTerraformOutput(e))) {
    deepMerge(
      outputs,
      element.node.path
        .split("/")
        .reduceRight<Record<string, unknown>>(
          (inner, part) => (Object.keys(inner).length === 0 ? { [part]: element.friendlyUniqueId } : { [part]: inner }),
          {},
        ),
    );
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
