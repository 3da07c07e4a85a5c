import { stateBackendFromEnvironment } from "../stacks/state-backend";
import { synthEstate } from "./support/synth-estate";

function backendBlocks(env: NodeJS.ProcessEnv): Map<string, unknown> {
  const synth = synthEstate(undefined, stateBackendFromEnvironment(env));
  return new Map([...synth.json].map(([name, json]) => [name, json.terraform?.backend ?? json.terraform?.cloud]));
}

describe("state backends", () => {
  it("keeps state in local files by default, one per stack, at a path that does not depend on the machine", () => {
    for (const [name, backend] of backendBlocks({})) {
      expect(backend).toEqual({ local: { path: `../../../terraform.${name}.tfstate` } });
    }
  });

  it("uses Terraform Cloud organization psf, one workspace per stack, when PSF_ESTATE_BACKEND=cloud", () => {
    const synth = synthEstate(undefined, stateBackendFromEnvironment({ PSF_ESTATE_BACKEND: "cloud" }));
    for (const [name, json] of synth.json) {
      expect(json.terraform?.cloud).toEqual({ hostname: "app.terraform.io", organization: "psf", workspaces: { name: `psf-estate-${name}` } });
      expect(json.terraform?.backend).toBeUndefined();
    }
    const dnsRemote = synth.json.get("dns")?.data?.terraform_remote_state?.["cross-stack-reference-input-digitalocean-nyc1"];
    expect(dnsRemote).toMatchObject({ backend: "remote", config: { organization: "psf", workspaces: { name: "psf-estate-digitalocean-nyc1" } } });
  });

  it("uses an encrypted, locked S3 bucket when PSF_ESTATE_BACKEND=s3", () => {
    for (const [name, backend] of backendBlocks({ PSF_ESTATE_BACKEND: "s3", PSF_ESTATE_S3_BUCKET: "psf-terraform-state", PSF_ESTATE_S3_DYNAMODB_TABLE: "psf-terraform-locks" })) {
      expect(backend).toEqual({
        s3: { bucket: "psf-terraform-state", key: `psf-estate/${name}.tfstate`, region: "us-east-1", encrypt: true, dynamodb_table: "psf-terraform-locks", use_lockfile: true },
      });
    }
  });

  it("fails on an S3 backend without a bucket, naming the variable", () => {
    expect(() => stateBackendFromEnvironment({ PSF_ESTATE_BACKEND: "s3" })).toThrow("PSF_ESTATE_BACKEND=s3 needs PSF_ESTATE_S3_BUCKET: the bucket that holds the state");
  });

  it("fails on an unknown backend", () => {
    expect(() => stateBackendFromEnvironment({ PSF_ESTATE_BACKEND: "consul" })).toThrow('PSF_ESTATE_BACKEND="consul" is not a backend: use local, cloud or s3');
  });
});
