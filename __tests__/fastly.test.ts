import { resolveReference } from "./support/references";
import { resourcesOf, stackJson, synthCommittedEstate } from "./support/synth-estate";
import { defined } from "./support/defined";

const synth = synthCommittedEstate();
const { estate } = synth;
const fastly = stackJson(synth, "fastly");
const services = Object.entries(resourcesOf(fastly, "fastly_service_vcl"));

type Block = Record<string, unknown>;
const blocks = (service: Block, name: string): Block[] => (service[name] as Block[] | undefined) ?? [];
const serviceNamed = (name: string): Block => {
  const found = services.find(([, s]) => s.name === name);
  if (found === undefined) throw new Error(`no Fastly service ${name}`);
  return found[1];
};

describe("Fastly", () => {
  it("runs every Fastly service of the inventory, and no name another configuration manages", () => {
    expect(services.map(([, s]) => s.name).sort()).toEqual(estate.fastlyServices.map((f) => f.name).sort());
    const everything = [...synth.text.values()].join("\n");
    // A zone's own name is in its zone and apex records: an external name that is a zone apex is checked by its records (dns.test.ts).
    const external = estate.externalServices.flatMap((s) => s.names).filter((name) => !estate.zones.some((z) => z.name === name));
    expect(external.length).toBeGreaterThan(0);
    for (const name of external) expect({ name, synthesized: everything.includes(`"${name}"`) }).toEqual({ name, synthesized: false });
  });

  it("reaches every backend over TLS with certificate checking, but an S3 website, which has no TLS", () => {
    for (const spec of estate.fastlyServices) {
      for (const backend of blocks(serviceNamed(spec.name), "backend")) {
        const origin = defined(spec.backends.find((b) => b.name === backend.name)).origin;
        if (origin.kind === "s3-website") {
          expect(backend).toMatchObject({ use_ssl: false, ssl_check_cert: false, port: 80 });
          expect(resolveReference(synth, "fastly", backend.address as string)).toMatchObject({
            stack: "static-sites",
            type: "aws_s3_bucket_website_configuration",
            attribute: "website_endpoint",
          });
          continue;
        }
        expect(backend).toMatchObject({ use_ssl: true, ssl_check_cert: true });
        expect(typeof backend.ssl_cert_hostname).toBe("string");
        expect(backend.ssl_sni_hostname).toBe(backend.ssl_cert_hostname);
      }
    }
  });

  it("puts TLS in front of www.jython.org's S3 website, with the HSTS the load balancers send for Jython's names", () => {
    const jython = serviceNamed("www.jython.org");
    expect(blocks(jython, "domain").map((d) => d.name)).toEqual(["www.jython.org"]);
    expect(blocks(jython, "request_setting").filter((r) => r.force_ssl === true)).toHaveLength(1);
    expect(
      blocks(jython, "header")
        .filter((h) => h.destination === "http.Strict-Transport-Security")
        .map((h) => h.source),
    ).toEqual(['"max-age=315360000"']);
  });

  it("forces TLS, sends HSTS and logs somewhere, on every service", () => {
    for (const [, service] of services) {
      expect(blocks(service, "request_setting").filter((r) => r.force_ssl === true && r.request_condition === undefined)).toHaveLength(1);
      expect(
        blocks(service, "header").filter((h) => h.destination === "http.Strict-Transport-Security" && h.type === "response").length,
      ).toBeGreaterThan(0);
      expect(blocks(service, "logging_s3").length + blocks(service, "logging_syslog").length).toBeGreaterThan(0);
      expect(service.lifecycle).toEqual({ prevent_destroy: true });
    }
  });

  it("sends www.python.org's /ftp/ to the load balancers and the rest to the Heroku app, by request headers as the PSF does", () => {
    const www = serviceNamed("www.python.org");
    const conditions = Object.fromEntries(blocks(www, "condition").map((c) => [c.name, c]));
    const chosen = (backend: string) =>
      blocks(www, "header")
        .filter((h) => h.destination === "backend" && h.source === backend)
        .map((h) => conditions[h.request_condition as string]?.statement);
    expect(chosen("F_loadbalancer")).toEqual(['req.url ~ "^/ftp/"']);
    expect(chosen("F_app")).toEqual(['req.url !~ "^/ftp/"']);
    const [app, lb] = ["app", "loadbalancer"].map((name) => defined(blocks(www, "backend").find((b) => b.name === name)));
    expect(lb).toMatchObject({
      address: "lb.nyc1.psf.io",
      port: 20004,
      ssl_cert_hostname: "lb.psf.io",
      ssl_ca_cert: estate.psfCa.pem,
      shield: "lga-ny-us",
      healthcheck: "HAProxy Status",
    });
    const target = resolveReference(synth, "fastly", defined(app).address);
    expect(target).toMatchObject({ stack: "heroku", type: "heroku_domain", attribute: "cname" });
    expect(defined(target).resource.hostname).toBe("www.python.org");
    expect(blocks(www, "healthcheck")).toEqual([
      expect.objectContaining({ name: "HAProxy Status", host: "python.org", method: "HEAD", path: "/_haproxy_status", check_interval: 15000 }),
    ]);
  });

  it("never sends docs.python.org a weaker HSTS than HAProxy's own (psf-salt haproxy.cfg.jinja)", () => {
    const sources = blocks(serviceNamed("docs.python.org"), "header")
      .filter((h) => h.destination === "http.Strict-Transport-Security")
      .map((h) => h.source);
    expect(sources).toEqual(['"max-age=315360000; includeSubDomains; preload"']);
  });

  it("sets HSTS on www.python.org and its apex as the PSF does, and sends the apex to www", () => {
    const sources = blocks(serviceNamed("www.python.org"), "header")
      .filter((h) => h.destination === "http.Strict-Transport-Security")
      .map((h) => h.source)
      .sort();
    expect(sources).toEqual(['"max-age=315360000; preload"', '"max-age=63072000; includeSubDomains; preload"']);
    const redirect = blocks(serviceNamed("www.python.org"), "response_object").find((r) => r.status === 301);
    expect(redirect).toBeDefined();
  });

  it("sends the Fastly-Token from a sensitive variable and logs to cdn-logs, over TLS checked against the PSF CA, on the port its firewall opens to Fastly", () => {
    // Every service that reaches the load balancers, which refuse a request without the token.
    const toLoadBalancers = estate.fastlyServices.filter((f) => f.backends.some((b) => b.origin.kind === "role"));
    expect(toLoadBalancers.every((f) => f.originToken !== undefined && f.syslogLogging !== undefined)).toBe(true);
    for (const service of toLoadBalancers.map((f) => serviceNamed(f.name))) {
      expect(blocks(service, "header").find((h) => h.destination === "http.Fastly-Token")?.source).toBe('"${var.fastly_origin_token}"');
      expect(blocks(service, "logging_syslog")).toEqual([
        expect.objectContaining({
          address: "cdn-logs.nyc1.psf.io",
          port: 514,
          use_tls: true,
          tls_hostname: "cdn-logs.nyc1.psf.io",
          tls_ca_cert: estate.psfCa.pem,
        }),
      ]);
      expect(blocks(service, "logging_s3")).toEqual([
        expect.objectContaining({ bucket_name: "psf-fastly-logs-eu-west-1", period: 3600, s3_iam_role: "${var.fastly_s3_logging_role_arn}" }),
      ]);
      // cdn-logs files the stream by the logger's name (psf-salt pillar/base/fastly-logging.sls): nothing else is kept.
      expect(["pythonorg", "docs"]).toContain(defined(blocks(service, "logging_syslog")[0]).name);
    }
    expect(fastly.variable?.fastly_origin_token).toMatchObject({ sensitive: true });
  });

  it("subscribes each service's domains to a certificate validated through Route 53 challenge records", () => {
    const subscriptions = Object.entries(resourcesOf(fastly, "fastly_tls_subscription"));
    expect(subscriptions.map(([, s]) => s.domains).sort()).toEqual(estate.fastlyServices.map((f) => [...f.domains].sort()).sort());
    for (const [name, subscription] of subscriptions) {
      const spec = defined(estate.fastlyServices.find((f) => [...f.domains].sort().join() === (subscription.domains as string[]).join()));
      expect(subscription.certificate_authority).toBe(spec.certificateAuthority);
      const records = Object.values(resourcesOf(fastly, "aws_route53_record")).filter((r) =>
        JSON.stringify(r.records).includes(`fastly_tls_subscription.${name}.managed_dns_challenges`),
      );
      expect(records).toHaveLength(1);
      // Keyed by the subscription's domains, which are known when planning; the challenges are known only after apply.
      expect(defined(records[0]).for_each).toBe(`\${toset(${JSON.stringify(subscription.domains).replace(/,/g, ", ")})}`);
      expect(defined(records[0]).name).toBe("_acme-challenge.${each.value}");
      const zone = resolveReference(synth, "fastly", defined(records[0]).zone_id);
      expect(zone).toMatchObject({ stack: "dns", type: "aws_route53_zone", attribute: "zone_id" });
      expect(spec.domains.every((d) => d === defined(zone).resource.name || d.endsWith(`.${String(defined(zone).resource.name)}`))).toBe(true);
      const validations = Object.values(resourcesOf(fastly, "fastly_tls_subscription_validation")).filter(
        (v) => v.subscription_id === `\${fastly_tls_subscription.${name}.id}`,
      );
      expect(validations).toHaveLength(1);
    }
  });
});

