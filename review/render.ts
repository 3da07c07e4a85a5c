import type { ReviewReport } from "./types";
import { renderJson } from "./render-json";
import { type MarkdownOptions, renderMarkdown } from "./render-markdown";
import { renderText } from "./render-text";

export const FORMATS = ["markdown", "text", "json"] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

export function renderReport(report: ReviewReport, format: Format, markdown: MarkdownOptions = {}): string {
  switch (format) {
    case "markdown":
      return renderMarkdown(report, markdown);
    case "text":
      return renderText(report);
    case "json":
      return renderJson(report);
  }
}
