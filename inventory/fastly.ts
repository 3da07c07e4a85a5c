import { assumed, psfSalt, publicFile, PYTHONDOTORG_CDN, seed } from "./source";
import type { ExternalService, FastlyGzip, FastlyHealthcheck, FastlyServiceSpec, SourceDifference } from "./shape";

/*
 * The Fastly services the PSF runs for python.org. www.python.org and its staging twin test.python.org follow
 * the PSF's own definition (python/pythondotorg infra/cdn/main.tf, one module used twice) feature by feature;
 * where they differ, `differences` says what the PSF's has and why. docs.python.org's definition is not
 * published. PyPI's services are managed by pypi/infra and only recorded here.
 */

/** HAProxy's status page, which answers when the load balancer is up; `host` is the Host header sent. */
function haproxyStatus(host: string): FastlyHealthcheck {
  return {
    name: "HAProxy Status", host, path: "/_haproxy_status", method: "HEAD", httpVersion: "1.1",
    checkIntervalMs: 15000, expectedResponse: 200, threshold: 3, window: 5, initial: 4, timeoutMs: 5000,
  };
}

/** The load balancers' TLS entry for Fastly, its certificate signed by the PSF CA (psf-salt docs/services/cdn.rst). */
const LOAD_BALANCERS = {
  name: "loadbalancer",
  origin: { kind: "role", role: "loadbalancer", datacenter: "nyc1" },
  port: 20004, sslCertHostname: "lb.psf.io", sslSniHostname: "lb.psf.io", signedByPsfCa: true,
  shield: "lga-ny-us", healthcheck: "HAProxy Status", autoLoadbalance: false, weight: 100, maxConn: 200,
  connectTimeoutMs: 1000, firstByteTimeoutMs: 15000, betweenBytesTimeoutMs: 10000,
} as const;

/** The content types the PSF's service compresses (17 in its list, one of them twice; never text/html). */
const DEFAULT_GZIP: FastlyGzip = {
  name: "Default rules",
  contentTypes: [
    "application/javascript", "text/css", "text/javascript", "application/json", "application/vnd.ms-fontobject",
    "application/x-font-opentype", "application/x-font-truetype", "application/x-font-ttf", "application/xml",
    "font/eot", "font/opentype", "font/otf", "image/svg+xml", "image/vnd.microsoft.icon", "text/plain", "text/xml",
  ],
  extensions: [],
};

/** The PSF's log line, for S3 and the cdn-logs stream alike. */
const PSF_LOG_FORMAT = '%h "%{now}V" %l "%{req.request}V %{req.url}V" %{req.proto}V %>s %{resp.http.Content-Length}V %{resp.http.age}V "%{resp.http.x-cache}V" "%{resp.http.x-cache-hits}V" "%{req.http.content-type}V" "%{req.http.accept-language}V" "%{cstr_escape(req.http.user-agent)}V"';

/** What an offender of the rate limiter would get, were it not in log-only mode. */
const TOO_MANY_REQUESTS = "<html>\n  <head>\n    <title>Too Many Requests</title>\n  </head>\n  <body>\n    <p>Too Many Requests</p>\n  </body>\n</html>\n";

/** The hourly S3 logs of a service, under a prefix per day. */
function s3Logs(prefix: string): FastlyServiceSpec["s3Logging"] {
  return {
    name: "psf-fastly-logs", bucketName: "psf-fastly-logs-eu-west-1", domain: "s3-eu-west-1.amazonaws.com", path: `/${prefix}/%Y/%m/%d/`,
    periodSeconds: 3600, gzipLevel: 9, format: PSF_LOG_FORMAT, formatVersion: 2, messageType: "classic", timestampFormat: "%Y-%m-%dT%H:%M:%S.000",
    redundancy: "standard",
  };
}

/** The shared secret the origins check (HAProxy's `frontend fastly` denies a request without it), as the PSF's rule "Fastly Token" sends it. */
const FASTLY_TOKEN = { header: "Fastly-Token", name: "Fastly Token", priority: 10 } as const;

/** What the PSF's module is given for one service (infra/main.tf's module blocks). */
interface PythonDotOrgCdn {
  readonly name: string;
  readonly domain: string;
  readonly subdomain: string;
  /** The Host the origins are sent: the staging service asks the production app for www.python.org. @default the request's */
  readonly overrideHost?: string;
}

