/**
 * The vocabulary of a Fastly VCL service, as plain data: backends, health checks, conditions, headers, loggers and the
 * rest. The inventory writes its services in it, and the FastlyService construct (constructs/fastly-service/) takes it
 * as it is (`FastlyServiceRules` pass through the stack untouched): it is defined once, here, with the rules of each
 * value; the construct adds what only the stack knows (an origin's address, a logger's credentials) and checks the
 * references between blocks.
 */
import { z } from "zod";
import { domainName, matching, nonEmptyList, nonNegative, portNumber, positive, s3BucketName, text, wholeNumber, type Shape } from "./blocks";

const fastlyName = text();
const optionalText = text().optional();
const conditionName = text().optional();
const httpStatus = wholeNumber(100, 599, (n) => `${n} is not an HTTP status`);

/** Where in Fastly's request flow a condition is evaluated; it decides which fields may name it. */
export const FastlyConditionType = z.enum(["REQUEST", "RESPONSE", "CACHE"]);
export type FastlyConditionType = Shape<typeof FastlyConditionType>;
export const FastlyHeaderType = z.enum(["request", "cache", "response"]);
export type FastlyHeaderType = Shape<typeof FastlyHeaderType>;
export const FastlyCacheAction = z.enum(["pass", "cache", "restart"]);
export type FastlyCacheAction = Shape<typeof FastlyCacheAction>;
export const FastlyRequestAction = z.enum(["lookup", "pass"]);
export type FastlyRequestAction = Shape<typeof FastlyRequestAction>;
/** What a request setting does to X-Forwarded-For. */
export const FastlyXff = z.enum(["clear", "leave", "append", "append_all", "overwrite"]);
export type FastlyXff = Shape<typeof FastlyXff>;
export const FastlyLogMessageType = z.enum(["classic", "loggly", "logplex", "blank"]);
export type FastlyLogMessageType = Shape<typeof FastlyLogMessageType>;
export const FastlyRedirectStatus = z.union([z.literal(301), z.literal(302), z.literal(307), z.literal(308)]);
export type FastlyRedirectStatus = Shape<typeof FastlyRedirectStatus>;
/** S3 storage classes Fastly's S3 logger writes with (provider 9.5.1 logging_s3 `redundancy`). */
export const FastlyS3Redundancy = z.enum([
  "standard",
  "intelligent_tiering",
  "standard_ia",
  "onezone_ia",
  "glacier",
  "glacier_ir",
  "deep_archive",
  "reduced_redundancy",
]);
export type FastlyS3Redundancy = Shape<typeof FastlyS3Redundancy>;

/** What every origin has, however it is reached and wherever it is (the construct adds its address). */
export const FastlyBackendSettings = z.strictObject({
  /** Unique within the service; lower case letters, digits, `_` and `-`, so that its VCL name is `F_<name>` (see `fastlyBackendVclName`). */
  name: fastlyName,
  /** 1-65535. */
  port: portNumber,
  /** Host header sent to the origin. @default the client's Host header */
  overrideHost: domainName.optional(),
  /** Shield POP code, e.g. "iad-va-us". @default no shielding */
  shield: optionalText,
  /** Name of one of `healthchecks`. @default the origin is not probed */
  healthcheck: optionalText,
  /** Name of a REQUEST condition that selects this backend. @default no condition */
  requestCondition: conditionName,
  /** Whether the backend joins Fastly's automatic load balancing group. @default Fastly's default, false */
  autoLoadbalance: z.boolean().optional(),
  /** Weight within the load balancing group. @default Fastly's default, 100 */
  weight: nonNegative.optional(),
  /** Connection limit to the origin. @default Fastly's default, 200 */
  maxConn: positive.optional(),
  connectTimeoutMs: positive,
  firstByteTimeoutMs: positive,
  betweenBytesTimeoutMs: positive,
});
export type FastlyBackendSettings = Shape<typeof FastlyBackendSettings>;

