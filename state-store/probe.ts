/*
 * What a bucket must do to hold the estate's state safely, checked against the bucket itself: Terraform's S3 lock
 * (`use_lockfile`) is a PutObject with `If-None-Match: *`, which only locks on a store that refuses it when the lock
 * object exists (412 Precondition Failed, or 409 while another such write is in flight); a store that ignores the
 * header lets two applies both "take" the lock. And the bucket keeps every version, so a bad state write can be undone.
 * The probe writes as Terraform's lock does (the same encryption headers), under the state's key prefix, and removes
 * every version it wrote.
 */
import { randomBytes } from "node:crypto";
import { s3ErrorCode, s3Request, type S3Answer, type S3Bucket, type S3Credentials } from "./s3-request";

export interface ProbeOptions {
  /** Where the probe's objects go: the state's key prefix. */
  readonly keyPrefix: string;
  /** The KMS key the backend encrypts with (PSF_ESTATE_S3_KMS_KEY_ID). @default S3's own key (AES256), as Terraform does without one */
  readonly kmsKeyId?: string;
  /** How many conditional writes race for one new key. @default 8 */
  readonly racers?: number;
}

export interface ProbeResult {
  /** A second write with `If-None-Match: *` was refused, and of the racing writes exactly one succeeded. */
  readonly conditionalWrites: boolean;
  /** The bucket's versioning status: `Enabled`, `Suspended`, or `none` (never enabled). */
  readonly versioning: string;
  /** One line per check, saying what was seen. */
  readonly lines: readonly string[];
  /** The probe's objects it could not remove (it says which). */
  readonly leftBehind: readonly string[];
}

/** The probe could not run: no answer, no access, no such bucket. Never a verdict on the store. */
export class ProbeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProbeError";
  }
}

const REFUSED = new Set([409, 412]);

/** Probes `where` for conditional writes and versioning; throws `ProbeError` when it cannot tell. */
export async function probeStateBucket(where: S3Bucket, credentials: S3Credentials, options: ProbeOptions): Promise<ProbeResult> {
  const lines: string[] = [];
  const written: { key: string; versionId?: string }[] = [];
  const racers = options.racers ?? 8;
  const encryption: Record<string, string> =
    options.kmsKeyId !== undefined
      ? { "x-amz-server-side-encryption": "aws:kms", "x-amz-server-side-encryption-aws-kms-key-id": options.kmsKeyId }
      : { "x-amz-server-side-encryption": "AES256" };
  const call = async (describe: string, run: () => Promise<S3Answer>): Promise<S3Answer> => {
    try {
      return await run();
    } catch (error) {
      throw new ProbeError(`${describe}: ${(error as Error).message}`);
    }
  };
  const put = (key: string): Promise<S3Answer> =>
    call(`writing ${key}`, () =>
      s3Request(where, credentials, {
        method: "PUT",
        key,
        body: `{"probe":"psf-estate"}`,
        headers: { "Content-Type": "application/json", "If-None-Match": "*", ...encryption },
      }),
    );
  const record = (key: string, answer: S3Answer): void => {
    const version = answer.headers["x-amz-version-id"];
    written.push({ key, ...(typeof version === "string" && version !== "null" ? { versionId: version } : {}) });
  };
  const unusable = (what: string, answer: S3Answer): ProbeError =>
    new ProbeError(
      `${what} was answered ${answer.status} ${s3ErrorCode(answer)}: check the bucket's name, region and endpoint, and that these credentials may write under ${options.keyPrefix}`,
    );

  const versioning = await call("reading the bucket's versioning", () => s3Request(where, credentials, { method: "GET", query: { versioning: "" } }));
  if (versioning.status !== 200) throw unusable("reading the bucket's versioning", versioning);
  const status = /<Status>([^<]+)<\/Status>/.exec(versioning.body)?.[1] ?? "none";
  lines.push(
    status === "Enabled"
      ? 'versioning: Enabled (every state written is kept; README, "Restoring a previous state version")'
      : `versioning: ${status}: an overwritten or deleted state cannot be restored; enable it`,
  );

  const run = randomBytes(6).toString("hex");
  const key = `${options.keyPrefix}psf-estate-probe-${run}.tflock`;
  let conditional = true;
  try {
    const first = await put(key);
    if (first.status !== 200) throw unusable(`a conditional write of ${key}`, first);
    record(key, first);
    const second = await put(key);
    if (second.status === 200) record(key, second);
    if (REFUSED.has(second.status)) {
      lines.push(
        `a second write of an existing object with If-None-Match: * was refused (${second.status} ${s3ErrorCode(second)}), as a held lock must refuse the next`,
      );
    } else if (second.status === 200) {
      conditional = false;
      lines.push(
        "a second write of an existing object with If-None-Match: * replaced it: the store ignores conditional writes, so two Terraform runs would both take the lock",
      );
    } else {
      throw unusable(`the second conditional write of ${key}`, second);
    }

    const raceKey = `${options.keyPrefix}psf-estate-probe-${run}-race.tflock`;
    const answers = await Promise.all(Array.from({ length: racers }, () => put(raceKey)));
    for (const answer of answers.filter((a) => a.status === 200)) record(raceKey, answer);
    const won = answers.filter((a) => a.status === 200).length;
    const refused = answers.filter((a) => REFUSED.has(a.status)).length;
    // Each racer has its answer: one neither a success nor a refusal makes the store unusable.
    const other = answers.find((a) => a.status !== 200 && !REFUSED.has(a.status));
    if (other !== undefined) throw unusable(`a racing conditional write of ${raceKey}`, other);
    if (won === 1) {
      lines.push(
        `${racers} conditional writes of one new object at once: 1 succeeded, ${refused} refused, as only one of several Terraform runs may take a lock`,
      );
    } else {
      conditional = false;
      lines.push(`${racers} conditional writes of one new object at once: ${won} succeeded: several Terraform runs could take the same lock`);
    }
  } catch (error) {
    // Whatever stopped the probe, what it wrote goes.
    await removeAll(where, credentials, written);
    throw error;
  }
  const leftBehind = await removeAll(where, credentials, written);
  return { conditionalWrites: conditional, versioning: status, lines, leftBehind };
}

/** Deletes every version the probe wrote (each by its id where the bucket keeps versions); returns what stayed. */
async function removeAll(where: S3Bucket, credentials: S3Credentials, written: readonly { key: string; versionId?: string }[]): Promise<string[]> {
  const left: string[] = [];
  const seen = new Set<string>();
  for (const object of written) {
    const id = `${object.key}${object.versionId !== undefined ? `?versionId=${object.versionId}` : ""}`;
    if (seen.has(id)) continue;
    seen.add(id);
    try {
      const answer = await s3Request(where, credentials, {
        method: "DELETE",
        key: object.key,
        ...(object.versionId !== undefined ? { query: { versionId: object.versionId } } : {}),
      });
      if (answer.status !== 204 && answer.status !== 200) left.push(`${id} (${answer.status} ${s3ErrorCode(answer)})`);
    } catch (error) {
      left.push(`${id} (${(error as Error).message})`);
    }
  }
  return left;
}
