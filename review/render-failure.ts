/** What the review prints when it cannot compare (a revision fails to synthesize, bad allowances…). */
import type { Format } from "./render";
import { COMMENT_MARKER } from "./render-markdown";
import { stableStringify } from "./json";

export function renderFailure(format: Format, message: string, output: string): string {
  switch (format) {
    case "json":
      return `${stableStringify({ version: 1, exitStatus: 2, error: { message, output } }, 2)}\n`;
    case "text":
      return `Infrastructure review failed: ${message}\n${output ? `\n${output}\n` : ""}`;
    case "markdown": {
      const runs = output.match(/`{3,}/g) ?? [];
      const fence = "`".repeat(Math.max(3, ...runs.map((r) => r.length + 1)));
      const block = output ? `\n\n${fence}text\n${output}\n${fence}` : "";
      return `${COMMENT_MARKER}\n## Infrastructure review\n\n⚠️ **The review could not run:** ${message}${block}\n`;
    }
  }
}
