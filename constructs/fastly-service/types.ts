/**
 * The FastlyService construct's props. Their vocabulary (health checks, conditions, headers, loggers and the rest) is
 * the inventory's, defined once with the rules of each value (inventory/shape/fastly.ts): the inventory writes its
 * services in it, and the stack passes `FastlyServiceRules` through as they are. What only the stack knows (an origin's
 * address, a logger's credentials) and the blocks the inventory does not write (snippets, the syslog and Datadog
 * loggers) are added here.
 */
import type { DatadogSite, FastlyBackendSettings, FastlyLoggerCommon, FastlyS3LoggerSettings, FastlyServiceRules } from "../../inventory";

export type {
  DatadogSite,
  FastlyAcl,
  FastlyBackendSettings,
  FastlyCacheAction,
  FastlyCacheSetting,
  FastlyCondition,
  FastlyConditionType,
  FastlyForceTls,
  FastlyGzip,
  FastlyHeader,
  FastlyHeaderType,
  FastlyHealthcheck,
  FastlyHostRedirect,
  FastlyHsts,
  FastlyLoggerCommon,
  FastlyLogMessageType,
  FastlyOriginToken,
  FastlyRateLimiter,
  FastlyRateLimiterLogger,
  FastlyRedirectStatus,
  FastlyRequestAction,
  FastlyRequestSetting,
  FastlyResponseObject,
  FastlyS3LoggerSettings,
  FastlyS3Redundancy,
  FastlyServiceRules,
  FastlyXff,
} from "../../inventory";

/** The subroutine of the generated VCL a snippet is placed in. */
export type FastlySnippetType = "init" | "recv" | "hash" | "hit" | "miss" | "pass" | "fetch" | "error" | "deliver" | "log" | "none";

export interface FastlyDomain {
  /** Host name the service answers for, lower case, no trailing dot. */
  readonly name: string;
  /** @default none */
  readonly comment?: string;
}

/** What every origin has, however it is reached: the inventory's settings, and where it is. */
export interface FastlyBackendCommon extends FastlyBackendSettings {
  /** Host name or address; may be a token (e.g. a heroku_domain's cname). */
  readonly address: string;
}

/** An origin reached over TLS, its certificate checked: the two flags are typed `true`. */
export interface FastlyTlsBackend extends FastlyBackendCommon {
  readonly useSsl: true;
  readonly sslCheckCert: true;
  /** Name the origin's certificate must carry. */
  readonly sslCertHostname: string;
  /** Name sent in the TLS SNI extension. */
  readonly sslSniHostname: string;
  /** PEM CA certificate for a privately signed origin; may be a token (a variable). @default the public CA store */
  readonly sslCaCert?: string;
}

/**
 * An origin that offers no TLS at all (an S3 website endpoint serves HTTP only), reached over plain HTTP: Fastly still
 * terminates TLS for the clients. It says why, so that no origin that could be reached over TLS is reached without.
 */
export interface FastlyPlainHttpBackend extends FastlyBackendCommon {
  readonly useSsl: false;
  /** Why the origin cannot be reached over TLS. */
  readonly plainHttpBecause: string;
}

/** An origin: over TLS with its certificate checked, or, where the origin has no TLS, over plain HTTP with the reason. */
export type FastlyBackend = FastlyTlsBackend | FastlyPlainHttpBackend;

export interface FastlySnippet {
  readonly name: string;
  readonly type: FastlySnippetType;
  /** VCL code, passed to Fastly unchecked. */
  readonly content: string;
  /** Lower runs first. @default Fastly's default, 100 */
  readonly priority?: number;
}

/** How Fastly authenticates to the bucket: a role it assumes, or keys from sensitive variables (tokens only). */
export type FastlyS3Credentials = { readonly iamRole: string } | { readonly accessKey: string; readonly secretKey: string };

/** Logs to an S3 bucket: the inventory's settings, and how Fastly authenticates to the bucket. */
export interface FastlyS3Logger extends FastlyS3LoggerSettings {
  readonly credentials: FastlyS3Credentials;
}

/** A syslog stream, always over TLS with the server's certificate checked: logs carry client addresses. */
export interface FastlySyslogLogger extends FastlyLoggerCommon {
  readonly address: string;
  /** 1-65535. */
  readonly port: number;
  readonly useTls: true;
  /** Name the syslog server's certificate must carry. */
  readonly tlsHostname: string;
  /** PEM CA certificate for a privately signed syslog server; may be a token (a variable). @default the public CA store */
  readonly tlsCaCert?: string;
}

/** Fastly's `region` of a Datadog logger for each Datadog site (Fastly's logging_datadog documentation: US or EU). */
export const FASTLY_DATADOG_REGION: Readonly<Record<DatadogSite, "US" | "EU">> = { "datadoghq.com": "US", "datadoghq.eu": "EU" };

/** A stream of log lines to Datadog's log intake, over HTTPS; the API key is a token (a sensitive variable), never a literal. */
export interface FastlyDatadogLogger {
  readonly name: string;
  /** Fastly log format string. @default Fastly's default for Datadog (JSON) */
  readonly format?: string;
  /** @default 2 */
  readonly formatVersion?: 1 | 2;
  /** The Datadog site of the organization the key belongs to. */
  readonly site: DatadogSite;
  /** The Datadog API key: a reference to a sensitive variable. */
  readonly token: string;
  /** Name of a RESPONSE condition. @default every request is logged */
  readonly responseCondition?: string;
}

export interface FastlyServiceProps extends FastlyServiceRules {
  /** Service name at Fastly, e.g. "www.python.org"; errors name the service by it. */
  readonly name: string;
  /** The service's description at Fastly. */
  readonly comment: string;
  /** At least one; no repeats. */
  readonly domains: readonly FastlyDomain[];
  /** At least one. */
  readonly backends: readonly FastlyBackend[];
  /** @default none */
  readonly snippets?: readonly FastlySnippet[];
  /** @default none; `s3Loggers` and `syslogLoggers` together need at least one logger */
  readonly s3Loggers?: readonly FastlyS3Logger[];
  /** @default none; `s3Loggers` and `syslogLoggers` together need at least one logger */
  readonly syslogLoggers?: readonly FastlySyslogLogger[];
  /** Streams to Datadog, beside the S3 and syslog loggers (they do not count towards "at least one"). @default none */
  readonly datadogLoggers?: readonly FastlyDatadogLogger[];
  /** Activate each new version on apply. @default true */
  readonly activate?: boolean;
  /** Seconds objects are cached when the origin says nothing. @default Fastly's default, 3600 */
  readonly defaultTtl?: number;
  /** Serve stale content when the origin fails. @default Fastly's default, false */
  readonly staleIfError?: boolean;
  /** Seconds. @default Fastly's default, 43200 */
  readonly staleIfErrorTtl?: number;
  /** Advertise HTTP/3. @default Fastly's default, false */
  readonly http3?: boolean;
}

/**
 * The props with `hostRedirects`, `hsts` and `forceTls` written out as the conditions, headers, response
 * objects and request setting they stand for (expand.ts): every block list is then one Fastly block type.
 */
export type ExpandedFastlyServiceProps = Omit<FastlyServiceProps, "hostRedirects" | "hsts" | "forceTls">;
