/*
 * Running Terraform for a rehearsal: which binary (PSF_ESTATE_TERRAFORM, else `terraform` on PATH), whether
 * it is recent enough, and one command's outcome.
 */
import { execFileSync } from "node:child_process";
import { runGroup, type CommandOutcome } from "./processes";

/** The oldest Terraform the estate's configuration and the twin are checked with. */
export const MINIMUM_TERRAFORM = "1.10.0";
export const TERRAFORM_VARIABLE = "PSF_ESTATE_TERRAFORM";

export class TerraformMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TerraformMissingError";
  }
}

/** The Terraform binary to run and its version; a clear error when there is none or it is too old. */
export function locateTerraform(env: NodeJS.ProcessEnv): { readonly binary: string; readonly version: string } {
  const binary = env[TERRAFORM_VARIABLE] ?? "terraform";
  let output: string;
  try {
    output = execFileSync(binary, ["version", "-json"], {
      encoding: "utf8",
      env: { ...env, CHECKPOINT_DISABLE: "1" },
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    throw new TerraformMissingError(
      `Terraform ${MINIMUM_TERRAFORM} or later is needed and "${binary}" could not be run: install Terraform, or set ${TERRAFORM_VARIABLE} to its path.`,
    );
  }
  const version = (JSON.parse(output) as { terraform_version?: string }).terraform_version ?? "0.0.0";
  if (compareVersions(version, MINIMUM_TERRAFORM) < 0) {
    throw new TerraformMissingError(
      `Terraform ${MINIMUM_TERRAFORM} or later is needed; "${binary}" is ${version}. Install a newer one, or set ${TERRAFORM_VARIABLE} to its path.`,
    );
  }
  return { binary, version };
}

export function compareVersions(a: string, b: string): number {
  const parse = (v: string): number[] =>
    v
      .replace(/-.*$/, "")
      .split(".")
      .map((n) => Number(n) || 0);
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

export type CommandResult = CommandOutcome;

/** Runs one Terraform command in `cwd`, in a process group of its own (ended on an interruption), and collects what it printed. */
export function runTerraform(binary: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  return runGroup(binary, args, { cwd, env });
}
