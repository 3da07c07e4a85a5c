import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { type ITerraformDependable, TerraformIterator, Token } from "cdktf";
import { Construct } from "constructs";
import { TlsSubscription } from "../.gen/providers/fastly/tls-subscription";
import { TlsSubscriptionValidation } from "../.gen/providers/fastly/tls-subscription-validation";
import { ACME_CHALLENGE_PREFIX } from "../provider-schemas/facts/fastly-challenges";
import type { FastlyCertificateAuthority } from "../inventory";
import { isValidTtl, TTL_MAX, TTL_MIN } from "../inventory/dns-values";
import { ConstructPropsError } from "./construct-props-error";
import type { IDnsZone } from "./dns-zone";

export interface FastlyTlsCertificateProps {
  /** Names the certificate covers: a Fastly service's domains, all in `zone` (the inventory checks both). */
  readonly domains: readonly string[];
  /** Must be allowed by the zone's CAA records. */
  readonly certificateAuthority: FastlyCertificateAuthority;
  /** The Route 53 zone that takes the DNS challenge records. */
  readonly zone: IDnsZone;
  /** TTL of the challenge records. @default 60 */
  readonly challengeTtl?: number;
  /** What must exist first: Fastly subscribes only domains that a service already serves. @default nothing */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A Fastly-managed TLS certificate: a TLS subscription, the DNS challenge records it asks for, created
 * in Route 53 from the subscription's own attributes, and the validation that waits for issuance.
 */
export class FastlyTlsCertificate extends Construct {
  readonly subscriptionId: string;

  constructor(scope: Construct, id: string, props: FastlyTlsCertificateProps) {
    super(scope, id);
    const fail = (prop: string, problem: string): never => {
      throw new ConstructPropsError("FastlyTlsCertificate", id, prop, problem);
    };
    const ttl = props.challengeTtl ?? 60;
    if (!isValidTtl(ttl)) fail("challengeTtl", `${ttl} is outside ${TTL_MIN}-${TTL_MAX}`);

    const subscription = new TlsSubscription(this, "subscription", {
      domains: [...props.domains].sort(),
      certificateAuthority: props.certificateAuthority,
      ...(props.dependsOn !== undefined ? { dependsOn: props.dependsOn } : {}),
    });
    // One record per domain: the domains are known when planning, the challenges Fastly asks for only once
    // the subscription exists, so for_each takes the domains and each record looks its challenge up by name.
    const domains = TerraformIterator.fromList([...props.domains].sort());
    const challenges = Token.asString(subscription.interpolationForAttribute("managed_dns_challenges"));
    const challenge = (field: string): string =>
      `\${[for c in ${challenges} : c.${field} if c.record_name == "${ACME_CHALLENGE_PREFIX}\${${domains.value}}"][0]}`;
    const records = new Route53Record(this, "challenge", {
      forEach: domains,
      zoneId: props.zone.zoneId,
      name: `${ACME_CHALLENGE_PREFIX}${domains.value}`,
      type: challenge("record_type"),
      records: [challenge("record_value")],
      ttl,
      // A challenge record left by an earlier subscription is Fastly's, not anyone else's.
      allowOverwrite: true,
    });
    new TlsSubscriptionValidation(this, "validation", { subscriptionId: subscription.id, dependsOn: [records] });
    this.subscriptionId = subscription.id;
  }
}
