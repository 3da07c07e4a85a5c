/*
 * The state bucket's probe (state-store/probe.ts, `npm run state:probe`) against two stand-in stores on loopback: one
 * that honours If-None-Match as S3 does, one that ignores it as npm's s3rver and radosgw's versioned buckets do. The
 * probe against a real store, radosgw, is in `npm run test:state`.
 */
import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { probeStateBucket, ProbeError } from "../state-store/probe";

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
}

/** A stand-in S3 store: objects in memory, versioning as told, `If-None-Match: *` honoured or not. */
function standIn(options: {
  readonly honours: boolean;
  readonly versioning: string;
  readonly status?: number;
}): Promise<{ server: Server; endpoint: string; objects: Map<string, string>; seen: Seen[] }> {
  const objects = new Map<string, string>();
  const seen: Seen[] = [];
  let version = 0;
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    const body: Buffer[] = [];
    req.on("data", (chunk: Buffer) => body.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://store");
      if (options.status !== undefined) {
        res.writeHead(options.status).end("<Error><Code>AccessDenied</Code></Error>");
      } else if (req.method === "GET" && url.searchParams.has("versioning")) {
        res
          .writeHead(200)
          .end(`<VersioningConfiguration>${options.versioning === "none" ? "" : `<Status>${options.versioning}</Status>`}</VersioningConfiguration>`);
      } else if (req.method === "PUT") {
        if (options.honours && req.headers["if-none-match"] === "*" && objects.has(url.pathname)) {
          res.writeHead(412).end("<Error><Code>PreconditionFailed</Code></Error>");
        } else {
          objects.set(url.pathname, Buffer.concat(body).toString("utf8"));
          res.writeHead(200, { "x-amz-version-id": `v${++version}` }).end();
        }
      } else if (req.method === "DELETE") {
        objects.delete(url.pathname);
        res.writeHead(204).end();
      } else {
        res.writeHead(400).end();
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, objects, seen })),
  );
}

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const servers: Server[] = [];
afterAll(() => servers.forEach((server) => server.close()));

async function probe(options: { honours: boolean; versioning: string; status?: number }, kmsKeyId?: string) {
  const store = await standIn(options);
  servers.push(store.server);
  const run = probeStateBucket({ bucket: "state", region: "us-east-1", endpoint: store.endpoint }, credentials, {
    keyPrefix: "psf-estate/",
    ...(kmsKeyId !== undefined ? { kmsKeyId } : {}),
  });
  return { store, run };
}

describe("the state bucket's probe", () => {
  it("passes a store that refuses a conditional write of an existing object, lets one of eight racers win, and keeps versions; it leaves nothing behind", async () => {
    const { store, run } = await probe(
      { honours: true, versioning: "Enabled" },
      "arn:aws:kms:us-east-1:000000000000:key/00000000-0000-0000-0000-000000000000",
    );
    const result = await run;
    expect(result).toMatchObject({ conditionalWrites: true, versioning: "Enabled", leftBehind: [] });
    expect(result.lines).toEqual([
      expect.stringMatching(/^versioning: Enabled/),
      expect.stringMatching(/^a second write of an existing object with If-None-Match: \* was refused \(412 PreconditionFailed\)/),
      "8 conditional writes of one new object at once: 1 succeeded, 7 refused, as only one of several Terraform runs may take a lock",
    ]);
    expect(store.objects.size).toBe(0);
    // Path-style at the endpoint, under the state's prefix, signed, and encrypted as the backend's lock writes are.
    const puts = store.seen.filter((s) => s.method === "PUT");
    expect(puts.length).toBe(10);
    for (const put of puts) {
      expect(put.url).toMatch(/^\/state\/psf-estate\/psf-estate-probe-[0-9a-f]{12}(-race)?\.tflock$/);
      expect(put.headers["if-none-match"]).toBe("*");
      expect(put.headers["x-amz-server-side-encryption"]).toBe("aws:kms");
      expect(put.headers["x-amz-server-side-encryption-aws-kms-key-id"]).toBe(
        "arn:aws:kms:us-east-1:000000000000:key/00000000-0000-0000-0000-000000000000",
      );
      expect(put.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/s3\/aws4_request/);
    }
    // Each version it wrote is deleted by its id.
    expect(store.seen.filter((s) => s.method === "DELETE").every((s) => /versionId=v\d+/.test(s.url))).toBe(true);
  });

  it("fails a store that ignores If-None-Match, as npm's s3rver does: the second write replaces, every racer wins", async () => {
    const { run } = await probe({ honours: false, versioning: "Enabled" });
    const result = await run;
    expect(result.conditionalWrites).toBe(false);
    expect(result.lines.join("\n")).toMatch(/replaced it: the store ignores conditional writes, so two Terraform runs would both take the lock/);
    expect(result.lines.join("\n")).toMatch(/8 conditional writes of one new object at once: 8 succeeded/);
  });

  it("says when the bucket keeps no versions, and asks for S3's own encryption without a KMS key, as Terraform does", async () => {
    const { store, run } = await probe({ honours: true, versioning: "none" });
    expect((await run).versioning).toBe("none");
    expect(store.seen.filter((s) => s.method === "PUT").every((s) => s.headers["x-amz-server-side-encryption"] === "AES256")).toBe(true);
  });

  it("could not run when the store refuses it, and says which check and why", async () => {
    const { run } = await probe({ honours: true, versioning: "Enabled", status: 403 });
    await expect(run).rejects.toThrow(ProbeError);
    await expect(run).rejects.toThrow(/reading the bucket's versioning was answered 403 AccessDenied: check the bucket's name, region and endpoint/);
  });

  it("npm run state:probe exits 0 for a fit bucket, 1 for an unfit one, 2 when it cannot run", async () => {
    const fit = await standIn({ honours: true, versioning: "Enabled" });
    const unfit = await standIn({ honours: false, versioning: "Enabled" });
    servers.push(fit.server, unfit.server);
    const run = (env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, ["--require", "tsx/cjs", join(__dirname, "..", "scripts", "state-probe.ts")], {
          env: { PATH: process.env.PATH, TSX_DISABLE_CACHE: "1", ...env },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        child.stdout.on("data", (c: Buffer) => (out += String(c)));
        child.stderr.on("data", (c: Buffer) => (out += String(c)));
        child.on("close", (code) => resolve({ code, out }));
      });
    const s3 = (endpoint: string): NodeJS.ProcessEnv => ({
      PSF_ESTATE_BACKEND: "s3",
      PSF_ESTATE_S3_BUCKET: "state",
      PSF_ESTATE_S3_ENDPOINT: endpoint,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    });
    const [good, bad, none, noKeys] = await Promise.all([
      run(s3(fit.endpoint)),
      run(s3(unfit.endpoint)),
      run({ PSF_ESTATE_BACKEND: "cloud" }),
      run({ PSF_ESTATE_BACKEND: "s3", PSF_ESTATE_S3_BUCKET: "state" }),
    ]);
    expect(good).toMatchObject({ code: 0, out: expect.stringContaining("fit for the estate's state: conditional writes honoured, versioning on") });
    expect(bad).toMatchObject({
      code: 1,
      out: expect.stringContaining("NOT fit for the estate's state: conditional writes are not honoured, so the lock does not lock"),
    });
    expect(none).toMatchObject({ code: 2, out: expect.stringContaining('PSF_ESTATE_BACKEND=s3 is what this checks; it is "cloud"') });
    expect(noKeys).toMatchObject({ code: 2, out: expect.stringContaining("needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY") });
  }, 60_000);
});
