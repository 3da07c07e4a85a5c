/**
 * Checks the S3 bucket the environment's backend choice names (PSF_ESTATE_BACKEND=s3, PSF_ESTATE_S3_*) for what the
 * estate's state needs: conditional writes honoured (Terraform's `use_lockfile` locks with them) and versioning on.
 * It writes as Terraform's lock does, under the state's key prefix, and removes what it wrote.
 *
 *   PSF_ESTATE_BACKEND=s3 PSF_ESTATE_S3_BUCKET=... PSF_ESTATE_S3_KMS_KEY_ID=... npm run state:probe
 *
 * Credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN). With a profile or SSO, export them
 * first (`eval "$(aws configure export-credentials --format env)"`), or follow the README's AWS CLI recipe.
 *
 * Exit status: 0 the bucket is fit; 1 it is not (it says why); 2 the check could not run.
 */
import { Command } from "commander";
import { probeStateBucket, ProbeError } from "../state-store/probe";
import { BACKEND_VARIABLES, BackendChoiceError, stateBackendFromEnvironment } from "../stacks/state-backend";

const EXIT = { fit: 0, unfit: 1, couldNotRun: 2 } as const;

function stop(message: string): never {
  process.stderr.write(`state:probe: ${message}\n`);
  process.exit(EXIT.couldNotRun);
}

async function main(env: NodeJS.ProcessEnv): Promise<number> {
  let backend;
  try {
    backend = stateBackendFromEnvironment(env);
  } catch (error) {
    if (error instanceof BackendChoiceError) stop(error.message);
    throw error;
  }
  if (backend.kind !== "s3") stop(`${BACKEND_VARIABLES.kind}=s3 is what this checks; it is "${env[BACKEND_VARIABLES.kind] ?? ""}"`);
  const accessKeyId = env["AWS_ACCESS_KEY_ID"] ?? "";
  const secretAccessKey = env["AWS_SECRET_ACCESS_KEY"] ?? "";
  if (accessKeyId === "" || secretAccessKey === "") {
    stop("needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with a profile: eval \"$(aws configure export-credentials --format env)\" first)");
  }
  const sessionToken = env["AWS_SESSION_TOKEN"];
  const where = { bucket: backend.bucket, region: backend.region, ...(backend.endpoint !== undefined ? { endpoint: backend.endpoint } : {}) };
  process.stdout.write(`state:probe: s3://${backend.bucket}/${backend.keyPrefix} at ${backend.endpoint ?? `AWS ${backend.region}`}\n`);
  let result;
  try {
    result = await probeStateBucket(where, { accessKeyId, secretAccessKey, ...(sessionToken !== undefined && sessionToken !== "" ? { sessionToken } : {}) }, {
      keyPrefix: backend.keyPrefix,
      ...(backend.kmsKeyId !== undefined ? { kmsKeyId: backend.kmsKeyId } : {}),
    });
  } catch (error) {
    if (error instanceof ProbeError) stop(`could not check the bucket: ${error.message}`);
    throw error;
  }
  for (const line of result.lines) process.stdout.write(`  ${line}\n`);
  for (const left of result.leftBehind) process.stdout.write(`  left behind (delete it by hand): ${left}\n`);
  const fit = result.conditionalWrites && result.versioning === "Enabled";
  process.stdout.write(fit
    ? "state:probe: fit for the estate's state: conditional writes honoured, versioning on\n"
    : `state:probe: NOT fit for the estate's state: ${[!result.conditionalWrites ? "conditional writes are not honoured, so the lock does not lock" : "", result.versioning !== "Enabled" ? "versioning is not on" : ""].filter((s) => s !== "").join("; ")}\n`);
  return fit ? EXIT.fit : EXIT.unfit;
}

new Command("state:probe")
  .description("Check the S3 bucket PSF_ESTATE_* names: conditional writes (the lock) and versioning. Exit 0 fit, 1 not fit, 2 could not run.")
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT.couldNotRun))
  .action(async () => {
    process.exitCode = await main(process.env);
  })
  .parseAsync(process.argv)
  .catch((error: unknown) => stop((error as Error).message));
