/*
 * One signed S3 request (Signature Version 4, signed by the `aws4` package), over node's own http(s): enough for the
 * checks a state store must pass (state-store/probe.ts) and for the tests that set up a store, without an AWS SDK.
 */
import aws4 from "aws4";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/** Where a bucket is: AWS's own S3 (virtual-hosted names), or an S3-compatible store at `endpoint` (path-style). */
export interface S3Bucket {
  readonly bucket: string;
  readonly region: string;
  /** An S3-compatible store's URL. @default AWS: https://<bucket>.s3.<region>.amazonaws.com */
  readonly endpoint?: string;
}

/** Static credentials, as Terraform reads them from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN. */
export interface S3Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface S3Call {
  readonly method: "GET" | "PUT" | "DELETE" | "HEAD";
  /** The object's key; none for the bucket itself. @default the bucket */
  readonly key?: string;
  /** Query parameters, such as `versioning` (empty value) or `versionId`. @default none */
  readonly query?: Readonly<Record<string, string>>;
  /** @default none */
  readonly headers?: Readonly<Record<string, string>>;
  /** @default empty */
  readonly body?: string;
  /** Give up after this long. @default 30 s */
  readonly timeoutMs?: number;
}

export interface S3Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** The request's URL: path-style at an endpoint, virtual-hosted at AWS. */
export function s3Url(where: S3Bucket, key?: string, query: Readonly<Record<string, string>> = {}): URL {
  const path = key === undefined ? "" : key.split("/").map(encodeURIComponent).join("/");
  const url =
    where.endpoint !== undefined
      ? new URL(`${where.endpoint.replace(/\/+$/, "")}/${encodeURIComponent(where.bucket)}${key === undefined ? "" : `/${path}`}`)
      : new URL(`https://${where.bucket}.s3.${where.region}.amazonaws.com/${path}`);
  for (const [name, value] of Object.entries(query).sort(([a], [b]) => (a < b ? -1 : 1))) url.searchParams.set(name, value);
  return url;
}

/** Sends one signed request; resolves with whatever the store answers, and rejects only when no answer comes. */
export function s3Request(where: S3Bucket, credentials: S3Credentials, call: S3Call): Promise<S3Answer> {
  const url = s3Url(where, call.key, call.query);
  // A parameter without a value (`?versioning`) is signed and sent as `versioning=`, which S3 takes as the same.
  const signed = aws4.sign(
    {
      host: url.host,
      path: `${url.pathname}${url.search}`,
      method: call.method,
      service: "s3",
      region: where.region,
      headers: { ...call.headers, "X-Amz-Content-Sha256": "UNSIGNED-PAYLOAD" },
      ...(call.body !== undefined ? { body: call.body } : {}),
    },
    credentials,
  );
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      {
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port === "" ? undefined : Number(url.port),
        path: signed.path,
        method: call.method,
        headers: signed.headers as Record<string, string>,
        timeout: call.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer from ${url.host} within ${(call.timeoutMs ?? 30_000) / 1000} s`)));
    req.on("error", reject);
    req.end(call.body ?? "");
  });
}

/** S3's error code in an error answer's XML body (`<Code>PreconditionFailed</Code>`), or the HTTP status. */
export function s3ErrorCode(answer: S3Answer): string {
  return /<Code>([^<]+)<\/Code>/.exec(answer.body)?.[1] ?? `HTTP ${answer.status}`;
}
