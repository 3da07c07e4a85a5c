/*
 * npm run deploy -- --reviewed review.json [stack...] [--apply] [--auto-approve] [--local-state-dir DIR]
 *
 * Plans, and with --apply applies, only a configuration whose content hash equals the one a review judged
 * (README, "Deploying what was reviewed"; the work is deploy/run.ts). The saved plans hold secrets in clear: they live
 * in a private scratch folder, removed at the end, on Ctrl-C and SIGTERM too.
 *
 * Exit status: 0 done; 1 refused (the review was not clean, this is not what it reviewed, or the apply was
 * declined); 2 could not run (bad arguments, no backend chosen, an unusable report, no Terraform, a failed synthesis
 * or Terraform command, an interruption).
 */
import { commandLine, oneLine, parseCommandLine } from "../command-line/program.cjs";
import { deploy, type DeployOptions } from "../deploy/run";
import { installSignalHandlers, removeSessionScratch, say, type Session } from "../deploy/session";
import { DeployStop, EXIT } from "../deploy/stop";
import { BACKEND_VARIABLES } from "../stacks/state-backend";
import { killGroup } from "../twin/rehearsal/processes";

/** What --help says after the exit statuses: which stacks go, where their state lives, where the plans are kept. */
const MORE_HELP = `
Stacks: the named ones only, in dependency order; a stack they read is not deployed with them (name it too), and
its state is read as last applied. With no stack named, every stack, and the whole estate's hash must match.
State: PSF_ESTATE_BACKEND=cloud (Terraform Cloud, organization psf: the PSF's practice; terraform plan uploads the
stack's folder, exactly the configuration checked here, and HCP Terraform runs it), s3 or local.
Saved plans hold the configuration's secrets in clear: they live in a private scratch folder removed at the end.
`;

/** The command: `argv` without node and the script, `env` the environment it reads its choices and credentials from. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const program = commandLine("deploy", {
    description: "Plan, and with --apply apply, the estate only if its configuration is the one a clean review judged.",
    exitStatuses: [
      "0  done: every selected stack planned (and with --apply, applied, or had no changes)",
      "1  refused: the review was not clean (its exitStatus is not 0), or the configuration synthesized here is not",
      "   the one it reviewed (the stacks that differ are named) or departs from the estate's state convention:",
      "   nothing was planned; or an apply was declined at the prompt: that stack and the ones after it are not applied",
      "2  could not run: bad arguments, no backend chosen (PSF_ESTATE_BACKEND), an unreadable report, no Terraform,",
      "   a failed synthesis or Terraform command, or an interruption (Ctrl-C, SIGTERM)",
    ],
  })
    .argument("[stacks...]", "stacks to deploy, in dependency order (all when none)")
    .requiredOption(
      "--reviewed <file>",
      "the review's JSON report (npm run --silent review -- --format json; CI: review.json of the review-report artifact)",
    )
    .option("--apply", "apply each saved plan, after a confirmation on the terminal")
    .option("--auto-approve", "with --apply: apply without asking (the deploy workflow)")
    .option(
      "--local-state-dir <dir>",
      `with ${BACKEND_VARIABLES.kind}=local: the folder holding terraform.<stack>.tfstate (default: the project root)`,
    )
    .addHelpText("after", MORE_HELP);
  const parsed = parseCommandLine(program, argv);
  if (parsed !== undefined) return parsed;
  const session: Session = {};
  const uninstall = installSignalHandlers(session);
  try {
    await deploy(program.args, program.opts<DeployOptions>(), env, session);
    return EXIT.done;
  } catch (error) {
    if (error instanceof DeployStop) {
      say(oneLine(error.message));
      return error.status;
    }
    say(`could not run: ${oneLine(error instanceof Error ? error.message : String(error))}`);
    return EXIT.couldNotRun;
  } finally {
    if (session.child !== undefined) killGroup(session.child, "SIGKILL");
    removeSessionScratch(session);
    uninstall();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      say(`could not run: ${oneLine(error instanceof Error ? error.message : String(error))}`);
      process.exitCode = EXIT.couldNotRun;
    },
  );
}
