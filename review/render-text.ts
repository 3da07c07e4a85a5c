/** Plain text for a terminal: everything, uncut, no colours (so it can be piped and compared). */
import type { ChangeKind, DisplayValue, ResourceChange, ReviewReport } from "./types";
import { CHANGE_KINDS } from "./types";
import { baseSideOf } from "./engine";
import { ALLOWANCES_FILE, KIND_TITLES, allowanceSnippet, factsNote, formatCount, headline } from "./render-common";

const MARKS: Readonly<Record<ChangeKind, string>> = {
  create: "+",
  update: "~",
  replace: "-/+",
  delete: "-",
  rename: "->",
};

export function renderText(report: ReviewReport): string {
  const out: string[] = [`Infrastructure review: base ${report.base.label} -> head ${report.head.label}`, ""];

  if (report.dangerous.length > 0) {
    out.push(`DANGEROUS CHANGES NOT ALLOWED (${formatCount(report.dangerous.length)}):`);
    for (const change of report.dangerous) out.push(...dangerLines(change));
    const first = report.dangerous[0];
    if (first) out.push(`  To allow an intended destruction, add to ${ALLOWANCES_FILE}: ${allowanceSnippet(first)}`);
    out.push("");
  } else {
    out.push("No dangerous change.", "");
  }
  if (report.allowedDangerous.length > 0) {
    out.push(`Allowed destruction (${formatCount(report.allowedDangerous.length)}):`);
    for (const change of report.allowedDangerous) {
      out.push(...dangerLines(change), `      allowed: ${change.danger?.allowanceReason ?? ""}`);
    }
    out.push("");
  }

  const changed = report.stacks.filter((s) => s.changes.length > 0);
  const unchanged = report.stacks.filter((s) => s.changes.length === 0);
  if (changed.length > 0) {
    const width = Math.max(5, ...changed.map((s) => s.stack.length));
    const header = CHANGE_KINDS.map((k) => KIND_TITLES[k].toLowerCase().padStart(8)).join("");
    out.push(`${"stack".padEnd(width)}${header}`);
    for (const stack of changed) {
      const note = stack.status === "added" ? "  (new stack)" : stack.status === "removed" ? "  (stack removed)" : "";
      out.push(`${stack.stack.padEnd(width)}${CHANGE_KINDS.map((k) => formatCount(stack.counts[k]).padStart(8)).join("")}${note}`);
    }
    if (changed.length > 1) out.push(`${"total".padEnd(width)}${CHANGE_KINDS.map((k) => formatCount(report.totals[k]).padStart(8)).join("")}`);
    out.push("");
  } else {
    out.push("No changes.", "");
  }
  if (unchanged.length > 0) out.push(`Unchanged stacks: ${unchanged.map((s) => s.stack).join(", ")}`, "");

  for (const stack of changed) {
    out.push(`== ${stack.stack} ==`);
    for (const change of stack.changes) out.push(...changeLines(change));
    out.push("");
  }

  out.push(factsNote());
  for (const warning of report.warnings) out.push(`note: ${warning.replace(/`/g, "")}`);
  for (const allowance of report.unusedAllowances) {
    out.push(`note: the allowance for ${allowance.stack} ${allowance.address} matches no change; remove it from ${ALLOWANCES_FILE}.`);
  }
  return `${out.join("\n")}\n`;
}

function dangerLines(change: ResourceChange): string[] {
  const { stack, address: target } = baseSideOf(change);
  const lines = [
    `  ! ${stack}  ${target}: would be ${change.danger?.consequence ?? "destroyed"}`,
    `      protected: ${change.danger?.protection ?? ""}`,
  ];
  if (change.moveProposal) lines.push(`      keep it: call moveFromId(${JSON.stringify(target)}) on ${change.address}`);
  return lines;
}

function changeLines(change: ResourceChange): string[] {
  const flag = change.danger ? (change.danger.allowed ? "  [protected, allowed]" : "  [PROTECTED, NOT ALLOWED]") : "";
  const lines = [`  ${MARKS[change.kind].padEnd(3)} ${change.address}: ${headline(change)}${flag}`];
  if (change.replacementSource) lines.push(`        replacement predicted from: ${change.replacementSource}`);
  for (const attribute of change.attributes) {
    const forces = attribute.forcesReplacement ? "  (forces replacement)" : attribute.ignored ? "  (ignored: lifecycle.ignore_changes)" : "";
    lines.push(
      change.kind === "create"
        ? `        ${attribute.path} = ${show(attribute.after)}`
        : `        ${attribute.path}: ${show(attribute.before)} -> ${show(attribute.after)}${forces}`,
    );
  }
  if (change.moveProposal) {
    lines.push("        keep it with cdktf:");
    for (const l of change.moveProposal.cdktf.split("\n")) lines.push(`          ${l}`);
    lines.push("        which is the Terraform block:");
    for (const l of change.moveProposal.movedBlock.split("\n")) lines.push(`          ${l}`);
  }
  return lines;
}

function show(v: DisplayValue): string {
  return v.text.replace(/\r?\n/g, "\\n");
}
