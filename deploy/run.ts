/*
 * The deploy itself (README, "Deploying what was reviewed"): it synthesizes the estate here with the environment's
 * backend choice, reads the output as data, hashes it (review/reviewed-configuration.ts) and compares it with the
 * review's `reviewed` hashes; then, one stack at a time in dependency order, terraform init, plan -out (printed), and
 * with --apply, after a confirmation, apply of that saved plan, on the checked configurations written afresh into a
 * private scratch folder, which also holds the saved plans (secrets in clear) and is removed at the end.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { isCredentialVariable } from "../provider-schemas/credentials";
import { configurationHashes } from "../review/reviewed-configuration";
import { readSynthesisOutput, SynthesisOutputError, writeSynthesisOutput, type SynthesisOutput } from "../review/synthesis-output";
import { BACKEND_VARIABLES, BackendChoiceError, stateBackendFromEnvironment, type StateBackend } from "../stacks/state-backend";
import { ScratchFolderError } from "../twin/rehearsal/processes";
import { locateTerraform, TerraformMissingError } from "../twin/rehearsal/terraform-cli";
import { deployOrder, refusalReason } from "./comparison";
import { readReviewReport } from "./reviewed-report";
import { checkInterrupted, confirm, runChild, say, type Session } from "./session";
import { DeployStop, EXIT } from "./stop";

const root = join(__dirname, "..");

/**
 * The environment synthesis runs with: the PSF_ESTATE_* choices and the machine's ordinary variables, no credential.
 * Synthesis never needs one, and what it builds must depend on the commit and those choices alone; so the synthesis
 * code (the very code being deployed) is never handed the tokens Terraform is given.
 */
export function synthesisEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (isCredentialVariable(name) || /^CDKTF_/i.test(name)) continue;
    kept[name] = value;
  }
  return kept;
}

export interface DeployOptions {
  readonly reviewed: string;
  readonly apply?: boolean;
  readonly autoApprove?: boolean;
  readonly localStateDir?: string;
}

/** Files Terraform may find in a stack's folder: the checked configuration, and what `terraform init` writes. */
const RUN_FOLDER_ENTRIES = new Set(["cdk.tf.json", ".terraform", ".terraform.lock.hcl"]);

