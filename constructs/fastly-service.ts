import {
  ServiceVcl,
  type ServiceVclBackend,
  type ServiceVclCacheSetting,
  type ServiceVclCondition,
  type ServiceVclDomain,
  type ServiceVclGzip,
  type ServiceVclHeader,
  type ServiceVclHealthcheck,
  type ServiceVclLoggingS3,
  type ServiceVclLoggingSyslog,
  type ServiceVclRequestSetting,
  type ServiceVclResponseObject,
  type ServiceVclSnippet,
} from "../.gen/providers/fastly/service-vcl";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { terraformLiteral, withTerraformLiterals } from "./terraform-literal";
import { ConstructPropsError } from "./construct-props-error";

import type { FastlyBackend, FastlyCacheSetting, FastlyCondition, FastlyConditionType, FastlyDomain, FastlyForceTls, FastlyGzip, FastlyHeader, FastlyHealthcheck, FastlyHostRedirect, FastlyHsts, FastlyRedirectStatus, FastlyRequestSetting, FastlyResponseObject, FastlyS3Logger, FastlySnippet, FastlySyslogLogger } from "../inventory/fastly-types";

export type * from "../inventory/fastly-types";

export interface FastlyServiceProps {
  /** Service name at Fastly, e.g. "www.python.org"; errors name the service by it. */
  readonly name: string;
  readonly comment: string;
  /** At least one; no repeats. */
  readonly domains: readonly FastlyDomain[];
  /** At least one. */
  readonly backends: readonly FastlyBackend[];
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
  /** Redirects every plain-HTTP request to HTTPS; required. */
  readonly forceTls: FastlyForceTls;
  /** @default none besides `forceTls` */
  readonly requestSettings?: readonly FastlyRequestSetting[];
  /** @default none */
  readonly responseObjects?: readonly FastlyResponseObject[];
  /** @default none */
  readonly snippets?: readonly FastlySnippet[];
  /** @default none */
  readonly hostRedirects?: readonly FastlyHostRedirect[];
  /** At least one Strict-Transport-Security header. */
  readonly hsts: readonly FastlyHsts[];
  /** @default none; `s3Loggers` and `syslogLoggers` together need at least one logger */
  readonly s3Loggers?: readonly FastlyS3Logger[];
  /** @default none; `s3Loggers` and `syslogLoggers` together need at least one logger */
  readonly syslogLoggers?: readonly FastlySyslogLogger[];
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

const DOMAIN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const BACKEND_NAME = /^[a-z][a-z0-9_-]*$/;
const ORIGIN = /^https?:\/\/([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const REASON: Record<FastlyRedirectStatus, string> = { 301: "Moved Permanently", 302: "Found", 307: "Temporary Redirect", 308: "Permanent Redirect" };

/** The identifier Fastly gives a backend in generated VCL, for `set req.backend` and header rules with destination "backend". */
export function fastlyBackendVclName(backendName: string): string {
  return `F_${backendName.replace(/[^A-Za-z0-9]/g, "_")}`;
}

function byName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Leaves an empty block list out of the output rather than writing `[]`. */
/** A service's blocks, their text as Terraform literals: VCL and log formats use `%{...}` themselves. */
function blocks<T, R>(items: readonly T[], convert: (item: T) => R): R[] | undefined {
  return items.length === 0 ? undefined : items.map((item) => withTerraformLiterals(convert(item)));
}

const isLiteral = (value: string | number): boolean => !Token.isUnresolved(value);

/**
 * A Fastly VCL service that always forces TLS, sends HSTS, reaches every origin over TLS with certificate
 * checking and logs somewhere. Every reference by name (conditions, health checks, backends in header
 * rules) is checked, including the condition's type for the field naming it; VCL itself is not. Every
 * nested block is a Terraform set, so blocks are emitted sorted by name: the output does not depend on the
 * order of the props. The service is protected from destruction because it serves live names.
 */
export class FastlyService extends Construct {
  readonly serviceId: string;
  readonly activeVersion: number;
  readonly name: string;
  /** The served domains, sorted. */
  readonly domainNames: string[];
  /** The resource itself, e.g. for `dependsOn` of a TLS subscription that needs the domains in place. */
  readonly serviceVcl: ServiceVcl;

  constructor(scope: Construct, id: string, props: FastlyServiceProps) {
    super(scope, id);
    const fail = (prop: string, problem: string): never => {
      throw new ConstructPropsError("FastlyService", props.name, prop, problem);
    };
    // The required lists are read defensively too: an untyped caller must get the message, not a TypeError.
    const domains = (props.domains as readonly FastlyDomain[] | undefined) ?? [];
    const backends = (props.backends as readonly FastlyBackend[] | undefined) ?? [];
    const hstsPolicies = (props.hsts as readonly FastlyHsts[] | undefined) ?? [];
    const healthchecks = props.healthchecks ?? [];
    const s3Loggers = props.s3Loggers ?? [];
    const syslogLoggers = props.syslogLoggers ?? [];
    const redirects = props.hostRedirects ?? [];

    if (domains.length === 0) fail("domains", "is empty: a service must serve at least one domain");
    if (backends.length === 0) fail("backends", "is empty: a service needs at least one origin");
    if ((props.forceTls as FastlyForceTls | undefined) === undefined) fail("forceTls", "is missing: every service must redirect HTTP to HTTPS");
    if (hstsPolicies.length === 0) fail("hsts", "is empty: every service must send Strict-Transport-Security");
    if (s3Loggers.length + syslogLoggers.length === 0) fail("s3Loggers/syslogLoggers", "are both empty: every service must log somewhere");

    const domainNames = domains.map((d) => d.name);
    const seenDomains = new Set<string>();
    for (const domain of domainNames) {
      if (!DOMAIN.test(domain)) fail("domains", `"${domain}" is not a lower-case host name without a trailing dot`);
      if (seenDomains.has(domain)) fail("domains", `"${domain}" is listed twice`);
      seenDomains.add(domain);
    }

    // What the convenience props turn into, so that names and references are checked with the rest.
    const redirectConditions: FastlyCondition[] = [];
    const redirectObjects: FastlyResponseObject[] = [];
    const redirectHeaders: FastlyHeader[] = [];
    for (const redirect of redirects) {
      const label = `hostRedirect "${redirect.name}"`;
      if (!seenDomains.has(redirect.fromHost)) fail(`${label} fromHost`, `"${redirect.fromHost}" is not one of the service's domains`);
      if (!ORIGIN.test(redirect.toOrigin)) fail(`${label} toOrigin`, `"${redirect.toOrigin}" is not a scheme and host without a path`);
      if (redirect.toOrigin.replace(/^https?:\/\//, "") === redirect.fromHost) fail(`${label} toOrigin`, `"${redirect.toOrigin}" redirects "${redirect.fromHost}" to itself`);
      const status = redirect.status ?? 301;
      const hostIs = `req.http.host == "${redirect.fromHost}"`;
      redirectConditions.push({ name: redirect.name, type: "REQUEST", statement: hostIs, priority: 1 });
      redirectConditions.push({ name: `${redirect.name} location`, type: "RESPONSE", statement: hostIs });
      redirectObjects.push({ name: redirect.name, status, response: REASON[status], requestCondition: redirect.name });
      redirectHeaders.push({
        name: `${redirect.name} location`,
        type: "response",
        action: "set",
        destination: "http.Location",
        source: `"${redirect.toOrigin}" + req.url`,
        responseCondition: `${redirect.name} location`,
      });
    }
    const hstsHeaders: FastlyHeader[] = hstsPolicies.map((hsts) => {
      if (!(Number.isInteger(hsts.maxAgeSeconds) && hsts.maxAgeSeconds > 0)) fail(`hsts "${hsts.name}" maxAgeSeconds`, `${hsts.maxAgeSeconds} is not a positive whole number of seconds`);
      const value = [`max-age=${hsts.maxAgeSeconds}`, ...(hsts.includeSubDomains ? ["includeSubDomains"] : []), ...(hsts.preload ? ["preload"] : [])].join("; ");
      return {
        name: hsts.name,
        type: "response",
        action: "set",
        destination: "http.Strict-Transport-Security",
        source: `"${value}"`,
        ignoreIfSet: false,
        ...(hsts.responseCondition === undefined ? {} : { responseCondition: hsts.responseCondition }),
      };
    });
    const conditions = [...(props.conditions ?? []), ...redirectConditions];
    const headers = [...(props.headers ?? []), ...hstsHeaders, ...redirectHeaders];
    const responseObjects = [...(props.responseObjects ?? []), ...redirectObjects];
    // Field by field, so that nothing (a condition above all) can narrow the setting that covers every request.
    const forceTls: FastlyRequestSetting = {
      name: props.forceTls.name,
      forceSsl: true,
      xff: props.forceTls.xff,
      maxStaleAge: props.forceTls.maxStaleAge,
      bypassBusyWait: props.forceTls.bypassBusyWait,
    };
    const requestSettings = [forceTls, ...(props.requestSettings ?? [])];

    const unique = (prop: string, noun: string, names: readonly string[]): void => {
      const seen = new Set<string>();
      for (const name of names) {
        if (name.length === 0) fail(prop, `a ${noun} has an empty name`);
        if (seen.has(name)) fail(prop, `two ${noun}s are named "${name}"`);
        seen.add(name);
      }
    };
    unique("backends", "backend", backends.map((b) => b.name));
    unique("healthchecks", "health check", healthchecks.map((h) => h.name));
    unique("conditions", "condition", conditions.map((c) => c.name));
    unique("headers", "header", headers.map((h) => h.name));
    unique("gzip", "gzip rule", (props.gzip ?? []).map((g) => g.name));
    unique("cacheSettings", "cache setting", (props.cacheSettings ?? []).map((c) => c.name));
    unique("requestSettings", "request setting", requestSettings.map((r) => r.name));
    unique("responseObjects", "response object", responseObjects.map((r) => r.name));
    unique("snippets", "snippet", (props.snippets ?? []).map((s) => s.name));
    unique("s3Loggers", "S3 logger", s3Loggers.map((l) => l.name));
    unique("syslogLoggers", "syslog logger", syslogLoggers.map((l) => l.name));

    const conditionTypes = new Map(conditions.map((c) => [c.name, c.type]));
    const condition = (label: string, field: string, name: string | undefined, expected: FastlyConditionType): void => {
      if (name === undefined) return;
      const type = conditionTypes.get(name);
      if (type === undefined) fail(`${label} ${field}`, `condition "${name}" does not exist`);
      if (type !== expected) fail(`${label} ${field}`, `condition "${name}" is a ${type} condition; ${field} needs a ${expected} condition`);
    };
    const port = (prop: string, value: number): void => {
      if (isLiteral(value) && !(Number.isInteger(value) && value >= 1 && value <= 65535)) fail(prop, `${value} is outside 1-65535`);
    };
    const positive = (prop: string, value: number): void => {
      if (isLiteral(value) && !(Number.isInteger(value) && value > 0)) fail(prop, `${value} is not a positive whole number`);
    };

    const healthcheckNames = new Set(healthchecks.map((h) => h.name));
    for (const backend of backends) {
      const label = `backend "${backend.name}"`;
      if (!BACKEND_NAME.test(backend.name)) fail(`${label} name`, `"${backend.name}" is not lower-case letters, digits, "_" and "-" starting with a letter`);
      if ((backend.useSsl as boolean) !== true) fail(`${label} useSsl`, `is ${String(backend.useSsl)}: every backend must be reached over TLS`);
      if ((backend.sslCheckCert as boolean) !== true) fail(`${label} sslCheckCert`, `is ${String(backend.sslCheckCert)}: every backend's certificate must be checked`);
      if (backend.sslCertHostname.length === 0) fail(`${label} sslCertHostname`, "is empty: certificate checking needs the name the certificate carries");
      if (backend.sslSniHostname.length === 0) fail(`${label} sslSniHostname`, "is empty");
      port(`${label} port`, backend.port);
      positive(`${label} connectTimeoutMs`, backend.connectTimeoutMs);
      positive(`${label} firstByteTimeoutMs`, backend.firstByteTimeoutMs);
      positive(`${label} betweenBytesTimeoutMs`, backend.betweenBytesTimeoutMs);
      if (backend.healthcheck !== undefined && !healthcheckNames.has(backend.healthcheck)) fail(`${label} healthcheck`, `health check "${backend.healthcheck}" does not exist`);
      condition(label, "requestCondition", backend.requestCondition, "REQUEST");
    }
    for (const check of healthchecks) {
      const label = `healthcheck "${check.name}"`;
      if (!check.path.startsWith("/")) fail(`${label} path`, `"${check.path}" does not start with "/"`);
      if (!(Number.isInteger(check.expectedResponse) && check.expectedResponse >= 100 && check.expectedResponse <= 599)) fail(`${label} expectedResponse`, `${check.expectedResponse} is not an HTTP status`);
      for (const field of ["checkIntervalMs", "timeoutMs", "window", "threshold"] as const) positive(`${label} ${field}`, check[field]);
      // Zero is meaningful here: the backend starts out unhealthy until probes succeed.
      if (!(Number.isInteger(check.initial) && check.initial >= 0)) fail(`${label} initial`, `${check.initial} is not a whole number of probes`);
      if (check.threshold > check.window) fail(`${label} threshold`, `${check.threshold} exceeds the window of ${check.window}`);
      if (check.initial > check.window) fail(`${label} initial`, `${check.initial} exceeds the window of ${check.window}`);
    }
    for (const c of conditions) {
      if (c.statement.trim().length === 0) fail(`condition "${c.name}" statement`, "is empty");
    }
    // Before the header loop, so that an HSTS mistake is reported under the prop the caller wrote.
    for (const hsts of hstsPolicies) condition(`hsts "${hsts.name}"`, "responseCondition", hsts.responseCondition, "RESPONSE");
    const backendVclNames = backends.map((b) => fastlyBackendVclName(b.name));
    for (const header of headers) {
      const label = `header "${header.name}"`;
      condition(label, "requestCondition", header.requestCondition, "REQUEST");
      condition(label, "responseCondition", header.responseCondition, "RESPONSE");
      condition(label, "cacheCondition", header.cacheCondition, "CACHE");
      if (header.destination === "backend" && header.action === "set" && !backendVclNames.includes(header.source)) {
        fail(`${label} source`, `"${header.source}" is not a backend of the service (${backendVclNames.join(", ")})`);
      }
    }
    for (const gzip of props.gzip ?? []) {
      const label = `gzip "${gzip.name}"`;
      if (gzip.contentTypes.length + gzip.extensions.length === 0) fail(label, "compresses nothing: give contentTypes or extensions");
      for (const [field, values] of [["contentTypes", gzip.contentTypes], ["extensions", gzip.extensions]] as const) {
        const repeated = values.find((v, i) => values.indexOf(v) !== i);
        if (repeated !== undefined) fail(`${label} ${field}`, `"${repeated}" is listed twice`);
      }
      condition(label, "cacheCondition", gzip.cacheCondition, "CACHE");
    }
    for (const setting of props.cacheSettings ?? []) {
      condition(`cacheSetting "${setting.name}"`, "cacheCondition", setting.cacheCondition, "CACHE");
    }
    for (const setting of requestSettings) {
      condition(`requestSetting "${setting.name}"`, "requestCondition", setting.requestCondition, "REQUEST");
    }
    for (const object of responseObjects) {
      const label = `responseObject "${object.name}"`;
      if (!(Number.isInteger(object.status) && object.status >= 100 && object.status <= 599)) fail(`${label} status`, `${object.status} is not an HTTP status`);
      condition(label, "requestCondition", object.requestCondition, "REQUEST");
      condition(label, "cacheCondition", object.cacheCondition, "CACHE");
    }
    for (const logger of s3Loggers) {
      const label = `s3Logger "${logger.name}"`;
      condition(label, "responseCondition", logger.responseCondition, "RESPONSE");
      positive(`${label} periodSeconds`, logger.periodSeconds);
      if (!(Number.isInteger(logger.gzipLevel) && logger.gzipLevel >= 0 && logger.gzipLevel <= 9)) fail(`${label} gzipLevel`, `${logger.gzipLevel} is outside 0-9`);
      if ("secretKey" in logger.credentials && (isLiteral(logger.credentials.secretKey) || isLiteral(logger.credentials.accessKey))) {
        fail(`${label} credentials`, "the access and secret keys must be references to sensitive variables, never literals");
      }
    }
    for (const logger of syslogLoggers) {
      const label = `syslogLogger "${logger.name}"`;
      condition(label, "responseCondition", logger.responseCondition, "RESPONSE");
      port(`${label} port`, logger.port);
    }

    this.name = props.name;
    this.domainNames = [...domainNames].sort();
    this.serviceVcl = new ServiceVcl(this, "service", {
      name: props.name,
      comment: terraformLiteral(props.comment),
      activate: props.activate ?? true,
      defaultTtl: props.defaultTtl,
      staleIfError: props.staleIfError,
      staleIfErrorTtl: props.staleIfErrorTtl,
      http3: props.http3,
      domain: blocks(byName(domains), (d): ServiceVclDomain => ({ name: d.name, comment: d.comment })),
      backend: blocks(byName(backends), toBackend),
      healthcheck: blocks(byName(healthchecks), toHealthcheck),
      condition: blocks(byName(conditions), (c): ServiceVclCondition => ({ name: c.name, type: c.type, statement: c.statement, priority: c.priority })),
      header: blocks(byName(headers), toHeader),
      gzip: blocks(byName(props.gzip ?? []), (g): ServiceVclGzip => ({ name: g.name, contentTypes: [...g.contentTypes], extensions: [...g.extensions], cacheCondition: g.cacheCondition })),
      cacheSetting: blocks(byName(props.cacheSettings ?? []), (c): ServiceVclCacheSetting => ({ name: c.name, action: c.action, cacheCondition: c.cacheCondition, ttl: c.ttl, staleTtl: c.staleTtl })),
      requestSetting: blocks(byName(requestSettings), toRequestSetting),
      responseObject: blocks(byName(responseObjects), (r): ServiceVclResponseObject => ({
        name: r.name,
        status: r.status,
        response: r.response,
        content: r.content,
        contentType: r.contentType,
        requestCondition: r.requestCondition,
        cacheCondition: r.cacheCondition,
      })),
      snippet: blocks(byName(props.snippets ?? []), (s): ServiceVclSnippet => ({ name: s.name, type: s.type, content: s.content, priority: s.priority })),
      loggingS3: blocks(byName(s3Loggers), toS3Logger),
      loggingSyslog: blocks(byName(syslogLoggers), toSyslogLogger),
      lifecycle: { preventDestroy: true },
    });
    this.serviceId = this.serviceVcl.id;
    this.activeVersion = this.serviceVcl.activeVersion;
  }
}

function toBackend(b: FastlyBackend): ServiceVclBackend {
  return {
    name: b.name,
    address: b.address,
    port: b.port,
    useSsl: true,
    sslCheckCert: true,
    sslCertHostname: b.sslCertHostname,
    sslSniHostname: b.sslSniHostname,
    sslCaCert: b.sslCaCert,
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
      return { ...common, source: h.source, ignoreIfSet: h.ignoreIfSet };
    case "append":
      return { ...common, source: h.source };
    case "delete":
      return common;
    case "regex":
    case "regex_repeat":
      return { ...common, source: h.source, regex: h.regex, substitution: h.substitution };
  }
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

function toS3Logger(l: FastlyS3Logger): ServiceVclLoggingS3 {
  const credentials = "iamRole" in l.credentials
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
    responseCondition: l.responseCondition,
    ...credentials,
  };
}

function toSyslogLogger(l: FastlySyslogLogger): ServiceVclLoggingSyslog {
  return {
    name: l.name,
    address: l.address,
    port: l.port,
    useTls: l.useTls ?? false,
    tlsHostname: l.tlsHostname,
    format: l.format,
    formatVersion: l.formatVersion ?? 2,
    messageType: l.messageType ?? "classic",
    responseCondition: l.responseCondition,
  };
}
