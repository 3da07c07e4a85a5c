import type {
  ServiceVclBackend,
  ServiceVclCacheSetting,
  ServiceVclCondition,
  ServiceVclConfig,
  ServiceVclDomain,
  ServiceVclGzip,
  ServiceVclHeader,
  ServiceVclAcl,
  ServiceVclHealthcheck,
  ServiceVclLoggingDatadog,
  ServiceVclRateLimiter,
  ServiceVclLoggingS3,
  ServiceVclLoggingSyslog,
  ServiceVclRequestSetting,
  ServiceVclResponseObject,
  ServiceVclSnippet,
} from "../../.gen/providers/fastly/service-vcl";
import { withTerraformLiterals } from "../terraform-literal";
import { FASTLY_DATADOG_REGION } from "./types";
import type {
  ExpandedFastlyServiceProps,
  FastlyAcl,
  FastlyBackend,
  FastlyCacheSetting,
  FastlyCondition,
  FastlyDatadogLogger,
  FastlyDomain,
  FastlyGzip,
  FastlyHeader,
  FastlyHealthcheck,
  FastlyRateLimiter,
  FastlyRequestSetting,
  FastlyResponseObject,
  FastlyS3Logger,
  FastlySnippet,
  FastlySyslogLogger,
} from "./types";

/** The identifier Fastly gives a backend in generated VCL, for `set req.backend` and header rules with destination "backend". */
export function fastlyBackendVclName(backendName: string): string {
  return `F_${backendName.replace(/[^A-Za-z0-9]/g, "_")}`;
}

/** The nested blocks of a `ServiceVcl`, one list per block type. */
export type ServiceVclBlocks = Pick<
  ServiceVclConfig,
  | "domain"
  | "backend"
  | "healthcheck"
  | "condition"
  | "header"
  | "gzip"
  | "cacheSetting"
  | "requestSetting"
  | "responseObject"
  | "snippet"
  | "loggingS3"
  | "loggingSyslog"
  | "loggingDatadog"
  | "acl"
  | "rateLimiter"
>;

/** The service's plain blocks as the provider's nested blocks. */
export function serviceVclBlocks(service: ExpandedFastlyServiceProps): ServiceVclBlocks {
  return {
    domain: blocks(service.domains, toDomain),
    backend: blocks(service.backends, toBackend),
    healthcheck: blocks(service.healthchecks, toHealthcheck),
    condition: blocks(service.conditions, toCondition),
    header: blocks(service.headers, toHeader),
    gzip: blocks(service.gzip, toGzip),
    cacheSetting: blocks(service.cacheSettings, toCacheSetting),
    requestSetting: blocks(service.requestSettings, toRequestSetting),
    responseObject: blocks(service.responseObjects, toResponseObject),
    snippet: blocks(service.snippets, toSnippet),
    loggingS3: blocks(service.s3Loggers, toS3Logger),
    loggingSyslog: blocks(service.syslogLoggers, toSyslogLogger),
    loggingDatadog: blocks(service.datadogLoggers, toDatadogLogger),
    acl: blocks(service.acls, toAcl),
    rateLimiter: blocks(service.rateLimiters, toRateLimiter),
  };
}

/**
 * One block type's list. Every nested block is a Terraform set, so blocks are emitted sorted by name: the
 * output does not depend on the order of the props. Their text is written as Terraform literals, since VCL
 * and log formats use `%{...}` themselves. An empty list is left out of the output rather than written `[]`.
 */
function blocks<T extends { readonly name: string }, R>(items: readonly T[] | undefined, convert: (item: T) => R): R[] | undefined {
  if (items === undefined || items.length === 0) return undefined;
  return byName(items).map((item) => withTerraformLiterals(convert(item)));
}

function byName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function toDomain(d: FastlyDomain): ServiceVclDomain {
  return { name: d.name, comment: d.comment };
}

function toBackend(b: FastlyBackend): ServiceVclBackend {
  const tls = b.useSsl
    ? { useSsl: true, sslCheckCert: true, sslCertHostname: b.sslCertHostname, sslSniHostname: b.sslSniHostname, sslCaCert: b.sslCaCert }
    : { useSsl: false, sslCheckCert: false };
  return {
    name: b.name,
    address: b.address,
    port: b.port,
    ...tls,
    overrideHost: b.overrideHost,
    shield: b.shield,
    healthcheck: b.healthcheck,
    requestCondition: b.requestCondition,
    autoLoadbalance: b.autoLoadbalance,
    weight: b.weight,
    maxConn: b.maxConn,
    connectTimeout: b.connectTimeoutMs,
    firstByteTimeout: b.firstByteTimeoutMs,
    betweenBytesTimeout: b.betweenBytesTimeoutMs,
  };
}