/*
 * The www.python.org service as the PSF's own Terraform defines it (python/pythondotorg infra/cdn/main.tf), one
 * test a feature; a change that drops one fails with the feature's name. Differences are listed on the overview.
 */
describe("the www.python.org service, feature by feature as the PSF defines it", () => {
  const www = serviceNamed("www.python.org");
  const condition = (name: string) => blocks(www, "condition").find((c) => c.name === name);
  const headersWhen = (conditionName: string) => blocks(www, "header").filter((h) => h.request_condition === conditionName);

  it("removes cookies and chops the query string off downloads", () => {
    expect(condition("Is Download")).toMatchObject({ type: "REQUEST", statement: 'req.url ~ "^/ftp/"' });
    expect(headersWhen("Is Download")).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: "delete", destination: "http.Cookie" }),
        expect.objectContaining({ action: "set", destination: "url", source: 'regsub(req.url, "\\?.*$", "")' }),
      ]),
    );
  });

  it("strips query strings from the home page", () => {
    expect(condition("Homepage")).toMatchObject({ statement: 'req.url.path ~ "^/$"' });
    expect(headersWhen("Homepage")).toEqual([expect.objectContaining({ destination: "url", source: "req.url.path" })]);
  });

  it("does not cache 404s under /static", () => {
    const setting = blocks(www, "cache_setting").find(
      (c) => condition(String(c.cache_condition))?.statement === 'req.url ~ "^/static/" && beresp.status == 404',
    );
    expect(setting).toMatchObject({ action: "pass", ttl: 0 });
  });

  it("serves stale objects for a day, and a minute for the pass-through of /api and /admin", () => {
    const settings = Object.fromEntries(blocks(www, "request_setting").map((r) => [r.name, r]));
    expect(settings["Default cache policy"]).toMatchObject({ force_ssl: true, max_stale_age: 86400, xff: "append" });
    expect(settings["Force Pass"]).toMatchObject({ action: "pass", max_stale_age: 60, request_condition: "Uncacheable URLs" });
    expect(condition("Uncacheable URLs")).toMatchObject({ statement: 'req.url ~ "^/(api|admin)/"' });
  });

  it("answers clients on the IP block list with a 403", () => {
    expect(blocks(www, "acl")).toEqual([{ name: "Generated_by_IP_block_list", force_destroy: false }]);
    expect(condition("Generated by IP block list")).toMatchObject({ type: "REQUEST", statement: "client.ip ~ Generated_by_IP_block_list" });
    expect(blocks(www, "response_object").find((r) => r.request_condition === "Generated by IP block list")).toMatchObject({
      status: 403,
      response: "Forbidden",
    });
  });

  it("rate-limits in log-only mode, logging offenders to Datadog alone", () => {
    expect(blocks(www, "rate_limiter")).toEqual([
      expect.objectContaining({
        action: "log_only",
        client_key: "client.ip",
        rps_limit: 10,
        window_size: 10,
        penalty_box_duration: 2,
        logger_type: "datadog",
      }),
    ]);
    const [datadog] = blocks(www, "logging_datadog");
    expect(condition(String(defined(datadog).response_condition))).toMatchObject({ statement: "false" });
  });

  it("compresses the PSF's 16 content types, never HTML", () => {
    const [gzip] = blocks(www, "gzip");
    expect(defined(gzip).content_types).toHaveLength(16);
    expect(defined(gzip).content_types).not.toContain("text/html");
  });

  it("writes S3 logs under /www-python-org/ by day, in the PSF's format and the standard storage class", () => {
    const [s3] = blocks(www, "logging_s3");
    expect(s3).toMatchObject({
      path: "/www-python-org/%Y/%m/%d/",
      timestamp_format: "%Y-%m-%dT%H:%M:%S.000",
      format_version: 2,
      redundancy: "standard",
    });
    expect(String(defined(s3).format)).toMatch(/^%h "%%\{now\}V" %l /);
  });

  it("runs the Fastly Token and both HSTS rules at priority 10, on production and staging", () => {
    for (const service of [www, serviceNamed("test.python.org")]) {
      const priorities = Object.fromEntries(blocks(service, "header").map((h) => [h.name, h.priority]));
      expect({ token: priorities["Fastly Token"], with: priorities["HSTS w/ subdomains"], without: priorities["HSTS w/o subdomains"] }).toEqual({
        token: 10,
        with: 10,
        without: 10,
      });
    }
  });

  it("checks the load balancers' certificate against the PSF CA's published certificate, not a variable", () => {
    const lb = blocks(www, "backend").find((b) => b.name === "loadbalancer");
    expect(defined(lb).ssl_ca_cert).toBe(estate.psfCa.pem);
    expect(estate.psfCa.pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----$/);
    expect(fastly.variable?.psf_ca_certificate).toBeUndefined();
  });

  it("has a staging service for test.python.org, in front of the production app", () => {
    const staging = serviceNamed("test.python.org");
    expect(
      blocks(staging, "domain")
        .map((d) => d.name)
        .sort(),
    ).toEqual(["test.python.org", "www.test.python.org"]);
    expect(blocks(staging, "backend").map((b) => b.override_host)).toEqual(["www.python.org", "www.python.org"]);
    expect(blocks(staging, "logging_s3")[0]).toMatchObject({ path: "/www-test-python-org/%Y/%m/%d/" });
  });
});
