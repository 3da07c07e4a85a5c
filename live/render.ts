/*
 * The live reports (adoption, drift) as Markdown, text or JSON, with the review's renderer's pieces: its danger lines
 * by class, its attribute lines (element by element, secrets masked), its fences (review/render.ts).
 */
import { attributeLine, dangerLine, fence, type Format } from "../review/render";
import { stableStringify } from "../review/json";
import { DANGER_CLASS_TITLE, DANGER_CLASSES, type Danger } from "../review/verdict";
import { adoptionStatus, OUTCOME_ORDER, OUTCOME_TITLE, type AdoptedResource, type AdoptionReport } from "./adoption";
import { driftStatus, type DriftReport } from "./drift";

/** The JSON reports' format version. */
export const LIVE_REPORT_VERSION = 1;

interface Style {
  readonly code: (s: string) => string;
  readonly heading: (level: number, text: string) => string;
}

const STYLES: Readonly<Record<Exclude<Format, "json">, Style>> = {
  text: { code: (s) => s, heading: (level, text) => (level <= 2 ? `${text}\n${"=".repeat(Math.min(text.length, 100))}` : `${text}:`) },
  markdown: { code: (s) => `\`${s.replace(/`/g, "'")}\``, heading: (level, text) => `${"#".repeat(level)} ${text}` },
};

function dangerSection(dangers: readonly Danger[], style: Style): string[] {
  if (dangers.length === 0) return [];
  const lines = [style.heading(3, `Dangerous, as the review judges it: ${dangers.length}`), ""];
  for (const cls of DANGER_CLASSES) {
    const of = dangers.filter((d) => d.class === cls);
    if (of.length > 0)
      lines.push(style.heading(4, DANGER_CLASS_TITLE[cls]), "", ...of.map((d) => `- ${dangerLine(d, style.code).replace(/\n/g, "\n  ")}`), "");
  }
  return lines;
}

function resourceLines(r: AdoptedResource, style: Style): string[] {
  const head = `- ${r.name} [${r.address}${r.importId !== undefined ? `, import id ${r.importId}` : ""}]${r.why !== undefined ? `: ${r.why}` : ""}`;
  return [
    head,
    ...r.attributes.map((a) => `  - ${attributeLine(a, style.code)}${a.inventory !== undefined ? ` (the code's value from ${a.inventory})` : ""}`),
    ...(r.recomputed.length > 0 ? [`  - computed again by the provider at apply: ${r.recomputed.map(style.code).join(", ")}`] : []),
    ...(r.notCompared.length > 0 ? [`  - not compared (the snapshot withholds secrets): ${r.notCompared.map(style.code).join(", ")}`] : []),
  ];
}

export function renderAdoption(report: AdoptionReport, format: Format): string {
  if (format === "json")
    return `${stableStringify({ version: LIVE_REPORT_VERSION, kind: "adoption", exitStatus: adoptionStatus(report), ...report }, 2)}\n`;
  const style = STYLES[format];
  const lines = [
    style.heading(2, "Adoption of the live estate"),
    "",
    `What adopting ${report.live} would do, as Terraform ${report.terraformVersion} plans the code with an import block for every resource found live. Nothing was applied.`,
    "",
  ];
  lines.push(...dangerSection(report.dangers, style));
  const count = (outcome: string): number => report.stacks.reduce((n, s) => n + s.resources.filter((r) => r.outcome === outcome).length, 0);
  lines.push(style.heading(3, "Summary"), "", ...OUTCOME_ORDER.filter((o) => count(o) > 0).map((o) => `- ${OUTCOME_TITLE[o]}: ${count(o)}`), "");
  for (const stack of report.stacks) {
    lines.push(style.heading(3, `${stack.stack}: ${stack.summary}`), "");
    if (stack.failure !== undefined) lines.push(format === "markdown" ? fence(stack.failure) : stack.failure, "");
    for (const outcome of OUTCOME_ORDER) {
      const of = stack.resources.filter((r) => r.outcome === outcome);
      if (of.length === 0) continue;
      lines.push(`${OUTCOME_TITLE[outcome]} (${of.length}):`);
      lines.push(...(outcome === "adopted" ? [`- ${of.map((r) => r.name).join(", ")}`] : of.flatMap((r) => resourceLines(r, style))), "");
    }
  }
  if (report.idsByHand.length > 0)
    lines.push(
      `Types whose live ids cannot be discovered, given by hand in adoption/import-ids.json: ${report.idsByHand.map(style.code).join(", ")}.`,
      "",
    );
  lines.push(
    adoptionStatus(report) === 0 ? "Adoption destroys and replaces nothing (exit 0)." : "Adoption would DESTROY or REPLACE something (exit 1).",
  );
  return `${lines.join("\n")}\n`;
}

export function renderDrift(report: DriftReport, format: Format): string {
  if (format === "json")
    return `${stableStringify({ version: LIVE_REPORT_VERSION, kind: "drift", exitStatus: driftStatus(report), ...report }, 2)}\n`;
  const style = STYLES[format];
  const lines = [
    style.heading(2, "Drift of the live estate"),
    "",
    `What changed outside the code: Terraform ${report.terraformVersion}'s refresh-only plan of each stack's state against ${report.live}. Nothing was applied.`,
    "",
  ];
  lines.push(...dangerSection(report.dangers, style));
  lines.push(
    style.heading(3, "Summary"),
    "",
    ...report.stacks.map(
      (s) =>
        `- ${style.code(s.stack)}: ${s.failure !== undefined ? `could not be planned (${s.summary})` : s.changes.length === 0 ? "no drift" : `${s.changes.length} object(s) changed outside the code`}`,
    ),
    "",
  );
  for (const stack of report.stacks.filter((s) => s.changes.length > 0 || s.failure !== undefined)) {
    lines.push(style.heading(3, stack.stack), "");
    if (stack.failure !== undefined) lines.push(format === "markdown" ? fence(stack.failure) : stack.failure, "");
    for (const change of stack.changes) {
      lines.push(
        `- ${change.name} [${change.address}]: ${change.action === "delete" ? "DELETED outside the code (gone live)" : "changed outside the code (state → live)"}`,
      );
      lines.push(...change.attributes.map((a) => `  - ${attributeLine(a, style.code)}`));
    }
    lines.push("");
  }
  const status = driftStatus(report);
  lines.push(status === 0 ? "No drift (exit 0)." : status === 1 ? "Drift (exit 1)." : "Some stacks could not be planned (exit 2).");
  return `${lines.join("\n")}\n`;
}
