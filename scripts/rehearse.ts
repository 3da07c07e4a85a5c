/*
 * npm run rehearse [-- STACK...] [--plan-only] [--keep-scratch] [--concurrency N]
 *
 * Rehearses the estate with the real Terraform against the offline provider twin: synthesize, then per stack
 * init, validate, plan and apply into scratch state, then plan again and require no changes. Never a plan of
 * the live estate (for that, see README "Planning and applying with credentials"). PSF_ESTATE_ADOPT=1
 * rehearses an adoption: the import ids come from adoption/import-ids.json, or the file PSF_ESTATE_IMPORT_IDS
 * names. Exit 0 when every stack converged, 1 when a step failed, 2 when it could not run (a usage or setup problem,
 * an unknown stack, a twin that died, a killed Terraform, a full disk, an unusable TMPDIR, an interruption).
 */
import { join } from "node:path";
import { IMPORT_IDS_VARIABLE } from "../adoption/known-import-ids";
import { diskFullCause, onInterrupt, ScratchFolderError } from "../twin/rehearsal/processes";
import { COULD_NOT_RUN, commandLine, oneLine, parseCommandLine, wholeNumber } from "../command-line/program.cjs";
import { rehearse, UnknownStacksError, type RehearsalResult } from "../twin/rehearsal/rehearse";
import { TerraformMissingError } from "../twin/rehearsal/terraform-cli";
import { cachedBundle } from "../bundling/cached-bundle.cjs";

const root = join(__dirname, "..");

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

/** The command: `argv` without node and the script. Resolves with the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = commandLine("rehearse", {
    description:
      "Rehearse the estate with the real Terraform against the offline provider twin: init, validate, plan and apply every stack into scratch state, then plan again and require no changes. Never a plan of the live estate.",
    exitStatuses: [
      "0  every stack planned, applied and converged",
      "1  a step failed: the stack, the step and Terraform's message are named",
      "2  could not run: bad arguments, an unknown stack, no Terraform, an unusable TMPDIR, a full disk, a provider twin that died, a killed Terraform, an interruption",
    ],
  })
    .argument("[stacks...]", "stacks to rehearse (with the stacks they read); all when none")
    .option("--plan-only", "stop after each stack's first plan (stacks that others read are still applied into scratch state)")
    .option("--keep-scratch", "keep the scratch folder and print its path")
    .option("--concurrency <n>", "how many stacks run at once (default: the machine's cores, at least 2)", wholeNumber(1))
    .addHelpText(
      "after",
      "\nPSF_ESTATE_ADOPT=1 rehearses an adoption (import ids from adoption/import-ids.json, or the file PSF_ESTATE_IMPORT_IDS names).\n",
    );
  const parsed = parseCommandLine(program, argv);
  if (parsed !== undefined) return parsed;
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
    if (error instanceof TerraformMissingError || error instanceof ScratchFolderError || error instanceof UnknownStacksError) {
      process.stderr.write(`rehearse: could not run: ${oneLine(error.message)}\n`);
      return COULD_NOT_RUN;
    }
    const diskFull = diskFullCause(error);
    if (diskFull !== undefined) {
      process.stderr.write(`rehearse: could not run: ${diskFull}\n`);
      return COULD_NOT_RUN;
    }
    throw error;
  }
  process.stdout.write(renderRehearsal(result));
  const tooling = result.failures.find((f) => f.tooling !== undefined);
  if (tooling !== undefined) {
    process.stderr.write(`rehearse: could not run: ${tooling.tooling} (stack ${tooling.stack}, ${tooling.step})\n`);
    return COULD_NOT_RUN;
  }
  return result.failures.length === 0 ? 0 : 1;
}

if (require.main === module) {
  // Ctrl-C, SIGTERM or SIGHUP: every process ended, the scratch folder removed, and "could not run".
  onInterrupt("rehearse", COULD_NOT_RUN);
  main(process.argv.slice(2)).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      process.stderr.write(`rehearse: could not run: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = COULD_NOT_RUN;
    },
  );
}
