import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TerraformVariable, type TerraformStack } from "cdktf";

/** Where a stack keeps its Terraform state. */
export type StateBackend =
  /** A state file per stack in the working directory, chosen deliberately (PSF_ESTATE_BACKEND=local, the tests, the rehearsal). */
  | { readonly kind: "local" }
  /**
   * Nobody chose: PSF_ESTATE_BACKEND was unset. State files as with `local`, so that synthesis and a first look
   * work offline, but Terraform refuses to plan or apply the configuration (see NO_BACKEND_GUARD), so that the
   * live estate's state never ends up on a laptop by omission.
   */
  | { readonly kind: "unchosen" }
  /** Terraform Cloud, one workspace per stack (`<workspacePrefix><stack>`), as the PSF runs Terraform today. */
  | { readonly kind: "cloud"; readonly organization: string; readonly workspacePrefix: string; readonly hostname: string }
  /** An S3 bucket, encrypted, locked with S3's own lock file (and a DynamoDB table if given). */
  | {
      readonly kind: "s3";
      readonly bucket: string;
      readonly region: string;
      readonly keyPrefix: string;
      readonly dynamodbTable?: string;
      /** The KMS key (id, ARN or alias ARN) that encrypts the state objects. @default S3's own key (SSE-S3) */
      readonly kmsKeyId?: string;
      /**
       * The URL of an S3-compatible store that is not AWS (Ceph's radosgw, MinIO, Garage): the backend and every
       * remote-state read then address it path-style and skip what only AWS has (STS, IAM, the instance metadata
       * service, AWS's list of regions; see S3_COMPATIBLE_STORE). @default AWS's own S3 endpoints
       */
      readonly endpoint?: string;
    };

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
  s3KmsKeyId: "PSF_ESTATE_S3_KMS_KEY_ID",
  s3Endpoint: "PSF_ESTATE_S3_ENDPOINT",
} as const;

/**
 * What an S3-compatible store that is not AWS needs besides its endpoint, in the backend's and every remote-state
 * read's configuration alike (Terraform's S3 backend, internal/backend/remote-state/s3/backend.go at v1.11.4): buckets
 * in the path (such stores rarely serve a bucket as a host name), and no call to what only AWS has: STS to check the
 * credentials and find the account (without these a read goes to sts.<region>.amazonaws.com, where a non-AWS key
 * fails), the EC2 instance metadata service, and AWS's own list of region names. The SHA-256 checksum stays: the
 * store must accept it (radosgw does; README, "An S3-compatible store").
 */
export const S3_COMPATIBLE_STORE = {
  use_path_style: true,
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
} as const;

/**
 * What makes Terraform refuse a configuration synthesized with no backend chosen: a variable whose validation
 * accepts only "local". Terraform checks it when it plans (so `cdktf diff`, `cdktf deploy`, `terraform plan` and
 * `apply` fail) but not when it validates, where variables are unknown, and synthesis never runs Terraform.
 * Setting the variable to "local" (TF_VAR_psf_estate_backend=local) is the same deliberate choice as synthesizing
 * with PSF_ESTATE_BACKEND=local, whose configuration is this one without the variable.
 */
export const NO_BACKEND_GUARD = {
  variable: "psf_estate_backend",
  unset: "unset",
  errorMessage:
    "No state backend was chosen when this configuration was synthesized (PSF_ESTATE_BACKEND was unset), so its state would stay in a local file on this machine. " +
    'Synthesize again with PSF_ESTATE_BACKEND=cloud or PSF_ESTATE_BACKEND=s3 (README, "Where state lives"), or PSF_ESTATE_BACKEND=local to keep local state on purpose.',
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
 * Unset (or empty): `unchosen`, local state that Terraform will not plan. `local`: local state.
 * `cloud`: organization `psf`, workspaces `psf-estate-<stack>` unless overridden.
 * `s3`: needs PSF_ESTATE_S3_BUCKET; PSF_ESTATE_S3_KMS_KEY_ID encrypts with a KMS key; PSF_ESTATE_S3_ENDPOINT names an
 * S3-compatible store that is not AWS.
 */
export function stateBackendFromEnvironment(env: NodeJS.ProcessEnv): StateBackend {
  const v = BACKEND_VARIABLES;
  const kind = env[v.kind] ?? "";
  switch (kind) {
    case "":
      return { kind: "unchosen" };
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
      const kmsKeyId = env[v.s3KmsKeyId];
      const endpoint = s3Endpoint(env[v.s3Endpoint]);
      if (endpoint !== undefined && table !== undefined && table !== "") {
        throw new BackendChoiceError(
          `${v.s3DynamodbTable} cannot go with ${v.s3Endpoint}: the lock table would be at AWS while the state is at ${endpoint}; ` +
            'S3\'s own lock file locks alone (README, "An S3-compatible store")',
        );
      }
      return {
        kind: "s3",
        bucket,
        region: env[v.s3Region] ?? "us-east-1",
        keyPrefix: env[v.s3KeyPrefix] ?? "psf-estate/",
        ...(table !== undefined && table !== "" ? { dynamodbTable: table } : {}),
        ...(kmsKeyId !== undefined && kmsKeyId !== "" ? { kmsKeyId } : {}),
        ...(endpoint !== undefined ? { endpoint } : {}),
      };
    }
    default:
      throw new BackendChoiceError(`${v.kind}="${kind}" is not a backend: use local, cloud or s3`);
  }
}

