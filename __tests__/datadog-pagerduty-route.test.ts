import { Testing, type TerraformStack } from "cdktf";
import { DataPagerdutyVendor } from "../.gen/providers/pagerduty/data-pagerduty-vendor";
import type { ServiceIntegration } from "../.gen/providers/pagerduty/service-integration";
import { DatadogPagerdutyRoute } from "../constructs/datadog-pagerduty-route";
import { PagingService } from "../constructs/paging-service";
import { onCallFixture } from "./support/on-call-fixture";
import { defined } from "./support/defined";

type Block = Record<string, unknown>;

/** A stack with both providers and a PagerDuty service with the given integrations. */
function fixture(integrations: readonly string[] = ["datadog", "pingdom"]): { stack: TerraformStack; service: PagingService } {
  const { stack, escalation } = onCallFixture();
  const service = new PagingService(stack, "service-infra", {
    name: "Infrastructure",
    description: "",
    escalation,
    acknowledgementTimeoutSeconds: 1800,
    autoResolveTimeoutSeconds: 14400,
    integrations: integrations.map((key) => ({ key, vendor: new DataPagerdutyVendor(stack, `vendor-${key}`, { name: key }) })),
  });
  return { stack, service };
}

function serviceObject(stack: TerraformStack, route: DatadogPagerdutyRoute): Block {
  const json = JSON.parse(Testing.synth(stack)) as { resource: { datadog_integration_pagerduty_service_object: Record<string, Block> } };
  const objects = json.resource.datadog_integration_pagerduty_service_object;
  expect(Object.keys(objects)).toEqual([route.serviceObject.friendlyUniqueId]);
  return defined(objects[route.serviceObject.friendlyUniqueId]);
}

const integrationKeyOf = (service: PagingService, key: string): string =>
  `\${pagerduty_service_integration.${(service.node.findChild(key) as ServiceIntegration).friendlyUniqueId}.integration_key}`;

describe("DatadogPagerdutyRoute", () => {
  it("tells Datadog the service's name and the routing key of its datadog integration, by reference", () => {
    const { stack, service } = fixture();
    const route = new DatadogPagerdutyRoute(stack, "route-infra", { name: "psf-infra_team", service });
    expect(serviceObject(stack, route)).toEqual({ service_name: "psf-infra_team", service_key: integrationKeyOf(service, "datadog") });
    expect(route.handle).toBe("@pagerduty-psf-infra_team");
  });

  it("sends with another integration when told which", () => {
    const { stack, service } = fixture();
    const route = new DatadogPagerdutyRoute(stack, "route-infra", { name: "psf-infra", service, integration: "pingdom" });
    expect(serviceObject(stack, route).service_key).toBe(integrationKeyOf(service, "pingdom"));
  });

  it.each(["psf infra", "psf.infra", "@pagerduty-psf", ""])("fails on the name %j, which a handle cannot carry", (name) => {
    const { stack, service } = fixture();
    expect(() => new DatadogPagerdutyRoute(stack, "route", { name, service })).toThrow(
      `DatadogPagerdutyRoute "${name}" prop "name": a handle takes letters, digits`,
    );
  });

  it("fails on a service without the integration it sends with", () => {
    const { stack, service } = fixture(["pingdom"]);
    expect(() => new DatadogPagerdutyRoute(stack, "route", { name: "psf-infra", service })).toThrow(
      /PagingService "Infrastructure" prop "integrations": there is no "datadog" integration/,
    );
  });
});
