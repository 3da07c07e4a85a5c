/**
 * Markdown for a pull-request comment. GitHub rejects comments over 65,536 characters, so when
 * the full report is too long the details are cut in steps (created resources' attributes, then
 * long attribute lists, then whole entries) and a note says exactly what was cut. The header,
 * the dangerous list and the summary table are never cut.
 */
import type { AttributeChange, ChangeKind, DisplayValue, ResourceChange, ReviewReport, StackReview } from "./types";
import { CHANGE_KINDS } from "./types";
import { baseSideOf, totalOf } from "./engine";
import { ALLOWANCES_FILE, KIND_TITLES, allowanceSnippet, factsNote, formatCount, headline } from "./render-common";

/** GitHub's hard limit on an issue or pull-request comment body. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** Hidden marker a workflow can search for to update its previous comment instead of adding one. */
export const COMMENT_MARKER = "<!-- psf-estate-review -->";
/** Longest value shown in a code span; the JSON output has the full values. */
const MAX_VALUE_CHARS = 160;
/** Attribute lines kept per entry once the report has to shrink. */
const SHRUNK_ATTRIBUTES = 10;

export interface MarkdownOptions {
  /** Characters the comment may use; defaults to GitHub's limit minus room for a workflow's own footer. */
  readonly limit?: number;
}

const ICONS: Readonly<Record<ChangeKind, string>> = {
  create: "🟢",
  update: "🟡",
  replace: "🔴",
  delete: "❌",
  rename: "🔵",
};

interface Budget {
  readonly createAttributes: boolean;
  readonly maxAttributes: number | null;
  /** Entries rendered in the details, the most consequential first (see ENTRY_PRIORITY); null = all. */
  readonly maxEntries: number | null;
  readonly details: boolean;
}

/** When entries must be cut, what a reviewer most needs to see is kept longest. */
const ENTRY_PRIORITY: Readonly<Record<ChangeKind, number>> = { replace: 1, delete: 2, rename: 3, update: 4, create: 5 };

function entriesToKeep(report: ReviewReport, maxEntries: number | null): ReadonlySet<ResourceChange> | null {
  if (maxEntries === null) return null;
  const rank = (c: ResourceChange): number => (c.danger && !c.danger.allowed ? 0 : ENTRY_PRIORITY[c.kind]);
  // Array.prototype.sort is stable: within a rank, stacks and addresses keep their sorted order.
  const ordered = report.stacks.flatMap((s) => s.changes).sort((a, b) => rank(a) - rank(b));
  return new Set(ordered.slice(0, maxEntries));
}

interface CutStats {
  createLists: number;
  attributeLines: number;
  entries: number;
  entriesByStack: Map<string, number>;
}

export function renderMarkdown(report: ReviewReport, options: MarkdownOptions = {}): string {
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT - 536;
  const full = render(report, { createAttributes: true, maxAttributes: null, maxEntries: null, details: true });
  if (full.length <= limit) return full;
  const compact: Budget = { createAttributes: false, maxAttributes: SHRUNK_ATTRIBUTES, maxEntries: null, details: true };
  const shrunk = render(report, compact);
  if (shrunk.length <= limit) return shrunk;
  const entries = report.stacks.reduce((n, s) => n + s.changes.length, 0);
  // Largest number of entries that still fits; the output grows with the count, so bisect.
  let low = 0;
  let high = entries;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (render(report, { ...compact, maxEntries: mid }).length <= limit) low = mid;
    else high = mid - 1;
  }
  const cut = render(report, { ...compact, maxEntries: low });
  if (low > 0 && cut.length <= limit) return cut;
  return render(report, { ...compact, maxEntries: 0, details: false });
}

function render(report: ReviewReport, budget: Budget): string {
  const stats: CutStats = { createLists: 0, attributeLines: 0, entries: 0, entriesByStack: new Map() };
  const out: string[] = [COMMENT_MARKER, "## Infrastructure review", ""];
  out.push(
    `Base ${code(report.base.label)} → head ${code(report.head.label)}. Offline comparison of the synthesized stacks: no plan, no state, no credentials.`,
    "",
  );
  out.push(...dangerSection(report));
  out.push(...summarySection(report));
  const details = budget.details ? detailSection(report, budget, stats) : [];
  if (!budget.details) {
    for (const stack of report.stacks) {
      if (stack.changes.length > 0) stats.entriesByStack.set(stack.stack, stack.changes.length);
      stats.entries += stack.changes.length;
    }
  }
  out.push(...details);
  out.push(...notesSection(report));
  const cutNote = describeCuts(stats, budget);
  if (cutNote) out.push("", cutNote);
  return `${out.join("\n").trimEnd()}\n`;
}

