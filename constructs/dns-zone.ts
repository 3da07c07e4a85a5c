import { Route53HostedZoneDnssec } from "@cdktf/provider-aws/lib/route53-hosted-zone-dnssec";
import { Route53KeySigningKey } from "@cdktf/provider-aws/lib/route53-key-signing-key";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { isIPv4, isIPv6 } from "node:net";
import { isInZone, recordId } from "../inventory/dns-records";
import type { RecordType } from "../inventory/types";
import { isValidTtl, TTL_MAX, TTL_MIN } from "../inventory/validate";
import { ConstructPropsError } from "./construct-props-error";

export interface DnsZoneProps {
  /** The domain, without a trailing dot. */
  readonly zoneName: string;
  readonly comment: string;
  /** The reusable delegation set whose name servers the registrar is told. */
  readonly delegationSetId: string;
  /** ARN of the KMS key (ECC_NIST_P256, us-east-1) that signs the zone. */
  readonly signingKeyArn: string;
}

/** A record set: one name and type, its values. */
export interface DnsRecordProps {
  /** Fully qualified name inside the zone, no trailing dot. */
  readonly name: string;
  readonly type: RecordType;
  /** Seconds, 60-86400. */
  readonly ttl: number;
  /** Literal values or references to other resources' attributes. */
  readonly values: string[];
}

/**
 * A Route 53 hosted zone, signed with DNSSEC, on the estate's delegation set. It refuses records that lie
 * outside it, repeat a name and type, or put a CNAME beside other records.
 */
export class DnsZone extends Construct {
  readonly zoneId: string;
  readonly zoneName: string;
  /** The name servers the registrar must delegate to. */
  readonly nameServers: string[];
  private readonly typesByName = new Map<string, Set<RecordType>>();

  constructor(scope: Construct, id: string, props: DnsZoneProps) {
    super(scope, id);
    if (!/^([a-z0-9-]+\.)+[a-z]{2,}$/.test(props.zoneName)) {
      throw new ConstructPropsError("DnsZone", id, "zoneName", `"${props.zoneName}" is not a domain name without a trailing dot`);
    }
    this.zoneName = props.zoneName;
    const zone = new Route53Zone(this, "zone", {
      name: props.zoneName,
      comment: props.comment,
      delegationSetId: props.delegationSetId,
      lifecycle: { preventDestroy: true },
    });
    const ksk = new Route53KeySigningKey(this, "key-signing-key", {
      hostedZoneId: zone.zoneId,
      keyManagementServiceArn: props.signingKeyArn,
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
  }

  /** Adds a record set; its construct id derives from its name and type, never from its position. */
  addRecord(props: DnsRecordProps): Route53Record {
    const label = `${props.type} "${props.name}"`;
    const fail = (prop: string, problem: string): never => {
      throw new ConstructPropsError("DnsZone", this.zoneName, `record ${label} ${prop}`, problem);
    };
    if (!isInZone(props.name, this.zoneName)) fail("name", `"${props.name}" is outside the zone "${this.zoneName}"`);
    if (!isValidTtl(props.ttl)) fail("ttl", `${props.ttl} is outside ${TTL_MIN}-${TTL_MAX}`);
    if (props.values.length === 0) fail("values", "is empty");
    for (const value of props.values.filter((v) => !Token.isUnresolved(v))) {
      if (props.type === "A" && !isIPv4(value)) fail("values", `"${value}" is not an IPv4 address`);
      if (props.type === "AAAA" && !isIPv6(value)) fail("values", `"${value}" is not an IPv6 address`);
    }
    const types = this.typesByName.get(props.name) ?? new Set<RecordType>();
    if (types.has(props.type)) fail("name", `duplicate record ${label}`);
    if ((props.type === "CNAME" && types.size > 0) || types.has("CNAME")) fail("type", `a CNAME cannot share the name "${props.name}" with other records`);
    types.add(props.type);
    this.typesByName.set(props.name, types);
    return new Route53Record(this, recordId(props), {
      zoneId: this.zoneId,
      name: props.name,
      type: props.type,
      ttl: props.ttl,
      records: props.values,
    });
  }
}
