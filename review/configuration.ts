/*
 * Synthesized configurations (one Terraform JSON per stack), as the review reads them: loaded from a
 * cdktf output folder, with the few lookups the review needs.
 */

import type { Configuration } from "../policy/types";

export type { Configuration };

/** Every stack's configuration, by stack name. */
export type Configurations = ReadonlyMap<string, Configuration>;

/** Reading a cdktf output folder and a resource's construct path: one definition each, the policy's. */
export { constructPath, loadConfigurations } from "../policy/configuration";

export function section(configuration: Configuration | undefined, key: string): Readonly<Record<string, unknown>> {
  const value = configuration?.[key];
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The configuration of a resource by its address (`type.name`, an instance key ignored), or undefined. */
export function resourceBody(configuration: Configuration | undefined, address: string): Readonly<Record<string, unknown>> | undefined {
  const [, type, name] = /^([A-Za-z0-9_]+)\.([^.[]+)/.exec(address) ?? [];
  if (type === undefined || name === undefined) return undefined;
  const byType = section(configuration, "resource")[type];
  const body = typeof byType === "object" && byType !== null ? (byType as Record<string, unknown>)[name] : undefined;
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>) : undefined;
}

/** Every resource's address and body in a configuration. */
export function resources(configuration: Configuration | undefined): { address: string; type: string; body: Readonly<Record<string, unknown>> }[] {
  return Object.entries(section(configuration, "resource")).flatMap(([type, byName]) =>
    Object.entries(byName as Record<string, Record<string, unknown>>).map(([name, body]) => ({ address: `${type}.${name}`, type, body })),
  );
}

/** A body without cdktf's metadata, for comparing what Terraform sees. */
export function withoutMetadata(body: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  const { "//": _metadata, ...rest } = body ?? {};
  return rest;
}
