/*
 * Code execution: what makes Terraform, a provider, or the tools around them run code nobody reviewed as code. A
 * provisioner (local-exec runs a shell command wherever Terraform plans and applies, the review's own machine among
 * them), `terraform_data` and `null_resource` that carry them, a module (downloaded and run as configuration), a
 * provider outside the pinned set or a loosened pin (another plugin binary runs with the credentials), and a change
 * to what builds the configuration: `cdktf.json`'s app command, `package.json`'s scripts and dependencies, the lock
 * file.
 */
import type { PinnedProvider } from "../../provider-schemas/schema-file";
import { section, resources, type Configuration } from "../configuration";
import { isRecord, stableStringify } from "../json";
import type { Finding, JudgeInputs } from "./types";

/** The registry address a `required_providers` source means (`aws` → registry.terraform.io/hashicorp/aws). */
export function providerAddress(source: string): string {
  const parts = source.toLowerCase().split("/");
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts[0]}/${parts[1]}`;
  return parts.join("/");
}

/** Types Terraform itself provides. */
const BUILT_IN_PROVIDER = "terraform";
/** Built-in resources that exist to run provisioners or to be a trigger for them. */
const EXECUTION_TYPES = new Set(["terraform_data", "null_resource"]);

/** The files that decide what runs when the configuration is built and checked. */
export const BUILD_FILES = ["cdktf.json", "package.json", "package-lock.json"] as const;
export type BuildFile = (typeof BUILD_FILES)[number];

/** The build files of both revisions, as text (undefined: the revision has none). */
export interface BuildFiles {
  readonly base: Readonly<Partial<Record<BuildFile, string>>>;
  readonly head: Readonly<Partial<Record<BuildFile, string>>>;
}

export function judgeCodeExecution(inputs: JudgeInputs, pinned: readonly PinnedProvider[], build: BuildFiles): Finding[] {
  const findings: Finding[] = [];
  for (const [stack, configuration] of inputs.head) findings.push(...configurationExecution(stack, configuration, inputs.base.get(stack), pinned));
  findings.push(...buildFileChanges(build));
  return findings;
}

function configurationExecution(
  stack: string,
  configuration: Configuration,
  base: Configuration | undefined,
  pinned: readonly PinnedProvider[],
): Finding[] {
  const findings: Finding[] = [];
  const found = (kind: string, subject: string, name: string, detail: string): void =>
    void findings.push({ class: "code-execution", kind, stack, subject, name, detail });
  for (const { address, type, body } of resources(configuration)) {
    const provisioners = Array.isArray(body["provisioner"]) ? body["provisioner"] : isRecord(body["provisioner"]) ? [body["provisioner"]] : [];
    for (const provisioner of provisioners.filter(isRecord)) {
      const kinds = Object.keys(provisioner).join(", ");
      found(
        "provisioner",
        address,
        address,
        `${address} declares a ${kinds} provisioner: Terraform runs it on whatever machine applies (never in a rehearsal or a review, which remove it)${typeof (provisioner["local-exec"] as Record<string, unknown> | undefined)?.["command"] === "string" ? `: ${String((provisioner["local-exec"] as Record<string, unknown>)["command"]).slice(0, 200)}` : ""}`,
      );
    }
    if (EXECUTION_TYPES.has(type))
      found(
        "execution-resource",
        address,
        address,
        `${address} is a ${type}, a resource that exists to run provisioners or trigger replacements; the estate has no use for one`,
      );
  }
  const modules = section(configuration, "module");
  for (const name of Object.keys(modules))
    found(
      "module",
      `module.${name}`,
      `module ${name}`,
      `module ${name} is downloaded from ${stableStringify((modules[name] as Record<string, unknown>)["source"] ?? null)} and run as configuration`,
    );

  const required = section(section(configuration, "terraform"), "required_providers");
  const before = section(section(base ?? {}, "terraform"), "required_providers");
  for (const [name, requirement] of Object.entries(required)) {
    const source = isRecord(requirement) ? String(requirement["source"] ?? name) : String(requirement);
    const version = isRecord(requirement) ? String(requirement["version"] ?? "(any)") : "(any)";
    const pin = pinned.find((p) => p.name === name);
    const subject = `provider.${name}`;
    if (pin === undefined || providerAddress(source) !== pin.address) {
      found(
        "provider-unpinned",
        subject,
        `provider ${name}`,
        `provider ${name} comes from ${providerAddress(source)}, which is not the pinned ${pin?.address ?? "set (provider-schemas/providers.json)"}: another plugin would run with the stack's credentials`,
      );
    } else if (version !== pin.constraint) {
      found(
        "provider-constraint",
        subject,
        `provider ${name}`,
        `provider ${name}'s version constraint is ${version}, not the pinned ${pin.constraint}${isRecord(before[name]) && before[name]["version"] !== version ? ` (was ${String(before[name]["version"])})` : ""}: Terraform may install a version nobody reviewed`,
      );
    }
  }
  const declared = new Set([...Object.keys(required), BUILT_IN_PROVIDER]);
  const types = new Set([...resources(configuration).map((r) => r.type), ...Object.keys(section(configuration, "data"))]);
  for (const type of [...types].sort()) {
    // The type's first word (split gives one part at least: the whole type when it holds no `_`).
    const [provider = type] = type.split("_");
    if (!declared.has(provider))
      found(
        "provider-unpinned",
        `provider.${provider}`,
        `provider ${provider}`,
        `${type} needs the provider ${provider}, which the stack does not pin: Terraform would install hashicorp/${provider}, a plugin nobody reviewed`,
      );
  }
  return findings;
}

