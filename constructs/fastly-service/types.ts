/**
 * The vocabulary of a Fastly VCL service: backends, conditions, headers, loggers and the rest, as plain
 * typed data, and the FastlyService construct's props made of it. The inventory writes services in it
 * (`FastlyServiceRules` as they are); the construct turns it into Terraform.
 */

/** Where in Fastly's request flow a condition is evaluated; it decides which fields may name it. */
export type FastlyConditionType = "REQUEST" | "RESPONSE" | "CACHE";
export type FastlyHeaderType = "request" | "cache" | "response";
export type FastlyCacheAction = "pass" | "cache" | "restart";
export type FastlyRequestAction = "lookup" | "pass";
/** What a request setting does to X-Forwarded-For. */
export type FastlyXff = "clear" | "leave" | "append" | "append_all" | "overwrite";
/** The subroutine of the generated VCL a snippet is placed in. */
export type FastlySnippetType = "init" | "recv" | "hash" | "hit" | "miss" | "pass" | "fetch" | "error" | "deliver" | "log" | "none";
export type FastlyLogMessageType = "classic" | "loggly" | "logplex" | "blank";
export type FastlyRedirectStatus = 301 | 302 | 307 | 308;

export interface FastlyDomain {
  /** Host name the service answers for, lower case, no trailing dot. */
  readonly name: string;
  /** @default none */
  readonly comment?: string;
}

