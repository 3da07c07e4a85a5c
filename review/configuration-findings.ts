/*
 * What Terraform cannot see offline, found by comparing the base's and the head's configurations: a
 * provider's configuration, a backend or a remote-state source that changed, a stack added or removed, a
 * variable the operator must now supply, a protected resource losing prevent_destroy, a configuration
 * that differs between the way CI synthesizes and the way a deploy does, and code that reads the
 * environment while synthesizing.
 */
import { resources, section, type Configuration, type Configurations } from "./configuration";
import { stableStringify } from "./json";
import { protectionOf } from "../policy/protected-resources";

export type FindingKind =
  | "provider"
  | "backend"
  | "remote-state"
  | "stack-added"
  | "stack-removed"
  | "required-variable"
  | "prevent-destroy-lost"
  | "deploy-differs"
  | "reads-environment"
  | "not-planned"
  | "policy-warning";

export interface ConfigurationFinding {
  readonly kind: FindingKind;
  readonly stack: string;
  /** What it is about: an address, `provider.<name>`, `backend`, `variable.<name>`, … (what an allowance names). */
  readonly subject: string;
  readonly detail: string;
  /** Dangerous findings fail the review unless an allowance on the base branch covers them. */
  readonly dangerous: boolean;
}

/** Findings between two revisions' configurations (both synthesized the way CI does). */
export function configurationFindings(base: Configurations, head: Configurations): ConfigurationFinding[] {
  const findings: ConfigurationFinding[] = [];
  for (const stack of base.keys()) {
    if (!head.has(stack)) {
      const count = resources(base.get(stack)).length;
      findings.push({ kind: "stack-removed", stack, subject: "stack", dangerous: true, detail: `stack ${stack} is gone: the ${count} resources in its state would be left unmanaged (neither destroyed nor planned), or its state orphaned if it was renamed` });
    }
  }
  for (const [stack, after] of head) {
    const before = base.get(stack);
    if (before === undefined) {
      findings.push({ kind: "stack-added", stack, subject: "stack", dangerous: false, detail: `new stack ${stack}, with state of its own` });
      continue;
    }
    findings.push(...providerFindings(stack, before, after), ...backendFindings(stack, before, after), ...remoteStateFindings(stack, before, after));
    findings.push(...variableFindings(stack, before, after), ...preventDestroyFindings(stack, before, after));
  }
  return findings;
}

function providerFindings(stack: string, before: Configuration, after: Configuration): ConfigurationFinding[] {
  const a = section(before, "provider");
  const b = section(after, "provider");
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().flatMap((name) => {
    if (stableStringify(a[name]) === stableStringify(b[name])) return [];
    return [{
      kind: "provider" as const,
      stack,
      subject: `provider.${name}`,
      dangerous: true,
      detail: `the ${name} provider's configuration changes (${shortDiff(a[name], b[name])}): Terraform would look for every resource of the stack where the new configuration points`,
    }];
  });
}

function backendFindings(stack: string, before: Configuration, after: Configuration): ConfigurationFinding[] {
  const where = (configuration: Configuration): unknown => ({ backend: section(configuration, "terraform")["backend"], cloud: section(configuration, "terraform")["cloud"] });
  const a = where(before);
  const b = where(after);
  if (stableStringify(a) === stableStringify(b)) return [];
  return [{ kind: "backend", stack, subject: "backend", dangerous: true, detail: `the state location changes (${shortDiff(a, b)}): a plan there starts from another state` }];
}

function remoteStateFindings(stack: string, before: Configuration, after: Configuration): ConfigurationFinding[] {
  const aSources = remoteSources(before);
  const bSources = remoteSources(after);
  return [...bSources.keys()].sort().flatMap((name): ConfigurationFinding[] => {
    const was = aSources.get(name);
    const now = bSources.get(name)!;
    if (was === undefined) return [{ kind: "remote-state" as const, stack, subject: `data.terraform_remote_state.${name}`, dangerous: false, detail: `now reads another stack's state: ${now}` }];
    if (was === now) return [];
    return [{ kind: "remote-state" as const, stack, subject: `data.terraform_remote_state.${name}`, dangerous: true, detail: `reads another state than before: ${was} → ${now}` }];
  });
}

function remoteSources(configuration: Configuration): Map<string, string> {
  const data = section(configuration, "data")["terraform_remote_state"];
  const byName = typeof data === "object" && data !== null ? (data as Record<string, Record<string, unknown>>) : {};
  return new Map(Object.entries(byName).map(([name, body]): [string, string] => [name, stableStringify({ backend: body["backend"], config: body["config"], workspace: body["workspace"] })]));
}

