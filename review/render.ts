/*
 * The report as Markdown (the pull-request comment), text (the terminal) or JSON (tools: only JSON on standard
 * output), and what each prints when the review could not run. Dangers come first, by class, each with the name a
 * person recognizes, and are never cut; when the Markdown would pass GitHub's comment limit, the change lists are cut
 * and the comment points at the full report.
 */
import type { Allowance } from "./allowances";
import { stableStringify } from "./json";
import type { ChangeGroup, DisplayChange, ReviewReport, StackReport } from "./report";
import type { PlannedAction } from "./terraform-plan";
import type { AttributeDiff } from "./value-diff";
import { DANGER_CLASS_TITLE, DANGER_CLASSES, verdictStatus, type Danger } from "./verdict";

export const FORMATS = ["markdown", "text", "json"] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

/** The JSON report's format version: 3 adds `reviewed` (the configuration's hashes) and danger classes. */
export const REPORT_VERSION = 3;
/** The marker the comment workflow finds its own comment by. */
export const COMMENT_MARKER = "<!-- psf-estate-review -->";
/** GitHub refuses longer comments. */
export const MARKDOWN_LIMIT = 65_536;
/** The exit status of a review that could not run. */
export const COULD_NOT_RUN = 2;

export const REHEARSAL_NOTE =
  "Terraform's own plan of the head against the base revision's state, rehearsed offline against the provider twin (no credentials, no live estate): it shows what the change does to the configuration, not what the live estate holds.";

export interface RenderOptions {
  /** Where the whole report can be read when the Markdown has to be cut (the CI run's artifact). @default `npm run review` */
  readonly fullReport?: string;
  /** The day allowances are suggested from (YYYY-MM-DD). @default today */
  readonly today?: string;
}

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

export function renderReport(report: ReviewReport, format: Format, options: RenderOptions = {}): string {
  switch (format) {
    case "json":
      return `${stableStringify({ version: REPORT_VERSION, exitStatus: verdictStatus(report), ...report }, 2)}\n`;
    case "text":
      return renderText(report);
    case "markdown":
      return renderMarkdown(report, options);
  }
}

export function renderFailure(format: Format, message: string, output: string): string {
  switch (format) {
    case "json":
      return `${stableStringify({ version: REPORT_VERSION, exitStatus: COULD_NOT_RUN, error: { message, output } }, 2)}\n`;
    case "text":
      return `Infrastructure review could not run: ${message}\n${output ? `\n${output}\n` : ""}`;
    case "markdown":
      return `${COMMENT_MARKER}\n## Infrastructure review\n\n⚠️ **The review could not run** (exit status ${COULD_NOT_RUN}: this says nothing about whether the change is safe): ${message}${output ? `\n\n${fence(output)}` : ""}\n`;
  }
}

