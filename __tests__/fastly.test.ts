import { resolveReference } from "./support/references";
import { resourcesOf, stackJson, synthCommittedEstate } from "./support/synth-estate";

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
    const external = estate.externalServices.flatMap((s) => s.names);
    expect(external.length).toBeGreaterThan(0);
    for (const name of external) expect({ name, synthesized: everything.includes(`"${name}"`) }).toEqual({ name, synthesized: false });
  });

  it("reaches every backend over TLS with certificate checking", () => {
    for (const [, service] of services) {
      for (const backend of blocks(service, "backend")) {
        expect(backend).toMatchObject({ use_ssl: true, ssl_check_cert: true });
        expect(typeof backend.ssl_cert_hostname).toBe("string");
        expect(backend.ssl_sni_hostname).toBe(backend.ssl_cert_hostname);
      }
    }
  });

  it("forces TLS, sends HSTS and logs somewhere, on every service", () => {
    for (const [, service] of services) {
      expect(blocks(service, "request_setting").filter((r) => r.force_ssl === true && r.request_condition === undefined)).toHaveLength(1);
      expect(blocks(service, "header").filter((h) => h.destination === "http.Strict-Transport-Security" && h.type === "response").length).toBeGreaterThan(0);
      expect(blocks(service, "logging_s3").length + blocks(service, "logging_syslog").length).toBeGreaterThan(0);
      expect(service.lifecycle).toEqual({ prevent_destroy: true });
    }
  });

  it("sends www.python.org's /ftp/ to the load balancers and the rest to the Heroku app", () => {
    const www = serviceNamed("www.python.org");
    const conditions = Object.fromEntries(blocks(www, "condition").map((c) => [c.name, c]));
    const [app, lb] = ["app", "loadbalancer"].map((name) => blocks(www, "backend").find((b) => b.name === name)!);
    expect(conditions[lb!.request_condition as string]).toMatchObject({ type: "REQUEST", statement: 'req.url ~ "^/ftp/"' });
    expect(conditions[app!.request_condition as string]).toMatchObject({ type: "REQUEST", statement: '!(req.url ~ "^/ftp/")' });
    expect(lb).toMatchObject({ address: "lb.nyc1.psf.io", port: 20004, ssl_cert_hostname: "lb.psf.io", ssl_ca_cert: "${var.psf_ca_certificate}", shield: "lga-ny-us", healthcheck: "haproxy status" });
    const target = resolveReference(synth, "fastly", app!.address);
    expect(target).toMatchObject({ stack: "heroku", type: "heroku_domain", attribute: "cname" });
    expect(target!.resource.hostname).toBe("www.python.org");
    expect(blocks(www, "healthcheck")).toEqual([expect.objectContaining({ name: "haproxy status", method: "HEAD", path: "/_haproxy_status", check_interval: 15000 })]);
  });

  it("sets HSTS on www.python.org and its apex as the PSF does, and sends the apex to www", () => {
    const sources = blocks(serviceNamed("www.python.org"), "header").filter((h) => h.destination === "http.Strict-Transport-Security").map((h) => h.source).sort();
    expect(sources).toEqual(['"max-age=315360000; preload"', '"max-age=63072000; includeSubDomains; preload"']);
    const redirect = blocks(serviceNamed("www.python.org"), "response_object").find((r) => r.status === 301);
    expect(redirect).toBeDefined();
  });

  it("sends the Fastly-Token from a sensitive variable and logs to cdn-logs, over TLS checked against the PSF CA, on the port its firewall opens to Fastly", () => {
    for (const [, service] of services) {
      expect(blocks(service, "header").find((h) => h.destination === "http.Fastly-Token")?.source).toBe('"${var.fastly_origin_token}"');
      expect(blocks(service, "logging_syslog")).toEqual([expect.objectContaining({
        address: "cdn-logs.nyc1.psf.io", port: 514, use_tls: true, tls_hostname: "cdn-logs.nyc1.psf.io", tls_ca_cert: "${var.psf_ca_certificate}",
      })]);
      expect(blocks(service, "logging_s3")).toEqual([expect.objectContaining({ bucket_name: "psf-fastly-logs-eu-west-1", period: 3600, s3_iam_role: "${var.fastly_s3_logging_role_arn}" })]);
    }
    expect(fastly.variable?.fastly_origin_token).toMatchObject({ sensitive: true });
  });

  it("subscribes each service's domains to a certificate validated through Route 53 challenge records", () => {
    const subscriptions = Object.entries(resourcesOf(fastly, "fastly_tls_subscription"));
    expect(subscriptions.map(([, s]) => s.domains).sort()).toEqual(estate.fastlyServices.map((f) => [...f.domains].sort()).sort());
    for (const [name, subscription] of subscriptions) {
      const spec = estate.fastlyServices.find((f) => [...f.domains].sort().join() === (subscription.domains as string[]).join())!;
      expect(subscription.certificate_authority).toBe(spec.certificateAuthority);
      const records = Object.values(resourcesOf(fastly, "aws_route53_record")).filter((r) => JSON.stringify(r.records).includes(`fastly_tls_subscription.${name}.managed_dns_challenges`));
      expect(records).toHaveLength(1);
      // Keyed by the subscription's domains, which are known when planning; the challenges are known only after apply.
      expect(records[0]!.for_each).toBe(`\${toset(${JSON.stringify(subscription.domains).replace(/,/g, ", ")})}`);
      expect(records[0]!.name).toBe("_acme-challenge.${each.value}");
      const zone = resolveReference(synth, "fastly", records[0]!.zone_id);
      expect(zone).toMatchObject({ stack: "dns", type: "aws_route53_zone", attribute: "zone_id" });
      expect(spec.domains.every((d) => d === zone!.resource.name || d.endsWith(`.${String(zone!.resource.name)}`))).toBe(true);
      const validations = Object.values(resourcesOf(fastly, "fastly_tls_subscription_validation")).filter((v) => v.subscription_id === `\${fastly_tls_subscription.${name}.id}`);
      expect(validations).toHaveLength(1);
    }
  });
});