function variableFindings(stack: string, before: Configuration, after: Configuration): ConfigurationFinding[] {
  const a = section(before, "variable");
  const b = section(after, "variable");
  return Object.entries(b).flatMap(([name, declaration]) => {
    const required = (d: unknown): boolean => typeof d === "object" && d !== null && !("default" in d);
    if (!required(declaration) || (a[name] !== undefined && required(a[name]))) return [];
    return [{ kind: "required-variable" as const, stack, subject: `variable.${name}`, dangerous: false, detail: `the operator must now supply var.${name} (TF_VAR_${name} or a *.tfvars file) to plan and apply ${stack}` }];
  });
}

function preventDestroyFindings(stack: string, before: Configuration, after: Configuration): ConfigurationFinding[] {
  const now = new Map(resources(after).map((r) => [r.address, r.body]));
  return resources(before).flatMap(({ address, type, body }) => {
    if (!isPreventDestroy(body)) return [];
    const later = now.get(address);
    if (later !== undefined && isPreventDestroy(later)) return [];
    const what = later === undefined ? "is removed from the configuration along with its prevent_destroy" : "loses lifecycle.prevent_destroy";
    return [{ kind: "prevent-destroy-lost" as const, stack, subject: address, dangerous: true, detail: `${address} ${what} (${protectionOf(type, body) ?? "protected"}): Terraform would no longer refuse to destroy it` }];
  });
}

function isPreventDestroy(body: Readonly<Record<string, unknown>>): boolean {
  const lifecycle = body["lifecycle"] as Record<string, unknown> | undefined;
  return lifecycle?.["prevent_destroy"] === true;
}

/**
 * Differences between the configuration synthesized as CI does it and as a deploy does it
 * (PSF_ESTATE_BACKEND=cloud): they may differ in backend and remote-state blocks only.
 */
export function deployFindings(asReviewed: Configurations, asDeployed: Configurations): ConfigurationFinding[] {
  const findings: ConfigurationFinding[] = [];
  for (const stack of new Set([...asReviewed.keys(), ...asDeployed.keys()])) {
    const differences = differingPaths(comparable(asReviewed.get(stack)), comparable(asDeployed.get(stack)), stack);
    if (differences.length === 0) continue;
    findings.push({
      kind: "deploy-differs",
      stack,
      subject: "synthesis",
      dangerous: true,
      detail: `synthesized for a deploy (PSF_ESTATE_BACKEND=cloud), ${stack} differs from what this review planned beyond its backend and remote state: ${differences.slice(0, 5).join(", ")}${differences.length > 5 ? ` and ${differences.length - 5} more` : ""}`,
    });
  }
  return findings;
}

function comparable(configuration: Configuration | undefined): unknown {
  if (configuration === undefined) return undefined;
  const { terraform, data, "//": _metadata, ...rest } = configuration as Record<string, unknown>;
  const { backend: _backend, cloud: _cloud, ...terraformRest } = (terraform ?? {}) as Record<string, unknown>;
  const { terraform_remote_state: _remote, ...dataRest } = (data ?? {}) as Record<string, unknown>;
  return { ...rest, terraform: terraformRest, data: dataRest };
}

function differingPaths(a: unknown, b: unknown, path: string): string[] {
  if (stableStringify(a) === stableStringify(b)) return [];
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) || Array.isArray(b)) return [path];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((k) => differingPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`));
}

/** Source files of the head that read the environment while synthesizing, outside the places meant to. */
export function environmentFindings(reads: readonly { file: string; line: number; text: string }[]): ConfigurationFinding[] {
  return reads.map(({ file, line, text }) => ({
    kind: "reads-environment" as const,
    stack: "(all)",
    subject: `${file}:${line}`,
    dangerous: true,
    detail: `${file}:${line} reads the environment while synthesizing (\`${text.trim().slice(0, 120)}\`): what it reads can differ between this review and a deploy`,
  }));
}

function shortDiff(a: unknown, b: unknown): string {
  const text = (v: unknown): string => (v === undefined ? "(none)" : stableStringify(v).slice(0, 160));
  return `${text(a)} → ${text(b)}`;
}

/**
 * The policy's warnings the head's synthesis printed that the base's did not (its errors stop synthesis, so
 * the review reports them as a head that does not synthesize).
 */
export function policyWarningFindings(baseStderr: string, headStderr: string): ConfigurationFinding[] {
  const warnings = (text: string): string[] => text.split("\n").filter((l) => l.startsWith("policy warning: ")).map((l) => l.slice("policy warning: ".length));
  const before = new Set(warnings(baseStderr));
  return warnings(headStderr).filter((w) => !before.has(w)).map((w) => ({ kind: "policy-warning" as const, stack: "(all)", subject: w.split(" ")[0] ?? "policy", dangerous: false, detail: `new policy warning: ${w}` }));
}
