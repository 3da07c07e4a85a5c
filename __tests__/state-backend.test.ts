import type { RehearsalResult } from "../twin/rehearsal/rehearse";
import { NO_BACKEND_GUARD, stateBackendFromEnvironment } from "../stacks/state-backend";
import { rehearseFixture } from "./support/rehearsal";
import { synthEstateWith, type TerraformJson } from "./support/synth-estate";
import { defined } from "./support/defined";

function backendBlocks(env: NodeJS.ProcessEnv): Map<string, unknown> {
  const synth = synthEstateWith(stateBackendFromEnvironment(env));
  return new Map([...synth.json].map(([name, json]) => [name, json.terraform?.backend ?? json.terraform?.cloud]));
}

describe("state backends", () => {
  it("keeps state in local files when PSF_ESTATE_BACKEND=local, one per stack, at a path that does not depend on the machine", () => {
    const synth = synthEstateWith(stateBackendFromEnvironment({ PSF_ESTATE_BACKEND: "local" }));
    for (const [name, json] of synth.json) {
      expect(json.terraform?.backend).toEqual({ local: { path: `../../../terraform.${name}.tfstate` } });
      expect(json.variable?.[NO_BACKEND_GUARD.variable]).toBeUndefined();
    }
  });

  it("with no choice, keeps local state for synthesis and tests but declares in every stack the guard that stops a plan", () => {
    expect(stateBackendFromEnvironment({})).toEqual({ kind: "unchosen" });
    expect(stateBackendFromEnvironment({ PSF_ESTATE_BACKEND: "" })).toEqual({ kind: "unchosen" });
    const synth = synthEstateWith(stateBackendFromEnvironment({}));
    for (const [name, json] of synth.json) {
      expect(json.terraform?.backend).toEqual({ local: { path: `../../../terraform.${name}.tfstate` } });
      expect(json.variable?.[NO_BACKEND_GUARD.variable]).toMatchObject({
        type: "string",
        default: "unset",
        nullable: false,
        validation: [{ condition: '${var.psf_estate_backend == "local"}', error_message: expect.stringContaining("PSF_ESTATE_BACKEND") }],
      });
    }
  });

  it("uses Terraform Cloud organization psf, one workspace per stack, when PSF_ESTATE_BACKEND=cloud", () => {
    const synth = synthEstateWith(stateBackendFromEnvironment({ PSF_ESTATE_BACKEND: "cloud" }));
    for (const [name, json] of synth.json) {
      expect(json.terraform?.cloud).toEqual({ hostname: "app.terraform.io", organization: "psf", workspaces: { name: `psf-estate-${name}` } });
      expect(json.terraform?.backend).toBeUndefined();
      expect(json.variable?.[NO_BACKEND_GUARD.variable]).toBeUndefined();
    }
    const dnsRemote = synth.json.get("dns")?.data?.terraform_remote_state?.["cross-stack-reference-input-digitalocean-nyc1"];
    expect(dnsRemote).toMatchObject({ backend: "remote", config: { organization: "psf", workspaces: { name: "psf-estate-digitalocean-nyc1" } } });
    const databaseRemote =
      synth.json.get("digitalocean-nyc1-database")?.data?.terraform_remote_state?.["cross-stack-reference-input-digitalocean-nyc1"];
    expect(databaseRemote).toMatchObject({
      backend: "remote",
      config: { organization: "psf", workspaces: { name: "psf-estate-digitalocean-nyc1" } },
    });
  });

  it("uses an encrypted, locked S3 bucket when PSF_ESTATE_BACKEND=s3", () => {
    for (const [name, backend] of backendBlocks({
      PSF_ESTATE_BACKEND: "s3",
      PSF_ESTATE_S3_BUCKET: "psf-terraform-state",
      PSF_ESTATE_S3_DYNAMODB_TABLE: "psf-terraform-locks",
    })) {
      expect(backend).toEqual({
        s3: {
          bucket: "psf-terraform-state",
          key: `psf-estate/${name}.tfstate`,
          region: "us-east-1",
          encrypt: true,
          dynamodb_table: "psf-terraform-locks",
          use_lockfile: true,
        },
      });
    }
  });

  it("encrypts the S3 state with the KMS key PSF_ESTATE_S3_KMS_KEY_ID names", () => {
    const key = "arn:aws:kms:us-east-1:000000000000:key/00000000-0000-0000-0000-000000000000";
    expect(
      stateBackendFromEnvironment({ PSF_ESTATE_BACKEND: "s3", PSF_ESTATE_S3_BUCKET: "psf-terraform-state", PSF_ESTATE_S3_KMS_KEY_ID: "" }),
    ).not.toHaveProperty("kmsKeyId");
    for (const [name, backend] of backendBlocks({
      PSF_ESTATE_BACKEND: "s3",
      PSF_ESTATE_S3_BUCKET: "psf-terraform-state",
      PSF_ESTATE_S3_KMS_KEY_ID: key,
    })) {
      expect(backend).toEqual({
        s3: {
          bucket: "psf-terraform-state",
          key: `psf-estate/${name}.tfstate`,
          region: "us-east-1",
          encrypt: true,
          kms_key_id: key,
          use_lockfile: true,
        },
      });
    }
  });

  it("reaches an S3-compatible store at PSF_ESTATE_S3_ENDPOINT the same way from the backend and from every remote-state read, never through AWS's STS", () => {
    const endpoint = "http://127.0.0.1:7480";
    const compatible = {
      endpoints: { s3: endpoint },
      use_path_style: true,
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
    };
    const synth = synthEstateWith(
      stateBackendFromEnvironment({
        PSF_ESTATE_BACKEND: "s3",
        PSF_ESTATE_S3_BUCKET: "psf-terraform-state",
        PSF_ESTATE_S3_ENDPOINT: endpoint,
        PSF_ESTATE_S3_REGION: "default",
      }),
    );
    let reads = 0;
    for (const [name, json] of synth.json) {
      expect(json.terraform?.backend).toEqual({
        s3: { bucket: "psf-terraform-state", key: `psf-estate/${name}.tfstate`, region: "default", encrypt: true, use_lockfile: true, ...compatible },
      });
      for (const [id, read] of Object.entries(json.data?.terraform_remote_state ?? {})) {
        const readStack = id.replace("cross-stack-reference-input-", "");
        expect(read).toEqual({
          backend: "s3",
          config: { bucket: "psf-terraform-state", key: `psf-estate/${readStack}.tfstate`, region: "default", encrypt: true, ...compatible },
          workspace: "${terraform.workspace}",
        });
        reads++;
      }
    }
    // Every stack that reads another does so through the store: dns alone reads five.
    expect(reads).toBeGreaterThanOrEqual(5);
  });

  it("fails on an S3 endpoint that is not an http or https URL of a host, naming the variable", () => {
    const choose = (endpoint: string) => () =>
      stateBackendFromEnvironment({ PSF_ESTATE_BACKEND: "s3", PSF_ESTATE_S3_BUCKET: "b", PSF_ESTATE_S3_ENDPOINT: endpoint });
    expect(choose("127.0.0.1:7480")).toThrow('PSF_ESTATE_S3_ENDPOINT="127.0.0.1:7480" is not a URL');
    expect(choose("ftp://s3.example.org")).toThrow('PSF_ESTATE_S3_ENDPOINT="ftp://s3.example.org" is not an http or https URL');
    expect(choose("not a url")).toThrow('PSF_ESTATE_S3_ENDPOINT="not a url" is not a URL');
    expect(choose("https://key:secret@s3.example.org")).toThrow("PSF_ESTATE_S3_ENDPOINT must not carry credentials");
    expect(choose("https://s3.example.org/?x=1")).toThrow("has a query or a fragment");
    expect(stateBackendFromEnvironment({ PSF_ESTATE_BACKEND: "s3", PSF_ESTATE_S3_BUCKET: "b", PSF_ESTATE_S3_ENDPOINT: "" })).not.toHaveProperty(
      "endpoint",
    );
  });

  it("fails on a DynamoDB lock table beside an S3-compatible store, whose lock would then be at AWS", () => {
    expect(() =>
      stateBackendFromEnvironment({
        PSF_ESTATE_BACKEND: "s3",
        PSF_ESTATE_S3_BUCKET: "b",
        PSF_ESTATE_S3_ENDPOINT: "https://s3.example.org",
        PSF_ESTATE_S3_DYNAMODB_TABLE: "locks",
      }),
    ).toThrow(
      "PSF_ESTATE_S3_DYNAMODB_TABLE cannot go with PSF_ESTATE_S3_ENDPOINT: the lock table would be at AWS while the state is at https://s3.example.org",
    );
  });

  it("fails on an S3 backend without a bucket, naming the variable", () => {
    expect(() => stateBackendFromEnvironment({ PSF_ESTATE_BACKEND: "s3" })).toThrow(
      "PSF_ESTATE_BACKEND=s3 needs PSF_ESTATE_S3_BUCKET: the bucket that holds the state",
    );
  });

  it("fails on an unknown backend", () => {
    expect(() => stateBackendFromEnvironment({ PSF_ESTATE_BACKEND: "consul" })).toThrow(
      'PSF_ESTATE_BACKEND="consul" is not a backend: use local, cloud or s3',
    );
  });
});

