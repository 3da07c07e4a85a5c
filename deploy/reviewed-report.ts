/*
 * The review's JSON report as the deploy reads it (`npm run --silent review -- --format json`, or review.json of CI's
 * review-report artifact): a clean review's reviewed hashes, or why the deploy stops.
 */
import { lstatSync, readFileSync } from "node:fs";
import { z } from "zod";
import type { ConfigurationHashes } from "../review/reviewed-configuration";
import { DeployStop, EXIT } from "./stop";

/** How large a report may be: far above any review's, far below what would hurt the machine. */
const REPORT_LIMIT_BYTES = 64 * 1024 * 1024;
const HASH = z.string().regex(/^sha256:[0-9a-f]{64}$/, "not a sha256:<64 hex> hash");
/** The part of the review's JSON report (`npm run --silent review -- --format json`) the deploy reads. */
const reportSchema = z
  .object({
    exitStatus: z.number().int(),
    reviewed: z.object({ configuration: HASH, stacks: z.record(z.string(), HASH) }).optional(),
    head: z.string().optional(),
    base: z.string().optional(),
  })
  .passthrough();

export interface ReviewedReport {
  readonly reviewed: ConfigurationHashes;
  readonly head?: string;
  readonly base?: string;
}

const REVIEW_STATUS: Readonly<Record<number, string>> = { 1: "a dangerous change left unallowed", 2: "the review could not run" };

/** Reads the review's report: a clean review's reviewed hashes, or why not (1: not clean; 2: not a usable report). */
export function readReviewReport(file: string): ReviewedReport {
  let text: string;
  try {
    const stats = lstatSync(file);
    if (!stats.isFile()) throw new DeployStop(EXIT.couldNotRun, `--reviewed ${file} is not a file`);
    if (stats.size > REPORT_LIMIT_BYTES)
      throw new DeployStop(EXIT.couldNotRun, `--reviewed ${file} has ${stats.size} bytes, more than any review report (${REPORT_LIMIT_BYTES})`);
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof DeployStop) throw error;
    throw new DeployStop(
      EXIT.couldNotRun,
      `cannot read the review report --reviewed ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw new DeployStop(
      EXIT.couldNotRun,
      `--reviewed ${file} is not JSON: give the review's JSON report (npm run --silent review -- --format json, or review.json of CI's review-report artifact)`,
    );
  }
  const parsed = reportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DeployStop(
      EXIT.couldNotRun,
      `--reviewed ${file} is not a review's JSON report (${issue === undefined ? "" : `${issue.path.join(".") || "top level"}: ${issue.message}`})`,
    );
  }
  const report = parsed.data;
  if (report.exitStatus !== 0) {
    throw new DeployStop(
      EXIT.refused,
      `refused, nothing planned: the review in ${file} exited ${report.exitStatus} (${REVIEW_STATUS[report.exitStatus] ?? "not a review's exit status"}), and only a configuration the review passed (exit 0) is deployed; deal with what it found, then review again`,
    );
  }
  if (report.reviewed === undefined) {
    throw new DeployStop(
      EXIT.couldNotRun,
      `--reviewed ${file} names no reviewed configuration (no "reviewed" hashes): it comes from a review older than the deploy; review again`,
    );
  }
  return {
    reviewed: report.reviewed,
    ...(report.head !== undefined ? { head: report.head } : {}),
    ...(report.base !== undefined ? { base: report.base } : {}),
  };
}
