/*
 * npm run rehearse [-- STACK...] [--plan-only] [--keep-scratch]
 *
 * Rehearses the estate with the real Terraform against the offline provider twin: synthesize, then per stack
 * init, validate, plan and apply into scratch state, then plan again and require no changes. Never a plan of
 * the live estate (for that, see README "Planning and applying with credentials"). PSF_ESTATE_ADOPT=1
 * rehearses an adoption: the import ids come from adoption/import-ids.json, or the file PSF_ESTATE_IMPORT_IDS
 * names. Exit 0 when every stack converged, 1 when a step failed, 2 when it could not run (a usage or setup problem,
 * a twin that died, a killed Terraform, a full disk, an unusable TMPDIR, an interruption).
 */
import { Command } from "commander";
import { join } from "node:path";
import { IMPORT_IDS_VARIABLE } from "../adoption/known-import-ids";
import { onInterrupt, ScratchFolderError } from "../twin/processes";
import { rehearse, type RehearsalResult } from "../twin/rehearsal";
import { TerraformMissingError } from "../twin/terraform-cli";
import { cachedBundle } from "./cached-bundle.cjs";

const root = join(__dirname, "..");
/** The exit status of a rehearsal that could not run: its machinery failed, or it was interrupted. */
const COULD_NOT_RUN = 2;

export const REHEARSAL_BANNER =
  "REHEARSAL against the offline provider twin: the real Terraform plans and applies every stack into scratch state, with made-up values where a cloud would answer. This is not a plan of the live estate.";

export function renderRehearsal(result: RehearsalResult): string {
  const lines: string[] = [REHEARSAL_BANNER, `Terraform ${result.terraformVersion}.`, ""];
  for (const stack of result.stacks) {
    if (stack.plan === undefined) continue;
    lines.push(`=== ${stack.stack}: Terraform's plan ===`, stack.plan.trimEnd(), "");
  }
  lines.push("=== Summary ===");
  const width = Math.max(0, ...result.stacks.map((s) => s.stack.length));
  for (const stack of result.stacks) {
    const verdict = stack.converged === true ? "applied, converged" : stack.applied ? "applied" : "not applied";
    lines.push(`${stack.stack.padEnd(width)}  ${stack.summary ?? "(not planned)"}  [${verdict}]`);
  }
  if (result.scratch !== undefined) lines.push("", `Scratch folder kept: ${result.scratch}`);
  lines.push("");
  if (result.failures.length === 0) {
    lines.push(`Rehearsal passed: ${result.stacks.length} stack(s) in ${result.seconds.toFixed(1)} s.`);
  } else {
    lines.push(`Rehearsal FAILED (${result.failures.length} failure(s), ${result.seconds.toFixed(1)} s):`);
    for (const failure of result.failures) lines.push("", `--- stack ${failure.stack}, step ${failure.step} ---`, failure.message);
  }
  return `${lines.join("\n")}\n`;
}

async function main(): Promise<void> {
  const program = new Command("rehearse")
    .description("Rehearse the estate with Terraform against the offline provider twin")
    .argument("[stacks...]", "stacks to rehearse (with the stacks they read); all when none")
    .option("--plan-only", "stop after each stack's first plan")
    .option("--keep-scratch", "keep the scratch folder and print its path")
    .option("--concurrency <n>", "stacks run at once", (v) => Number(v))
    .parse();
  const opts = program.opts<{ planOnly?: boolean; keepScratch?: boolean; concurrency?: number }>();
  process.stderr.write(`${REHEARSAL_BANNER}\n`);
  let result: RehearsalResult;
  try {
    result = await rehearse({
      root,
      twinBundle: cachedBundle("twin/plugin.ts", "twin", { bundlePackages: true }),
      stacks: program.args,
      planOnly: opts.planOnly === true,
      adopt: process.env.PSF_ESTATE_ADOPT === "1",
      ...(process.env[IMPORT_IDS_VARIABLE] ? { importIdsFile: process.env[IMPORT_IDS_VARIABLE] } : {}),
      env: process.env,
      ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
      keepScratch: opts.keepScratch === true,
      progress: (line) => process.stderr.write(`  ${line}\n`),
    });
  } catch (error) {
    if (error instanceof TerraformMissingError || error instanceof ScratchFolderError) {
      process.stderr.write(`rehearse: could not run: ${error.message}\n`);
      process.exit(COULD_NOT_RUN);
    }
    throw error;
  }
  process.stdout.write(renderRehearsal(result));
  const tooling = result.failures.filter((f) => f.tooling !== undefined);
  if (tooling.length > 0) {
    process.stderr.write(`rehearse: could not run: ${tooling[0]!.tooling} (stack ${tooling[0]!.stack}, ${tooling[0]!.step})\n`);
    process.exitCode = COULD_NOT_RUN;
    return;
  }
  process.exitCode = result.failures.length === 0 ? 0 : 1;
}

if (require.main === module) {
  // Ctrl-C, SIGTERM or SIGHUP: every process ended, the scratch folder removed, and "could not run".
  onInterrupt("rehearse", COULD_NOT_RUN);
  main().catch((error: unknown) => {
    process.stderr.write(`rehearse: could not run: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = COULD_NOT_RUN;
  });
}
