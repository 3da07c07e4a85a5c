import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, type TerraformStack } from "cdktf";

/** Where a stack keeps its Terraform state. */
export type StateBackend =
  /** A state file per stack in the working directory: for a first look and for tests. */
  | { readonly kind: "local" }
  /** Terraform Cloud, one workspace per stack (`<workspacePrefix><stack>`), as the PSF runs Terraform today. */
  | { readonly kind: "cloud"; readonly organization: string; readonly workspacePrefix: string; readonly hostname: string }
  /** An S3 bucket, encrypted, locked with S3's own lock file (and a DynamoDB table if given). */
  | { readonly kind: "s3"; readonly bucket: string; readonly region: string; readonly keyPrefix: string; readonly dynamodbTable?: string };

/** The environment variables that choose the backend; none of them is a secret. */
export const BACKEND_VARIABLES = {
  kind: "PSF_ESTATE_BACKEND",
  cloudOrganization: "PSF_ESTATE_TFC_ORGANIZATION",
  cloudWorkspacePrefix: "PSF_ESTATE_TFC_WORKSPACE_PREFIX",
  cloudHostname: "PSF_ESTATE_TFC_HOSTNAME",
  s3Bucket: "PSF_ESTATE_S3_BUCKET",
  s3Region: "PSF_ESTATE_S3_REGION",
  s3KeyPrefix: "PSF_ESTATE_S3_KEY_PREFIX",
  s3DynamodbTable: "PSF_ESTATE_S3_DYNAMODB_TABLE",
} as const;

/** Thrown for a backend choice that cannot work; the message names the variable. */
export class BackendChoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackendChoiceError";
  }
}

/**
 * Reads the backend choice from the environment, so that choosing one never means editing code.
 * Unset: local. `cloud`: organization `psf`, workspaces `psf-estate-<stack>` unless overridden.
 * `s3`: needs PSF_ESTATE_S3_BUCKET.
 */
export function stateBackendFromEnvironment(env: NodeJS.ProcessEnv): StateBackend {
  const v = BACKEND_VARIABLES;
  const kind = env[v.kind] ?? "local";
  switch (kind) {
    case "local":
      return { kind: "local" };
    case "cloud":
      return {
        kind: "cloud",
        organization: env[v.cloudOrganization] ?? "psf",
        workspacePrefix: env[v.cloudWorkspacePrefix] ?? "psf-estate-",
        hostname: env[v.cloudHostname] ?? "app.terraform.io",
      };
    case "s3": {
      const bucket = env[v.s3Bucket];
      if (bucket === undefined || bucket === "") throw new BackendChoiceError(`${v.kind}=s3 needs ${v.s3Bucket}: the bucket that holds the state`);
      const table = env[v.s3DynamodbTable];
      return {
        kind: "s3",
        bucket,
        region: env[v.s3Region] ?? "us-east-1",
        keyPrefix: env[v.s3KeyPrefix] ?? "psf-estate/",
        ...(table !== undefined && table !== "" ? { dynamodbTable: table } : {}),
      };
    }
    default:
      throw new BackendChoiceError(`${v.kind}="${kind}" is not a backend: use local, cloud or s3`);
  }
}

/** Configures `stack` to keep its state where `backend` says, keyed by the stack's name. */
export function applyStateBackend(stack: TerraformStack, stackName: string, backend: StateBackend): void {
  switch (backend.kind) {
    case "local":
      // Relative to the stack's directory (cdktf.out/stacks/<stack>), so every stack, and every stack's
      // remote-state lookup of another, finds the files at the project root on any machine; cdktf's
      // default is an absolute path, which would make the output differ between checkouts.
      new LocalBackend(stack, { path: `../../../terraform.${stackName}.tfstate` });
      return;
    case "cloud":
      new CloudBackend(stack, {
        hostname: backend.hostname,
        organization: backend.organization,
        workspaces: new NamedCloudWorkspace(`${backend.workspacePrefix}${stackName}`),
      });
      return;
    case "s3":
      new S3Backend(stack, {
        bucket: backend.bucket,
        key: `${backend.keyPrefix}${stackName}.tfstate`,
        region: backend.region,
        encrypt: true,
        ...(backend.dynamodbTable !== undefined ? { dynamodbTable: backend.dynamodbTable } : {}),
      });
      // S3-native locking (Terraform 1.10+); cdktf 0.21's S3Backend has no property for it yet.
      stack.addOverride("terraform.backend.s3.use_lockfile", true);
      return;
  }
}
