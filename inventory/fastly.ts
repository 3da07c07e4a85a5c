import type { FastlyGzip, FastlyHealthcheck } from "../constructs/fastly-service/types";
import type { ExternalService, FastlyServiceSpec } from "./types";

/*
 * The Fastly services the PSF runs for python.org (facts from the PSF's own definition of the
 * www.python.org service). PyPI's services are managed by pypi/infra and only recorded here.
 */

/** HAProxy's status page, which answers when the load balancer is up. */
const HAPROXY_HEALTH: FastlyHealthcheck = {
  name: "haproxy status", host: "lb.psf.io", path: "/_haproxy_status", method: "HEAD",
  checkIntervalMs: 15000, expectedResponse: 200, threshold: 3, window: 5, initial: 4, timeoutMs: 5000,
};

const LOAD_BALANCERS = {
  origin: { kind: "role", role: "loadbalancer", datacenter: "nyc1" },
  port: 20004, sslCertHostname: "lb.psf.io", sslSniHostname: "lb.psf.io", signedByPsfCa: true,
  shield: "lga-ny-us", healthcheck: HAPROXY_HEALTH.name,
  connectTimeoutMs: 1000, firstByteTimeoutMs: 15000, betweenBytesTimeoutMs: 10000,
} as const;

const TEXT_GZIP: FastlyGzip = {
  name: "text types",
  contentTypes: [
    "application/javascript", "application/json", "application/vnd.ms-fontobject", "application/x-font-opentype",
    "application/x-font-truetype", "application/x-font-ttf", "application/x-javascript", "application/xml",
    "font/eot", "font/opentype", "font/otf", "image/svg+xml", "image/vnd.microsoft.icon", "text/css",
    "text/html", "text/javascript", "text/plain", "text/xml",
  ],
  extensions: ["css", "eot", "html", "ico", "js", "json", "otf", "svg", "ttf", "txt", "xml"],
};

const LOG_FORMAT = '%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i" %{Host}i';

/**
 * One JSON object per request, in the attributes Datadog's Fastly log pipeline reads (its documented
 * `http.*`, `network.*` and `duration` names); the service tag says which service logged it.
 */
function datadogLogFormat(service: string): string {
  return JSON.stringify({
    ddsource: "fastly",
    service,
    date: "%{begin:%Y-%m-%dT%H:%M:%S%z}t",
    http: { method: "%m", url: "%{json.escape(req.url)}V", host: "%{json.escape(req.http.host)}V", status_code: "%>s", useragent: "%{json.escape(req.http.User-Agent)}V" },
    network: { client: { ip: "%h" }, bytes_written: "%B" },
    duration: "%{time.elapsed.usec}V",
    fastly: { pop: "%{server.datacenter}V", cache: "%{fastly_info.state}V" },
  });
}

/** Hourly gzipped logs in the S3 log bucket, under the service's name, the live stream to cdn-logs, and Datadog. */
function logsOf(service: string): Pick<FastlyServiceSpec, "s3Logging" | "syslogLogging" | "datadogLogging"> {
  return {
    s3Logging: {
      name: "s3 logs", bucketName: "psf-fastly-logs-eu-west-1", domain: "s3.eu-west-1.amazonaws.com", path: `/${service}/`,
      periodSeconds: 3600, gzipLevel: 9, format: LOG_FORMAT, messageType: "blank",
    },
    syslogLogging: { name: "cdn-logs", host: "cdn-logs.nyc1", format: LOG_FORMAT },
    datadogLogging: { name: "datadog", format: datadogLogFormat(service) },
  };
}

export const FASTLY_SERVICES: readonly FastlyServiceSpec[] = [
  {
    name: "www.python.org", owner: "pythondotorg", comment: "python.org: the Django app on Heroku, downloads from the load balancers",
    domains: ["python.org", "www.python.org"],
    backends: [
      {
        name: "app", origin: { kind: "heroku-app", app: "pythondotorg", customDomain: "www.python.org" },
        port: 443, sslCertHostname: "www.python.org", sslSniHostname: "www.python.org", shield: "iad-va-us",
        requestCondition: "not downloads", connectTimeoutMs: 1000, firstByteTimeoutMs: 30000, betweenBytesTimeoutMs: 10000,
      },
      { name: "loadbalancer", ...LOAD_BALANCERS, requestCondition: "downloads" },
    ],
    healthchecks: [HAPROXY_HEALTH],
    conditions: [
      { name: "downloads", type: "REQUEST", statement: 'req.url ~ "^/ftp/"', priority: 10 },
      { name: "not downloads", type: "REQUEST", statement: '!(req.url ~ "^/ftp/")', priority: 10 },
      { name: "api or admin", type: "REQUEST", statement: 'req.url ~ "^/(api|admin)/"', priority: 10 },
      { name: "origin says no-cache", type: "CACHE", statement: 'beresp.http.Cache-Control ~ "(no-cache|no-store)"', priority: 10 },
      { name: "www host", type: "RESPONSE", statement: 'req.http.host == "www.python.org"', priority: 10 },
      { name: "apex host", type: "RESPONSE", statement: 'req.http.host == "python.org"', priority: 10 },
    ],
    requestSettings: [{ name: "never cache api or admin", requestCondition: "api or admin", action: "pass", xff: "append" }],
    cacheSettings: [{ name: "pass no-cache responses", action: "pass", cacheCondition: "origin says no-cache" }],
    gzip: [TEXT_GZIP],
    hostRedirects: [{ name: "apex to www", fromHost: "python.org", toOrigin: "https://www.python.org", status: 301 }],
    hsts: [
      { name: "hsts www", maxAgeSeconds: 63072000, includeSubDomains: true, preload: true, responseCondition: "www host" },
      { name: "hsts apex", maxAgeSeconds: 315360000, includeSubDomains: false, preload: true, responseCondition: "apex host" },
    ],
    forceTls: { name: "force tls", xff: "append" },
    originTokenHeader: "Fastly-Token",
    ...logsOf("www.python.org"),
    certificateAuthority: "lets-encrypt",
  },
  {
    name: "docs.python.org", owner: "docs", comment: "The Python documentation, built and served by the docs host through the load balancers",
    domains: ["docs.python.org", "doc.python.org"],
    backends: [{ name: "loadbalancer", ...LOAD_BALANCERS }],
    healthchecks: [HAPROXY_HEALTH],
    gzip: [TEXT_GZIP],
    hsts: [{ name: "hsts", maxAgeSeconds: 63072000, includeSubDomains: false, preload: false }],
    forceTls: { name: "force tls", xff: "append" },
    originTokenHeader: "Fastly-Token",
    ...logsOf("docs.python.org"),
    certificateAuthority: "lets-encrypt",
  },
];

/** Services run by other configurations: nothing here may create them. */
export const EXTERNAL_SERVICES: readonly ExternalService[] = [
  {
    name: "PyPI", owner: "pypi", names: ["pypi.org", "files.pythonhosted.org", "pythonhosted.org"],
    managedBy: "pypi/infra (Terraform Cloud organization psf, workspace pypi-infra)",
    notes: "AWS and Fastly; its zones pypi.org and pythonhosted.org are managed there too",
  },
];
