/*
 * A real S3-compatible store for the state tests: Ceph's radosgw (Debian's `radosgw`, `ceph-mon` and `ceph-osd`
 * packages), on loopback, backed by a one-monitor, one-OSD Ceph cluster that keeps its objects in memory (memstore),
 * all in a scratch folder and in process groups of this process, so that stopping it (or an interruption) leaves
 * nothing behind. radosgw honours `If-None-Match: *` (state-store/probe.ts proves it each time) and encrypts an object
 * written with SSE-KMS under a key of its own "testing" KMS backend, which the tests use to show that the state is
 * stored encrypted, not only asked to be.
 */
import { execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { s3ErrorCode, s3Request, type S3Credentials } from "../../state-store/s3-request";
import { killGroup, makeScratch, removeScratch, runGroup, spawnGroup } from "../../twin/rehearsal/processes";

/** The Debian packages that bring the store, and the commands the harness runs from them. */
export const CEPH_PACKAGES = ["radosgw", "ceph-mon", "ceph-osd"] as const;
const COMMANDS = ["ceph", "ceph-mon", "ceph-osd", "monmaptool", "radosgw", "radosgw-admin", "rados"] as const;

/** Thrown when the store cannot start: not installed, or a daemon failed (its log is named). */
export class CephStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CephStoreError";
  }
}

export interface CephStore {
  /** The S3 endpoint, http://127.0.0.1:<port>. */
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: S3Credentials;
  /** The id of a key of radosgw's testing KMS backend, in the form Terraform's kms_key_id accepts (a UUID). */
  readonly kmsKeyId: string;
  /** Makes a bucket; with versioning on unless told otherwise. */
  createBucket(name: string, options?: { readonly versioning?: boolean }): Promise<void>;
  /** The bytes RADOS holds for every object of the store's data pool, by RADOS object name: what is at rest. */
  objectsAtRest(): Promise<ReadonlyMap<string, Buffer>>;
  /** Stops every daemon and removes the scratch folder. */
  stop(): Promise<void>;
}

/** Whether every command of the store is on PATH. */
export function cephStoreInstalled(env: NodeJS.ProcessEnv = process.env): boolean {
  return COMMANDS.every((command) => (env.PATH ?? "").split(":").some((dir) => dir !== "" && existsSync(join(dir, command))));
}