export function fence(text: string, language = "text"): string {
  const runs = text.match(/`{3,}/g) ?? [];
  const marks = "`".repeat(Math.max(3, ...runs.map((r) => r.length + 1)));
  return `${marks}${language}\n${text}\n${marks}`;
}

/** The allowances that would cover these dangers, one per stack, for a maintainer to complete. */
export function suggestedAllowances(dangers: readonly Danger[], today: string): Allowance[] {
  const byStack = new Map<string, string[]>();
  for (const d of dangers) byStack.set(d.stack, [...new Set([...(byStack.get(d.stack) ?? []), d.subject])]);
  const inThirtyDays = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  return [...byStack].map(([stack, subjects]) => ({
    stack,
    subjects,
    reason: "<why this is intended, with the issue that decided it>",
    expires: inThirtyDays,
  }));
}

export function dangerLine(d: Danger, code: (s: string) => string): string {
  const [first, ...rest] = d.detail.split("\n");
  const tail = rest.length > 0 ? `\n${rest.join("\n")}` : "";
  const allowed = d.allowedBy !== undefined ? ` (allowed on the base branch until ${d.allowedBy.expires}: ${d.allowedBy.reason})` : "";
  return `**${d.name}** (${code(d.stack)} ${code(d.subject)}, ${d.kind}): ${first}${allowed}${tail}`;
}

export function attributeLine(a: AttributeDiff, code: (s: string) => string): string {
  switch (a.change) {
    case "added":
      return `+ ${code(a.path)}: ${code(a.after ?? "")}`;
    case "removed":
      return `- ${code(a.path)}: ${code(a.before ?? "")}`;
    case "changed":
      return `~ ${code(a.path)}: ${code(a.before ?? "")} → ${code(a.after ?? "")}`;
  }
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
  return `${g.names.length} ${g.type} ${ACTION_VERB[g.action]}, each as below: ${g.names.join(", ")}`;
}

function countsLine(counts: Readonly<Record<PlannedAction, number>>): string {
  return (
    ACTION_ORDER.filter((a) => counts[a] > 0)
      .map((a) => `${counts[a]} ${a}`)
      .join(", ") || "no changes"
  );
}

function sortChanges(changes: readonly DisplayChange[]): DisplayChange[] {
  return [...changes].sort(
    (a, b) => ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/** Every line of one stack's changes, attributes included: what the lists show, and what may be cut. */
function stackLines(s: StackReport, code: (s: string) => string, bullet: string, indent: string): string[] {
  return [
    ...s.groups.flatMap((g) => [`${bullet}${groupLine(g)}`, ...g.attributes.map((a) => `${indent}${attributeLine(a, code)}`)]),
    ...sortChanges(s.changes).flatMap((c) => [`${bullet}${changeLine(c)}`, ...c.attributes.map((a) => `${indent}${attributeLine(a, code)}`)]),
    ...s.outputs.map(
      (o) =>
        `${bullet}output ${o.name}: ${o.action === "create" ? "added" : o.action === "delete" ? "removed" : "changes"}${o.sensitive ? " (sensitive)" : ""}`,
    ),
  ];
}

function hashLine(report: ReviewReport): string {
  return `Reviewed configuration ${report.reviewed.configuration} (a deploy applies only a synthesis with this hash: \`npm run deploy\`).`;
}

function renderText(report: ReviewReport): string {
  const lines = [`Infrastructure review: ${report.base} → ${report.head}`, REHEARSAL_NOTE, hashLine(report), ""];
  if (report.noChanges) return `${[...lines, "No changes."].join("\n")}\n`;
  const plain = (s: string): string => s;
  const unallowed = report.dangers.filter((d) => d.allowedBy === undefined);
  if (report.dangers.length > 0) {
    lines.push(`DANGEROUS (${unallowed.length} not allowed, ${report.dangers.length - unallowed.length} allowed):`);
    for (const cls of DANGER_CLASSES) {
      const of = report.dangers.filter((d) => d.class === cls);
      if (of.length === 0) continue;
      lines.push(`  ${DANGER_CLASS_TITLE[cls]}:`);
      for (const d of of) lines.push(`    - ${dangerLine(d, plain).replace(/\*\*/g, "")}`);
    }
    lines.push("");
  }
  for (const a of report.requestedAllowances)
    lines.push(`Requested, not granted (an allowance counts once it is on the base branch): ${a.stack} ${a.subjects.join(", ")}: ${a.reason}`);
  for (const n of report.notes) lines.push(`Note (${n.stack}): ${n.detail}`);
  for (const stack of report.stacks) {
    lines.push("", `${stack.stack}: ${stack.summary} (${countsLine(stack.counts)})`, ...stackLines(stack, (s) => s, "  - ", "      "));
  }
  for (const m of report.moves)
    lines.push(
      "",
      `Rename in ${m.stack}: keep ${m.from} as ${m.to} with moved { from = ${m.from}, to = ${m.to} } (cdktf: moveFromId("${m.from}") on ${m.constructPath ?? m.to})`,
    );
  return `${lines.join("\n")}\n`;
}

function renderMarkdown(report: ReviewReport, options: RenderOptions): string {
  const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
  const head = [
    COMMENT_MARKER,
    "## Infrastructure review",
    "",
    `Base ${code(report.base)} → head ${code(report.head)}; Terraform ${report.terraformVersion}.`,
    "",
    `> ${REHEARSAL_NOTE}`,
    "",
    hashLine(report),
    "",
  ];
  if (report.noChanges) return `${[...head, "**No changes.**"].join("\n")}\n`;
  const top: string[] = [];
  const unallowed = report.dangers.filter((d) => d.allowedBy === undefined);
  if (unallowed.length > 0) {
    top.push(`### ⛔ Dangerous: ${unallowed.length} not allowed`, "");
    for (const cls of DANGER_CLASSES) {
      const of = unallowed.filter((d) => d.class === cls);
      if (of.length > 0) top.push(`#### ${DANGER_CLASS_TITLE[cls]}`, "", ...of.map((d) => `- ${dangerLine(d, code).replace(/\n/g, "\n  ")}`), "");
    }
    const allowable = unallowed.filter((d) => d.class !== "refusal");
    if (allowable.length > 0) {
      top.push(
        "If these are intended, a maintainer lands allowances like these in `review/allowances.json` on the base branch first (see `review/README.md`):",
        "",
        fence(JSON.stringify(suggestedAllowances(allowable, options.today ?? new Date().toISOString().slice(0, 10)), null, 2), "json"),
        "",
      );
    }
  }
  const allowed = report.dangers.filter((d) => d.allowedBy !== undefined);
  if (allowed.length > 0)
    top.push(
      `### Allowed dangerous changes: ${allowed.length}`,
      "",
      ...allowed.map((d) => `- ${DANGER_CLASS_TITLE[d.class]}: ${dangerLine(d, code)}`),
      "",
    );
  if (report.requestedAllowances.length > 0) {
    top.push(
      "### Allowances requested by this change (not granted: an allowance counts once it is on the base branch)",
      "",
      ...report.requestedAllowances.map((a) => `- ${code(a.stack)} ${a.subjects.map(code).join(", ")}: ${a.reason} (expires ${a.expires})`),
      "",
    );
  }
  if (report.notes.length > 0) top.push("### Notes", "", ...report.notes.map((n) => `- ${code(n.stack)}: ${n.detail}`), "");
  top.push(
    "### Summary",
    "",
    "| stack | Terraform's plan | changes |",
    "|---|---|---|",
    ...report.stacks.map((s) => `| ${code(s.stack)} | ${s.summary} | ${countsLine(s.counts)} |`),
    "",
  );
  if (report.moves.length > 0) {
    top.push(
      "### Renames that would destroy and recreate",
      "",
      ...report.moves.map(
        (m) =>
          `- ${code(m.stack)}: ${code(m.from)} → ${code(m.to)}: add ${code(`moved { from = ${m.from}, to = ${m.to} }`)} (cdktf: ${code(`moveFromId("${m.from}")`)} on ${code(m.constructPath ?? m.to)})`,
      ),
      "",
    );
  }
  const details = report.stacks
    .map((s) => ({ title: `<details><summary>${s.stack}: ${countsLine(s.counts)}</summary>`, body: stackLines(s, code, "- ", "  - ") }))
    .filter((d) => d.body.length > 0);
  const where = options.fullReport ?? "`npm run review` on a checkout of the change";
  const assemble = (limit: number): string => {
    const out = [...head, ...top];
    for (const d of details) {
      out.push(d.title, "", ...d.body.slice(0, limit));
      if (d.body.length > limit) out.push(`- … ${d.body.length - limit} more lines: the whole report is in ${where}`);
      out.push("", "</details>", "");
    }
    return `${out.join("\n")}\n`;
  };
  // GitHub's comment limit: the dangers, notes and summary always stay whole; the per-stack lists shrink.
  for (const limit of [Infinity, 400, 100, 20, 0]) {
    const text = assemble(limit);
    if (text.length <= MARKDOWN_LIMIT) return text;
  }
  // Even without any change list the top does not fit: it stays whole in the full report; the comment says so.
  const notice = `\n\n**This report is longer than a comment can hold: read the whole of it, every danger included, in ${where}.**\n`;
  const text = [...head, ...top].join("\n");
  return `${text.slice(0, MARKDOWN_LIMIT - notice.length - 1)}${notice}`;
}
