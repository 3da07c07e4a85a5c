import type { Route53DelegationSet } from "@cdktf/provider-aws/lib/route53-delegation-set";
import { Route53HostedZoneDnssec } from "@cdktf/provider-aws/lib/route53-hosted-zone-dnssec";
import { Route53KeySigningKey } from "@cdktf/provider-aws/lib/route53-key-signing-key";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { Construct } from "constructs";
import { recordId } from "../inventory/dns-records";
import type { RecordType } from "../inventory";
import type { ISigningKey } from "./dnssec-signing-key";

export interface DnsZoneProps {
  /** The domain, without a trailing dot (the inventory's zone name, checked there). */
  readonly zoneName: string;
  readonly comment: string;
  /** The reusable delegation set whose name servers the registrar is told. */
  readonly delegationSet: Route53DelegationSet;
  /** The KMS key (ECC_NIST_P256, us-east-1) that signs the zone. */
  readonly signingKey: ISigningKey;
}

/** What a construct needs of a zone: its id, to add records, and its name. */
export interface IDnsZone {
  readonly zoneId: string;
  readonly zoneName: string;
}

/**
 * A record set: one name and type, its values. The inventory plans every record set (inventory/plan-records.ts)
 * and checks them there: the name inside the zone, one set per name and type, no CNAME beside other records,
 * the TTL, the addresses.
 */
export interface DnsRecordProps {
  /** Fully qualified name inside the zone, no trailing dot. */
  readonly name: string;
  readonly type: RecordType;
  /** Seconds, 60-86400. */
  readonly ttl: number;
  /** Literal values or references to other resources' attributes. */
  readonly values: string[];
}

/** A Route 53 hosted zone, signed with DNSSEC, on the estate's delegation set. */
export class DnsZone extends Construct implements IDnsZone {
  readonly zoneId: string;
  readonly zoneName: string;
  /** The name servers the registrar must delegate to. */
  readonly nameServers: string[];
  /**
   * The DS record of the zone's key-signing key, as the registrar takes it (`<key tag> <algorithm> <digest type>
   * <digest>`): publishing it at the registrar completes the chain of trust.
   */
  readonly dsRecord: string;
  /** The key-signing key as a registrar publishes it: the DNSKEY's algorithm number and public key (flag 257, a KSK). */
  readonly keySigningKey: { readonly algorithm: number; readonly publicKey: string };

  constructor(scope: Construct, id: string, props: DnsZoneProps) {
    super(scope, id);
    this.zoneName = props.zoneName;
    const zone = new Route53Zone(this, "zone", {
      name: props.zoneName,
      comment: props.comment,
      delegationSetId: props.delegationSet.id,
      lifecycle: { preventDestroy: true },
    });
    const ksk = new Route53KeySigningKey(this, "key-signing-key", {
      hostedZoneId: zone.zoneId,
      keyManagementServiceArn: props.signingKey.keyArn,
      name: `psf_${props.zoneName.replace(/[.-]/g, "_")}`,
      status: "ACTIVE",
      // The registrar publishes this key's DS record: a new key breaks the zone's chain of trust.
      lifecycle: { preventDestroy: true },
    });
    new Route53HostedZoneDnssec(this, "dnssec", {
      hostedZoneId: ksk.hostedZoneId,
      signingStatus: "SIGNING",
      dependsOn: [ksk],
      // Unsigning a zone whose DS record the registrar still publishes makes it fail validation.
      lifecycle: { preventDestroy: true },
    });
    this.zoneId = zone.zoneId;
    this.nameServers = zone.nameServers;
    this.dsRecord = ksk.dsRecord;
    this.keySigningKey = { algorithm: ksk.signingAlgorithmType, publicKey: ksk.publicKey };
  }

  /** Adds a record set; its construct id derives from its name and type, never from its position. */
  addRecord(props: DnsRecordProps): Route53Record {
    return new Route53Record(this, recordId(props), {
      zoneId: this.zoneId,
      name: props.name,
      type: props.type,
      ttl: props.ttl,
      records: props.values,
    });
  }
}
