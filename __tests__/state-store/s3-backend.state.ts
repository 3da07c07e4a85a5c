/*
 * The S3 backend as the estate synthesizes it (PSF_ESTATE_BACKEND=s3 with PSF_ESTATE_S3_ENDPOINT), against a real
 * S3-compatible store, Ceph's radosgw on loopback, with the provider twin standing in for the providers: init, apply,
 * a stack reading another's outputs through the store, two applies at once (one must fail on the lock and the state
 * stay whole), the state encrypted at rest, and the README's runbook: a state write that failed (errored.tfstate,
 * `terraform state push`) and restoring a previous state version. Run by `npm run test:state` (jest.state.config.js).
 */
import type { ChildProcess } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cachedBundle } from "../../bundling/cached-bundle.cjs";
import { probeStateBucket } from "../../state-store/probe";
import { s3ErrorCode, s3Request, type S3Bucket } from "../../state-store/s3-request";
import { installTwin } from "../../twin/rehearsal/twin-installation";
import { killGroup, makeScratch, removeScratch, runGroup, type CommandOutcome } from "../../twin/rehearsal/processes";
import { startTwin } from "../../twin/rehearsal/rehearse";
import { rehearsalVariableValues, type VariableDeclaration } from "../../twin/rehearsal/variables";
import { locateTerraform } from "../../twin/rehearsal/terraform-cli";
import { startCephStore, type CephStore } from "../support/ceph-store";
import { repoRoot } from "../support/rehearsal";
import { defined } from "../support/defined";

jest.setTimeout(600_000);

/** The bucket the locking tests use: unversioned, since radosgw 16.2 honours If-None-Match only there (below). */
const BUCKET = "psf-estate-state";
/** A versioned bucket, for restoring a previous state version, and to show what radosgw 16.2 does there. */
const VERSIONED = "psf-estate-state-versioned";
const PREFIX = "psf-estate/";

let store: CephStore;
let scratch: string;
let twin: ChildProcess | undefined;
let terraform: string;
let baseEnv: NodeJS.ProcessEnv;

interface TerraformJson {
  readonly resources?: readonly {
    readonly type: string;
    readonly name: string;
    readonly instances: readonly { readonly attributes: Record<string, unknown> }[];
  }[];
  readonly outputs?: Record<string, { readonly value: unknown }>;
  readonly serial?: number;
  readonly lineage?: string;
}

/** Synthesizes the estate for the store's `bucket` into `<scratch>/<name>`, and returns that folder. */
function synthesize(name: string, bucket: string): Promise<string> {
  const out = join(scratch, name);
  return runGroup(process.execPath, [join(repoRoot, "scripts", "synth-app.mjs"), "--output", out], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PSF_ESTATE_BACKEND: "s3",
      PSF_ESTATE_S3_BUCKET: bucket,
      PSF_ESTATE_S3_REGION: store.region,
      PSF_ESTATE_S3_ENDPOINT: store.endpoint,
      PSF_ESTATE_S3_KMS_KEY_ID: store.kmsKeyId,
      PSF_ESTATE_ADOPT: "0",
    },
  }).then((outcome) => {
    if (outcome.exitCode !== 0) throw new Error(`synthesis failed: ${outcome.stderr}`);
    return out;
  });
}

/** A stack's folder of a synthesis, ready for Terraform: its variables given rehearsal placeholders. */
function stackFolder(synthesis: string, stack: string, copy?: string): string {
  let dir = join(synthesis, "stacks", stack);
  if (copy !== undefined) {
    cpSync(dir, join(scratch, copy), { recursive: true });
    dir = join(scratch, copy);
  }
  const configuration = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as { variable?: Record<string, VariableDeclaration> };
  writeFileSync(join(dir, "rehearsal.auto.tfvars.json"), JSON.stringify(rehearsalVariableValues(configuration.variable ?? {})));
  return dir;
}

function tf(dir: string, ...args: string[]): Promise<CommandOutcome> {
  return runGroup(terraform, [...args, ...(args[0] === "state" || args[0] === "output" ? [] : ["-no-color"])], {
    cwd: dir,
    env: baseEnv,
    timeoutMs: 300_000,
  });
}

