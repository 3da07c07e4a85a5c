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
import { COULD_NOT_RUN, commandLine, parseCommandLine } from "../command-line/program.cjs";
import { probeStateBucket, ProbeError } from "../state-store/probe";
import { BACKEND_VARIABLES, BackendChoiceError, stateBackendFromEnvironment } from "../stacks/state-backend";

const EXIT = { fit: 0, unfit: 1, couldNotRun: COULD_NOT_RUN } as const;

/** Why the check could not run, said in one line. */
class CouldNotRun extends Error {}

/** The command: `argv` without node and the script, `env` the backend choice and credentials. Returns the exit status. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const program = commandLine("state:probe", {
    description:
      "Check the S3 bucket the PSF_ESTATE_* variables name for what the estate's state needs: conditional writes honoured (the lock) and versioning on.",
    exitStatuses: [
      "0  the bucket is fit",
      "1  it is not: it says why",
      "2  could not run: bad arguments, no S3 backend chosen, no credentials, the bucket unreachable",
    ],
  });
  const parsed = parseCommandLine(program, argv);
  if (parsed !== undefined) return parsed;
  try {
    return await probe(env);
  } catch (error) {
    if (!(error instanceof CouldNotRun)) throw error;
    process.stderr.write(`state:probe: could not run: ${error.message}\n`);
    return EXIT.couldNotRun;
  }
}

async function probe(env: NodeJS.ProcessEnv): Promise<number> {
  let backend;
  try {
    backend = stateBackendFromEnvironment(env);
  } catch (error) {
    if (error instanceof BackendChoiceError) throw new CouldNotRun(error.message);
    throw error;
  }
  if (backend.kind !== "s3") throw new CouldNotRun(`${BACKEND_VARIABLES.kind}=s3 is what this checks; it is "${env[BACKEND_VARIABLES.kind] ?? ""}"`);
  const accessKeyId = env["AWS_ACCESS_KEY_ID"] ?? "";
  const secretAccessKey = env["AWS_SECRET_ACCESS_KEY"] ?? "";
  if (accessKeyId === "" || secretAccessKey === "") {
    throw new CouldNotRun(
      'needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with a profile: eval "$(aws configure export-credentials --format env)" first)',
    );
  }
  const sessionToken = env["AWS_SESSION_TOKEN"];
  const where = { bucket: backend.bucket, region: backend.region, ...(backend.endpoint !== undefined ? { endpoint: backend.endpoint } : {}) };
  process.stdout.write(`state:probe: s3://${backend.bucket}/${backend.keyPrefix} at ${backend.endpoint ?? `AWS ${backend.region}`}\n`);
  let result;
  try {
    result = await probeStateBucket(
      where,
      { accessKeyId, secretAccessKey, ...(sessionToken !== undefined && sessionToken !== "" ? { sessionToken } : {}) },
      {
        keyPrefix: backend.keyPrefix,
        ...(backend.kmsKeyId !== undefined ? { kmsKeyId: backend.kmsKeyId } : {}),
      },
    );
  } catch (error) {
    if (error instanceof ProbeError) throw new CouldNotRun(`could not check the bucket: ${error.message}`);
    throw error;
  }
  for (const line of result.lines) process.stdout.write(`  ${line}\n`);
  for (const left of result.leftBehind) process.stdout.write(`  left behind (delete it by hand): ${left}\n`);
  const fit = result.conditionalWrites && result.versioning === "Enabled";
  process.stdout.write(
    fit
      ? "state:probe: fit for the estate's state: conditional writes honoured, versioning on\n"
      : `state:probe: NOT fit for the estate's state: ${[!result.conditionalWrites ? "conditional writes are not honoured, so the lock does not lock" : "", result.versioning !== "Enabled" ? "versioning is not on" : ""].filter((s) => s !== "").join("; ")}\n`,
  );
  return fit ? EXIT.fit : EXIT.unfit;
}

if (require.main === module) {
  main(process.argv.slice(2), process.env).then(
    (status) => (process.exitCode = status),
    (error: unknown) => {
      process.stderr.write(
        `state:probe: could not run: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = EXIT.couldNotRun;
    },
  );
}
