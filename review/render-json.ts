/** JSON for tools: the whole report, keys sorted at every depth, plus the exit status it implies. */
import type { ReviewReport } from "./types";
import { reviewExitStatus } from "./engine";
import { stableStringify } from "./json";

/** Bumped when a field changes meaning, so tools reading the output can check it. */
export const REVIEW_JSON_VERSION = 1;

export function renderJson(report: ReviewReport): string {
  return `${stableStringify({ version: REVIEW_JSON_VERSION, exitStatus: reviewExitStatus(report), report }, 2)}\n`;
}