function dangerSection(report: ReviewReport): string[] {
  const out: string[] = [];
  if (report.dangerous.length > 0) {
    out.push(`### ⛔ Dangerous changes not allowed (${formatCount(report.dangerous.length)})`, "");
    for (const change of report.dangerous) out.push(`- ${dangerLine(change)}`);
    const example = report.dangerous[0] ? ` e.g. ${code(allowanceSnippet(report.dangerous[0]))}` : "";
    out.push(
      "",
      `These make the review fail. If destroying is really intended, add an entry with a reason to \`${ALLOWANCES_FILE}\` in this change,${example}.`,
      "",
    );
  } else {
    out.push("No dangerous change: no protected resource is destroyed or replaced without an allowance.", "");
  }
  if (report.allowedDangerous.length > 0) {
    out.push(`### Allowed destruction (${formatCount(report.allowedDangerous.length)})`, "");
    for (const change of report.allowedDangerous) {
      out.push(`- ${dangerLine(change)} Allowed: ${code(change.danger?.allowanceReason ?? "")}`);
    }
    out.push("");
  }
  return out;
}

function dangerLine(change: ResourceChange): string {
  const danger = change.danger;
  const { stack, address: target } = baseSideOf(change);
  let line = `**${code(stack)}** ${code(target)}: would be ${danger?.consequence ?? "destroyed"}. Protected: ${danger?.protection ?? ""}.`;
  if (change.moveProposal) line += ` Keep it by declaring the move: ${code(`moveFromId(${JSON.stringify(target)})`)} on ${code(change.address)}.`;
  return line;
}

function summarySection(report: ReviewReport): string[] {
  const out: string[] = ["### Summary", ""];
  const changed = report.stacks.filter((s) => s.changes.length > 0);
  const unchanged = report.stacks.filter((s) => s.changes.length === 0);
  if (changed.length === 0) {
    out.push(report.stacks.length === 0 ? "No stacks on either side." : "No changes.", "");
  } else {
    out.push(`| Stack | ${CHANGE_KINDS.map((k) => KIND_TITLES[k]).join(" | ")} |`);
    out.push(`|---|${CHANGE_KINDS.map(() => "--:").join("|")}|`);
    for (const stack of changed) {
      out.push(`| ${code(stack.stack)}${stackStatus(stack)} | ${CHANGE_KINDS.map((k) => countCell(stack.counts[k], k)).join(" | ")} |`);
    }
    if (changed.length > 1) {
      out.push(`| **Total** | ${CHANGE_KINDS.map((k) => `**${formatCount(report.totals[k])}**`).join(" | ")} |`);
    }
    out.push("");
  }
  if (unchanged.length > 0) {
    out.push(`Unchanged (${unchanged.length}): ${unchanged.map((s) => code(s.stack)).join(", ")}.`, "");
  }
  return out;
}

function stackStatus(stack: StackReview): string {
  return stack.status === "added" ? " (new stack)" : stack.status === "removed" ? " (stack removed)" : "";
}

function countCell(n: number, kind: ChangeKind): string {
  if (n === 0) return "0";
  return kind === "replace" || kind === "delete" ? `**${formatCount(n)}**` : formatCount(n);
}

function detailSection(report: ReviewReport, budget: Budget, stats: CutStats): string[] {
  const out: string[] = [];
  const keep = entriesToKeep(report, budget.maxEntries);
  const changed = report.stacks.filter((s) => s.changes.length > 0);
  if (changed.length > 0) out.push("### Details", "");
  for (const stack of changed) {
    const lines: string[] = [];
    let omitted = 0;
    for (const change of stack.changes) {
      if (keep !== null && !keep.has(change)) {
        omitted += 1;
        continue;
      }
      lines.push(...entryLines(change, budget, stats));
    }
    if (omitted > 0) {
      stats.entries += omitted;
      stats.entriesByStack.set(stack.stack, omitted);
      lines.push(`- … ${formatCount(omitted)} more ${omitted === 1 ? "change" : "changes"} not shown (see the note below).`);
    }
    const total = totalOf(stack.counts);
    out.push(
      "<details>",
      `<summary><code>${escapeHtml(stack.stack)}</code>: ${formatCount(total)} ${total === 1 ? "change" : "changes"}${stackStatus(stack)}</summary>`,
      "",
      ...lines,
      "",
      "</details>",
      "",
    );
  }
  return out;
}