/** PSF_ESTATE_S3_ENDPOINT checked: an http or https URL of a host, with no credentials, query or fragment in it. */
function s3Endpoint(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  const name = BACKEND_VARIABLES.s3Endpoint;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BackendChoiceError(`${name}="${value}" is not a URL: give the store's, such as https://s3.example.org or http://127.0.0.1:7480`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new BackendChoiceError(`${name}="${value}" is not an http or https URL`);
  if (url.username !== "" || url.password !== "")
    throw new BackendChoiceError(`${name} must not carry credentials: Terraform reads them from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`);
  if (url.search !== "" || url.hash !== "") throw new BackendChoiceError(`${name}="${value}" has a query or a fragment, which no S3 endpoint has`);
  return value;
}

/** Configures `stack` to keep its state where `backend` says, keyed by the stack's name. */
export function applyStateBackend(stack: TerraformStack, stackName: string, backend: StateBackend): void {
  switch (backend.kind) {
    case "unchosen":
      new TerraformVariable(stack, NO_BACKEND_GUARD.variable, {
        type: "string",
        nullable: false,
        default: NO_BACKEND_GUARD.unset,
        description:
          'Not an input: declared only when no state backend was chosen at synthesis, so that Terraform refuses to plan. "local" confirms local state.',
        validation: [{ condition: `\${var.${NO_BACKEND_GUARD.variable} == "local"}`, errorMessage: NO_BACKEND_GUARD.errorMessage }],
      });
      applyStateBackend(stack, stackName, { kind: "local" });
      return;
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
        ...(backend.kmsKeyId !== undefined ? { kmsKeyId: backend.kmsKeyId } : {}),
        // cdktf copies these props into every remote-state read of this stack's state (S3Backend.getRemoteStateDataSource),
        // so a read reaches the same store the same way; use_lockfile below is the backend's alone.
        ...(backend.endpoint !== undefined
          ? {
              endpoints: { s3: backend.endpoint },
              usePathStyle: S3_COMPATIBLE_STORE.use_path_style,
              skipCredentialsValidation: S3_COMPATIBLE_STORE.skip_credentials_validation,
              skipRequestingAccountId: S3_COMPATIBLE_STORE.skip_requesting_account_id,
              skipMetadataApiCheck: S3_COMPATIBLE_STORE.skip_metadata_api_check,
              skipRegionValidation: S3_COMPATIBLE_STORE.skip_region_validation,
            }
          : {}),
      });
      // S3-native locking (Terraform 1.10+); cdktf 0.21's S3Backend has no property for it yet.
      stack.addOverride("terraform.backend.s3.use_lockfile", true);
      return;
  }
}

/**
 * The `terraform` block entry (`backend` or `cloud`) that `applyStateBackend` gives `stackName`, as Terraform JSON. The
 * review and the deploy hold a synthesized stack against it: a backend that is not the estate's convention for the
 * stack would put its state somewhere nobody reviewed. `unchosen` synthesizes as `local` (plus its guard variable).
 */
export function conventionalBackend(stackName: string, backend: StateBackend): Readonly<Record<string, unknown>> {
  switch (backend.kind) {
    case "unchosen":
    case "local":
      return { backend: { local: { path: `../../../terraform.${stackName}.tfstate` } } };
    case "cloud":
      return {
        cloud: { hostname: backend.hostname, organization: backend.organization, workspaces: { name: `${backend.workspacePrefix}${stackName}` } },
      };
    case "s3":
      return { backend: { s3: { ...s3Location(stackName, backend), use_lockfile: true } } };
  }
}

/**
 * The `data.terraform_remote_state` body (`backend`, `config` and `workspace`) with which a stack synthesized with
 * `backend` reads the state of `readStack`, as cdktf writes it for a cross-stack reference. A remote-state read that is
 * not this reads some other state: outputs from outside the estate, or none at all.
 */
export function conventionalRemoteState(readStack: string, backend: StateBackend): Readonly<Record<string, unknown>> {
  switch (backend.kind) {
    case "unchosen":
    case "local":
      return { backend: "local", config: { path: `../../../terraform.${readStack}.tfstate` }, workspace: "${terraform.workspace}" };
    case "cloud":
      return {
        backend: "remote",
        config: { hostname: backend.hostname, organization: backend.organization, workspaces: { name: `${backend.workspacePrefix}${readStack}` } },
      };
    case "s3":
      return { backend: "s3", config: s3Location(readStack, backend), workspace: "${terraform.workspace}" };
  }
}

/** cdktf's prefix for the remote-state data source through which a stack reads another: the read stack's name follows. */
export const CROSS_STACK_REMOTE_STATE_PREFIX = "cross-stack-reference-input-";

function s3Location(stackName: string, backend: Extract<StateBackend, { kind: "s3" }>): Record<string, unknown> {
  return {
    bucket: backend.bucket,
    ...(backend.dynamodbTable !== undefined ? { dynamodb_table: backend.dynamodbTable } : {}),
    encrypt: true,
    key: `${backend.keyPrefix}${stackName}.tfstate`,
    ...(backend.kmsKeyId !== undefined ? { kms_key_id: backend.kmsKeyId } : {}),
    region: backend.region,
    ...(backend.endpoint !== undefined ? { endpoints: { s3: backend.endpoint }, ...S3_COMPATIBLE_STORE } : {}),
  };
}
