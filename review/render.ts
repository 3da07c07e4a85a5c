/*
 * The report as Markdown (the pull-request comment), text (the terminal) or JSON (tools: only JSON on
 * standard output), and what each prints when the review could not run.
 */
import type { Allowance } from "./allowances";
import { stableStringify } from "./json";
import type { ChangeGroup, Danger, DisplayChange, ReviewReport } from "./report";
import type { PlannedAction } from "./terraform-plan";

export const FORMATS = ["markdown", "text", "json"] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

/** The marker the comment workflow finds its own comment by. */
export const COMMENT_MARKER = "<!-- psf-estate-review -->";
/** GitHub refuses longer comments. */
export const MARKDOWN_LIMIT = 65_536;

export const REHEARSAL_NOTE =
  "Terraform's own plan of the head against the base revision's state, rehearsed offline against the provider twin (no credentials, no live estate): it shows what the change does to the configuration, not what the live estate holds.";

const ACTION_ORDER: readonly PlannedAction[] = ["replace", "delete", "forget", "move", "import", "update", "create"];
const ACTION_VERB: Readonly<Record<PlannedAction, string>> = {
  create: "created",
  update: "updated in place",
  replace: "REPLACED (destroyed, then created)",
  delete: "DESTROYED",
  move: "moved",
  import: "imported",
  forget: "forgotten (left in the cloud, removed from state)",
};

export function renderReport(report: ReviewReport, format: Format): string {
  switch (format) {
    case "json":
      return `${stableStringify({ version: 2, exitStatus: report.dangers.some((d) => d.allowedBy === undefined) ? 1 : 0, ...report }, 2)}\n`;
    case "text":
      return renderText(report);
    case "markdown":
      return renderMarkdown(report);
  }
}

export function renderFailure(format: Format, message: string, output: string): string {
  switch (format) {
    case "json":
      return `${stableStringify({ version: 2, exitStatus: 2, error: { message, output } }, 2)}\n`;
    case "text":
      return `Infrastructure review failed: ${message}\n${output ? `\n${output}\n` : ""}`;
    case "markdown":
      return `${COMMENT_MARKER}\n## Infrastructure review\n\n⚠️ **The review could not run:** ${message}${output ? `\n\n${fence(output)}` : ""}\n`;
  }
}

