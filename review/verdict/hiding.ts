/*
 * Hiding, in a resource's own configuration: any change of its `lifecycle` (`ignore_changes` keeps later changes
 * out of every plan, `prevent_destroy` off lets a plan destroy it, `create_before_destroy` changes how it is
 * replaced), but for `prevent_destroy` turned on alone, which only forbids. A new resource may carry a lifecycle the estate already gives resources of its type (a new host's
 * droplet ignores what every droplet ignores), but never `ignore_changes = all`.
 */
import { preventsDestroy } from "../../policy/protected-resources";
import { resources, type Configurations } from "../configuration";
import { isRecord, stableStringify } from "../json";
import type { Note } from "./blind-spots";
import type { Finding, Judge } from "./types";

const lifecycleOf = (body: Readonly<Record<string, unknown>>): Record<string, unknown> => (isRecord(body["lifecycle"]) ? body["lifecycle"] : {});

function ignoresAll(lifecycle: Record<string, unknown>): boolean {
  const ignore = lifecycle["ignore_changes"];
  return ignore === "all" || (Array.isArray(ignore) && ignore.includes("all"));
}

/** The lifecycles the base gives resources of each type. */
function baseLifecycles(base: Configurations): Map<string, Set<string>> {
  const byType = new Map<string, Set<string>>();
  for (const configuration of base.values()) {
    for (const { type, body } of resources(configuration)) byType.set(type, (byType.get(type) ?? new Set()).add(stableStringify(lifecycleOf(body))));
  }
  return byType;
}

export const judgeHiding: Judge = ({ base, head, changes }) => {
  const known = baseLifecycles(base);
  const movedFrom = new Map(changes.flatMap((c) => (c.previousAddress === undefined ? [] : [[`${c.stack}\0${c.address}`, c.previousAddress]])));
  const findings: Finding[] = [];
  for (const [stack, configuration] of head) {
    const before = new Map(resources(base.get(stack)).map((r) => [r.address, r.body]));
    for (const { address, type, body } of resources(configuration)) {
      const now = lifecycleOf(body);
      const name = typeof body["name"] === "string" ? body["name"] : address;
      const was = before.get(address) ?? before.get(movedFrom.get(`${stack}\0${address}`)?.replace(/\[[^\]]*\]$/, "") ?? "");
      if (was === undefined) {
        if (ignoresAll(now))
          findings.push({
            class: "hiding",
            kind: "lifecycle-ignores-all",
            stack,
            subject: address,
            name,
            detail: `new ${type} ${address} ignores every change (lifecycle.ignore_changes = all): no later plan shows what happens to it`,
          });
        else if (Object.keys(now).length > 0 && !(known.get(type)?.has(stableStringify(now)) ?? false)) {
          findings.push({
            class: "hiding",
            kind: "lifecycle-new",
            stack,
            subject: address,
            name,
            detail: `new ${type} ${address} has a lifecycle no ${type} of the estate has (${stableStringify(now)})`,
          });
        }
        continue;
      }
      const old = lifecycleOf(was);
      if (stableStringify(old) === stableStringify(now)) continue;
      // prevent_destroy turned on, and nothing else: stricter, hiding nothing (a note: lifecycleNotes).
      if (onlyProtects(old, now)) continue;
      const changed = [...new Set([...Object.keys(old), ...Object.keys(now)])]
        .filter((k) => stableStringify(old[k] ?? null) !== stableStringify(now[k] ?? null))
        .sort();
      const lost = preventsDestroy(was) && !preventsDestroy(body);
      findings.push({
        class: "hiding",
        kind: lost ? "prevent-destroy-lost" : ignoresAll(now) ? "lifecycle-ignores-all" : "lifecycle-changed",
        stack,
        subject: address,
        name,
        detail: `${address}'s lifecycle changes (${changed.map((k) => `${k}: ${stableStringify(old[k] ?? null)} → ${stableStringify(now[k] ?? null)}`).join("; ")})${lost ? ": Terraform would no longer refuse to destroy it" : ""}`,
      });
    }
  }
  return findings;
};

/** Whether a lifecycle change only turns prevent_destroy on. */
function onlyProtects(old: Record<string, unknown>, now: Record<string, unknown>): boolean {
  return !preventsDestroy({ lifecycle: old }) && stableStringify({ ...old, prevent_destroy: true }) === stableStringify(now);
}

/** The lifecycle changes that are not dangers, shown as notes: prevent_destroy turned on. */
export function lifecycleNotes(base: Configurations, head: Configurations): Note[] {
  return [...head].flatMap(([stack, configuration]) => {
    const before = new Map(resources(base.get(stack)).map((r) => [r.address, r.body]));
    return resources(configuration).flatMap(({ address, body }): Note[] => {
      const was = before.get(address);
      return was !== undefined && onlyProtects(lifecycleOf(was), lifecycleOf(body))
        ? [
            {
              kind: "lifecycle-protects",
              stack,
              subject: address,
              detail: `${address} gains lifecycle.prevent_destroy: Terraform will refuse to destroy it`,
            },
          ]
        : [];
    });
  });
}