function buildFileChanges({ base, head }: BuildFiles): Finding[] {
  const findings: Finding[] = [];
  const found = (file: BuildFile, detail: string): void =>
    void findings.push({ class: "code-execution", kind: "build-changed", stack: "(all)", subject: file, name: file, detail });
  const json = (text: string | undefined): Record<string, unknown> => {
    try {
      const value = text === undefined ? {} : (JSON.parse(text) as unknown);
      return isRecord(value) ? value : {};
    } catch {
      return { unreadable: text };
    }
  };
  const app = (text: string | undefined): unknown => json(text)["app"];
  if (stableStringify(app(base["cdktf.json"])) !== stableStringify(app(head["cdktf.json"]))) {
    found(
      "cdktf.json",
      `cdktf.json's app command changes (${stableStringify(app(base["cdktf.json"]) ?? null)} → ${stableStringify(app(head["cdktf.json"]) ?? null)}): it is what runs to synthesize the estate`,
    );
  }
  for (const key of ["scripts", "dependencies", "devDependencies", "optionalDependencies", "peerDependencies", "overrides", "bundleDependencies"]) {
    const was = json(base["package.json"])[key];
    const now = json(head["package.json"])[key];
    if (stableStringify(was ?? null) === stableStringify(now ?? null)) continue;
    const keys = [...new Set([...Object.keys(isRecord(was) ? was : {}), ...Object.keys(isRecord(now) ? now : {})])]
      .filter((k) => stableStringify((isRecord(was) ? was : {})[k] ?? null) !== stableStringify((isRecord(now) ? now : {})[k] ?? null))
      .sort();
    found(
      "package.json",
      `package.json's ${key} change${keys.length > 0 ? ` (${keys.map((k) => `${k}: ${stableStringify((isRecord(was) ? was : {})[k] ?? null)} → ${stableStringify((isRecord(now) ? now : {})[k] ?? null)}`).join("; ")})` : ""}: they decide what is installed and run`,
    );
  }
  if ((base["package-lock.json"] ?? "") !== (head["package-lock.json"] ?? "")) {
    found("package-lock.json", "package-lock.json changes: the exact packages (and their install scripts) that CI and every deploy install change");
  }
  return findings;
}
