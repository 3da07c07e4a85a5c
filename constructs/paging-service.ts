import { Construct } from "constructs";
import type { DataPagerdutyVendor } from "../.gen/providers/pagerduty/data-pagerduty-vendor";
import { Service } from "../.gen/providers/pagerduty/service";
import { ServiceIntegration } from "../.gen/providers/pagerduty/service-integration";
import type { OnCallEscalation } from "./on-call-escalation";
import { ConstructPropsError } from "./construct-props-error";

/** A monitoring system that opens incidents on the service through a vendor integration. */
export interface PagingIntegration {
  /** Construct id and lookup key: `datadog`, `pingdom`. */
  readonly key: string;
  /** The vendor PagerDuty knows the system as (a `pagerduty_vendor` lookup). */
  readonly vendor: DataPagerdutyVendor;
}

export interface PagingServiceProps {
  /** The service's name at PagerDuty. */
  readonly name: string;
  readonly description: string;
  /** Who is paged, in which order. */
  readonly escalation: OnCallEscalation;
  /** Seconds after an acknowledgement at which an unresolved incident pages again. */
  readonly acknowledgementTimeoutSeconds: number;
  /** Seconds after which PagerDuty resolves an incident nobody resolved. */
  readonly autoResolveTimeoutSeconds: number;
  /** The systems that open incidents on it. @default none */
  readonly integrations?: readonly PagingIntegration[];
}

/** A PagerDuty service: where one owner's alerts become incidents, paged along an escalation policy. */
export class PagingService extends Construct {
  readonly service: Service;
  readonly #name: string;
  readonly #integrations = new Map<string, ServiceIntegration>();

  constructor(scope: Construct, id: string, props: PagingServiceProps) {
    super(scope, id);
    this.#name = props.name;
    this.service = new Service(this, "service", {
      name: props.name,
      description: props.description,
      escalationPolicy: props.escalation.policy.id,
      acknowledgementTimeout: String(props.acknowledgementTimeoutSeconds),
      autoResolveTimeout: String(props.autoResolveTimeoutSeconds),
      alertCreation: "create_alerts_and_incidents",
    });
    for (const integration of props.integrations ?? []) {
      if (this.#integrations.has(integration.key))
        throw new ConstructPropsError("PagingService", props.name, "integrations", `"${integration.key}" is given twice`);
      this.#integrations.set(
        integration.key,
        new ServiceIntegration(this, integration.key, {
          name: integration.vendor.name,
          service: this.service.id,
          vendor: integration.vendor.id,
        }),
      );
    }
  }

  /** The routing key a monitoring system sends with its alerts (sensitive: it lets anyone open incidents). */
  integrationKey(key: string): string {
    const integration = this.#integrations.get(key);
    if (integration === undefined) throw new ConstructPropsError("PagingService", this.#name, "integrations", `there is no "${key}" integration`);
    return integration.integrationKey;
  }
}