async function ok(dir: string, ...args: string[]): Promise<string> {
  const outcome = await tf(dir, ...args);
  if (outcome.exitCode !== 0)
    throw new Error(`terraform ${args.join(" ")} in ${dir} failed (exit ${outcome.exitCode}):\n${outcome.stderr}\n${outcome.stdout}`);
  return outcome.stdout;
}

async function pull(dir: string): Promise<TerraformJson> {
  return JSON.parse(await ok(dir, "state", "pull")) as TerraformJson;
}

const resourceCount = (state: TerraformJson): number =>
  (state.resources ?? []).filter((r) => !r.type.startsWith("terraform_remote_state")).reduce((n, r) => n + r.instances.length, 0);
const where = (bucket: string): S3Bucket => ({ bucket, region: store.region, endpoint: store.endpoint });

beforeAll(async () => {
  store = await startCephStore();
  scratch = makeScratch("psf-estate-state-test-");
  await store.createBucket(BUCKET, { versioning: false });
  await store.createBucket(VERSIONED);
  terraform = locateTerraform(process.env).binary;
  const started = await startTwin({ twinBundle: cachedBundle("twin/plugin.ts", "twin", { bundlePackages: true }), root: repoRoot });
  twin = started.twin;
  // The twin's installation drops every credential from Terraform's environment; the backend needs the store's.
  baseEnv = {
    ...installTwin(scratch, repoRoot, process.env, started.port).env,
    AWS_ACCESS_KEY_ID: store.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: store.credentials.secretAccessKey,
    GOMAXPROCS: "2",
  };
}, 300_000);

afterAll(async () => {
  if (twin !== undefined) {
    twin.stdin?.end();
    killGroup(twin);
  }
  if (scratch !== undefined) removeScratch(scratch);
  if (store !== undefined) await store.stop();
});

describe("the store", () => {
  it("honours conditional writes on a bucket without versioning: the probe's second write and all racers but one are refused", async () => {
    const result = await probeStateBucket(where(BUCKET), store.credentials, { keyPrefix: PREFIX, kmsKeyId: store.kmsKeyId, racers: 16 });
    expect(result.lines.join("\n")).toMatch(/refused \(412 PreconditionFailed\)/);
    expect(result.lines.join("\n")).toMatch(/16 conditional writes of one new object at once: 1 succeeded, 15 refused/);
    expect(result.conditionalWrites).toBe(true);
    expect(result.versioning).toBe("none");
    expect(result.leftBehind).toEqual([]);
  });

  it("ignores If-None-Match on a versioned bucket (Ceph 16.2, Debian 12's), which the probe reports: no safe state store", async () => {
    // A fact about this server, pinned: if Debian's radosgw learns conditional writes on versioned buckets, this fails,
    // and the README's note on radosgw changes with it.
    const result = await probeStateBucket(where(VERSIONED), store.credentials, { keyPrefix: PREFIX, kmsKeyId: store.kmsKeyId });
    expect(result.versioning).toBe("Enabled");
    expect(result.conditionalWrites).toBe(false);
    expect(result.lines.join("\n")).toMatch(/the store ignores conditional writes/);
  });
});