/** A free TCP port on loopback (the kernel's choice; it may be taken again before use, which start-up then reports). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the store; throws `CephStoreError` when it cannot. Takes 10 to 30 s on this machine. */
export async function startCephStore(): Promise<CephStore> {
  if (!cephStoreInstalled()) {
    throw new CephStoreError(
      `Ceph's radosgw is not installed: apt-get install ${CEPH_PACKAGES.join(" ")} (Debian's packages; README, "Testing the S3 backend")`,
    );
  }
  const dir = makeScratch("psf-estate-ceph-");
  const daemons: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    for (const daemon of daemons) killGroup(daemon, "SIGTERM");
    await sleep(500);
    for (const daemon of daemons) killGroup(daemon, "SIGKILL");
    removeScratch(dir);
  };
  try {
    const [monPort, rgwPort] = [await freePort(), await freePort()];
    const fsid = randomUUID();
    const kmsKeyId = randomUUID();
    const credentials = { accessKeyId: `PSFESTATE${randomBytes(6).toString("hex").toUpperCase()}`, secretAccessKey: randomBytes(24).toString("hex") };
    for (const sub of ["mon", "osd", "run", "log"]) mkdirSync(join(dir, sub));
    const conf = join(dir, "ceph.conf");
    writeFileSync(
      conf,
      [
        "[global]",
        `fsid = ${fsid}`,
        `mon host = v2:127.0.0.1:${monPort}`,
        "public addr = 127.0.0.1",
        "ms bind ipv6 = false",
        // No cephx: the cluster is reachable from this machine alone, for the time of a test. Without keys, every
        // messenger must run in crc mode, since "secure" needs cephx's session keys.
        "auth cluster required = none",
        "auth service required = none",
        "auth client required = none",
        "ms mon client mode = crc",
        "ms client mode = crc",
        "ms cluster mode = crc",
        "ms service mode = crc",
        "ms mon cluster mode = crc",
        "ms mon service mode = crc",
        "keyring = /dev/null",
        `run dir = ${join(dir, "run")}`,
        `admin socket = ${join(dir, "run")}/$cluster-$name.asok`,
        `log file = ${join(dir, "log")}/$name.log`,
        "osd pool default size = 1",
        "osd pool default min size = 1",
        "osd crush chooseleaf type = 0",
        "mon allow pool size one = true",
        "mon warn on pool no redundancy = false",
        "[mon.a]",
        `public addrv = [v2:127.0.0.1:${monPort}]`,
        `mon data = ${join(dir, "mon")}`,
        "mon data avail crit = 0",
        `mon cluster log file = ${join(dir, "log")}/mon-cluster.log`,
        "[osd.0]",
        `osd data = ${join(dir, "osd")}`,
        "osd objectstore = memstore",
        "memstore device bytes = 1073741824",
        "[client.rgw.a]",
        `rgw frontends = beast endpoint=127.0.0.1:${rgwPort}`,
        // SSE-KMS with keys from this file: radosgw's "testing" backend, made for exactly this. Encryption over plain
        // HTTP is refused unless allowed, and the store is on loopback.
        "rgw crypt s3 kms backend = testing",
        `rgw crypt s3 kms encryption keys = ${kmsKeyId}=${randomBytes(32).toString("base64")}`,
        "rgw crypt require ssl = false",
        "",
      ].join("\n"),
    );
    const env: NodeJS.ProcessEnv = { ...process.env, CEPH_CONF: conf };
    const run = async (command: string, args: readonly string[], timeoutMs = 60_000): Promise<string> => {
      const outcome = await runGroup(command, args, { cwd: dir, env, timeoutMs });
      if (outcome.exitCode !== 0)
        throw new CephStoreError(
          `${command} ${args.join(" ")} failed (exit ${outcome.exitCode}${outcome.signal !== undefined ? `, ${outcome.signal}` : ""}): ${(outcome.stderr || outcome.stdout).trim().split("\n").slice(-3).join(" / ")}`,
        );
      return outcome.stdout;
    };
    const daemon = (command: string, args: readonly string[]): void => {
      const child = spawnGroup(command, [...args, "-f"], { cwd: dir, env, stdio: "ignore" });
      daemons.push(child);
    };
    await run("monmaptool", ["--create", "--fsid", fsid, "--addv", "a", `[v2:127.0.0.1:${monPort}]`, join(dir, "run", "monmap")]);
    await run("ceph-mon", ["--id", "a", "--mkfs", "--monmap", join(dir, "run", "monmap"), "--keyring", "/dev/null"]);
    daemon("ceph-mon", ["--id", "a"]);
    const osd = (await run("ceph", ["--connect-timeout", "30", "osd", "create"])).trim();
    await run("ceph", ["osd", "crush", "add", `osd.${osd}`, "1", "root=default", "host=localhost"]);
    await run("ceph-osd", ["--id", osd, "--mkfs"]);
    daemon("ceph-osd", ["--id", osd]);
    daemon("radosgw", ["-n", "client.rgw.a"]);
    const endpoint = `http://127.0.0.1:${rgwPort}`;
    const deadline = Date.now() + 120_000;
    for (;;) {
      const exited = daemons.find((d) => d.exitCode !== null || d.signalCode !== null);
      if (exited !== undefined) throw new CephStoreError(`${exited.spawnargs[0]} stopped while the store started (logs in ${join(dir, "log")})`);
      const up = await fetch(`${endpoint}/`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline) throw new CephStoreError(`radosgw did not answer at ${endpoint} within 120 s (logs in ${join(dir, "log")})`);
      await sleep(500);
    }
    await run("radosgw-admin", [
      "user",
      "create",
      "--uid",
      "psf-estate",
      "--display-name",
      "psf-estate tests",
      `--access-key=${credentials.accessKeyId}`,
      `--secret-key=${credentials.secretAccessKey}`,
    ]);
    const region = "default";
    return {
      endpoint,
      region,
      credentials,
      kmsKeyId,
      async createBucket(name, options = {}) {
        const where = { bucket: name, region, endpoint };
        const made = await s3Request(where, credentials, { method: "PUT" });
        if (made.status !== 200) throw new CephStoreError(`creating bucket ${name}: ${made.status} ${s3ErrorCode(made)}`);
        if (options.versioning === false) return;
        const body = '<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Enabled</Status></VersioningConfiguration>';
        const versioned = await s3Request(where, credentials, { method: "PUT", query: { versioning: "" }, body });
        if (versioned.status !== 200) throw new CephStoreError(`enabling versioning on ${name}: ${versioned.status} ${s3ErrorCode(versioned)}`);
      },
      async objectsAtRest() {
        const pool = "default.rgw.buckets.data";
        const names = (await run("rados", ["-p", pool, "ls"])).split("\n").filter((n) => n !== "");
        const out = new Map<string, Buffer>();
        for (const name of names.sort()) out.set(name, execFileSync("rados", ["-p", pool, "get", name, "-"], { env, maxBuffer: 64 * 1024 * 1024 }));
        return out;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
