/*
 * The reviewed configuration's hash: the same estate synthesized for any backend hashes the same, since its state
 * conventions are replaced by the stacks they name; any other difference, or a state departing from the convention,
 * changes it and is named.
 */
import type { Configuration } from "../../review/configuration";
import { configurationHashes, differingStacks, normalizeConfiguration } from "../../review/reviewed-configuration";
import { conventionalBackend, conventionalRemoteState, type StateBackend } from "../../stacks/state-backend";
import { synthEstateWith } from "../support/synth-estate";
import { defined } from "../support/defined";

const CLOUD: StateBackend = { kind: "cloud", organization: "psf", workspacePrefix: "psf-estate-", hostname: "app.terraform.io" };
const S3: StateBackend = {
  kind: "s3",
  bucket: "psf-terraform-state",
  region: "us-east-1",
  keyPrefix: "psf-estate/",
  dynamodbTable: "locks",
  kmsKeyId: "alias/state",
};
/** A store that is not AWS: its endpoint, path-style addressing and the skip flags, in the backend and every remote-state read. */
const S3_COMPATIBLE: StateBackend = {
  kind: "s3",
  bucket: "psf-terraform-state",
  region: "default",
  keyPrefix: "psf-estate/",
  kmsKeyId: "testkey-1",
  endpoint: "http://127.0.0.1:7480",
};

const configurations = (backend: StateBackend): Map<string, Configuration> =>
  new Map(synthEstateWith(backend).json as ReadonlyMap<string, Configuration>);

describe("the reviewed configuration's hash", () => {
  it("is the same for the estate synthesized with local, cloud, s3 and S3-compatible state, and names no departure", () => {
    const local = configurationHashes(configurations({ kind: "local" }), { kind: "local" });
    const cloud = configurationHashes(configurations(CLOUD), CLOUD);
    const s3 = configurationHashes(configurations(S3), S3);
    const compatible = configurationHashes(configurations(S3_COMPATIBLE), S3_COMPATIBLE);
    expect(local.departures).toEqual([]);
    expect(cloud.departures).toEqual([]);
    expect(s3.departures).toEqual([]);
    expect(compatible.departures).toEqual([]);
    expect(cloud.hashes).toEqual(local.hashes);
    expect(s3.hashes).toEqual(local.hashes);
    expect(compatible.hashes).toEqual(local.hashes);
    expect(local.hashes.configuration).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Object.keys(local.hashes.stacks)).toEqual([...configurations({ kind: "local" }).keys()].sort());
  });

  it("changes for the one stack whose configuration changes, and names it", () => {
    const before = configurations({ kind: "local" });
    const after = new Map(before);
    const dns = structuredClone(defined(before.get("dns"))) as { resource: { aws_route53_record: Record<string, { ttl: number }> } };
    const first = defined(Object.keys(dns.resource.aws_route53_record)[0]);
    defined(dns.resource.aws_route53_record[first]).ttl += 1;
    after.set("dns", dns);
    const a = configurationHashes(before, { kind: "local" }).hashes;
    const b = configurationHashes(after, { kind: "local" }).hashes;
    expect(b.configuration).not.toBe(a.configuration);
    expect(differingStacks(a, b)).toEqual(["dns"]);
  });

  it("ignores cdktf's comments, which Terraform ignores", () => {
    const before = configurations({ kind: "local" });
    const after = new Map([...before].map(([name, json]) => [name, { ...json, "//": { metadata: { note: "anything" } } }]));
    expect(configurationHashes(after, { kind: "local" }).hashes).toEqual(configurationHashes(before, { kind: "local" }).hashes);
  });

  it("counts a `//` key inside an argument's value, which Terraform takes as a key, not as a comment", () => {
    const before = configurations({ kind: "local" });
    const after = new Map(before);
    const heroku = structuredClone(defined(before.get("heroku"))) as {
      resource: { heroku_app: Record<string, { config_vars?: Record<string, string> }> };
    };
    const app = defined(Object.values(heroku.resource.heroku_app)[0]);
    app.config_vars = { ...app.config_vars, "//": "value" };
    after.set("heroku", heroku);
    expect(differingStacks(configurationHashes(before, { kind: "local" }).hashes, configurationHashes(after, { kind: "local" }).hashes)).toEqual([
      "heroku",
    ]);
  });

  it("names a backend that is not the convention for the stack, and a remote-state read of a state outside the estate", () => {
    const stacks = new Set(["dns", "digitalocean-nyc1"]);
    const configuration = {
      terraform: { backend: { local: { path: "/tmp/elsewhere.tfstate" } } },
      data: {
        terraform_remote_state: {
          "cross-stack-reference-input-digitalocean-nyc1": conventionalRemoteState("digitalocean-nyc1", { kind: "local" }),
          outside: { backend: "http", config: { address: "https://state.example.net/python.org" } },
          "cross-stack-reference-input-dns": conventionalRemoteState("dns", { kind: "local" }),
        },
      },
    };
    const { departures, normalized } = normalizeConfiguration("dns", configuration, { kind: "local" }, stacks);
    expect(departures.map((d) => d.subject)).toEqual([
      "backend",
      "data.terraform_remote_state.outside",
      "data.terraform_remote_state.cross-stack-reference-input-dns",
    ]);
    expect(defined(departures[1]).detail).toMatch(/state\.example\.net.*not a read of another stack of the estate/);
    expect(normalized).toMatchObject({
      data: { terraform_remote_state: { "cross-stack-reference-input-digitalocean-nyc1": { "psf-estate-state": "digitalocean-nyc1" } } },
    });
  });

  it("names an S3 backend or read that reaches another store than the chosen one, or AWS instead of it", () => {
    const stacks = new Set(["dns", "heroku"]);
    const elsewhere: StateBackend = { ...S3_COMPATIBLE, endpoint: "https://s3.example.net" };
    const configuration = {
      terraform: conventionalBackend("dns", elsewhere),
      data: { terraform_remote_state: { "cross-stack-reference-input-heroku": conventionalRemoteState("heroku", S3) } },
    };
    const { departures } = normalizeConfiguration("dns", configuration, S3_COMPATIBLE, stacks);
    expect(departures).toEqual([
      expect.objectContaining({ subject: "backend", detail: expect.stringMatching(/s3\.example\.net.*convention for s3 state/) }),
      expect.objectContaining({
        subject: "data.terraform_remote_state.cross-stack-reference-input-heroku",
        detail: expect.stringMatching(/convention for reading heroku's s3 state is .*127\.0\.0\.1:7480/),
      }),
    ]);
  });

  it("names a read of another stack's state at a place other than the convention's for the backend", () => {
    const configuration = {
      terraform: conventionalBackend("dns", CLOUD),
      data: {
        terraform_remote_state: {
          "cross-stack-reference-input-heroku": {
            ...conventionalRemoteState("heroku", CLOUD),
            config: { organization: "not-psf", workspaces: { name: "psf-estate-heroku" } },
          },
        },
      },
    };
    const { departures } = normalizeConfiguration("dns", configuration, CLOUD, new Set(["dns", "heroku"]));
    expect(departures).toEqual([
      expect.objectContaining({
        subject: "data.terraform_remote_state.cross-stack-reference-input-heroku",
        detail: expect.stringMatching(/not-psf.*convention for reading heroku's cloud state/),
      }),
    ]);
  });
});
