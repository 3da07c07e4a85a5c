import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import type { Construct } from "constructs";
import { ConstructPropsError } from "../constructs/construct-props-error";
import {
  FastlyService,
  type FastlyBackend,
  type FastlyPlainHttpBackend,
  type FastlyServiceProps,
  type FastlyTlsBackend,
} from "../constructs/fastly-service";
import { defined } from "./support/defined";

type Block = Record<string, unknown>;

const SERVICE = "www.example.org";

/** The smallest service the construct accepts: one domain, one TLS backend, force TLS, HSTS, both loggers. */
function minimal(): FastlyServiceProps & { backends: FastlyTlsBackend[] } {
  return {
    name: SERVICE,
    comment: "test service",
    domains: [{ name: "www.example.org" }],
    backends: [
      {
        name: "app",
        address: "app.example.net",
        port: 443,
        useSsl: true,
        sslCheckCert: true,
        sslCertHostname: "app.example.net",
        sslSniHostname: "app.example.net",
        connectTimeoutMs: 1000,
        firstByteTimeoutMs: 15000,
        betweenBytesTimeoutMs: 10000,
      },
    ],
    forceTls: { name: "Force TLS", xff: "append" },
    hsts: [{ name: "HSTS", maxAgeSeconds: 63072000, includeSubDomains: true, preload: true }],
    s3Loggers: [
      {
        name: "s3",
        bucketName: "logs-bucket",
        path: "/www/%Y/%m/%d/",
        periodSeconds: 3600,
        gzipLevel: 9,
        format: "%h %t %r %>s",
        credentials: { iamRole: "arn:aws:iam::123456789012:role/fastly-logs" },
      },
    ],
    syslogLoggers: [
      { name: "syslog", address: "logs.example.net", port: 514, useTls: true, tlsHostname: "logs.example.net", format: "%h %t %r %>s" },
    ],
  };
}

/** A fuller service: conditions of every type, a health check, routing, caching, gzip, a redirect. */
function full(): FastlyServiceProps {
  const base = minimal();
  const app = defined(base.backends[0]);
  return {
    ...base,
    domains: [{ name: "www.example.org" }, { name: "example.org" }],
    backends: [
      { ...app, requestCondition: "Not Download", shield: "iad-va-us" },
      {
        ...app,
        name: "lb",
        address: "lb.example.net",
        port: 20004,
        sslCertHostname: "lb.example.io",
        sslSniHostname: "lb.example.io",
        healthcheck: "lb status",
        requestCondition: "Download",
      },
    ],
    healthchecks: [
      {
        name: "lb status",
        host: "www.example.org",
        path: "/_status",
        method: "HEAD",
        checkIntervalMs: 15000,
        expectedResponse: 200,
        threshold: 3,
        window: 5,
        initial: 4,
        timeoutMs: 5000,
      },
    ],
    conditions: [
      { name: "Download", type: "REQUEST", statement: 'req.url ~ "^/ftp/"', priority: 10 },
      { name: "Not Download", type: "REQUEST", statement: 'req.url !~ "^/ftp/"', priority: 5 },
      { name: "Uncacheable", type: "REQUEST", statement: 'req.url ~ "^/(api|admin)/"' },
      { name: "No-Store", type: "CACHE", statement: 'beresp.http.Cache-Control ~ "(no-cache|no-store)"' },
      { name: "www host", type: "RESPONSE", statement: 'req.http.host == "www.example.org"' },
    ],
    headers: [
      { name: "Origin Token", type: "request", action: "set", destination: "http.Fastly-Token", sourceExpression: '"not-a-secret"' },
      { name: "Downloads", type: "request", action: "set", destination: "backend", sourceExpression: "F_lb", requestCondition: "Download" },
    ],
    gzip: [{ name: "text", contentTypes: ["text/html", "text/css"], extensions: ["css", "js"] }],
    cacheSettings: [{ name: "Pass No-Store", action: "pass", cacheCondition: "No-Store", ttl: 0, staleTtl: 0 }],
    requestSettings: [{ name: "Force Pass", action: "pass", requestCondition: "Uncacheable" }],
    hostRedirects: [{ name: "apex", fromHost: "example.org", toOrigin: "https://www.example.org" }],
    hsts: [{ name: "HSTS", maxAgeSeconds: 63072000, includeSubDomains: true, preload: true, responseCondition: "www host" }],
  };
}