/** Where the estate's python.org services differ from the PSF's definition, and why. */
const PYTHONDOTORG_DIFFERENCES: readonly SourceDifference[] = [
  { feature: "the app backend", published: "cabotage, the PSF's Kubernetes platform (psf-pythondotorg-…-web.psfhosted.net), with its own name as the certificate name", reason: "the seed has www.python.org on Heroku: the backend is the Heroku app's custom-domain DNS target, with www.python.org's certificate" },
  { feature: "S3 log credentials", published: "an access key and secret key (the fastly_s3_logging variable)", reason: "Fastly assumes an IAM role: no long-lived key to leak or rotate" },
  { feature: "the cdn-logs stream", published: "plain TCP to port 514", reason: "logs carry client addresses across the internet, so the stream goes over TLS with the PSF CA's certificate; cdn-logs' rsyslog (psf-salt salt/cdn-logs/config/fastly.rsyslog.conf, imptcp) needs a TLS listener before this is applied" },
  {
    feature: "gzip content types", published: "17 entries, application/javascript twice",
    reason: "the same 16 types in the PSF's order, each once. content_types is an ordered list in provider 9.5.1 (block_fastly_service_gzip.go: TypeList; Fastly keeps it as one space-separated string), so the first apply after adoption rewrites it once without the repeat; from then on the service and the configuration agree",
  },
  {
    feature: "the service's comment", published: "none written: the provider's default, \"Managed by Terraform\"",
    reason: "the comment names the service's owner and that psf-estate manages it, as the zones' comments do; a comment is versionless at Fastly, so changing it activates no new version",
  },
  { feature: "NGWAF (Signal Sciences) edge deployment, its dictionary and dynamic snippets", published: "sigsci resources and four ngwaf_config_* dynamic snippets whose content the NGWAF deployment writes", reason: "not modelled: it needs the sigsci provider and credentials; adopt it with the live estate" },
  { feature: "product_enablement", published: "bot_management, domain_inspector and origin_inspector on, ignored by Terraform afterwards", reason: "not modelled: paid products whose settings the PSF's own Terraform ignores" },
];

