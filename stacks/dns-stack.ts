import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53DelegationSet } from "@cdktf/provider-aws/lib/route53-delegation-set";
import { Fn, TerraformOutput, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { DnsZone } from "../constructs/dns-zone";
import { DnssecSigningKey } from "../constructs/dnssec-signing-key";
import type { DropletHost } from "../constructs/droplet-host";
import type { HerokuApp } from "../constructs/heroku-app";
import type { StaticWebsiteBucket } from "../constructs/static-website-bucket";
import type { Estate, RecordTarget } from "../inventory";
import { EstateStack, type EstateStackProps } from "./estate-stack";
import { terraformName } from "./terraform-name";

/** Route 53 is global, but it takes DNSSEC signing keys from KMS in us-east-1 only. */
const DNSSEC_KMS_REGION = "us-east-1";

export interface DnsStackProps extends EstateStackProps {
  readonly estate: Estate;
  /** Every droplet of the estate by host key, from the datacenter stacks. */
  readonly droplets: ReadonlyMap<string, DropletHost>;
  /** The S3 websites by bucket name, from the static sites stack. */
  readonly staticSites: ReadonlyMap<string, StaticWebsiteBucket>;
  /** The Heroku apps by name, from the Heroku stack. */
  readonly herokuApps: ReadonlyMap<string, HerokuApp>;
}

/**
 * Every Route 53 zone of the estate on one reusable delegation set, each signed with DNSSEC, and every
 * record the inventory plans. Records that point at droplets or buckets reference their attributes in
 * the other stacks, never copies of addresses or DNS targets. The gandi stack reads each zone's name servers and
 * key-signing key from here; the name servers and DS records are also outputs, for whoever checks the registry.
 */
export class DnsStack extends EstateStack {
  /** The zones by domain name. */
  readonly zones: ReadonlyMap<string, DnsZone>;

  constructor(scope: Construct, id: string, props: DnsStackProps) {
    super(scope, id, props);
    const { estate } = props;
    new AwsProvider(this, "aws", { region: DNSSEC_KMS_REGION });
    const delegationSet = new Route53DelegationSet(this, "delegation-set", {
      referenceName: "psf-estate",
      lifecycle: { preventDestroy: true },
    });
    const signingKey = new DnssecSigningKey(this, "dnssec-signing-key", { alias: "psf-route53-dnssec" });

    const externalAddress = new Map<string, string>();
    const published = new Set(estate.records.flatMap((r) => (r.target.kind === "external-ipv4-variable" ? [r.target.fqdn] : [])));
    for (const host of estate.externalHosts.filter((h) => published.has(h.name))) {
      const name = `${terraformName(host.name)}_ipv4`;
      const variable = new TerraformVariable(this, name, {
        type: "string",
        nullable: false,
        description: `Public IPv4 address of ${host.name} (${host.purpose}, hosted by ${host.hostedBy})`,
        // A validation may refer only to its own variable, by its name (Terraform rejects anything else at init).
        validation: [{ condition: `\${can(cidrhost("\${var.${name}}/32", 0))}`, errorMessage: `${host.name} needs an IPv4 address.` }],
      });
      externalAddress.set(host.name, variable.stringValue);
    }

    const droplet = (key: string): DropletHost => {
      const host = props.droplets.get(key);
      if (host === undefined) throw new Error(`DnsStack: no droplet "${key}" was given, though the inventory plans a record for it`);
      return host;
    };
    const values = (target: RecordTarget): string[] => {
      switch (target.kind) {
        case "literal":
          return [...target.values];
        case "droplet-ipv4":
          return target.hosts.map((key) => droplet(key).ipv4Address);
        case "droplet-ipv6":
          return target.hosts.map((key) => droplet(key).ipv6Address);
        case "s3-website": {
          const site = props.staticSites.get(target.site);
          if (site === undefined) throw new Error(`DnsStack: no static site "${target.site}" was given`);
          return [site.websiteEndpoint];
        }
        case "heroku-domain": {
          const domainTarget = props.herokuApps.get(target.app)?.domainTargets.get(target.hostname);
          if (domainTarget === undefined) throw new Error(`DnsStack: the Heroku app "${target.app}" was given no custom domain "${target.hostname}"`);
          return [domainTarget];
        }
        case "external-ipv4-variable":
          return [externalAddress.get(target.fqdn) ?? ""];
      }
    };

    const zones = new Map<string, DnsZone>();
    for (const zoneSpec of estate.zones) {
      const zone = new DnsZone(this, zoneSpec.name, {
        zoneName: zoneSpec.name,
        comment: `${zoneSpec.purpose}. Managed by psf-estate; ask ${estate.owner(estate.infrastructureOwner).contact}.`,
        delegationSet,
        signingKey,
      });
      for (const record of estate.recordsIn(zoneSpec.name)) {
        zone.addRecord({ name: record.name, type: record.type, ttl: record.ttl, values: values(record.target) });
      }
      const outputName = terraformName(zoneSpec.name);
      new TerraformOutput(this, `name_servers_${outputName}`, {
        value: Fn.sort(zone.nameServers),
        description: `Name servers of ${zoneSpec.name}, which the gandi stack sets at the registrar`,
      });
      new TerraformOutput(this, `ds_record_${outputName}`, {
        value: zone.dsRecord,
        description: `DS record of ${zoneSpec.name}'s key-signing key, which the registry publishes once the gandi stack has given Gandi the key`,
      });
      zones.set(zoneSpec.name, zone);
    }
    this.zones = zones;
  }
}
