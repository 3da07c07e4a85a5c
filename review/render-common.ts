/** Phrases shared by the renderers, so Markdown, text and JSON say the same thing. */
import type { ChangeKind, ResourceChange } from "./types";
import { baseSideOf } from "./engine";

export const KIND_TITLES: Readonly<Record<ChangeKind, string>> = {
  create: "Create",
  update: "Update",
  replace: "Replace",
  delete: "Delete",
  rename: "Rename",
};

/** Where to put an allowance; kept in one place for the renderers and the CLI's messages. */
export const ALLOWANCES_FILE = "review/allowances.ts";
export const FACTS_FILE = "provider-schemas/facts/";

/** One line saying what happens, without the attribute details; `name` formats addresses and attributes. */
export function headline(change: ResourceChange, name: (text: string) => string = (t) => t): string {
  // Outputs and data sources hold no real object: they are added, changed or removed, never destroyed.
  const stateless = change.blockKind !== "resource";
  switch (change.kind) {
    case "create":
      if (stateless) return "added";
      return change.importId !== null ? `imported (import id ${name(change.importId)}), not created` : "created";
    case "update":
      if (stateless) return "changed";
      return change.attributes.every((a) => a.ignored)
        ? "no effect on the real object: every changed attribute is in lifecycle.ignore_changes"
        : "updated in place";
    case "replace": {
      const forced = change.replacementForcedBy.map(name).join(", ");
      if (change.previousStack !== null) {
        return `replaced: moves from stack ${name(change.previousStack)}, whose state destroys it, to this stack, which creates a new one${forced ? ` (${forced} changed too, which forces a new resource anyway)` : ""}`;
      }
      const moved = change.previousAddress ? ` (moved from ${name(change.previousAddress)})` : "";
      return `replaced${moved}: destroyed and created again because ${forced} changed`;
    }
    case "delete":
      if (stateless) return "removed";
      return change.forgotten ? "forgotten (removed from state; the real object is kept)" : "destroyed";
    case "rename": {
      const from = name(change.previousAddress ?? "?");
      const edited = change.attributes.length > 0 ? " and changed" : "";
      if (stateless) return `renamed from ${from}${edited} (nothing to move: it holds no state)`;
      return change.moveDeclared
        ? `moved from ${from} (move declared)${edited ? " and updated in place" : ""}`
        : `renamed from ${from} with an identical body, but no move is declared: Terraform would destroy it and create it again`;
    }
  }
}

/** The code a reviewer can paste into the allowances file. */
export function allowanceSnippet(change: ResourceChange): string {
  const { stack, address } = baseSideOf(change);
  return `{ stack: ${JSON.stringify(stack)}, address: ${JSON.stringify(address)}, reason: "<why>" }`;
}

/** Where replacement predictions come from; each replacement also names its own source. */
export function factsNote(file: (text: string) => string = (t) => t): string {
  return `Replacements are predicted from a table of the attributes that force a new resource (ForceNew in the providers' schemas), kept in ${file(FACTS_FILE)}; each replacement names the schema it comes from.`;
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}
