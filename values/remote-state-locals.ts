/*
 * How a synthesized stack reads another stack's outputs. cdktf declares a `data.terraform_remote_state` for each stack
 * read; the estate's stacks (stacks/cross-stack-reads.ts) read its outputs through a local value holding them all,
 *
 *   "locals": { "<read>": "${data.terraform_remote_state.<read>.outputs}" }
 *   "records": ["${local.<read>.<output>}"]
 *
 * rather than naming the data source in every expression: Terraform decodes a remote state's whole value each time an
 * expression names it, and a local's value once (the `dns` stack's 580 records read `digitalocean-nyc1`'s outputs).
 *
 * Whoever follows a value to the stack and output it comes from (the policy, the review, adoption, the tests) reads
 * the expression with such locals spelled out: `local.<read>` as `data.terraform_remote_state.<read>.outputs`, which
 * Terraform evaluates to the same value. Only a local that is exactly that, for a remote state the configuration
 * declares, is spelled out; any other `local.` stays as written, and a reader that does not understand it treats it as
 * it treats any expression it cannot follow (the policy counts it as the whole internet, the review as a destination
 * that is not the estate's).
 */
/** As much of a synthesized stack as its reads of other stacks need: its locals and its data sources. */
export interface ReadingConfiguration {
  readonly locals?: unknown;
  readonly data?: unknown;
}

/** The value of the local through which a stack reads the outputs of the remote state `read`. */
export function remoteStateOutputsLocal(read: string): string {
  return `\${data.terraform_remote_state.${read}.outputs}`;
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> => typeof value === "object" && value !== null && !Array.isArray(value);

const known = new WeakMap<ReadingConfiguration, ReadonlySet<string>>();

/** The locals of `configuration` that hold the outputs of a remote state it declares, by the local's (and the read's) name. */
export function remoteStateLocals(configuration: ReadingConfiguration | undefined): ReadonlySet<string> {
  if (configuration === undefined) return new Set();
  let names = known.get(configuration);
  if (names === undefined) {
    const { locals, data } = configuration;
    const reads = isRecord(data) ? data["terraform_remote_state"] : undefined;
    names =
      isRecord(locals) && isRecord(reads)
        ? new Set(Object.keys(locals).filter((name) => locals[name] === remoteStateOutputsLocal(name) && isRecord(reads[name])))
        : new Set<string>();
    known.set(configuration, names);
  }
  return names;
}

/** A Terraform name's characters: a reference to `local.<name>` ends where they do. */
const NAME_CHARACTER = "[A-Za-z0-9_-]";
const NAMED_LOCAL = new RegExp(`(?<![A-Za-z0-9_.-])local\\.(${NAME_CHARACTER}+)(?!${NAME_CHARACTER})`, "g");

/**
 * `text` (a value written in `configuration`) with each reference to a local holding a remote state's outputs written
 * as the remote state's: `${local.<read>.<output>}` as `${data.terraform_remote_state.<read>.outputs.<output>}`.
 */
export function spelledOut(text: string, configuration: ReadingConfiguration | undefined): string {
  if (!text.includes("local.")) return text;
  const reads = remoteStateLocals(configuration);
  if (reads.size === 0) return text;
  return text.replace(NAMED_LOCAL, (reference, name: string) => (reads.has(name) ? `data.terraform_remote_state.${name}.outputs` : reference));
}