export const FastlyHealthcheck = z
  .strictObject({
    /** Unique within the service; backends refer to it by this name. */
    name: fastlyName,
    /** Host header of the probe. */
    host: domainName,
    /** Path probed, starting with "/". */
    path: text((v) => (v.startsWith("/") ? undefined : `"${v}" does not start with "/"`)),
    method: z.enum(["HEAD", "GET"]),
    checkIntervalMs: positive,
    /** HTTP status that counts as healthy, 100-599. */
    expectedResponse: httpStatus,
    /** Healthy probes needed within `window`; at most `window`. */
    threshold: positive,
    /** Number of most recent probes considered. */
    window: positive,
    /** Probes counted as healthy when the configuration loads, 0 to `window`. */
    initial: nonNegative,
    timeoutMs: positive,
    /** @default Fastly's default, "1.1" */
    httpVersion: z.enum(["1.0", "1.1"]).optional(),
    /** Extra request headers, "Name: value". @default none */
    headers: z.array(text()).optional(),
  })
  .superRefine((check, ctx) => {
    if (check.threshold > check.window)
      ctx.addIssue({ code: "custom", path: ["threshold"], message: `${check.threshold} exceeds the window of ${check.window}` });
    if (check.initial > check.window)
      ctx.addIssue({ code: "custom", path: ["initial"], message: `${check.initial} exceeds the window of ${check.window}` });
  });
export type FastlyHealthcheck = Shape<typeof FastlyHealthcheck>;

/** A named VCL boolean expression; its statement is passed to Fastly unchecked. */
export const FastlyCondition = z.strictObject({
  name: fastlyName,
  type: FastlyConditionType,
  /** VCL expression, e.g. `req.url ~ "^/ftp/"`. */
  statement: text(),
  /** Lower runs first. @default Fastly's default, 10 */
  priority: nonNegative.optional(),
});
export type FastlyCondition = Shape<typeof FastlyCondition>;

/** Fields every header rule has, whatever its action. */
const headerCommon = {
  name: fastlyName,
  type: FastlyHeaderType,
  /** What is changed: "http.<Header-Name>", "url", "backend", ... */
  destination: text(),
  /** Name of a REQUEST condition. @default no condition */
  requestCondition: conditionName,
  /** Name of a RESPONSE condition. @default no condition */
  responseCondition: conditionName,
  /** Name of a CACHE condition. @default no condition */
  cacheCondition: conditionName,
  /** Lower runs first. @default Fastly's default, 100 */
  priority: nonNegative.optional(),
};

/**
 * A header rule; each action takes exactly the fields Fastly uses for it. With `destination: "backend"` the `sourceExpression` must
 * be the VCL name of one of the service's backends (`fastlyBackendVclName`), so that a route to a backend that does not
 * exist is refused.
 */
export const FastlyHeader = z.discriminatedUnion("action", [
  /** Sets `destination` to the VCL expression `sourceExpression` (Fastly's `source`) (a literal needs its own double quotes). */
  z.strictObject({
    ...headerCommon,
    action: z.literal("set"),
    sourceExpression: text(),
    /** Leave the destination alone when it already has a value. @default false */
    ignoreIfSet: z.boolean().optional(),
  }),
  /** Appends the VCL expression `sourceExpression` to `destination`. */
  z.strictObject({ ...headerCommon, action: z.literal("append"), sourceExpression: text() }),
  z.strictObject({ ...headerCommon, action: z.literal("delete") }),
  /** Replaces the first (`regex`) or every (`regex_repeat`) match of `regex` in `sourceExpression` with `substitution`. */
  z.strictObject({ ...headerCommon, action: z.enum(["regex", "regex_repeat"]), sourceExpression: text(), regex: text(), substitution: z.string() }),
]);
export type FastlyHeader = Shape<typeof FastlyHeader>;

export const FastlyGzip = z.strictObject({
  name: fastlyName,
  /** MIME types compressed; no repeats. */
  contentTypes: z.array(text()),
  /** File extensions compressed, without the dot; no repeats. */
  extensions: z.array(text()),
  /** Name of a CACHE condition. @default applies to every response */
  cacheCondition: conditionName,
});
export type FastlyGzip = Shape<typeof FastlyGzip>;

export const FastlyCacheSetting = z.strictObject({
  name: fastlyName,
  action: FastlyCacheAction,
  /** Name of the CACHE condition that selects this setting. */
  cacheCondition: text(),
  /** Seconds. @default the origin's caching headers decide */
  ttl: nonNegative.optional(),
  /** Seconds an object may be served stale. @default Fastly's default */
  staleTtl: nonNegative.optional(),
});
export type FastlyCacheSetting = Shape<typeof FastlyCacheSetting>;

/** The unconditional request setting that redirects plain HTTP to HTTPS; `force_ssl` is always true. */
export const FastlyForceTls = z.strictObject({
  /** Name of the generated request setting, e.g. "Default cache policy". */
  name: fastlyName,
  /** @default Fastly's default, "append" */
  xff: FastlyXff.optional(),
  /** Seconds an object may be served stale-if-error or stale-while-revalidate. @default Fastly's default */
  maxStaleAge: nonNegative.optional(),
  /** Disables request collapsing. @default false */
  bypassBusyWait: z.boolean().optional(),
});
export type FastlyForceTls = Shape<typeof FastlyForceTls>;