describe("the estate's S3 backend on the store", () => {
  let synthesis: string;
  beforeAll(async () => {
    synthesis = await synthesize("synthesis", BUCKET);
  }, 300_000);

  it("initializes, applies, and a stack reads another's outputs through the store (pagerduty, then datadog)", async () => {
    const pagerduty = stackFolder(synthesis, "pagerduty");
    await ok(pagerduty, "init", "-input=false");
    await ok(pagerduty, "apply", "-input=false", "-auto-approve");
    const datadog = stackFolder(synthesis, "datadog");
    await ok(datadog, "init", "-input=false");
    await ok(datadog, "apply", "-input=false", "-auto-approve");

    const keys = new Set(Object.values((await pull(pagerduty)).outputs ?? {}).map((o) => o.value));
    const routes = ((await pull(datadog)).resources ?? []).filter((r) => r.type === "datadog_integration_pagerduty_service_object");
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect(keys.has(defined(route.instances[0]).attributes["service_key"])).toBe(true);
    // Both converge: a plan of each shows nothing to do, reading through the store again.
    expect((await tf(pagerduty, "plan", "-input=false", "-detailed-exitcode")).exitCode).toBe(0);
    expect((await tf(datadog, "plan", "-input=false", "-detailed-exitcode")).exitCode).toBe(0);
  });

  it("stores the state encrypted under the KMS key, where an object written without it lies in clear", async () => {
    const plain = await s3Request(where(BUCKET), store.credentials, {
      method: "PUT",
      key: "control/plain.json",
      body: '{"terraform_version":"control"}',
    });
    expect(plain.status).toBe(200);
    const atRest = await store.objectsAtRest();
    const named = (key: string): Buffer[] => [...atRest].filter(([name]) => name.endsWith(`_${key}`)).map(([, bytes]) => bytes);
    expect(named("control/plain.json").map((b) => b.toString("utf8"))).toEqual(['{"terraform_version":"control"}']);
    for (const stack of ["pagerduty", "datadog"]) {
      const objects = named(`${PREFIX}${stack}.tfstate`);
      expect(objects.length).toBe(1);
      expect(defined(objects[0]).includes("terraform_version")).toBe(false);
      expect(defined(objects[0]).includes("integration_key")).toBe(false);
    }
  });

  it("lets one of two applies at once take the lock; the other fails naming the lock's holder, and the state stays whole", async () => {
    const first = stackFolder(synthesis, "digitalocean-ams1", "ams1-first");
    const second = stackFolder(synthesis, "digitalocean-ams1", "ams1-second");
    await ok(first, "init", "-input=false");
    await ok(second, "init", "-input=false");
    const [a, b] = await Promise.all([tf(first, "apply", "-input=false", "-auto-approve"), tf(second, "apply", "-input=false", "-auto-approve")]);
    const outcomes = [a, b];
    expect(outcomes.map((o) => o.exitCode).sort()).toEqual([0, 1]);
    const loser = defined(outcomes.find((o) => o.exitCode !== 0));
    const winner = defined(outcomes.find((o) => o.exitCode === 0));
    expect(loser.stderr).toMatch(/Error acquiring the state lock/);
    expect(loser.stderr).toMatch(/PreconditionFailed|412/);
    expect(loser.stderr).toMatch(/Lock Info:[\s\S]*ID:[\s\S]*Operation:\s+OperationTypeApply[\s\S]*Who:\s+\S+@\S+/);
    expect(loser.stdout).not.toMatch(/Creation complete/);
    const created = /Apply complete! Resources: (\d+) added/.exec(winner.stdout)?.[1];
    expect(Number(created)).toBeGreaterThan(0);

    const state = await pull(first);
    expect(resourceCount(state)).toBe(Number(created));
    expect((await tf(second, "plan", "-input=false", "-detailed-exitcode")).exitCode).toBe(0);
    const lock = await s3Request(where(BUCKET), store.credentials, { method: "HEAD", key: `${PREFIX}digitalocean-ams1.tfstate.tflock` });
    expect(lock.status).toBe(404);
  });
});

describe("the lock on a store that ignores If-None-Match (radosgw's versioned bucket): the control", () => {
  it("lets both of two applies at once take the lock and create everything, which the lock test above would catch", async () => {
    const synthesis = await synthesize("unlocked", VERSIONED);
    const first = stackFolder(synthesis, "digitalocean-ams1", "unlocked-first");
    const second = stackFolder(synthesis, "digitalocean-ams1", "unlocked-second");
    await ok(first, "init", "-input=false");
    await ok(second, "init", "-input=false");
    const outcomes = await Promise.all([tf(first, "apply", "-input=false", "-auto-approve"), tf(second, "apply", "-input=false", "-auto-approve")]);
    // Neither is refused the lock: both create every resource (in the clouds, each droplet twice). The later one's
    // unlock may then fail, the lock file being gone already, which is all either of them reports.
    for (const outcome of outcomes) {
      expect(outcome.stderr).not.toMatch(/Error acquiring the state lock/);
      expect(outcome.stdout).toMatch(/: Creation complete after/);
    }
  });
});