describe("Terraform, given a configuration synthesized with no backend chosen", () => {
  // One real stack of the estate, synthesized both ways; the fixture gives each its own local state file.
  const asFixture = (json: TerraformJson): Record<string, unknown> => {
    const { backend: _backend, ...terraform } = json.terraform ?? {};
    return { ...json, terraform };
  };
  let result: RehearsalResult;
  beforeAll(async () => {
    const unchosen = defined(synthEstateWith(stateBackendFromEnvironment({})).json.get("digitalocean-ams1"));
    const chosen = defined(synthEstateWith(stateBackendFromEnvironment({ PSF_ESTATE_BACKEND: "local" })).json.get("digitalocean-ams1"));
    result = await rehearseFixture(
      { unchosen: { config: asFixture(unchosen) }, chosen: { config: asFixture(chosen) } },
      { planOnly: true, concurrency: 2 },
    );
  }, 120_000);

  it("validates it, then refuses to plan it, naming PSF_ESTATE_BACKEND", () => {
    const failure = result.failures.find((f) => f.stack === "unchosen");
    expect(failure).toBeDefined();
    expect(defined(failure).step).toBe("plan");
    expect(defined(failure).message).toMatch(/Invalid value for variable/);
    expect(defined(failure).message).toMatch(/var\.psf_estate_backend is "unset"/);
    expect(defined(failure).message.replace(/\s+/g, " ")).toContain(
      "No state backend was chosen when this configuration was synthesized (PSF_ESTATE_BACKEND was unset)",
    );
  });

  it("plans the same stack synthesized with PSF_ESTATE_BACKEND=local", () => {
    expect(result.failures.filter((f) => f.stack === "chosen")).toEqual([]);
    expect(result.stacks.find((s) => s.stack === "chosen")?.summary).toMatch(/^Plan: \d+ to add, 0 to change, 0 to destroy\.$/);
  });
});