function fence(text: string, language = "text"): string {
  const runs = text.match(/`{3,}/g) ?? [];
  const marks = "`".repeat(Math.max(3, ...runs.map((r) => r.length + 1)));
  return `${marks}${language}\n${text}\n${marks}`;
}

/** The allowances that would cover these dangers, one per stack, for a maintainer to complete. */
export function suggestedAllowances(dangers: readonly Danger[]): Allowance[] {
  const byStack = new Map<string, string[]>();
  for (const d of dangers) byStack.set(d.stack, [...new Set([...(byStack.get(d.stack) ?? []), d.subject])]);
  const inThirtyDays = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  return [...byStack].map(([stack, subjects]) => ({ stack, subjects, reason: "<why this is intended, with the issue that decided it>", expires: inThirtyDays }));
}

function allowanceText(a: Allowance): string {
  return `allowed on the base branch until ${a.expires}: ${a.reason}`;
}

function dangerLine(d: Danger, code: (s: string) => string): string {
  const where = `${code(d.stack)} ${code(d.subject)}`;
  const [first, ...rest] = d.detail.split("\n");
  const tail = rest.length > 0 ? `\n${rest.join("\n")}` : "";
  return `${where}: ${first}${d.allowedBy !== undefined ? ` (${allowanceText(d.allowedBy)})` : ""}${tail}`;
}

function changeLine(c: DisplayChange): string {
  const extra = [
    c.previousAddress !== undefined ? `from ${c.previousAddress}` : undefined,
    c.importId !== undefined ? `import id ${c.importId}` : undefined,
    c.reason !== undefined ? `because ${c.reason}` : undefined,
    c.replacePaths.length > 0 ? `forced by ${c.replacePaths.join(", ")}` : undefined,
  ].filter((x) => x !== undefined);
  return `${c.name}: ${ACTION_VERB[c.action]}${extra.length > 0 ? ` (${extra.join("; ")})` : ""} [${c.address}${c.constructPath !== undefined ? `, ${c.constructPath}` : ""}]`;
}

function groupLine(g: ChangeGroup): string {
  const what = g.attributes.map((a) => `${a.path}: ${a.before === "" ? "" : `${a.before} → `}${a.after}`).join("; ");
  const names = g.names.length > 6 ? `${g.names.slice(0, 6).join(", ")} and ${g.names.length - 6} more` : g.names.join(", ");
  return `${g.names.length} ${g.type} ${ACTION_VERB[g.action]}${what !== "" ? `, each: ${what}` : ""} (${names})`;
}

function countsLine(counts: Readonly<Record<PlannedAction, number>>): string {
  return ACTION_ORDER.filter((a) => counts[a] > 0).map((a) => `${counts[a]} ${a}`).join(", ") || "no changes";
}

function renderText(report: ReviewReport): string {
  const lines = [`Infrastructure review: ${report.base} → ${report.head}`, REHEARSAL_NOTE, ""];
  if (report.noChanges) return `${[...lines, "No changes."].join("\n")}\n`;
  const unallowed = report.dangers.filter((d) => d.allowedBy === undefined);
  if (report.dangers.length > 0) {
    lines.push(`DANGEROUS (${unallowed.length} not allowed, ${report.dangers.length - unallowed.length} allowed):`);
    for (const d of report.dangers) lines.push(`  - ${dangerLine(d, (s) => s)}`);
    lines.push("");
  }
  for (const a of report.requestedAllowances) lines.push(`Requested, not granted (an allowance counts once it is on the base branch): ${a.stack} ${a.subjects.join(", ")}: ${a.reason}`);
  for (const n of report.notes) lines.push(`Note (${n.stack}): ${n.detail}`);
  for (const stack of report.stacks) {
    lines.push("", `${stack.stack}: ${stack.summary} (${countsLine(stack.counts)})`);
    for (const g of stack.groups) lines.push(`  - ${groupLine(g)}`);
    for (const c of sortChanges(stack.changes)) {
      lines.push(`  - ${changeLine(c)}`);
      for (const a of c.attributes.slice(0, 12)) lines.push(`      ${a.path}: ${a.before === "" ? "" : `${a.before} → `}${a.after}`);
    }
  }
  for (const m of report.moves) lines.push("", `Rename in ${m.stack}: keep ${m.from} as ${m.to} with moved { from = ${m.from}, to = ${m.to} } (cdktf: moveFromId("${m.from}") on ${m.constructPath ?? m.to})`);
  return `${lines.join("\n")}\n`;
}

function sortChanges(changes: readonly DisplayChange[]): DisplayChange[] {
  return [...changes].sort((a, b) => ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function renderMarkdown(report: ReviewReport): string {
  const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
  const head = [COMMENT_MARKER, "## Infrastructure review", "", `Base ${code(report.base)} → head ${code(report.head)}; Terraform ${report.terraformVersion}.`, "", `> ${REHEARSAL_NOTE}`, ""];
  if (report.noChanges) return `${[...head, "**No changes.**"].join("\n")}\n`;
  const top: string[] = [];
  const unallowed = report.dangers.filter((d) => d.allowedBy === undefined);
  if (unallowed.length > 0) {
    top.push(`### ⛔ Dangerous: ${unallowed.length} not allowed`, "", ...unallowed.map((d) => `- ${dangerLine(d, code).replace(/\n/g, "\n  ")}`), "");
    const allowable = unallowed.filter((d) => d.kind !== "terraform-refuses");
    if (allowable.length > 0) {
      top.push("If these are intended, a maintainer lands allowances like these in `review/allowances.json` on the base branch first (see `review/README.md`):", "", fence(JSON.stringify(suggestedAllowances(allowable), null, 2), "json"), "");
    }
  }
  const allowed = report.dangers.filter((d) => d.allowedBy !== undefined);
  if (allowed.length > 0) top.push(`### Allowed dangerous changes: ${allowed.length}`, "", ...allowed.map((d) => `- ${dangerLine(d, code)}`), "");
  if (report.requestedAllowances.length > 0) {
    top.push("### Allowances requested by this change (not granted: an allowance counts once it is on the base branch)", "", ...report.requestedAllowances.map((a) => `- ${code(a.stack)} ${a.subjects.map(code).join(", ")}: ${a.reason} (expires ${a.expires})`), "");
  }
  if (report.notes.length > 0) top.push("### Outside Terraform's plan", "", ...report.notes.map((n) => `- ${code(n.stack)}: ${n.detail}`), "");
  top.push("### Summary", "", "| stack | Terraform's plan | changes |", "|---|---|---|", ...report.stacks.map((s) => `| ${code(s.stack)} | ${s.summary} | ${countsLine(s.counts)} |`), "");
  if (report.moves.length > 0) {
    top.push("### Renames that would destroy and recreate", "", ...report.moves.map((m) => `- ${code(m.stack)}: ${code(m.from)} → ${code(m.to)}: add ${code(`moved { from = ${m.from}, to = ${m.to} }`)} (cdktf: ${code(`moveFromId("${m.from}")`)} on ${code(m.constructPath ?? m.to)})`), "");
  }
  const details = report.stacks.filter((s) => s.groups.length + s.changes.length > 0).map((s) => {
    const body = [
      ...s.groups.map((g) => `- ${groupLine(g)}`),
      ...sortChanges(s.changes).map((c) => `- ${changeLine(c)}${c.attributes.length > 0 ? `\n${c.attributes.slice(0, 10).map((a) => `  - ${code(a.path)}: ${a.before === "" ? "" : `${code(a.before)} → `}${code(a.after)}`).join("\n")}${c.attributes.length > 10 ? `\n  - … ${c.attributes.length - 10} more` : ""}` : ""}`),
    ];
    return { title: `<details><summary>${s.stack}: ${countsLine(s.counts)}</summary>`, body };
  });
  const assemble = (limit: number): string => {
    const out = [...head, ...top];
    for (const d of details) out.push(d.title, "", ...d.body.slice(0, limit), ...(d.body.length > limit ? [`- … ${d.body.length - limit} more (see the job summary or run \`npm run review\`)`] : []), "", "</details>", "");
    return `${out.join("\n")}\n`;
  };
  // GitHub's comment limit: the dangers, notes and summary always stay; the per-stack lists shrink.
  for (const limit of [Infinity, 200, 50, 10, 0]) {
    const text = assemble(limit);
    if (text.length <= MARKDOWN_LIMIT) return text;
  }
  return `${assemble(0).slice(0, MARKDOWN_LIMIT - 200)}\n\n… (cut to GitHub's comment limit)\n`;
}
