import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { FastlyProvider } from "../.gen/providers/fastly/provider";
import type { DnsZone } from "../constructs/dns-zone";
import { FastlyService, originTokenHeader, type FastlyBackend } from "../constructs/fastly-service";
import { FastlyTlsCertificate } from "../constructs/fastly-tls-certificate";
import type { HerokuApp } from "../constructs/heroku-app";
import type { StaticWebsiteBucket } from "../constructs/static-website-bucket";
import { zoneContaining, type Estate, type FastlyBackendSpec } from "../inventory";
import { EstateStack, type EstateStackProps } from "./estate-stack";
import { terraformName } from "./terraform-name";

/** Route 53 takes the certificates' DNS challenge records; the region is the provider's, not the zones'. */
const ROUTE53_PROVIDER_REGION = "us-east-1";

export interface FastlyStackProps extends EstateStackProps {
  readonly estate: Estate;
  /** The Heroku apps by name, whose custom domains' DNS targets are backends. */
  readonly herokuApps: ReadonlyMap<string, HerokuApp>;
  /** The Route 53 zones by name, which take the TLS challenge records. */
  readonly zones: ReadonlyMap<string, DnsZone>;
  /** The S3 websites by bucket name, whose website endpoints are backends. */
  readonly staticSites: ReadonlyMap<string, StaticWebsiteBucket>;
}

/**
 * The Fastly services in front of www.python.org, docs.python.org and www.jython.org, and their TLS certificates. The
 * API key comes from FASTLY_API_KEY; the origin token, the S3 logging role and the Datadog API key for the log
 * stream are variables; the PSF CA's certificate, which is public, is the inventory's. PyPI's services are pypi/infra's and are not here.
 */
export class FastlyStack extends EstateStack {
  readonly services: ReadonlyMap<string, FastlyService>;