describe("the runbook, on a versioned bucket", () => {
  let synthesis: string;
  let dir: string;
  beforeAll(async () => {
    synthesis = await synthesize("versioned", VERSIONED);
    dir = stackFolder(synthesis, "digitalocean-sfo1");
    await ok(dir, "init", "-input=false");
    await ok(dir, "apply", "-input=false", "-auto-approve");
  }, 300_000);

  it("restores a previous state version: list the versions, fetch the one before, push it with -force", async () => {
    const before = await pull(dir);
    const removed = defined((before.resources ?? []).find((r) => r.type === "digitalocean_firewall"));
    // A bad write: a resource dropped from state by mistake (the cloud still has it).
    await ok(dir, "state", "rm", `${removed.type}.${removed.name}`);
    const after = await pull(dir);
    expect(resourceCount(after)).toBe(resourceCount(before) - 1);

    const listed = await s3Request(where(VERSIONED), store.credentials, {
      method: "GET",
      query: { versions: "", prefix: `${PREFIX}digitalocean-sfo1.tfstate` },
    });
    expect(listed.status).toBe(200);
    const versions = [
      ...listed.body.matchAll(
        /<Version>[\s\S]*?<Key>([^<]+)<\/Key>[\s\S]*?<VersionId>([^<]+)<\/VersionId>[\s\S]*?<IsLatest>(true|false)<\/IsLatest>[\s\S]*?<LastModified>([^<]+)<\/LastModified>[\s\S]*?<\/Version>/g,
      ),
    ]
      .filter((m) => m[1] === `${PREFIX}digitalocean-sfo1.tfstate`)
      .map((m) => ({ id: defined(m[2]), latest: m[3] === "true", modified: defined(m[4]) }))
      .sort((x, y) => (x.modified < y.modified ? 1 : -1));
    expect(versions.length).toBeGreaterThanOrEqual(2);
    expect(defined(versions[0]).latest).toBe(true);
    const previous = await s3Request(where(VERSIONED), store.credentials, {
      method: "GET",
      key: `${PREFIX}digitalocean-sfo1.tfstate`,
      query: { versionId: defined(versions[1]).id },
    });
    expect(previous.status).toBe(200);
    writeFileSync(join(dir, "previous.tfstate"), previous.body);
    expect((JSON.parse(previous.body) as TerraformJson).serial).toBe(before.serial);

    // Its serial is lower than the current one's, so Terraform wants -force; the lineage is the same.
    expect((await tf(dir, "state", "push", "previous.tfstate")).exitCode).not.toBe(0);
    await ok(dir, "state", "push", "-force", "previous.tfstate");
    expect(resourceCount(await pull(dir))).toBe(resourceCount(before));
    expect((await tf(dir, "plan", "-input=false", "-detailed-exitcode")).exitCode).toBe(0);
  });

  it("recovers a state write that failed: Terraform leaves errored.tfstate, and `terraform state push` of it records what was made", async () => {
    const other = stackFolder(synthesis, "digitalocean-nyc3");
    await ok(other, "init", "-input=false");
    // The store refuses the state's write (a bucket policy, as a lost permission or an outage would), not the lock's.
    const key = `${PREFIX}digitalocean-nyc3.tfstate`;
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "RefuseTheStateWrite",
          Effect: "Deny",
          Principal: { AWS: ["*"] },
          Action: ["s3:PutObject"],
          Resource: [`arn:aws:s3:::${VERSIONED}/${key}`],
        },
      ],
    });
    expect((await s3Request(where(VERSIONED), store.credentials, { method: "PUT", query: { policy: "" }, body: policy })).status).toBe(204);
    try {
      const failed = await tf(other, "apply", "-input=false", "-auto-approve");
      expect(failed.exitCode).toBe(1);
      expect(failed.stderr).toMatch(/Failed to save state/);
      expect(failed.stderr).toMatch(/errored\.tfstate/);
      expect(existsSync(join(other, "errored.tfstate"))).toBe(true);
    } finally {
      const deleted = await s3Request(where(VERSIONED), store.credentials, { method: "DELETE", query: { policy: "" } });
      expect([200, 204]).toContain(deleted.status);
    }
    const errored = JSON.parse(readFileSync(join(other, "errored.tfstate"), "utf8")) as TerraformJson;
    expect(resourceCount(errored)).toBeGreaterThan(0);
    // Nothing of it reached the store: the store answers that there is no such state.
    const stored = await s3Request(where(VERSIONED), store.credentials, { method: "GET", key });
    expect(s3ErrorCode(stored)).toBe("NoSuchKey");

    await ok(other, "state", "push", "errored.tfstate");
    expect(resourceCount(await pull(other))).toBe(resourceCount(errored));
    expect((await tf(other, "plan", "-input=false", "-detailed-exitcode")).exitCode).toBe(0);
  });
});