function toHealthcheck(h: FastlyHealthcheck): ServiceVclHealthcheck {
  return {
    name: h.name,
    host: h.host,
    path: h.path,
    method: h.method,
    checkInterval: h.checkIntervalMs,
    expectedResponse: h.expectedResponse,
    threshold: h.threshold,
    window: h.window,
    initial: h.initial,
    timeout: h.timeoutMs,
    httpVersion: h.httpVersion,
    headers: h.headers === undefined ? undefined : [...h.headers].sort(),
  };
}

function toCondition(c: FastlyCondition): ServiceVclCondition {
  return { name: c.name, type: c.type, statement: c.statement, priority: c.priority };
}

function toHeader(h: FastlyHeader): ServiceVclHeader {
  const common = {
    name: h.name,
    type: h.type,
    action: h.action,
    destination: h.destination,
    requestCondition: h.requestCondition,
    responseCondition: h.responseCondition,
    cacheCondition: h.cacheCondition,
    priority: h.priority,
  };
  switch (h.action) {
    case "set":
      return { ...common, source: h.sourceExpression, ignoreIfSet: h.ignoreIfSet };
    case "append":
      return { ...common, source: h.sourceExpression };
    case "delete":
      return common;
    case "regex":
    case "regex_repeat":
      return { ...common, source: h.sourceExpression, regex: h.regex, substitution: h.substitution };
  }
}

function toGzip(g: FastlyGzip): ServiceVclGzip {
  return { name: g.name, contentTypes: [...g.contentTypes], extensions: [...g.extensions], cacheCondition: g.cacheCondition };
}

function toCacheSetting(c: FastlyCacheSetting): ServiceVclCacheSetting {
  return { name: c.name, action: c.action, cacheCondition: c.cacheCondition, ttl: c.ttl, staleTtl: c.staleTtl };
}

function toRequestSetting(r: FastlyRequestSetting): ServiceVclRequestSetting {
  return {
    name: r.name,
    requestCondition: r.requestCondition,
    action: r.action,
    forceSsl: r.forceSsl,
    forceMiss: r.forceMiss,
    xff: r.xff,
    maxStaleAge: r.maxStaleAge,
    bypassBusyWait: r.bypassBusyWait,
    hashKeys: r.hashKeys,
    defaultHost: r.defaultHost,
    timerSupport: r.timerSupport,
  };
}

function toResponseObject(r: FastlyResponseObject): ServiceVclResponseObject {
  return {
    name: r.name,
    status: r.status,
    response: r.response,
    content: r.content,
    contentType: r.contentType,
    requestCondition: r.requestCondition,
    cacheCondition: r.cacheCondition,
  };
}

function toSnippet(s: FastlySnippet): ServiceVclSnippet {
  return { name: s.name, type: s.type, content: s.content, priority: s.priority };
}

function toS3Logger(l: FastlyS3Logger): ServiceVclLoggingS3 {
  const credentials =
    "iamRole" in l.credentials
      ? { s3IamRole: l.credentials.iamRole }
      : { s3AccessKey: l.credentials.accessKey, s3SecretKey: l.credentials.secretKey };
  return {
    name: l.name,
    bucketName: l.bucketName,
    domain: l.domain,
    path: l.path,
    period: l.periodSeconds,
    gzipLevel: l.gzipLevel,
    format: l.format,
    formatVersion: l.formatVersion ?? 2,
    messageType: l.messageType ?? "classic",
    timestampFormat: l.timestampFormat,
    redundancy: l.redundancy,
    responseCondition: l.responseCondition,
    ...credentials,
  };
}

function toSyslogLogger(l: FastlySyslogLogger): ServiceVclLoggingSyslog {
  return {
    name: l.name,
    address: l.address,
    port: l.port,
    useTls: l.useTls,
    tlsHostname: l.tlsHostname,
    tlsCaCert: l.tlsCaCert,
    format: l.format,
    formatVersion: l.formatVersion ?? 2,
    messageType: l.messageType ?? "classic",
    responseCondition: l.responseCondition,
  };
}

function toDatadogLogger(l: FastlyDatadogLogger): ServiceVclLoggingDatadog {
  return {
    name: l.name,
    token: l.token,
    region: FASTLY_DATADOG_REGION[l.site],
    format: l.format,
    formatVersion: l.formatVersion ?? 2,
    responseCondition: l.responseCondition,
  };
}

function toAcl(a: FastlyAcl): ServiceVclAcl {
  // Its entries live in Fastly, not here: an ACL must never be emptied by a destroy-and-recreate.
  return { name: a.name, forceDestroy: false };
}

function toRateLimiter(r: FastlyRateLimiter): ServiceVclRateLimiter {
  return {
    name: r.name,
    action: r.action,
    clientKey: r.clientKey,
    httpMethods: r.httpMethods.join(","),
    rpsLimit: r.rpsLimit,
    windowSize: r.windowSeconds,
    penaltyBoxDuration: r.penaltyBoxMinutes,
    loggerType: r.loggerType,
    featureRevision: r.featureRevision,
    response: r.response === undefined ? undefined : { status: r.response.status, contentType: r.response.contentType, content: r.response.content },
  };
}