/** A python.org Fastly service as the PSF's module defines it, for `cdn`'s domains. */
function pythonDotOrgService(cdn: PythonDotOrgCdn, extra: { readonly comment: string; readonly differences?: readonly SourceDifference[] }): FastlyServiceSpec {
  const overrideHost = cdn.overrideHost === undefined ? {} : { overrideHost: cdn.overrideHost };
  return {
    name: cdn.name, owner: "pythondotorg", comment: extra.comment,
    domains: [cdn.domain, cdn.subdomain],
    backends: [
      {
        name: "app", origin: { kind: "heroku-app", app: "pythondotorg", customDomain: "www.python.org" },
        port: 443, sslCertHostname: "www.python.org", sslSniHostname: "www.python.org", shield: "iad-va-us", ...overrideHost,
        autoLoadbalance: false, weight: 100, maxConn: 200, connectTimeoutMs: 1000, firstByteTimeoutMs: 30000, betweenBytesTimeoutMs: 10000,
      },
      { ...LOAD_BALANCERS, ...overrideHost },
    ],
    healthchecks: [haproxyStatus(cdn.domain)],
    conditions: [
      { name: "Force Pass No-Cache No-Store", type: "CACHE", statement: 'beresp.http.Cache-Control ~ "(no-cache|no-store)"', priority: 10 },
      { name: "Generated by IP block list", type: "REQUEST", statement: "client.ip ~ Generated_by_IP_block_list", priority: 0 },
      { name: "HSTS w/ subdomains", type: "RESPONSE", statement: `req.http.host == "${cdn.subdomain}"`, priority: 10 },
      { name: "HSTS w/o subdomain", type: "RESPONSE", statement: `req.http.host == "${cdn.domain}"`, priority: 10 },
      { name: "Homepage", type: "REQUEST", statement: 'req.url.path ~ "^/$"', priority: 10 },
      { name: "Is Download", type: "REQUEST", statement: 'req.url ~ "^/ftp/"', priority: 10 },
      { name: "Is Not Download", type: "REQUEST", statement: 'req.url !~ "^/ftp/"', priority: 5 },
      { name: "Uncacheable URLs", type: "REQUEST", statement: 'req.url ~ "^/(api|admin)/"', priority: 10 },
      { name: "apex redirect", type: "RESPONSE", statement: `req.http.Host == "${cdn.domain}"`, priority: 10 },
      { name: "apex", type: "REQUEST", statement: `req.http.host == "${cdn.domain}"`, priority: 1 },
      // Only the rate limiter's events reach the Datadog logger: no request matches.
      { name: "Always False", type: "RESPONSE", statement: "false", priority: 10 },
      { name: "Don't cache 404s for /static", type: "CACHE", statement: 'req.url ~ "^/static/" && beresp.status == 404', priority: 10 },
    ],
    headers: [
      // Downloads: no cookies, no query string, from the load balancers; everything else from the app.
      { name: "Remove cookies", type: "request", action: "delete", destination: "http.Cookie", requestCondition: "Is Download", priority: 10 },
      { name: "Chop off query string", type: "request", action: "set", destination: "url", sourceExpression: 'regsub(req.url, "\\?.*$", "")', requestCondition: "Is Download", priority: 10 },
      { name: "Is Download Director", type: "request", action: "set", destination: "backend", sourceExpression: "F_loadbalancer", requestCondition: "Is Download", priority: 10 },
      { name: "Is Not Download Backend", type: "request", action: "set", destination: "backend", sourceExpression: "F_app", requestCondition: "Is Not Download", priority: 10 },
      { name: "Strip Query Strings", type: "request", action: "set", destination: "url", sourceExpression: "req.url.path", requestCondition: "Homepage", priority: 10 },
      { name: "www redirect", type: "response", action: "set", destination: "http.Location", sourceExpression: `"https://${cdn.subdomain}" + req.url`, responseCondition: "apex redirect", priority: 10 },
    ],
    responseObjects: [
      { name: "www redirect", status: 301, response: "Moved Permanently", requestCondition: "apex" },
      { name: "Generated by IP block list", status: 403, response: "Forbidden", contentType: "text/html", content: "", requestCondition: "Generated by IP block list" },
    ],
    acls: [{ name: "Generated_by_IP_block_list" }],
    rateLimiters: [{
      name: `${cdn.domain} backends`, action: "log_only", clientKey: "client.ip",
      httpMethods: ["GET", "PUT", "TRACE", "POST", "HEAD", "DELETE", "PATCH", "OPTIONS"],
      rpsLimit: 10, windowSeconds: 10, penaltyBoxMinutes: 2, featureRevision: 1, loggerType: "datadog",
      response: { status: 429, contentType: "text/html", content: TOO_MANY_REQUESTS },
    }],
    requestSettings: [{ name: "Force Pass", requestCondition: "Uncacheable URLs", action: "pass", forceSsl: false, maxStaleAge: 60, xff: "append", bypassBusyWait: false }],
    cacheSettings: [
      { name: "Pass No-Cache No-Store", action: "pass", ttl: 0, staleTtl: 0, cacheCondition: "Force Pass No-Cache No-Store" },
      { name: "No caching for /static 404s", action: "pass", ttl: 0, staleTtl: 0, cacheCondition: "Don't cache 404s for /static" },
    ],
    gzip: [DEFAULT_GZIP],
    hsts: [
      { name: "HSTS w/ subdomains", maxAgeSeconds: 63072000, includeSubDomains: true, preload: true, responseCondition: "HSTS w/ subdomains", priority: 10 },
      { name: "HSTS w/o subdomains", maxAgeSeconds: 315360000, includeSubDomains: false, preload: true, responseCondition: "HSTS w/o subdomain", priority: 10 },
    ],
    forceTls: { name: "Default cache policy", xff: "append", maxStaleAge: 86400, bypassBusyWait: false },
    originToken: FASTLY_TOKEN,
    s3Logging: s3Logs(cdn.subdomain.replace(/\./g, "-")),
    syslogLogging: { name: "pythonorg", host: "cdn-logs.nyc1", format: PSF_LOG_FORMAT },
    datadogLogging: { name: "ratelimit-debug", responseCondition: "Always False" },
    certificateAuthority: "lets-encrypt",
    source: PYTHONDOTORG_CDN,
    fieldSources: {
      certificateAuthority: assumed("the PSF's definition has no TLS subscription; Let's Encrypt is allowed by CAA"),
      syslogLogging: psfSalt("pillar/base/fastly-logging.sls"),
    },
    differences: [...PYTHONDOTORG_DIFFERENCES, ...(extra.differences ?? [])],
  };
}

/**
 * www.jython.org: the seed's S3 website serves HTTP only, while the load balancers send jython.org and Jython's other
 * names to https://www.jython.org (pillar/base/haproxy.sls). Fastly terminates TLS in front of the bucket, logs as the
 * PSF's other services do, and sends the HSTS the load balancers send for Jython's names.
 */