function entryLines(change: ResourceChange, budget: Budget, stats: CutStats): string[] {
  const danger = change.danger ? (change.danger.allowed ? " — **protected, allowed**" : " — **⛔ protected, not allowed**") : "";
  const out = [`- ${ICONS[change.kind]} **${change.kind}** ${code(change.address)}: ${headline(change, code)}${danger}`];
  if (change.replacementSource) out.push(`  - <sub>replacement predicted from: ${escapeHtml(change.replacementSource)}</sub>`);
  if (change.moveProposal) {
    out.push(
      `  - keep it instead: on the new resource${change.moveProposal.constructPath ? ` (construct ${code(change.moveProposal.constructPath)})` : ""} call ${code(`moveFromId(${JSON.stringify(change.previousAddress ?? "")})`)}, which synthesizes:`,
      "",
      "    ```hcl",
      ...change.moveProposal.movedBlock.split("\n").map((l) => `    ${l}`),
      "    ```",
      "",
    );
  }
  if (change.kind === "create" && !budget.createAttributes) {
    if (change.attributes.length > 0) stats.createLists += 1;
    return out;
  }
  const shown = budget.maxAttributes === null ? change.attributes : change.attributes.slice(0, budget.maxAttributes);
  for (const attribute of shown) out.push(`  - ${attributeLine(change, attribute)}`);
  const hidden = change.attributes.length - shown.length;
  if (hidden > 0) {
    stats.attributeLines += hidden;
    out.push(`  - … ${formatCount(hidden)} more attribute ${hidden === 1 ? "change" : "changes"} not shown`);
  }
  return out;
}

function attributeLine(change: ResourceChange, attribute: AttributeChange): string {
  const forces = attribute.forcesReplacement ? " **(forces replacement)**" : attribute.ignored ? " _(ignored: lifecycle.ignore_changes)_" : "";
  if (change.kind === "create") return `${code(attribute.path)} = ${value(attribute.after)}`;
  return `${code(attribute.path)}: ${value(attribute.before)} → ${value(attribute.after)}${forces}`;
}

function value(v: DisplayValue): string {
  if (v.kind === "absent" || v.kind === "sensitive") return `_${v.text}_`;
  return code(v.text);
}

function notesSection(report: ReviewReport): string[] {
  const out: string[] = ["", `<sub>${factsNote(code)} References such as ${code("${var.x}")} are shown as written, never resolved; secrets are shown as _(sensitive)_.</sub>`];
  if (report.warnings.length > 0 || report.unusedAllowances.length > 0) {
    out.push("", "**Notes**", "");
    for (const warning of report.warnings) out.push(`- ${warning}`);
    for (const allowance of report.unusedAllowances) {
      out.push(`- Allowance for ${code(allowance.stack)} ${code(allowance.address)} matches no change; remove it from \`${ALLOWANCES_FILE}\`.`);
    }
  }
  return out;
}

function describeCuts(stats: CutStats, budget: Budget): string | null {
  const parts: string[] = [];
  if (stats.createLists > 0) parts.push(`the attribute lists of ${formatCount(stats.createLists)} created resources`);
  if (stats.attributeLines > 0) parts.push(`${formatCount(stats.attributeLines)} attribute lines beyond the first ${SHRUNK_ATTRIBUTES} of an entry`);
  if (stats.entries > 0) {
    const where = [...stats.entriesByStack.entries()].map(([stack, n]) => `${code(stack)}: ${formatCount(n)}`).join(", ");
    parts.push(budget.details ? `${formatCount(stats.entries)} change entries (${where})` : `all the per-stack details (${formatCount(stats.entries)} change entries: ${where})`);
  }
  if (parts.length === 0) return null;
  return `> [!NOTE]\n> Cut to stay under GitHub's ${formatCount(GITHUB_COMMENT_LIMIT)}-character comment limit: ${parts.join("; ")}. The summary and the dangerous changes are complete. For everything, run \`npm run review -- --format text\` (or \`--format json\`).`;
}

/** A code span that survives backticks and line breaks in the value. */
export function code(text: string): string {
  let shown = text.replace(/\r?\n/g, "⏎");
  if (shown.trim() === "") return "` `";
  if (shown.length > MAX_VALUE_CHARS) shown = `${shown.slice(0, MAX_VALUE_CHARS - 1)}…`;
  const runs = shown.match(/`+/g) ?? [];
  const fence = "`".repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = shown.startsWith("`") || shown.endsWith("`") ? " " : "";
  return `${fence}${pad}${shown}${pad}${fence}`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