function serviceBlock(build: (scope: Construct) => void): Block {
  const json = JSON.parse(Testing.synthScope(build)) as { resource: { fastly_service_vcl: Record<string, Block> } };
  const services = Object.values(json.resource.fastly_service_vcl);
  expect(services).toHaveLength(1);
  return defined(services[0]);
}

const synthService = (props: FastlyServiceProps): Block => serviceBlock((scope) => new FastlyService(scope, "service", props));

function rejection(props: FastlyServiceProps): string {
  const stack = new TerraformStack(Testing.app(), "test");
  try {
    new FastlyService(stack, "service", props);
  } catch (error) {
    expect(error).toBeInstanceOf(ConstructPropsError);
    return (error as Error).message;
  }
  throw new Error("the props were accepted");
}

const message = (prop: string, problem: string): string => `FastlyService "${SERVICE}" prop "${prop}": ${problem}`;

function withBackend(change: Partial<Record<keyof FastlyTlsBackend | keyof FastlyPlainHttpBackend, unknown>>): FastlyServiceProps {
  const base = minimal();
  // The change may hold what a backend's type forbids: the test is of the construct's own checks.
  const backend: unknown = { ...defined(base.backends[0]), ...change };
  return { ...base, backends: [backend as FastlyBackend] };
}

describe("FastlyService", () => {
  it("synthesizes a minimal service: TLS backend, forced TLS, HSTS, both loggers, protected from destruction", () => {
    const service = synthService(minimal());
    expect(service).toMatchObject({ name: SERVICE, comment: "test service", activate: true, lifecycle: { prevent_destroy: true } });
    expect(service.domain).toEqual([{ name: "www.example.org" }]);
    for (const absent of ["condition", "gzip", "cache_setting", "response_object", "snippet", "healthcheck"])
      expect(service).not.toHaveProperty(absent);
    expect(service.backend).toEqual([
      {
        name: "app",
        address: "app.example.net",
        port: 443,
        use_ssl: true,
        ssl_check_cert: true,
        ssl_cert_hostname: "app.example.net",
        ssl_sni_hostname: "app.example.net",
        connect_timeout: 1000,
        first_byte_timeout: 15000,
        between_bytes_timeout: 10000,
      },
    ]);
    expect(service.request_setting).toEqual([{ name: "Force TLS", force_ssl: true, xff: "append" }]);
    expect(service.header).toEqual([
      {
        name: "HSTS",
        type: "response",
        action: "set",
        destination: "http.Strict-Transport-Security",
        source: '"max-age=63072000; includeSubDomains; preload"',
        ignore_if_set: false,
      },
    ]);
    expect(service.logging_s3).toEqual([
      {
        name: "s3",
        bucket_name: "logs-bucket",
        path: "/www/%Y/%m/%d/",
        period: 3600,
        gzip_level: 9,
        format: "%h %t %r %>s",
        format_version: 2,
        message_type: "classic",
        s3_iam_role: "arn:aws:iam::123456789012:role/fastly-logs",
      },
    ]);
    expect(service.logging_syslog).toEqual([
      {
        name: "syslog",
        address: "logs.example.net",
        port: 514,
        use_tls: true,
        tls_hostname: "logs.example.net",
        format: "%h %t %r %>s",
        format_version: 2,
        message_type: "classic",
      },
    ]);
  });

  it("emits every block sorted by name, whatever the order of the props", () => {
    const props = full();
    const reversed: FastlyServiceProps = {
      ...props,
      domains: [...props.domains].reverse(),
      backends: [...props.backends].reverse(),
      conditions: [...(props.conditions ?? [])].reverse(),
      headers: [...(props.headers ?? [])].reverse(),
    };
    const service = synthService(props);
    expect(synthService(reversed)).toEqual(service);
    expect((service.domain as Block[]).map((d) => d.name)).toEqual(["example.org", "www.example.org"]);
    expect((service.backend as Block[]).map((b) => b.name)).toEqual(["app", "lb"]);
    expect((service.condition as Block[]).map((c) => c.name)).toEqual([
      "Download",
      "No-Store",
      "Not Download",
      "Uncacheable",
      "apex",
      "apex location",
      "www host",
    ]);
  });

  it("turns a host redirect into a REQUEST condition, a 301 response object and a conditional Location header", () => {
    const service = synthService(full());
    expect(service.condition).toEqual(
      expect.arrayContaining([
        { name: "apex", type: "REQUEST", statement: 'req.http.host == "example.org"', priority: 1 },
        { name: "apex location", type: "RESPONSE", statement: 'req.http.host == "example.org"' },
      ]),
    );
    expect(service.response_object).toEqual([{ name: "apex", status: 301, response: "Moved Permanently", request_condition: "apex" }]);
    expect(service.header).toEqual(
      expect.arrayContaining([
        {
          name: "apex location",
          type: "response",
          action: "set",
          destination: "http.Location",
          source: '"https://www.example.org" + req.url',
          response_condition: "apex location",
        },
      ]),
    );
    expect(service.request_setting).toEqual([
      { name: "Force Pass", action: "pass", request_condition: "Uncacheable" },
      { name: "Force TLS", force_ssl: true, xff: "append" },
    ]);
  });

  it("accepts tokens for a backend address, its CA certificate and S3 keys", () => {
    const service = serviceBlock((scope) => {
      const text = (name: string, sensitive = false): string => new TerraformVariable(scope, name, { type: "string", sensitive }).stringValue;
      const base = minimal();
      new FastlyService(scope, "service", {
        ...base,
        backends: [{ ...defined(base.backends[0]), address: text("app_address"), sslCaCert: text("ca_cert") }],
        s3Loggers: [
          { ...defined(defined(base.s3Loggers)[0]), credentials: { accessKey: text("s3_access_key", true), secretKey: text("s3_secret_key", true) } },
        ],
      });
    });
    expect(service.backend).toEqual([expect.objectContaining({ address: "${var.app_address}", ssl_ca_cert: "${var.ca_cert}" })]);
    expect(service.logging_s3).toEqual([expect.objectContaining({ s3_access_key: "${var.s3_access_key}", s3_secret_key: "${var.s3_secret_key}" })]);
  });

  describe("fails on a reference to a condition that does not exist", () => {
    const cases: [string, (p: FastlyServiceProps) => FastlyServiceProps, string][] = [
      [
        "backend requestCondition",
        (p) => ({ ...p, backends: [{ ...defined(p.backends[0]), requestCondition: "Nope" }] }),
        'backend "app" requestCondition',
      ],
      [
        "header requestCondition",
        (p) => ({ ...p, headers: [{ name: "h", type: "request", action: "delete", destination: "http.Cookie", requestCondition: "Nope" }] }),
        'header "h" requestCondition',
      ],
      [
        "header responseCondition",
        (p) => ({ ...p, headers: [{ name: "h", type: "response", action: "delete", destination: "http.Server", responseCondition: "Nope" }] }),
        'header "h" responseCondition',
      ],
      [
        "header cacheCondition",
        (p) => ({ ...p, headers: [{ name: "h", type: "cache", action: "delete", destination: "http.Set-Cookie", cacheCondition: "Nope" }] }),
        'header "h" cacheCondition',
      ],
      ["HSTS responseCondition", (p) => ({ ...p, hsts: [{ ...defined(p.hsts[0]), responseCondition: "Nope" }] }), 'hsts "HSTS" responseCondition'],
      [
        "gzip cacheCondition",
        (p) => ({ ...p, gzip: [{ name: "g", contentTypes: ["text/html"], extensions: [], cacheCondition: "Nope" }] }),
        'gzip "g" cacheCondition',
      ],
      [
        "cacheSetting cacheCondition",
        (p) => ({ ...p, cacheSettings: [{ name: "c", action: "pass", cacheCondition: "Nope" }] }),
        'cacheSetting "c" cacheCondition',
      ],
      [
        "requestSetting requestCondition",
        (p) => ({ ...p, requestSettings: [{ name: "r", requestCondition: "Nope" }] }),
        'requestSetting "r" requestCondition',
      ],
      [
        "responseObject requestCondition",
        (p) => ({ ...p, responseObjects: [{ name: "o", status: 403, response: "Forbidden", requestCondition: "Nope" }] }),
        'responseObject "o" requestCondition',
      ],
      [
        "responseObject cacheCondition",
        (p) => ({ ...p, responseObjects: [{ name: "o", status: 403, response: "Forbidden", cacheCondition: "Nope" }] }),
        'responseObject "o" cacheCondition',
      ],
      [
        "S3 logger responseCondition",
        (p) => ({ ...p, s3Loggers: [{ ...defined(defined(p.s3Loggers)[0]), responseCondition: "Nope" }] }),
        's3Logger "s3" responseCondition',
      ],
      [
        "syslog logger responseCondition",
        (p) => ({ ...p, syslogLoggers: [{ ...defined(defined(p.syslogLoggers)[0]), responseCondition: "Nope" }] }),
        'syslogLogger "syslog" responseCondition',
      ],
    ];
    it.each(cases)("fails on a missing condition in %s", (_, change, prop) => {
      expect(rejection(change(minimal()))).toBe(message(prop, 'condition "Nope" does not exist'));
    });
  });

  it("fails on a RESPONSE condition used as a requestCondition", () => {
    const props: FastlyServiceProps = {
      ...minimal(),
      conditions: [{ name: "www host", type: "RESPONSE", statement: 'req.http.host == "www.example.org"' }],
    };
    const bad = { ...props, requestSettings: [{ name: "r", requestCondition: "www host" }] };
    expect(rejection(bad)).toBe(
      message('requestSetting "r" requestCondition', 'condition "www host" is a RESPONSE condition; requestCondition needs a REQUEST condition'),
    );
  });

  it("fails on a REQUEST condition used as a cacheCondition", () => {
    const props: FastlyServiceProps = { ...minimal(), conditions: [{ name: "api", type: "REQUEST", statement: 'req.url ~ "^/api/"' }] };
    const bad = { ...props, cacheSettings: [{ name: "c", action: "pass" as const, cacheCondition: "api" }] };
    expect(rejection(bad)).toBe(
      message('cacheSetting "c" cacheCondition', 'condition "api" is a REQUEST condition; cacheCondition needs a CACHE condition'),
    );
  });

  it("fails on a backend's health check that does not exist", () => {
    expect(rejection(withBackend({ healthcheck: "lb status" }))).toBe(
      message('backend "app" healthcheck', 'health check "lb status" does not exist'),
    );
  });

  it("fails on a header that routes to a backend that does not exist", () => {
    const props: FastlyServiceProps = {
      ...minimal(),
      headers: [{ name: "route", type: "request", action: "set", destination: "backend", sourceExpression: "F_lb" }],
    };
    expect(rejection(props)).toBe(message('header "route" sourceExpression', '"F_lb" is not a backend of the service (F_app)'));
  });

  describe("fails on duplicate names", () => {
    const cases: [string, (p: FastlyServiceProps) => FastlyServiceProps, string][] = [
      ["backends", (p) => ({ ...p, backends: [defined(p.backends[0]), defined(p.backends[0])] }), 'two backends are named "app"'],
      [
        "healthchecks",
        (p) => {
          const check = {
            name: "hc",
            host: "www.example.org",
            path: "/",
            method: "GET" as const,
            checkIntervalMs: 15000,
            expectedResponse: 200,
            threshold: 1,
            window: 2,
            initial: 1,
            timeoutMs: 500,
          };
          return { ...p, healthchecks: [check, check] };
        },
        'two health checks are named "hc"',
      ],
      [
        "conditions",
        (p) => ({
          ...p,
          conditions: [
            { name: "c", type: "REQUEST", statement: "true" },
            { name: "c", type: "CACHE", statement: "true" },
          ],
        }),
        'two conditions are named "c"',
      ],
      [
        "headers",
        (p) => ({ ...p, headers: [{ name: "HSTS", type: "response", action: "delete", destination: "http.Server" }] }),
        'two headers are named "HSTS"',
      ],
      [
        "gzip",
        (p) => ({
          ...p,
          gzip: [
            { name: "g", contentTypes: ["text/html"], extensions: [] },
            { name: "g", contentTypes: [], extensions: ["js"] },
          ],
        }),
        'two gzip rules are named "g"',
      ],
      [
        "cacheSettings",
        (p) => ({
          ...p,
          cacheSettings: [
            { name: "c", action: "pass", cacheCondition: "x" },
            { name: "c", action: "cache", cacheCondition: "x" },
          ],
        }),
        'two cache settings are named "c"',
      ],
      ["requestSettings", (p) => ({ ...p, requestSettings: [{ name: "Force TLS", action: "pass" }] }), 'two request settings are named "Force TLS"'],
      [
        "responseObjects",
        (p) => ({
          ...p,
          responseObjects: [
            { name: "o", status: 200, response: "OK" },
            { name: "o", status: 404, response: "Not Found" },
          ],
        }),
        'two response objects are named "o"',
      ],
      [
        "snippets",
        (p) => ({
          ...p,
          snippets: [
            { name: "s", type: "recv", content: "" },
            { name: "s", type: "deliver", content: "" },
          ],
        }),
        'two snippets are named "s"',
      ],
      [
        "s3Loggers",
        (p) => ({ ...p, s3Loggers: [defined(defined(p.s3Loggers)[0]), defined(defined(p.s3Loggers)[0])] }),
        'two S3 loggers are named "s3"',
      ],
      [
        "syslogLoggers",
        (p) => ({ ...p, syslogLoggers: [defined(defined(p.syslogLoggers)[0]), defined(defined(p.syslogLoggers)[0])] }),
        'two syslog loggers are named "syslog"',
      ],
    ];
    it.each(cases)("fails on two %s with one name", (prop, change, problem) => {
      expect(rejection(change(minimal()))).toBe(message(prop, problem));
    });
  });

  it("fails on a backend without TLS that does not say why its origin has none", () => {
    expect(rejection(withBackend({ useSsl: false }))).toBe(
      message('backend "app" useSsl', "is false: a backend is reached over TLS unless plainHttpBecause says why its origin has none"),
    );
    expect(rejection(withBackend({ useSsl: false, plainHttpBecause: " " }))).toBe(
      message('backend "app" useSsl', "is false: a backend is reached over TLS unless plainHttpBecause says why its origin has none"),
    );
  });

  it("reaches an origin that has no TLS over plain HTTP, with no certificate settings, when it says why", () => {
    const base = minimal();
    const { useSsl: _useSsl, sslCheckCert: _check, sslCertHostname: _cert, sslSniHostname: _sni, ...common } = defined(base.backends[0]);
    const service = serviceBlock((scope) => {
      new FastlyService(scope, "service", {
        ...base,
        backends: [
          {
            ...common,
            address: "www.example.org.s3-website-us-east-1.amazonaws.com",
            port: 80,
            useSsl: false,
            plainHttpBecause: "an S3 website endpoint serves HTTP only",
          },
        ],
      });
    });
    const [backend] = service.backend as Record<string, unknown>[];
    expect(backend).toMatchObject({ port: 80, use_ssl: false, ssl_check_cert: false });
    expect(backend).not.toHaveProperty("ssl_cert_hostname");
    expect(backend).not.toHaveProperty("plain_http_because");
  });

  it("fails on a backend with certificate checking off", () => {
    expect(rejection(withBackend({ sslCheckCert: false }))).toBe(
      message('backend "app" sslCheckCert', "is false: every backend's certificate must be checked"),
    );
  });

  it("sends a syslog stream over TLS to a privately signed server, its CA from a variable", () => {
    const service = serviceBlock((scope) => {
      const ca = new TerraformVariable(scope, "ca", { type: "string" }).stringValue;
      const base = minimal();
      new FastlyService(scope, "service", {
        ...base,
        syslogLoggers: [{ ...defined(defined(base.syslogLoggers)[0]), tlsHostname: "logs.example.io", tlsCaCert: ca }],
      });
    });
    expect(service.logging_syslog).toEqual([expect.objectContaining({ use_tls: true, tls_hostname: "logs.example.io", tls_ca_cert: "${var.ca}" })]);
  });

  it("fails on a syslog logger without TLS", () => {
    const base = minimal();
    const plain = { ...base, syslogLoggers: [{ ...defined(defined(base.syslogLoggers)[0]), useTls: false }] } as unknown as FastlyServiceProps;
    expect(rejection(plain)).toBe(message('syslogLogger "syslog" useTls', "is false: every syslog stream must be sent over TLS"));
    const { useTls: _omitted, ...unsaid } = defined(defined(base.syslogLoggers)[0]);
    expect(rejection({ ...base, syslogLoggers: [unsaid] } as unknown as FastlyServiceProps)).toBe(
      message('syslogLogger "syslog" useTls', "is undefined: every syslog stream must be sent over TLS"),
    );
  });

  it("fails on a syslog logger over TLS without the name its certificate carries", () => {
    const base = minimal();
    const props: FastlyServiceProps = { ...base, syslogLoggers: [{ ...defined(defined(base.syslogLoggers)[0]), tlsHostname: "" }] };
    expect(rejection(props)).toBe(
      message('syslogLogger "syslog" tlsHostname', "is empty: checking the syslog server's certificate needs the name it carries"),
    );
  });

  it("fails on a syslog port outside 1-65535", () => {
    const base = minimal();
    const props: FastlyServiceProps = { ...base, syslogLoggers: [{ ...defined(defined(base.syslogLoggers)[0]), port: 0 }] };
    expect(rejection(props)).toBe(message('syslogLogger "syslog" port', "0 is outside 1-65535"));
  });

  it("streams logs to Datadog with the API key from a variable, in the region of the organization's site", () => {
    const service = serviceBlock((scope) => {
      const key = new TerraformVariable(scope, "dd_key", { type: "string", sensitive: true }).stringValue;
      new FastlyService(scope, "service", {
        ...minimal(),
        datadogLoggers: [{ name: "datadog", format: '{"url":"%{json.escape(req.url)}V"}', site: "datadoghq.eu", token: key }],
      });
    });
    expect(service.logging_datadog).toEqual([
      { name: "datadog", token: "${var.dd_key}", region: "EU", format: '{"url":"%%{json.escape(req.url)}V"}', format_version: 2 },
    ]);
  });

  it("fails on a literal Datadog API key", () => {
    const props: FastlyServiceProps = {
      ...minimal(),
      datadogLoggers: [{ name: "datadog", format: "%h", site: "datadoghq.com", token: "0123456789abcdef" }],
    };
    expect(rejection(props)).toBe(
      message('datadogLogger "datadog" token', "the Datadog API key must be a reference to a sensitive variable, never a literal"),
    );
  });

  it("fails on literal S3 keys", () => {
    const base = minimal();
    const props: FastlyServiceProps = {
      ...base,
      s3Loggers: [{ ...defined(defined(base.s3Loggers)[0]), credentials: { accessKey: "AKIAEXAMPLE", secretKey: "literal" } }],
    };
    expect(rejection(props)).toBe(
      message('s3Logger "s3" credentials', "the access and secret keys must be references to sensitive variables, never literals"),
    );
  });

  it("fails on a redirect from a host the service does not serve", () => {
    const props: FastlyServiceProps = {
      ...minimal(),
      hostRedirects: [{ name: "apex", fromHost: "example.org", toOrigin: "https://www.example.org" }],
    };
    expect(rejection(props)).toBe(message('hostRedirect "apex" fromHost', '"example.org" is not one of the service\'s domains'));
  });
});