/** A further request setting, usually conditional (e.g. pass for /api/). */
export const FastlyRequestSetting = z.strictObject({
  name: fastlyName,
  /** Name of a REQUEST condition. @default applies to every request */
  requestCondition: conditionName,
  /** @default none: normal lookup */
  action: FastlyRequestAction.optional(),
  /** Whether this setting also redirects HTTP to HTTPS (`forceTls` already does for every request). @default false */
  forceSsl: z.boolean().optional(),
  /** @default false */
  forceMiss: z.boolean().optional(),
  /** @default Fastly's default, "append" */
  xff: FastlyXff.optional(),
  /** Seconds. @default Fastly's default */
  maxStaleAge: nonNegative.optional(),
  /** @default false */
  bypassBusyWait: z.boolean().optional(),
  /** Comma-separated VCL fields that make up the cache key. @default Fastly's default, URL and host */
  hashKeys: optionalText,
  /** Host header to use when the request has none. @default none */
  defaultHost: optionalText,
  /** Adds X-Timer to the request. @default false */
  timerSupport: z.boolean().optional(),
});
export type FastlyRequestSetting = Shape<typeof FastlyRequestSetting>;

/** A synthetic response served by Fastly itself. */
export const FastlyResponseObject = z.strictObject({
  name: fastlyName,
  /** HTTP status, 100-599. */
  status: httpStatus,
  /** Reason phrase, e.g. "Moved Permanently". */
  response: text(),
  /** Body. @default empty */
  content: z.string().optional(),
  /** @default none */
  contentType: optionalText,
  /** Name of a REQUEST condition. @default none: the object is only served when VCL calls for it */
  requestCondition: conditionName,
  /** Name of a CACHE condition. @default none */
  cacheCondition: conditionName,
});
export type FastlyResponseObject = Shape<typeof FastlyResponseObject>;

/**
 * A whole-host redirect, built the way Fastly's UI builds one: a REQUEST condition on the Host header
 * selects a synthetic response (`<name>`), and a RESPONSE condition adds its Location header
 * (`<name> location`). The generated conditions, response object and header share the names of the
 * hand-written ones, so they must not collide with them.
 */
