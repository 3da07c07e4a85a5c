import { Token } from "cdktf";
import { ConstructPropsError } from "../construct-props-error";
import { fastlyBackendVclName } from "./blocks";
import type { ExpandedFastlyServiceProps, FastlyBackend, FastlyConditionType, FastlyDomain, FastlyForceTls, FastlyHsts, FastlyServiceProps } from "./types";

const DOMAIN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const BACKEND_NAME = /^[a-z][a-z0-9_-]*$/;
const ORIGIN = /^https?:\/\/([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

type Fail = (prop: string, problem: string) => never;

const isLiteral = (value: string | number): boolean => !Token.isUnresolved(value);

/**
 * Checks a service's props, then the plain blocks they expand to, so that generated names and references
 * are checked with the written ones; the condition's type is checked for every field naming one, VCL itself
 * is not. The first problem found throws a ConstructPropsError naming the prop.
 */
export function checkFastlyService(props: FastlyServiceProps, expanded: ExpandedFastlyServiceProps): void {
  const fail: Fail = (prop, problem) => {
    throw new ConstructPropsError("FastlyService", props.name, prop, problem);
  };
  checkWrittenProps(props, fail);
  checkUniqueNames(expanded, fail);
  checkBlocks(expanded, props.hsts, fail);
}

/** What only the props as written show: the required ones, the domains, and redirects and HSTS before they become blocks. */
function checkWrittenProps(props: FastlyServiceProps, fail: Fail): void {
  // The required lists are read defensively too: an untyped caller must get the message, not a TypeError.
  const domains = (props.domains as readonly FastlyDomain[] | undefined) ?? [];
  const backends = (props.backends as readonly FastlyBackend[] | undefined) ?? [];
  const hstsPolicies = (props.hsts as readonly FastlyHsts[] | undefined) ?? [];
  const s3Loggers = props.s3Loggers ?? [];
  const syslogLoggers = props.syslogLoggers ?? [];

  if (domains.length === 0) fail("domains", "is empty: a service must serve at least one domain");
  if (backends.length === 0) fail("backends", "is empty: a service needs at least one origin");
  if ((props.forceTls as FastlyForceTls | undefined) === undefined) fail("forceTls", "is missing: every service must redirect HTTP to HTTPS");
  if (hstsPolicies.length === 0) fail("hsts", "is empty: every service must send Strict-Transport-Security");
  if (s3Loggers.length + syslogLoggers.length === 0) fail("s3Loggers/syslogLoggers", "are both empty: every service must log somewhere");

  const seenDomains = new Set<string>();
  for (const domain of domains.map((d) => d.name)) {
    if (!DOMAIN.test(domain)) fail("domains", `"${domain}" is not a lower-case host name without a trailing dot`);
    if (seenDomains.has(domain)) fail("domains", `"${domain}" is listed twice`);
    seenDomains.add(domain);
  }
  for (const redirect of props.hostRedirects ?? []) {
    const label = `hostRedirect "${redirect.name}"`;
    if (!seenDomains.has(redirect.fromHost)) fail(`${label} fromHost`, `"${redirect.fromHost}" is not one of the service's domains`);
    if (!ORIGIN.test(redirect.toOrigin)) fail(`${label} toOrigin`, `"${redirect.toOrigin}" is not a scheme and host without a path`);
    if (redirect.toOrigin.replace(/^https?:\/\//, "") === redirect.fromHost) fail(`${label} toOrigin`, `"${redirect.toOrigin}" redirects "${redirect.fromHost}" to itself`);
  }
  for (const hsts of hstsPolicies) {
    if (!(Number.isInteger(hsts.maxAgeSeconds) && hsts.maxAgeSeconds > 0)) fail(`hsts "${hsts.name}" maxAgeSeconds`, `${hsts.maxAgeSeconds} is not a positive whole number of seconds`);
  }
}

/** Fastly knows each block by its name within its type, and other blocks refer to conditions and health checks by it. */
function checkUniqueNames(service: ExpandedFastlyServiceProps, fail: Fail): void {
  const unique = (prop: string, noun: string, names: readonly string[]): void => {
    const seen = new Set<string>();
    for (const name of names) {
      if (name.length === 0) fail(prop, `a ${noun} has an empty name`);
      if (seen.has(name)) fail(prop, `two ${noun}s are named "${name}"`);
      seen.add(name);
    }
  };
  unique("backends", "backend", service.backends.map((b) => b.name));
  unique("healthchecks", "health check", (service.healthchecks ?? []).map((h) => h.name));
  unique("conditions", "condition", (service.conditions ?? []).map((c) => c.name));
  unique("headers", "header", (service.headers ?? []).map((h) => h.name));
  unique("gzip", "gzip rule", (service.gzip ?? []).map((g) => g.name));
  unique("cacheSettings", "cache setting", (service.cacheSettings ?? []).map((c) => c.name));
  unique("requestSettings", "request setting", (service.requestSettings ?? []).map((r) => r.name));
  unique("responseObjects", "response object", (service.responseObjects ?? []).map((r) => r.name));
  unique("snippets", "snippet", (service.snippets ?? []).map((s) => s.name));
  unique("s3Loggers", "S3 logger", (service.s3Loggers ?? []).map((l) => l.name));
  unique("syslogLoggers", "syslog logger", (service.syslogLoggers ?? []).map((l) => l.name));
}

/** Each block's values, and its references to conditions, health checks and backends. */
function checkBlocks(service: ExpandedFastlyServiceProps, hstsPolicies: readonly FastlyHsts[], fail: Fail): void {
  const healthchecks = service.healthchecks ?? [];
  const conditions = service.conditions ?? [];

  const conditionTypes = new Map(conditions.map((c) => [c.name, c.type]));
  const condition = (label: string, field: string, name: string | undefined, expected: FastlyConditionType): void => {
    if (name === undefined) return;
    const type = conditionTypes.get(name);
    if (type === undefined) fail(`${label} ${field}`, `condition "${name}" does not exist`);
    if (type !== expected) fail(`${label} ${field}`, `condition "${name}" is a ${type} condition; ${field} needs a ${expected} condition`);
  };
  // Tokens (a variable's value) are only known at apply time.
  const port = (prop: string, value: number): void => {
    if (isLiteral(value) && !(Number.isInteger(value) && value >= 1 && value <= 65535)) fail(prop, `${value} is outside 1-65535`);
  };
  const positive = (prop: string, value: number): void => {
    if (isLiteral(value) && !(Number.isInteger(value) && value > 0)) fail(prop, `${value} is not a positive whole number`);
  };

  const healthcheckNames = new Set(healthchecks.map((h) => h.name));
  for (const backend of service.backends) {
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
  const backendVclNames = service.backends.map((b) => fastlyBackendVclName(b.name));
  for (const header of service.headers ?? []) {
    const label = `header "${header.name}"`;
    condition(label, "requestCondition", header.requestCondition, "REQUEST");
    condition(label, "responseCondition", header.responseCondition, "RESPONSE");
    condition(label, "cacheCondition", header.cacheCondition, "CACHE");
    if (header.destination === "backend" && header.action === "set" && !backendVclNames.includes(header.source)) {
      fail(`${label} source`, `"${header.source}" is not a backend of the service (${backendVclNames.join(", ")})`);
    }
  }
  for (const gzip of service.gzip ?? []) {
    const label = `gzip "${gzip.name}"`;
    if (gzip.contentTypes.length + gzip.extensions.length === 0) fail(label, "compresses nothing: give contentTypes or extensions");
    for (const [field, values] of [["contentTypes", gzip.contentTypes], ["extensions", gzip.extensions]] as const) {
      const repeated = values.find((v, i) => values.indexOf(v) !== i);
      if (repeated !== undefined) fail(`${label} ${field}`, `"${repeated}" is listed twice`);
    }
    condition(label, "cacheCondition", gzip.cacheCondition, "CACHE");
  }
  for (const setting of service.cacheSettings ?? []) {
    condition(`cacheSetting "${setting.name}"`, "cacheCondition", setting.cacheCondition, "CACHE");
  }
  for (const setting of service.requestSettings ?? []) {
    condition(`requestSetting "${setting.name}"`, "requestCondition", setting.requestCondition, "REQUEST");
  }
  for (const object of service.responseObjects ?? []) {
    const label = `responseObject "${object.name}"`;
    if (!(Number.isInteger(object.status) && object.status >= 100 && object.status <= 599)) fail(`${label} status`, `${object.status} is not an HTTP status`);
    condition(label, "requestCondition", object.requestCondition, "REQUEST");
    condition(label, "cacheCondition", object.cacheCondition, "CACHE");
  }
  for (const logger of service.s3Loggers ?? []) {
    const label = `s3Logger "${logger.name}"`;
    condition(label, "responseCondition", logger.responseCondition, "RESPONSE");
    positive(`${label} periodSeconds`, logger.periodSeconds);
    if (!(Number.isInteger(logger.gzipLevel) && logger.gzipLevel >= 0 && logger.gzipLevel <= 9)) fail(`${label} gzipLevel`, `${logger.gzipLevel} is outside 0-9`);
    if ("secretKey" in logger.credentials && (isLiteral(logger.credentials.secretKey) || isLiteral(logger.credentials.accessKey))) {
      fail(`${label} credentials`, "the access and secret keys must be references to sensitive variables, never literals");
    }
  }
  for (const logger of service.syslogLoggers ?? []) {
    const label = `syslogLogger "${logger.name}"`;
    if ((logger.useTls as boolean | undefined) !== true) fail(`${label} useTls`, `is ${String(logger.useTls)}: every syslog stream must be sent over TLS`);
    if (isLiteral(logger.tlsHostname) && ((logger.tlsHostname as string | undefined) ?? "").length === 0) {
      fail(`${label} tlsHostname`, "is empty: checking the syslog server's certificate needs the name it carries");
    }
    condition(label, "responseCondition", logger.responseCondition, "RESPONSE");
    port(`${label} port`, logger.port);
  }
}
