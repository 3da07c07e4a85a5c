/*
 * For the tests of one construct synthesized alone: a small stack, its JSON, the one resource of a type, the
 * values a construct exposes as they synthesize, and the message of a construct's rejection.
 */
import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { ConstructPropsError } from "../../constructs/construct-props-error";

/** A block of synthesized Terraform JSON. */
export type Block = Record<string, unknown>;

/** A synthesized stack's JSON, as far as these tests read it. */
export interface SynthJson {
  readonly resource?: Record<string, Record<string, Block>>;
  readonly data?: Record<string, Record<string, Block>>;
  readonly output?: Record<string, { readonly value: unknown }>;
  readonly moved?: readonly { readonly from: string; readonly to: string }[];
}

/** An empty stack to build one construct in (no provider: synthesis does not need one). */
export function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), "test");
}

/**
 * `stack` synthesized, with each of `exposed` written as an output of its name first: a construct's attributes are
 * tokens, and an output shows the reference each one resolves to.
 */
export function synthJson(stack: TerraformStack, exposed: Readonly<Record<string, unknown>> = {}): SynthJson {
  for (const [name, value] of Object.entries(exposed)) new TerraformOutput(stack, name, { value });
  return JSON.parse(Testing.synth(stack)) as SynthJson;
}

/** The blocks of `type` by their Terraform name, none when there is none. */
export function blocksOf(json: SynthJson, type: string, kind: "resource" | "data" = "resource"): Record<string, Block> {
  return json[kind]?.[type] ?? {};
}

/** The one block of `type`: its Terraform name and its block. Fails when there are none or several. */
export function onlyBlock(json: SynthJson, type: string, kind: "resource" | "data" = "resource"): { readonly name: string; readonly block: Block } {
  const entries = Object.entries(blocksOf(json, type, kind));
  const [entry] = entries;
  if (entries.length !== 1 || entry === undefined)
    throw new Error(`expected one ${kind} ${type}, found ${entries.length}: ${entries.map(([name]) => name).join(", ")}`);
  return { name: entry[0], block: entry[1] };
}

/** The value of each output the stack was synthesized with (see synthJson), by name. */
export function outputs(json: SynthJson): Record<string, unknown> {
  return Object.fromEntries(Object.entries(json.output ?? {}).map(([name, output]) => [name, output.value]));
}

/** The message of the ConstructPropsError that `build` throws; fails when it throws something else or nothing. */
export function rejection(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(ConstructPropsError);
    return (error as Error).message;
  }
  throw new Error("the props were accepted");
}
