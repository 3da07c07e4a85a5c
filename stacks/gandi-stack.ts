import type { Construct } from "constructs";
import { GandiProvider } from "../.gen/providers/gandi/provider";
import type { DnsZone } from "../constructs/dns-zone";
import { RegistrarDelegation } from "../constructs/registrar-delegation";
import type { Estate } from "../inventory";
import { EstateStack, type EstateStackProps } from "./estate-stack";

export interface GandiStackProps extends EstateStackProps {
  readonly estate: Estate;
  /** The Route 53 zones by name, from the DNS stack. */
  readonly zones: ReadonlyMap<string, DnsZone>;
}

/**
 * The registrar: every zone's domain at Gandi delegates to its Route 53 name servers and publishes its key-signing
 * key, both read from the DNS stack's state. The token comes from GANDI_PERSONAL_ACCESS_TOKEN.
 */
export class GandiStack extends EstateStack {
  readonly delegations: ReadonlyMap<string, RegistrarDelegation>;

  constructor(scope: Construct, id: string, props: GandiStackProps) {
    super(scope, id, props);
    new GandiProvider(this, "gandi", {});
    const delegations = new Map<string, RegistrarDelegation>();
    for (const spec of props.estate.zones) {
      const zone = props.zones.get(spec.name);
      if (zone === undefined) throw new Error(`GandiStack: no zone "${spec.name}" was given by the DNS stack`);
      delegations.set(spec.name, new RegistrarDelegation(this, spec.name, { zone }));
    }
    this.delegations = delegations;
  }
}