  constructor(scope: Construct, id: string, props: FastlyStackProps) {
    super(scope, id, props);
    const { estate } = props;
    new FastlyProvider(this, "fastly", {});
    new AwsProvider(this, "aws", { region: ROUTE53_PROVIDER_REGION });

    const originTokenValue = new TerraformVariable(this, "fastly_origin_token", {
      type: "string",
      sensitive: true,
      nullable: false,
      description: "Shared secret Fastly sends to the origins, which accept only requests that carry it",
    });
    // The PSF CA's certificate is public: it is data of the inventory, not a variable.
    const psfCa = estate.psfCa.pem;
    const datadogApiKey = new TerraformVariable(this, "fastly_datadog_api_key", {
      type: "string",
      sensitive: true,
      nullable: false,
      description: "API key of the PSF's Datadog organization, which Fastly sends its log stream with",
    });
    const loggingRole = new TerraformVariable(this, "fastly_s3_logging_role_arn", {
      type: "string",
      nullable: false,
      description: "ARN of the IAM role Fastly assumes to write logs to the S3 log bucket",
    });

    const backend = (spec: FastlyBackendSpec): FastlyBackend => {
      const { origin, signedByPsfCa, sslCertHostname, sslSniHostname, ...rest } = spec;
      if (origin.kind === "s3-website") {
        const site = props.staticSites.get(origin.site);
        if (site === undefined) throw new Error(`FastlyStack: no static site "${origin.site}" was given`);
        return { ...rest, address: site.websiteEndpoint, useSsl: false, plainHttpBecause: "an S3 website endpoint serves HTTP only" };
      }
      let address: string;
      if (origin.kind === "heroku-app") {
        const target = props.herokuApps.get(origin.app)?.domainTargets.get(origin.customDomain);
        if (target === undefined) throw new Error(`FastlyStack: the Heroku app "${origin.app}" was given no custom domain "${origin.customDomain}"`);
        address = target;
      } else {
        const role = estate.role(origin.role);
        const hosts = estate.hostsWithRole(origin.role).filter((h) => h.datacenter === origin.datacenter);
        // The per-datacenter service name exists when the role has several hosts there; one host is its own name.
        const [onlyHost] = hosts;
        if (hosts.length > 1) address = `${role.shortName ?? role.name}.${origin.datacenter}.${estate.hostZone}`;
        else if (onlyHost !== undefined) address = onlyHost.fqdn;
        else
          throw new Error(
            `FastlyStack: backend "${spec.name}" reaches role "${origin.role}" in datacenter "${origin.datacenter}", which has no host there`,
          );
      }
      // The inventory has made sure a TLS origin names its certificate.
      if (sslCertHostname === undefined || sslSniHostname === undefined) {
        throw new Error(`FastlyStack: backend "${spec.name}" is reached over TLS but names no certificate (sslCertHostname and sslSniHostname)`);
      }
      return {
        ...rest,
        address,
        useSsl: true,
        sslCheckCert: true,
        sslCertHostname,
        sslSniHostname,
        ...(signedByPsfCa === true ? { sslCaCert: psfCa } : {}),
      };
    };

    const services = new Map<string, FastlyService>();
    for (const spec of estate.fastlyServices) {
      // The rules (FastlyServiceRules) pass through as the inventory writes them; what is named here needs the
      // estate or a variable, or is the certificate's.
      const {
        owner,
        comment,
        domains,
        backends,
        headers,
        originToken,
        s3Logging,
        syslogLogging: syslog,
        datadogLogging,
        certificateAuthority,
        source: _source,
        fieldSources: _fieldSources,
        differences: _differences,
        ...rules
      } = spec;
      const syslogHost = syslog === undefined ? undefined : estate.host(syslog.host);
      const syslogPort = syslogHost === undefined ? undefined : estate.role(syslogHost.role).fastlyPorts[0];
      const service = new FastlyService(this, spec.name, {
        ...rules,
        name: spec.name,
        comment: `${comment}. Owner: ${estate.owner(owner).contact}. Managed by psf-estate.`,
        domains: domains.map((domain) => ({ name: domain })),
        backends: backends.map(backend),
        headers: [...(headers ?? []), ...(originToken === undefined ? [] : [originTokenHeader(originToken, originTokenValue.stringValue)])],
        s3Loggers: s3Logging === undefined ? [] : [{ ...s3Logging, credentials: { iamRole: loggingRole.stringValue } }],
        // The stream goes over TLS to the host's own name, whose certificate the PSF CA signs, as the load balancers' does.
        syslogLoggers:
          syslog === undefined || syslogHost === undefined || syslogPort === undefined
            ? []
            : [
                {
                  name: syslog.name,
                  format: syslog.format,
                  address: syslogHost.fqdn,
                  port: syslogPort.from,
                  useTls: true,
                  tlsHostname: syslogHost.fqdn,
                  tlsCaCert: psfCa,
                },
              ],
        datadogLoggers:
          datadogLogging === undefined ? [] : [{ ...datadogLogging, site: estate.metricMonitoring.site, token: datadogApiKey.stringValue }],
      });
      services.set(spec.name, service);

      // Validation has made sure a service's domains share one zone; the certificate checks it again.
      const zoneName =
        spec.domains[0] === undefined
          ? undefined
          : zoneContaining(
              spec.domains[0],
              estate.zones.map((z) => z.name),
            );
      const zone = zoneName === undefined ? undefined : props.zones.get(zoneName);
      if (zone === undefined) throw new Error(`FastlyStack: no zone holds the domains of "${spec.name}"`);
      new FastlyTlsCertificate(this, `${spec.name}-tls`, {
        domains: spec.domains,
        certificateAuthority: spec.certificateAuthority,
        zone,
        dependsOn: [service.serviceVcl],
      });
      new TerraformOutput(this, `service_id_${terraformName(spec.name)}`, {
        value: service.serviceId,
        description: `Fastly service id of ${spec.name}`,
      });
    }
    this.services = services;
  }
}