export async function deploy(stacks: readonly string[], options: DeployOptions, environment: NodeJS.ProcessEnv, session: Session): Promise<void> {
  if (options.autoApprove === true && options.apply !== true) throw new DeployStop(EXIT.couldNotRun, "--auto-approve goes with --apply only");
  if (options.apply === true && options.autoApprove !== true && process.stdin.isTTY !== true) {
    throw new DeployStop(
      EXIT.couldNotRun,
      "--apply asks before each apply, and standard input is not a terminal: run it on one, or add --auto-approve",
    );
  }
  let backend: StateBackend;
  try {
    backend = stateBackendFromEnvironment(environment);
  } catch (error) {
    if (error instanceof BackendChoiceError) throw new DeployStop(EXIT.couldNotRun, error.message);
    throw error;
  }
  if (backend.kind === "unchosen") {
    throw new DeployStop(
      EXIT.couldNotRun,
      `${BACKEND_VARIABLES.kind} is not set, so nothing says where the state lives: set ${BACKEND_VARIABLES.kind}=cloud (Terraform Cloud, the PSF's practice), s3 or local (README, "Where state lives")`,
    );
  }
  if (options.localStateDir !== undefined && backend.kind !== "local") {
    throw new DeployStop(
      EXIT.couldNotRun,
      `--local-state-dir is for ${BACKEND_VARIABLES.kind}=local; with ${backend.kind} the state lives where the backend says`,
    );
  }
  const report = readReviewReport(options.reviewed);
  say(`the review report ${options.reviewed}: head ${report.head ?? "(not named)"}, base ${report.base ?? "(not named)"}, exit 0`);

  // Local state lives beside the output folder (`../../../terraform.<stack>.tfstate` from a stack's folder), so the
  // scratch folder is made in the folder that keeps it; any other state is remote, and the scratch folder is private.
  const base = backend.kind === "local" ? resolve(options.localStateDir ?? root) : tmpdir();
  try {
    session.scratch = mkdtempSync(join(base, ".psf-estate-deploy-"));
  } catch (error) {
    throw new DeployStop(EXIT.couldNotRun, new ScratchFolderError(base, error).message);
  }
  const scratch = session.scratch;

  // Synthesis, in a folder of its own, with the backend chosen here.
  say(`synthesizing the estate with ${BACKEND_VARIABLES.kind}=${backend.kind}`);
  const synthesized = join(scratch, "synthesis");
  const synth = await runChild(session, "synthesis", process.execPath, [join(root, "scripts", "synth-app.mjs"), "--output", synthesized], {
    cwd: root,
    env: synthesisEnvironment(environment),
    stdout: "drop",
  });
  checkInterrupted(session, "while synthesizing; nothing was planned");
  if (synth.code !== 0)
    throw new DeployStop(
      EXIT.couldNotRun,
      `synthesis failed (scripts/synth-app.mjs exited ${synth.code}; its messages are above); nothing was planned`,
    );
  let output: SynthesisOutput;
  try {
    output = readSynthesisOutput(synthesized);
  } catch (error) {
    if (error instanceof SynthesisOutputError)
      throw new DeployStop(EXIT.couldNotRun, `the synthesis is not one of this estate: ${error.problems.join("; ")}`);
    throw error;
  }
  rmSync(synthesized, { recursive: true, force: true });

  const known = [...output.configurations.keys()];
  const unknown = stacks.filter((stack) => !output.configurations.has(stack));
  if (unknown.length > 0) throw new DeployStop(EXIT.couldNotRun, `no such stack: ${unknown.join(", ")} (the estate has ${known.join(", ")})`);
  const selection = [...new Set(stacks)];
  const hashes = configurationHashes(output.configurations, backend);
  const why = refusalReason(report.reviewed, hashes, selection);
  if (why !== undefined) {
    throw new DeployStop(
      EXIT.refused,
      `refused, nothing planned: ${why}. Review this commit again and deploy with that review's report (README, "Deploying what was reviewed")`,
    );
  }
  const order = deployOrder(selection.length > 0 ? selection : known, output.dependencies);
  // Every stack of the order is one of the synthesis's (the names asked for are checked above, and a stack reads only stacks of its synthesis).
  const configurationOf = (stack: string) => {
    const configuration = output.configurations.get(stack);
    const hash = hashes.hashes.stacks[stack];
    if (configuration === undefined || hash === undefined)
      throw new DeployStop(EXIT.couldNotRun, `stack ${stack} is to be deployed, but the synthesis has no configuration of it`);
    return { configuration, hash };
  };
  say(
    selection.length > 0
      ? `${order.join(", ")}: the same configuration as reviewed (${order.map((stack) => `${stack} ${configurationOf(stack).hash.slice(0, 19)}…`).join(", ")})`
      : `the whole estate is the configuration reviewed (${hashes.hashes.configuration})`,
  );
  for (const stack of order) {
    const unselected = (output.dependencies.get(stack) ?? []).filter((read) => !order.includes(read));
    if (unselected.length > 0)
      say(`${stack} reads the state of ${unselected.join(", ")} as last applied: not deployed now (name it to deploy it too)`);
  }

  // What Terraform runs on: the checked configurations, written afresh, nothing else.
  writeSynthesisOutput(scratch, {
    configurations: new Map(order.map((stack) => [stack, configurationOf(stack).configuration])),
    dependencies: output.dependencies,
  });
  const written = new Map(order.map((stack) => [stack, readFileSync(join(scratch, "stacks", stack, "cdk.tf.json"), "utf8")]));
  mkdirSync(join(scratch, "plans"), { mode: 0o700 });

  let terraform: { readonly binary: string; readonly version: string };
  try {
    terraform = locateTerraform(environment);
  } catch (error) {
    if (error instanceof TerraformMissingError) throw new DeployStop(EXIT.couldNotRun, error.message);
    throw error;
  }
  if (backend.kind === "cloud") {
    say(
      `state in Terraform Cloud (organization ${backend.organization}, workspaces ${backend.workspacePrefix}<stack>): terraform plan uploads each stack's folder, exactly the configuration checked above, and HCP Terraform runs that`,
    );
  }
  const env: NodeJS.ProcessEnv = { ...environment, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1" };
  const color = process.stdout.isTTY === true ? [] : ["-no-color"];
  const applied: string[] = [];
  const unchanged: string[] = [];
  const planned: string[] = [];
  const progress = (stack: string): string => {
    const rest = order.slice(order.indexOf(stack) + 1);
    return [
      applied.length > 0 ? `applied before it: ${applied.join(", ")}` : "nothing applied before it",
      rest.length > 0 ? `not deployed: ${rest.join(", ")}` : "",
    ]
      .filter((s) => s !== "")
      .join("; ");
  };
  const step = async (stack: string, name: string, args: readonly string[]): Promise<string> => {
    checkInterrupted(session, `before ${stack}'s terraform ${name}; ${progress(stack)}`);
    const dir = join(scratch, "stacks", stack);
    // Nothing but the checked configuration (and init's own files) may be in the folder Terraform reads.
    const extra = readdirSync(dir).filter((entry) => !RUN_FOLDER_ENTRIES.has(entry));
    if (extra.length > 0 || readFileSync(join(dir, "cdk.tf.json"), "utf8") !== written.get(stack)) {
      throw new DeployStop(
        EXIT.couldNotRun,
        `${stack}: its folder changed after the check (${extra.length > 0 ? extra.join(", ") : "cdk.tf.json"}), so it is no longer what was reviewed; ${progress(stack)}`,
      );
    }
    say(`${stack}: terraform ${[name, ...args].join(" ")}`);
    const result = await runChild(session, "terraform", terraform.binary, [name, ...args], { cwd: dir, env, stdout: "pass" });
    checkInterrupted(session, `during ${stack}'s terraform ${name}; ${progress(stack)}`);
    if (result.code !== 0)
      throw new DeployStop(
        EXIT.couldNotRun,
        `${stack}: terraform ${name} failed (exit ${result.code}; Terraform's messages are above); ${progress(stack)}`,
      );
    return result.stdout;
  };

  for (const stack of order) {
    await step(stack, "init", ["-input=false", ...color]);
    const plan = join(scratch, "plans", `${stack}.tfplan`);
    say(`${stack}: saving the plan in ${plan} (secrets in clear; the folder is removed at the end)`);
    const shown = await step(stack, "plan", ["-input=false", `-out=${plan}`, ...color]);
    planned.push(stack);
    if (options.apply !== true) continue;
    if (/^No changes\./m.test(withoutAnsi(shown))) {
      say(`${stack}: no changes, nothing to apply`);
      unchanged.push(stack);
      continue;
    }
    if (options.autoApprove !== true) {
      const yes = await confirm(session, `Apply this plan to ${stack}? Only 'yes' will be accepted: `);
      checkInterrupted(session, `while asking to apply ${stack}; ${progress(stack)}`);
      if (!yes) throw new DeployStop(EXIT.refused, `${stack}: not applied, as answered; ${progress(stack)}`);
    }
    await step(stack, "apply", ["-input=false", ...color, plan]);
    applied.push(stack);
  }
  say(
    options.apply === true
      ? `done: applied ${applied.length > 0 ? applied.join(", ") : "nothing"}${unchanged.length > 0 ? `; no changes in ${unchanged.join(", ")}` : ""}`
      : `done: planned ${planned.join(", ")}; nothing applied (add --apply)`,
  );
}

function withoutAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex -- ESC (\u001b) is what starts the ANSI colour codes removed here
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}
