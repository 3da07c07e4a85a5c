/*
 * Rules Terraform enforces on every configuration, checked on the synthesized estate without running
 * Terraform, so a change that breaks one fails here with the stack and the item named, before the
 * rehearsal (rehearsal.test.ts) reports Terraform's own message. Each rule once stopped a stack:
 * a validation naming `var.value` (dns, at init), `%{` in log formats (fastly, at validate), and
 * for_each over the challenges Fastly computes at apply (fastly, at plan).
 */
import { REQUIRED_TERRAFORM_VERSION } from "../stacks/estate-stack";
import { compareVersions, MINIMUM_TERRAFORM } from "../twin/rehearsal/terraform-cli";
import { synthCommittedEstate, type SynthesizedEstate } from "./support/synth-estate";

let synth: SynthesizedEstate;
beforeAll(() => {
  synth = synthCommittedEstate();
});

/** Every string in a value, with the JSON path that leads to it. */
function strings(value: unknown, path: string): { path: string; text: string }[] {
  if (typeof value === "string") return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

describe("every stack", () => {
  it("states the Terraform it needs, which the rehearsal's minimum satisfies", () => {
    for (const [name, stack] of synth.json) {
      expect({ stack: name, required_version: stack.terraform?.required_version }).toEqual({
        stack: name,
        required_version: REQUIRED_TERRAFORM_VERSION,
      });
    }
    expect(compareVersions(MINIMUM_TERRAFORM, REQUIRED_TERRAFORM_VERSION.replace(/^>=\s*/, ""))).toBeGreaterThanOrEqual(0);
  });

  it("validates each variable by its own name only (Terraform refuses any other reference at init)", () => {
    const offenders: string[] = [];
    for (const [name, stack] of synth.json) {
      for (const [variable, declaration] of Object.entries(stack.variable ?? {})) {
        for (const [i, validation] of ((declaration.validation as { condition: string }[] | undefined) ?? []).entries()) {
          const referenced = [...validation.condition.matchAll(/\bvar\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
          if (referenced.length === 0 || referenced.some((r) => r !== variable))
            offenders.push(
              `${name}: variable.${variable}.validation[${i}] refers to ${referenced.map((r) => `var.${r}`).join(", ") || "no variable"}`,
            );
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it("writes a literal %{ as %%{ (Terraform's JSON syntax reads every string as a template)", () => {
    const offenders: string[] = [];
    for (const [name, stack] of synth.json) {
      for (const { path, text } of strings(stack, name)) if (/(^|[^%])%\{/.test(text)) offenders.push(`${path}: ${text}`);
    }
    expect(offenders).toEqual([]);
  });

  it("keys every for_each by values known when planning, never by a managed resource's attributes", () => {
    const offenders: string[] = [];
    for (const [name, stack] of synth.json) {
      const managedTypes = Object.keys(stack.resource ?? {});
      for (const [type, byName] of Object.entries(stack.resource ?? {})) {
        for (const [resourceName, resource] of Object.entries(byName)) {
          if (resource.for_each === undefined) continue;
          const forEach = JSON.stringify(resource.for_each);
          const computed = managedTypes.filter((t) => new RegExp(`(^|[^.\\w])${t}\\.`).test(forEach));
          if (computed.length > 0) offenders.push(`${name}: ${type}.${resourceName}.for_each reads ${computed.join(", ")}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
