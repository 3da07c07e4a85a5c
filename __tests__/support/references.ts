import { spelledOut } from "../../values/remote-state-locals";
import type { SynthesizedEstate } from "./synth-estate";

const REMOTE = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-([a-z0-9-]+)\.outputs\.([A-Za-z0-9_-]+)\}$/;
const ATTRIBUTE = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/;

/** Where a value ultimately points: a resource attribute in some stack. */
export interface ResolvedReference {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  readonly attribute: string;
  readonly resource: Record<string, unknown>;
}

/**
 * Follows a value written in `stack` through cdktf's cross-stack outputs (read through the stack's locals of
 * remote-state outputs: values/remote-state-locals.ts) to the resource attribute it reads, or returns undefined for a
 * literal.
 */
export function resolveReference(synth: SynthesizedEstate, stack: string, value: unknown): ResolvedReference | undefined {
  if (typeof value !== "string") return undefined;
  const remote = REMOTE.exec(spelledOut(value, synth.json.get(stack)));
  if (remote !== null) {
    const [, producer, output] = remote as unknown as [string, string, string];
    const produced = synth.json.get(producer)?.output?.[output]?.value;
    if (produced === undefined) throw new Error(`stack ${producer} has no output ${output}`);
    return resolveReference(synth, producer, produced);
  }
  const local = ATTRIBUTE.exec(value);
  if (local === null) return undefined;
  const [, type, name, attribute] = local as unknown as [string, string, string, string];
  const resource = synth.json.get(stack)?.resource?.[type]?.[name];
  if (resource === undefined) throw new Error(`stack ${stack} has no resource ${type}.${name}`);
  return { stack, type, name, attribute, resource };
}
