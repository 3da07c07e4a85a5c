import { Fn } from "cdktf";
import { Construct } from "constructs";
import { DnssecKey } from "../.gen/providers/gandi/dnssec-key";
import { Nameservers } from "../.gen/providers/gandi/nameservers";
import type { DnsZone } from "./dns-zone";

export interface RegistrarDelegationProps {
  /** The zone whose domain the registrar delegates: its name servers and its key-signing key, by reference. */
  readonly zone: DnsZone;
}

/**
 * A domain's delegation at Gandi: the name servers of its Route 53 zone, and the zone's key-signing key, from
 * which the registry publishes the DS record that completes the DNSSEC chain of trust. Both come from the DNS
 * stack's state, never copied by hand. That stack is applied first, so the zone is signed before its key is
 * published: a DS record for an unsigned zone makes it fail validation.
 */
export class RegistrarDelegation extends Construct {
  readonly nameservers: Nameservers;
  readonly dnssecKey: DnssecKey;

  constructor(scope: Construct, id: string, props: RegistrarDelegationProps) {
    super(scope, id);
    const { zone } = props;
    this.nameservers = new Nameservers(this, "nameservers", {
      domain: zone.zoneName,
      // Gandi waits until the registry returns exactly this list, in this order: sorted, it is stable.
      nameservers: Fn.sort(zone.nameServers),
      // Deleting it hands the domain back to Gandi's own name servers: the whole domain stops resolving as configured.
      lifecycle: { preventDestroy: true },
    });
    this.dnssecKey = new DnssecKey(this, "dnssec-key", {
      domain: zone.zoneName,
      algorithm: zone.keySigningKey.algorithm,
      type: "ksk",
      publicKey: zone.keySigningKey.publicKey,
      // Every argument forces a new key. On a key rollover the new DS must be published before the old one goes,
      // or validating resolvers reject the zone in between.
      lifecycle: { preventDestroy: true, createBeforeDestroy: true },
    });
  }
}
