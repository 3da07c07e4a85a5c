import { Token } from "cdktf";
import { ConstructPropsError } from "../construct-props-error";
import { fastlyBackendVclName } from "./blocks";
import type { ExpandedFastlyServiceProps, FastlyConditionType, FastlyHsts, FastlyServiceProps } from "./types";

const BACKEND_NAME = /^[a-z][a-z0-9_-]*$/;

type Fail = (prop: string, problem: string) => never;

const isLiteral = (value: string | number): boolean => !Token.isUnresolved(value);

/**
 * Checks a service's props, then the plain blocks they expand to, so that generated names and references
 * are checked with the written ones; the condition's type is checked for every field naming one, VCL itself
 * is not. The first problem found throws a ConstructPropsError naming the prop.
 *
 * One check, one place: what the inventory checks of a value it writes and the stack passes through as it
 * is (domains present, unrepeated and well formed; backends, HSTS, forced TLS and a logger present; backend
 * ports, timeouts and certificate names; health checks' values; condition statements; a redirect's target;
 * HSTS max-age; S3 log period and gzip level) is checked there alone (inventory/shape/). Checked here:
 * the references and names between the service's own blocks, generated ones included, which the inventory
 * does not make, and what the stack computes rather than passes (TLS flags, the syslog endpoint, credentials).
 */
export function checkFastlyService(props: FastlyServiceProps, expanded: ExpandedFastlyServiceProps): void {
  const fail: Fail = (prop, problem) => {
    throw new ConstructPropsError("FastlyService", props.name, prop, problem);
  };
  checkWrittenProps(props, fail);
  checkUniqueNames(expanded, fail);
  checkBlocks(expanded, props.hsts, fail);
}

