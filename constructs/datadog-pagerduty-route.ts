import { Construct } from "constructs";
import { IntegrationPagerdutyServiceObject } from "../.gen/providers/datadog/integration-pagerduty-service-object";
import type { PagingService } from "./paging-service";
import { ConstructPropsError } from "./construct-props-error";

export interface DatadogPagerdutyRouteProps {
  /** The name Datadog knows the route by; monitors notify `@pagerduty-<name>`. Letters, digits, `-` and `_`. */
  readonly name: string;
  /** The PagerDuty service alerts go to. */
  readonly service: PagingService;
  /** Which of the service's integrations Datadog sends with. @default "datadog" */
  readonly integration?: string;
}

/**
 * A route from Datadog to a PagerDuty service: Datadog's PagerDuty integration learns the service's routing key
 * (from the PagerDuty state, by reference), and a monitor that mentions `handle` opens an incident there.
 */
export class DatadogPagerdutyRoute extends Construct {
  /** What a monitor's message mentions to notify the service. */
  readonly handle: string;
  readonly serviceObject: IntegrationPagerdutyServiceObject;

  constructor(scope: Construct, id: string, props: DatadogPagerdutyRouteProps) {
    super(scope, id);
    if (!/^[A-Za-z0-9_-]+$/.test(props.name))
      throw new ConstructPropsError("DatadogPagerdutyRoute", props.name, "name", 'a handle takes letters, digits, "-" and "_" only');
    this.serviceObject = new IntegrationPagerdutyServiceObject(this, "service-object", {
      serviceName: props.name,
      serviceKey: props.service.integrationKey(props.integration ?? "datadog"),
    });
    this.handle = `@pagerduty-${props.name}`;
  }
}