/** What every origin has, however it is reached. */
export interface FastlyBackendCommon {
  /** Unique within the service; lower case letters, digits, `_` and `-`, so that its VCL name is `F_<name>` (see `fastlyBackendVclName`). */
  readonly name: string;
  /** Host name or address; may be a token (e.g. a heroku_domain's cname). */
  readonly address: string;
  /** 1-65535. */
  readonly port: number;
  /** Host header sent to the origin. @default the client's Host header */
  readonly overrideHost?: string;
  /** Shield POP code, e.g. "iad-va-us". @default no shielding */
  readonly shield?: string;
  /** Name of one of `healthchecks`. @default the origin is not probed */
  readonly healthcheck?: string;
  /** Name of a REQUEST condition that selects this backend. @default no condition */
  readonly requestCondition?: string;
  /** Whether the backend joins Fastly's automatic load balancing group. @default Fastly's default, false */
  readonly autoLoadbalance?: boolean;
  /** Weight within the load balancing group. @default Fastly's default, 100 */
  readonly weight?: number;
  /** Connection limit to the origin. @default Fastly's default, 200 */
  readonly maxConn?: number;
  readonly connectTimeoutMs: number;
  readonly firstByteTimeoutMs: number;
  readonly betweenBytesTimeoutMs: number;
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

export interface FastlyHealthcheck {
  /** Unique within the service; backends refer to it by this name. */
  readonly name: string;
  /** Host header of the probe. */
  readonly host: string;
  /** Path probed, starting with "/". */
  readonly path: string;
  readonly method: "HEAD" | "GET";
  readonly checkIntervalMs: number;
  /** HTTP status that counts as healthy, 100-599. */
  readonly expectedResponse: number;
  /** Healthy probes needed within `window`; at most `window`. */
  readonly threshold: number;
  /** Number of most recent probes considered. */
  readonly window: number;
  /** Probes counted as healthy when the configuration loads, 0 to `window`. */
  readonly initial: number;
  readonly timeoutMs: number;
  /** @default Fastly's default, "1.1" */
  readonly httpVersion?: "1.0" | "1.1";
  /** Extra request headers, "Name: value". @default none */
  readonly headers?: readonly string[];
}

/** A named VCL boolean expression; its statement is passed to Fastly unchecked. */
export interface FastlyCondition {
  readonly name: string;
  readonly type: FastlyConditionType;
  /** VCL expression, e.g. `req.url ~ "^/ftp/"`. */
  readonly statement: string;
  /** Lower runs first. @default Fastly's default, 10 */
  readonly priority?: number;
}

/** Fields every header rule has, whatever its action. */
export interface FastlyHeaderCommon {
  readonly name: string;
  readonly type: FastlyHeaderType;
  /** What is changed: "http.<Header-Name>", "url", "backend", ... */
  readonly destination: string;
  /** Name of a REQUEST condition. @default no condition */
  readonly requestCondition?: string;
  /** Name of a RESPONSE condition. @default no condition */
  readonly responseCondition?: string;
  /** Name of a CACHE condition. @default no condition */
  readonly cacheCondition?: string;
  /** Lower runs first. @default Fastly's default, 100 */
  readonly priority?: number;
}

/** Sets `destination` to the VCL expression `source` (a literal needs its own double quotes). */
export interface FastlyHeaderSet {
  readonly action: "set";
  readonly source: string;
  /** Leave the destination alone when it already has a value. @default false */
  readonly ignoreIfSet?: boolean;
}

/** Appends the VCL expression `source` to `destination`. */
export interface FastlyHeaderAppend {
  readonly action: "append";
  readonly source: string;
}

export interface FastlyHeaderDelete {
  readonly action: "delete";
}

/** Replaces the first (`regex`) or every (`regex_repeat`) match of `regex` in `source` with `substitution`. */
export interface FastlyHeaderRegex {
  readonly action: "regex" | "regex_repeat";
  readonly source: string;
  readonly regex: string;
  readonly substitution: string;
}

/** What a header rule does; each action takes exactly the fields Fastly uses for it. */
export type FastlyHeaderOperation = FastlyHeaderSet | FastlyHeaderAppend | FastlyHeaderDelete | FastlyHeaderRegex;

/**
 * A header rule. With `destination: "backend"` the source must be the VCL name of one of the service's
 * backends (`fastlyBackendVclName`), so that a route to a backend that does not exist is refused.
 */
export type FastlyHeader = FastlyHeaderCommon & FastlyHeaderOperation;

export interface FastlyGzip {
  readonly name: string;
  /** MIME types compressed; no repeats. */
  readonly contentTypes: readonly string[];
  /** File extensions compressed, without the dot; no repeats. */
  readonly extensions: readonly string[];
  /** Name of a CACHE condition. @default applies to every response */
  readonly cacheCondition?: string;
}

export interface FastlyCacheSetting {
  readonly name: string;
  readonly action: FastlyCacheAction;
  /** Name of the CACHE condition that selects this setting. */
  readonly cacheCondition: string;
  /** Seconds. @default the origin's caching headers decide */
  readonly ttl?: number;
  /** Seconds an object may be served stale. @default Fastly's default */
  readonly staleTtl?: number;
}

/** The unconditional request setting that redirects plain HTTP to HTTPS; `force_ssl` is always true. */
export interface FastlyForceTls {
  /** Name of the generated request setting, e.g. "Default cache policy". */
  readonly name: string;
  /** @default Fastly's default, "append" */
  readonly xff?: FastlyXff;
  /** Seconds an object may be served stale-if-error or stale-while-revalidate. @default Fastly's default */
  readonly maxStaleAge?: number;
  /** Disables request collapsing. @default false */
  readonly bypassBusyWait?: boolean;
}

/** A further request setting, usually conditional (e.g. pass for /api/). */
export interface FastlyRequestSetting {
  readonly name: string;
  /** Name of a REQUEST condition. @default applies to every request */
  readonly requestCondition?: string;
  /** @default none: normal lookup */
  readonly action?: FastlyRequestAction;
  /** Whether this setting also redirects HTTP to HTTPS (`forceTls` already does for every request). @default false */
  readonly forceSsl?: boolean;
  /** @default false */
  readonly forceMiss?: boolean;
  /** @default Fastly's default, "append" */
  readonly xff?: FastlyXff;
  /** Seconds. @default Fastly's default */
  readonly maxStaleAge?: number;
  /** @default false */
  readonly bypassBusyWait?: boolean;
  /** Comma-separated VCL fields that make up the cache key. @default Fastly's default, URL and host */
  readonly hashKeys?: string;
  /** Host header to use when the request has none. @default none */
  readonly defaultHost?: string;
  /** Adds X-Timer to the request. @default false */
  readonly timerSupport?: boolean;
}

/** A synthetic response served by Fastly itself. */
export interface FastlyResponseObject {
  readonly name: string;
  /** HTTP status, 100-599. */
  readonly status: number;
  /** Reason phrase, e.g. "Moved Permanently". */
  readonly response: string;
  /** Body. @default empty */
  readonly content?: string;
  /** @default none */
  readonly contentType?: string;
  /** Name of a REQUEST condition. @default none: the object is only served when VCL calls for it */
  readonly requestCondition?: string;
  /** Name of a CACHE condition. @default none */
  readonly cacheCondition?: string;
}

export interface FastlySnippet {
  readonly name: string;
  readonly type: FastlySnippetType;
  /** VCL code, passed to Fastly unchecked. */
  readonly content: string;
  /** Lower runs first. @default Fastly's default, 100 */
  readonly priority?: number;
}

/**
 * A whole-host redirect, built the way Fastly's UI builds one: a REQUEST condition on the Host header
 * selects a synthetic response (`<name>`), and a RESPONSE condition adds its Location header
 * (`<name> location`). The generated conditions, response object and header share the names of the
 * hand-written ones, so they must not collide with them.
 */
export interface FastlyHostRedirect {
  readonly name: string;
  /** One of the service's domains, e.g. "python.org". */
  readonly fromHost: string;
  /** Scheme and host the client is sent to, no path, e.g. "https://www.python.org"; the request's URL is appended. */
  readonly toOrigin: string;
  /** @default 301 */
  readonly status?: FastlyRedirectStatus;
}

/** A Strict-Transport-Security response header. */
export interface FastlyHsts {
  /** Name of the generated header rule. */
  readonly name: string;
  /** Positive whole seconds. */
  readonly maxAgeSeconds: number;
  readonly includeSubDomains: boolean;
  readonly preload: boolean;
  /** Name of a RESPONSE condition, e.g. one host of the service. @default every response */
  readonly responseCondition?: string;
  /** Priority of the generated header rule: lower runs first. @default Fastly's default, 100 */
  readonly priority?: number;
}

/** The header rule that sends the origin token: which header, and the rule's own name and priority. */
export interface FastlyOriginToken {
  /** The request header the origins check, e.g. `Fastly-Token`. */
  readonly header: string;
  /** Name of the header rule. @default `origin token <header>` */
  readonly name?: string;
  /** Lower runs first. @default Fastly's default, 100 */
  readonly priority?: number;
}

/** Fields every logging endpoint has. */
export interface FastlyLoggerCommon {
  readonly name: string;
  /** Fastly log format string. */
  readonly format: string;
  /** @default 2 */
  readonly formatVersion?: 1 | 2;
  /** @default "classic" */
  readonly messageType?: FastlyLogMessageType;
  /** Name of a RESPONSE condition. @default every request is logged */
  readonly responseCondition?: string;
}

/** S3 storage classes Fastly's S3 logger writes with (provider 9.5.1 logging_s3 `redundancy`). */
export type FastlyS3Redundancy = "standard" | "intelligent_tiering" | "standard_ia" | "onezone_ia" | "glacier" | "glacier_ir" | "deep_archive" | "reduced_redundancy";

/** How Fastly authenticates to the bucket: a role it assumes, or keys from sensitive variables (tokens only). */
export type FastlyS3Credentials = { readonly iamRole: string } | { readonly accessKey: string; readonly secretKey: string };

export interface FastlyS3Logger extends FastlyLoggerCommon {
  readonly bucketName: string;
  /** Regional S3 endpoint, e.g. "s3-eu-west-1.amazonaws.com". @default Fastly's default, "s3.amazonaws.com" */
  readonly domain?: string;
  /** Key prefix; strftime escapes allowed. */
  readonly path: string;
  /** Seconds between uploads. */
  readonly periodSeconds: number;
  /** 0 (none) to 9. */
  readonly gzipLevel: number;
  /** strftime format of %t. @default Fastly's default */
  readonly timestampFormat?: string;
  /** The storage class of the log objects. @default none written: the bucket's default class */
  readonly redundancy?: FastlyS3Redundancy;
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

/** Datadog sites (where an organization's data lives) that Fastly's Datadog logger can send to. */
export type DatadogSite = "datadoghq.com" | "datadoghq.eu";

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

/**
 * An access control list of client addresses, used by a condition (`client.ip ~ <name>`). Its entries are kept
 * outside Terraform, in Fastly's API, so that blocking an address needs no new service version.
 */
export interface FastlyAcl {
  readonly name: string;
}

/** Logging endpoint types a rate limiter can write its events to (here: the ones this construct makes). */
export type FastlyRateLimiterLogger = "datadog" | "s3" | "syslog";

/** Edge rate limiting of clients by a key of the request. */
export interface FastlyRateLimiter {
  readonly name: string;
  /** `log_only` records offenders without refusing them; `response` answers them with `response`. */
  readonly action: "log_only" | "response";
  /** VCL expression the limit counts by, e.g. `client.ip`. */
  readonly clientKey: string;
  /** Upper-case methods counted. */
  readonly httpMethods: readonly string[];
  /** Requests per second above which a client is an offender. */
  readonly rpsLimit: number;
  /** Seconds the rate is measured over: 1, 10 or 60. */
  readonly windowSeconds: 1 | 10 | 60;
  /** Minutes an offender stays in the penalty box. */
  readonly penaltyBoxMinutes: number;
  /** Where offenders are logged: the service must have a logger of this type. @default not logged */
  readonly loggerType?: FastlyRateLimiterLogger;
  /** What an offender gets (required by, and only used by, action `response`). @default none */
  readonly response?: { readonly status: number; readonly contentType: string; readonly content: string };
  /** @default Fastly's default */
  readonly featureRevision?: number;
}

/**
 * The parts of a service the inventory writes exactly as the construct takes them, so that the stack
 * passes them through untouched: a block type the inventory writes is a field here and in no file between.
 */
export interface FastlyServiceRules {
  /** @default none */
  readonly healthchecks?: readonly FastlyHealthcheck[];
  /** @default none */
  readonly conditions?: readonly FastlyCondition[];
  /** @default none */
  readonly headers?: readonly FastlyHeader[];
  /** @default no compression */
  readonly gzip?: readonly FastlyGzip[];
  /** @default none */
  readonly cacheSettings?: readonly FastlyCacheSetting[];
  /** @default none besides `forceTls` */
  readonly requestSettings?: readonly FastlyRequestSetting[];
  /** @default none */
  readonly hostRedirects?: readonly FastlyHostRedirect[];
  /** At least one Strict-Transport-Security header. */
  readonly hsts: readonly FastlyHsts[];
  /** Redirects every plain-HTTP request to HTTPS; required. */
  readonly forceTls: FastlyForceTls;
  /** Synthetic responses (a 403 for blocked clients, say). @default none besides those redirects make */
  readonly responseObjects?: readonly FastlyResponseObject[];
  /** @default none */
  readonly acls?: readonly FastlyAcl[];
  /** @default none */
  readonly rateLimiters?: readonly FastlyRateLimiter[];
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