const JYTHON: FastlyServiceSpec = {
  name: "www.jython.org", owner: "jython", comment: "The Jython website: TLS in front of its S3 website, which serves HTTP only",
  domains: ["www.jython.org"],
  backends: [{
    name: "website", origin: { kind: "s3-website", site: "www.jython.org" }, port: 80,
    autoLoadbalance: false, weight: 100, maxConn: 200, connectTimeoutMs: 1000, firstByteTimeoutMs: 15000, betweenBytesTimeoutMs: 10000,
  }],
  gzip: [DEFAULT_GZIP],
  hsts: [{ name: "hsts", maxAgeSeconds: 315360000, includeSubDomains: false, preload: false }],
  forceTls: { name: "force tls", xff: "append" },
  s3Logging: s3Logs("www-jython-org"),
  certificateAuthority: "lets-encrypt",
  source: assumed("the PSF publishes no TLS front for www.jython.org, whose S3 website serves HTTP only: this service is this project's, configured as the PSF's python.org services are"),
  fieldSources: {
    domains: seed("Details of Various Services > www.jython.org"),
    hsts: psfSalt("pillar/base/haproxy.sls"),
    s3Logging: PYTHONDOTORG_CDN,
    gzip: PYTHONDOTORG_CDN,
  },
};

export const FASTLY_SERVICES: readonly FastlyServiceSpec[] = [
  pythonDotOrgService(
    { name: "www.python.org", domain: "python.org", subdomain: "www.python.org" },
    { comment: "python.org: the Django app on Heroku, downloads from the load balancers" },
  ),
  pythonDotOrgService(
    { name: "test.python.org", domain: "test.python.org", subdomain: "www.test.python.org", overrideHost: "www.python.org" },
    {
      comment: "Staging of the www.python.org service's own configuration, in front of the production app",
      differences: [{
        feature: "the apex redirect's conditions",
        published: "\"apex\" and \"apex redirect\" test for python.org on both services, so test.python.org is never redirected to www.test.python.org",
        reason: "each service tests for its own apex, so that staging exercises the redirect production serves",
      }],
    },
  ),
  {
    name: "docs.python.org", owner: "docs", comment: "The Python documentation, built and served by the docs host through the load balancers",
    domains: ["docs.python.org", "doc.python.org"],
    backends: [LOAD_BALANCERS],
    healthchecks: [haproxyStatus("docs.python.org")],
    gzip: [DEFAULT_GZIP],
    // HAProxy's own for the docs backend, which pillar/base/haproxy.sls does not override: Fastly's header replaces the
    // origin's, so it must never say less.
    hsts: [{ name: "hsts", maxAgeSeconds: 315360000, includeSubDomains: true, preload: true }],
    forceTls: { name: "force tls", xff: "append" },
    originToken: FASTLY_TOKEN,
    s3Logging: s3Logs("docs-python-org"),
    syslogLogging: { name: "docs", host: "cdn-logs.nyc1", format: PSF_LOG_FORMAT },
    certificateAuthority: "lets-encrypt",
    source: assumed("the docs service's Fastly definition is not published; it reaches the load balancers as www.python.org's downloads do, and logs the same way"),
    fieldSources: {
      domains: seed("Details of Various Services > docs.python.org"),
      syslogLogging: psfSalt("pillar/base/fastly-logging.sls"),
      hsts: psfSalt("salt/haproxy/config/haproxy.cfg.jinja"),
      originToken: psfSalt("docs/services/cdn.rst"),
    },
  },
  JYTHON,
];

/** Services run by other configurations: nothing here may create them. */
export const EXTERNAL_SERVICES: readonly ExternalService[] = [
  {
    name: "PyPI", owner: "pypi",
    // Its Fastly services also answer four names of python.org, a zone managed here (pypi/infra terraform/main.tf
    // extra_domains of the pypi and test-pypi modules, 95 and 132).
    names: ["pypi.org", "files.pythonhosted.org", "pythonhosted.org", "pypi.python.org", "warehouse.python.org", "testpypi.python.org", "warehouse-staging.python.org"],
    managedBy: "pypi/infra (Terraform Cloud organization psf, workspace pypi-infra)",
    notes: "AWS and Fastly; its zones pypi.org and pythonhosted.org are managed there too; its python.org names are not written nor removed here",
    source: seed("Details of Various Services > PyPI"),
    fieldSources: { managedBy: publicFile("pypi/infra", "terraform/config.tf"), names: publicFile("pypi/infra", "terraform/main.tf") },
  },
  {
    name: "The pycon.org site", owner: "pycon", names: ["pycon.org"],
    managedBy: "not published: neither psf-salt nor the seed says what serves the pycon.org apex",
    notes: "the target of the load balancers' www.pycon.org redirect; its address records are kept by hand in the pycon.org zone, whose CAA and SPF are written here",
    source: psfSalt("pillar/base/haproxy.sls"),
  },
];
