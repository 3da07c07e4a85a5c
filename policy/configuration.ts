/** Synthesized configurations: loading them from a cdktf output folder, and reading resources out of them. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Configuration, PolicyContext } from "./types";

/** Every stack's configuration in a cdktf output folder (manifest.json and each stack's cdk.tf.json), by stack name. */
export function loadConfigurations(outdir: string): ReadonlyMap<string, Configuration> {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, { synthesizedStackPath: string }> };
  return new Map(
    Object.entries(manifest.stacks)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, stack]) => [name, JSON.parse(readFileSync(join(outdir, stack.synthesizedStackPath), "utf8")) as Configuration]),
  );
}

export interface ResourceEntry {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  readonly address: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** The construct path cdktf recorded, e.g. `digitalocean-nyc1/firewall-bugs/firewall`. */
  readonly path: string;
}

export function resourcesOfType(context: PolicyContext, type: string): ResourceEntry[] {
  return [...context.configurations].flatMap(([stack, configuration]) => {
    const byName =
      (((configuration as Record<string, unknown>).resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>)[type] ?? {};
    return Object.entries(byName).map(([name, body]) => ({
      stack,
      type,
      name,
      address: `${type}.${name}`,
      body,
      path: constructPath(body) ?? `${stack}/${name}`,
    }));
  });
}

/** The construct path cdktf recorded for a resource (`dns/python.org/record-www-A`), for people. */
export function constructPath(body: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const path = (body?.["//"] as { metadata?: { path?: string } } | undefined)?.metadata?.path;
  return typeof path === "string" ? path : undefined;
}

export function variablesOf(configuration: Configuration): Readonly<Record<string, Record<string, unknown>>> {
  return ((configuration as Record<string, unknown>).variable ?? {}) as Record<string, Record<string, unknown>>;
}

/** The construct id one level below the stack: the inventory key the construct was made for. */
export function constructKey(entry: ResourceEntry): string {
  return entry.path.split("/")[1] ?? "";
}

/**
 * `sources` with, after each plain `${var.<name>}` whose declaration has a default, the default's values: what the
 * configuration itself says the variable holds when nobody sets it, which the policy counts. A value set when
 * Terraform plans is the review's to count.
 */
export function withVariableDefaults(sources: readonly string[], configuration: Configuration): string[] {
  const variables = variablesOf(configuration);
  return sources.flatMap((source) => {
    const name = /^\$\{var\.([A-Za-z_][A-Za-z0-9_-]*)\}$/.exec(source)?.[1];
    const fallback = name === undefined ? undefined : variables[name]?.default;
    if (fallback === undefined || fallback === null) return [source];
    // A default that is not text is no address: written as JSON, it counts as a source nobody can size.
    return [
      source,
      ...(Array.isArray(fallback) ? fallback : [fallback]).map((value: unknown) => (typeof value === "string" ? value : JSON.stringify(value))),
    ];
  });
}