export const FastlyHostRedirect = z.strictObject({
  name: fastlyName,
  /** One of the service's domains, e.g. "python.org". */
  fromHost: domainName,
  /** Scheme and host the client is sent to, no path, e.g. "https://www.python.org"; the request's URL is appended. */
  toOrigin: matching(/^https?:\/\/([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "is not a scheme and host without a path"),
  /** @default 301 */
  status: FastlyRedirectStatus.optional(),
});
export type FastlyHostRedirect = Shape<typeof FastlyHostRedirect>;

/** A Strict-Transport-Security response header. */
export const FastlyHsts = z.strictObject({
  /** Name of the generated header rule. */
  name: fastlyName,
  /** Positive whole seconds. */
  maxAgeSeconds: positive,
  includeSubDomains: z.boolean(),
  preload: z.boolean(),
  /** Name of a RESPONSE condition, e.g. one host of the service. @default every response */
  responseCondition: conditionName,
  /** Priority of the generated header rule: lower runs first. @default Fastly's default, 100 */
  priority: nonNegative.optional(),
});
export type FastlyHsts = Shape<typeof FastlyHsts>;

/** The header rule that sends the origin token: which header, and the rule's own name and priority. */
export const FastlyOriginToken = z.strictObject({
  /** The request header the origins check, e.g. `Fastly-Token`. */
  header: matching(/^[A-Za-z0-9-]+$/, "is not an HTTP header name"),
  /** Name of the header rule. @default `origin token <header>` */
  name: fastlyName.optional(),
  /** Lower runs first. @default Fastly's default, 100 */
  priority: nonNegative.optional(),
});
export type FastlyOriginToken = Shape<typeof FastlyOriginToken>;

/** Fields every logging endpoint has. */
export const FastlyLoggerCommon = z.strictObject({
  name: fastlyName,
  /** Fastly log format string. */
  format: text(),
  /** @default 2 */
  formatVersion: z.union([z.literal(1), z.literal(2)]).optional(),
  /** @default "classic" */
  messageType: FastlyLogMessageType.optional(),
  /** Name of a RESPONSE condition. @default every request is logged */
  responseCondition: conditionName,
});
export type FastlyLoggerCommon = Shape<typeof FastlyLoggerCommon>;

/** Logs to an S3 bucket, as the inventory writes them: how Fastly authenticates to the bucket is the stack's (the construct's `credentials`). */
export const FastlyS3LoggerSettings = FastlyLoggerCommon.extend({
  bucketName: s3BucketName,
  /** Regional S3 endpoint, e.g. "s3-eu-west-1.amazonaws.com". @default Fastly's default, "s3.amazonaws.com" */
  domain: domainName.optional(),
  /** Key prefix; strftime escapes allowed. */
  path: text(),
  /** Seconds between uploads. */
  periodSeconds: positive,
  /** 0 (none) to 9. */
  gzipLevel: wholeNumber(0, 9, (n) => `${n} is outside 0-9`),
  /** strftime format of %t. @default Fastly's default */
  timestampFormat: optionalText,
  /** The storage class of the log objects. @default none written: the bucket's default class */
  redundancy: FastlyS3Redundancy.optional(),
});
export type FastlyS3LoggerSettings = Shape<typeof FastlyS3LoggerSettings>;

/**
 * An access control list of client addresses, used by a condition (`client.ip ~ <name>`). Its entries are kept
 * outside Terraform, in Fastly's API, so that blocking an address needs no new service version.
 */
export const FastlyAcl = z.strictObject({
  name: matching(/^[A-Za-z][A-Za-z0-9_]*$/, 'is not a VCL identifier (a letter, then letters, digits and "_")'),
});
export type FastlyAcl = Shape<typeof FastlyAcl>;

/** Logging endpoint types a rate limiter can write its events to (here: the ones the construct makes). */
export const FastlyRateLimiterLogger = z.enum(["datadog", "s3", "syslog"]);
export type FastlyRateLimiterLogger = Shape<typeof FastlyRateLimiterLogger>;

/** Edge rate limiting of clients by a key of the request. */
export const FastlyRateLimiter = z.strictObject({
  name: fastlyName,
  /** `log_only` records offenders without refusing them; `response` answers them with `response`. */
  action: z.enum(["log_only", "response"]),
  /** VCL expression the limit counts by, e.g. `client.ip`. */
  clientKey: text((v) => (/\s/.test(v) ? `"${v}" contains a space` : undefined)),
  /** Upper-case methods counted. */
  httpMethods: nonEmptyList(matching(/^[A-Z]+$/, "is not an upper-case HTTP method")),
  /** Requests per second above which a client is an offender. */
  rpsLimit: positive,
  /** Seconds the rate is measured over: 1, 10 or 60. */
  windowSeconds: z.union([z.literal(1), z.literal(10), z.literal(60)]),
  /** Minutes an offender stays in the penalty box. */
  penaltyBoxMinutes: positive,
  /** Where offenders are logged: the service must have a logger of this type. @default not logged */
  loggerType: FastlyRateLimiterLogger.optional(),
  /** What an offender gets (required by, and only used by, action `response`). @default none */
  response: z.strictObject({ status: httpStatus, contentType: text(), content: z.string() }).optional(),
  /** @default Fastly's default */
  featureRevision: positive.optional(),
});
export type FastlyRateLimiter = Shape<typeof FastlyRateLimiter>;

/**
 * The parts of a service the inventory writes exactly as the construct takes them, so that the stack
 * passes them through untouched: a block type the inventory writes is a field here and in no file between.
 */
export const FastlyServiceRules = z.strictObject({
  /** Synthetic responses (a 403 for blocked clients, say). @default none besides those redirects make */
  responseObjects: z.array(FastlyResponseObject).optional(),
  /** @default none */
  acls: z.array(FastlyAcl).optional(),
  /** @default none */
  rateLimiters: z.array(FastlyRateLimiter).optional(),
  /** @default none */
  healthchecks: z.array(FastlyHealthcheck).optional(),
  /** @default none */
  conditions: z.array(FastlyCondition).optional(),
  /** @default none */
  headers: z.array(FastlyHeader).optional(),
  /** @default no compression */
  gzip: z.array(FastlyGzip).optional(),
  /** @default none */
  cacheSettings: z.array(FastlyCacheSetting).optional(),
  /** @default none besides `forceTls` */
  requestSettings: z.array(FastlyRequestSetting).optional(),
  /** @default none */
  hostRedirects: z.array(FastlyHostRedirect).optional(),
  /** At least one Strict-Transport-Security header. */
  hsts: nonEmptyList(FastlyHsts, "is empty: every service must send Strict-Transport-Security"),
  /** Redirects every plain-HTTP request to HTTPS; required. */
  forceTls: FastlyForceTls,
});
export type FastlyServiceRules = Shape<typeof FastlyServiceRules>;