/** What only the props as written show: redirects against the domains, before they become blocks. */
function checkWrittenProps(props: FastlyServiceProps, fail: Fail): void {
  const domains = new Set(props.domains.map((d) => d.name));
  for (const redirect of props.hostRedirects ?? []) {
    const label = `hostRedirect "${redirect.name}"`;
    if (!domains.has(redirect.fromHost)) fail(`${label} fromHost`, `"${redirect.fromHost}" is not one of the service's domains`);
    if (redirect.toOrigin.replace(/^https?:\/\//, "") === redirect.fromHost)
      fail(`${label} toOrigin`, `"${redirect.toOrigin}" redirects "${redirect.fromHost}" to itself`);
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
  unique(
    "backends",
    "backend",
    service.backends.map((b) => b.name),
  );
  unique(
    "healthchecks",
    "health check",
    (service.healthchecks ?? []).map((h) => h.name),
  );
  unique(
    "conditions",
    "condition",
    (service.conditions ?? []).map((c) => c.name),
  );
  unique(
    "headers",
    "header",
    (service.headers ?? []).map((h) => h.name),
  );
  unique(
    "gzip",
    "gzip rule",
    (service.gzip ?? []).map((g) => g.name),
  );
  unique(
    "cacheSettings",
    "cache setting",
    (service.cacheSettings ?? []).map((c) => c.name),
  );
  unique(
    "requestSettings",
    "request setting",
    (service.requestSettings ?? []).map((r) => r.name),
  );
  unique(
    "responseObjects",
    "response object",
    (service.responseObjects ?? []).map((r) => r.name),
  );
  unique(
    "snippets",
    "snippet",
    (service.snippets ?? []).map((s) => s.name),
  );
  unique(
    "s3Loggers",
    "S3 logger",
    (service.s3Loggers ?? []).map((l) => l.name),
  );
  unique(
    "syslogLoggers",
    "syslog logger",
    (service.syslogLoggers ?? []).map((l) => l.name),
  );
  unique(
    "datadogLoggers",
    "Datadog logger",
    (service.datadogLoggers ?? []).map((l) => l.name),
  );
  unique(
    "acls",
    "ACL",
    (service.acls ?? []).map((a) => a.name),
  );
  unique(
    "rateLimiters",
    "rate limiter",
    (service.rateLimiters ?? []).map((r) => r.name),
  );
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
  const healthcheckNames = new Set(healthchecks.map((h) => h.name));
  for (const backend of service.backends) {
    const label = `backend "${backend.name}"`;
    // The VCL name F_<name> needs more than the inventory's non-empty name; the TLS flags are the stack's.
    if (!BACKEND_NAME.test(backend.name))
      fail(`${label} name`, `"${backend.name}" is not lower-case letters, digits, "_" and "-" starting with a letter`);
    if (backend.useSsl === false) {
      // Only an origin that has no TLS is reached without it, and it says so.
      if (typeof backend.plainHttpBecause !== "string" || backend.plainHttpBecause.trim() === "")
        fail(`${label} useSsl`, "is false: a backend is reached over TLS unless plainHttpBecause says why its origin has none");
    } else {
      if ((backend.useSsl as boolean) !== true) fail(`${label} useSsl`, `is ${String(backend.useSsl)}: every backend must be reached over TLS`);
      if ((backend.sslCheckCert as boolean) !== true)
        fail(`${label} sslCheckCert`, `is ${String(backend.sslCheckCert)}: every backend's certificate must be checked`);
    }
    if (backend.healthcheck !== undefined && !healthcheckNames.has(backend.healthcheck))
      fail(`${label} healthcheck`, `health check "${backend.healthcheck}" does not exist`);
    condition(label, "requestCondition", backend.requestCondition, "REQUEST");
  }
  // Before the header loop, so that an HSTS mistake is reported under the prop the caller wrote.
  for (const hsts of hstsPolicies) condition(`hsts "${hsts.name}"`, "responseCondition", hsts.responseCondition, "RESPONSE");
  const backendVclNames = service.backends.map((b) => fastlyBackendVclName(b.name));
  for (const header of service.headers ?? []) {
    const label = `header "${header.name}"`;
    condition(label, "requestCondition", header.requestCondition, "REQUEST");
    condition(label, "responseCondition", header.responseCondition, "RESPONSE");
    condition(label, "cacheCondition", header.cacheCondition, "CACHE");
    if (header.destination === "backend" && header.action === "set" && !backendVclNames.includes(header.sourceExpression)) {
      fail(`${label} sourceExpression`, `"${header.sourceExpression}" is not a backend of the service (${backendVclNames.join(", ")})`);
    }
  }
  for (const gzip of service.gzip ?? []) {
    const label = `gzip "${gzip.name}"`;
    if (gzip.contentTypes.length + gzip.extensions.length === 0) fail(label, "compresses nothing: give contentTypes or extensions");
    for (const [field, values] of [
      ["contentTypes", gzip.contentTypes],
      ["extensions", gzip.extensions],
    ] as const) {
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
    // Response objects are the caller's or generated from redirects, never the inventory's as written.
    if (!(Number.isInteger(object.status) && object.status >= 100 && object.status <= 599))
      fail(`${label} status`, `${object.status} is not an HTTP status`);
    condition(label, "requestCondition", object.requestCondition, "REQUEST");
    condition(label, "cacheCondition", object.cacheCondition, "CACHE");
  }
  for (const logger of service.s3Loggers ?? []) {
    const label = `s3Logger "${logger.name}"`;
    condition(label, "responseCondition", logger.responseCondition, "RESPONSE");
    if ("secretKey" in logger.credentials && (isLiteral(logger.credentials.secretKey) || isLiteral(logger.credentials.accessKey))) {
      fail(`${label} credentials`, "the access and secret keys must be references to sensitive variables, never literals");
    }
  }
  // The syslog endpoint (address, port, TLS and its name) is computed by the stack, not written in the inventory.
  for (const logger of service.syslogLoggers ?? []) {
    const label = `syslogLogger "${logger.name}"`;
    if ((logger.useTls as boolean | undefined) !== true)
      fail(`${label} useTls`, `is ${String(logger.useTls)}: every syslog stream must be sent over TLS`);
    if (isLiteral(logger.tlsHostname) && ((logger.tlsHostname as string | undefined) ?? "").length === 0) {
      fail(`${label} tlsHostname`, "is empty: checking the syslog server's certificate needs the name it carries");
    }
    condition(label, "responseCondition", logger.responseCondition, "RESPONSE");
    // Tokens (a variable's value) are only known at apply time.
    if (isLiteral(logger.port) && !(Number.isInteger(logger.port) && logger.port >= 1 && logger.port <= 65535))
      fail(`${label} port`, `${logger.port} is outside 1-65535`);
  }
  // An ACL is VCL's name for it in conditions: `client.ip ~ <name>`.
  for (const acl of service.acls ?? []) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(acl.name)) fail(`acl "${acl.name}" name`, 'is not a VCL identifier (a letter, then letters, digits and "_")');
  }
  const loggerTypes = new Set([
    ...((service.datadogLoggers ?? []).length > 0 ? ["datadog"] : []),
    ...((service.s3Loggers ?? []).length > 0 ? ["s3"] : []),
    ...((service.syslogLoggers ?? []).length > 0 ? ["syslog"] : []),
  ]);
  for (const limiter of service.rateLimiters ?? []) {
    const label = `rateLimiter "${limiter.name}"`;
    if (limiter.loggerType !== undefined && !loggerTypes.has(limiter.loggerType))
      fail(`${label} loggerType`, `"${limiter.loggerType}": the service has no logger of that type to write offenders to`);
    if (limiter.action === "response" && limiter.response === undefined)
      fail(`${label} response`, 'is missing: action "response" answers offenders with it');
    const lower = limiter.httpMethods.find((m) => m !== m.toUpperCase() || m.trim() === "" || m.includes(","));
    if (lower !== undefined) fail(`${label} httpMethods`, `"${lower}" is not one upper-case method`);
    if (!(Number.isInteger(limiter.rpsLimit) && limiter.rpsLimit > 0))
      fail(`${label} rpsLimit`, `${limiter.rpsLimit} is not a positive whole number`);
    if (!(Number.isInteger(limiter.penaltyBoxMinutes) && limiter.penaltyBoxMinutes > 0))
      fail(`${label} penaltyBoxMinutes`, `${limiter.penaltyBoxMinutes} is not a positive whole number of minutes`);
  }
  for (const logger of service.datadogLoggers ?? []) {
    const label = `datadogLogger "${logger.name}"`;
    if (isLiteral(logger.token)) fail(`${label} token`, "the Datadog API key must be a reference to a sensitive variable, never a literal");
    condition(label, "responseCondition", logger.responseCondition, "RESPONSE");
  }
}
