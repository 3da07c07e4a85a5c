import { TerraformOutput, Testing, type TerraformStack } from "cdktf";
import { DataPagerdutyVendor } from "../.gen/providers/pagerduty/data-pagerduty-vendor";
import type { ServiceIntegration } from "../.gen/providers/pagerduty/service-integration";
import { OnCallEscalation } from "../constructs/on-call-escalation";
import { PagingService, type PagingIntegration, type PagingServiceProps } from "../constructs/paging-service";
import { defined } from "./support/defined";
import { onCallFixture } from "./support/on-call-fixture";

type Block = Record<string, unknown>;
type Json = { resource: Record<string, Record<string, Block>>; output?: Record<string, Block> };

interface Fixture {
  readonly stack: TerraformStack;
  readonly escalation: OnCallEscalation;
  readonly datadog: PagingIntegration;
  readonly pingdom: PagingIntegration;
}

function fixture(): Fixture {
  const { stack, escalation } = onCallFixture();
  const vendor = (key: string, name: string): PagingIntegration => ({ key, vendor: new DataPagerdutyVendor(stack, `vendor-${key}`, { name }) });
  return { stack, escalation, datadog: vendor("datadog", "Datadog"), pingdom: vendor("pingdom", "Pingdom") };
}

function props(f: Fixture, change: Partial<PagingServiceProps> = {}): PagingServiceProps {
  return {
    name: "Infrastructure",
    description: "Alerts for infra",
    escalation: f.escalation,
    acknowledgementTimeoutSeconds: 1800,
    autoResolveTimeoutSeconds: 14400,
    ...change,
  };
}

const synth = (f: Fixture): Json => JSON.parse(Testing.synth(f.stack)) as Json;
const integrationOf = (service: PagingService, key: string): ServiceIntegration => service.node.findChild(key) as ServiceIntegration;

describe("PagingService", () => {
  it("pages along the escalation policy, with its timeouts as strings, creating alerts and incidents", () => {
    const f = fixture();
    const service = new PagingService(f.stack, "service-infra", props(f));
    const json = synth(f);
    expect(defined(json.resource.pagerduty_service)[service.service.friendlyUniqueId]).toEqual({
      name: "Infrastructure",
      description: "Alerts for infra",
      escalation_policy: `\${pagerduty_escalation_policy.${f.escalation.policy.friendlyUniqueId}.id}`,
      acknowledgement_timeout: "1800",
      auto_resolve_timeout: "14400",
      alert_creation: "create_alerts_and_incidents",
    });
    expect(json.resource).not.toHaveProperty("pagerduty_service_integration");
  });

  it("adds an integration per monitoring system, each with its vendor's id and name, on the service", () => {
    const f = fixture();
    const service = new PagingService(f.stack, "service-infra", props(f, { integrations: [f.datadog, f.pingdom] }));
    const integrations = defined(synth(f).resource.pagerduty_service_integration);
    expect(Object.keys(integrations)).toHaveLength(2);
    for (const { key, vendor } of [f.datadog, f.pingdom]) {
      expect(integrations[integrationOf(service, key).friendlyUniqueId]).toEqual({
        name: `\${data.pagerduty_vendor.${vendor.friendlyUniqueId}.name}`,
        vendor: `\${data.pagerduty_vendor.${vendor.friendlyUniqueId}.id}`,
        service: `\${pagerduty_service.${service.service.friendlyUniqueId}.id}`,
      });
    }
  });

  it("gives each integration's own routing key by its key", () => {
    const f = fixture();
    const service = new PagingService(f.stack, "service-infra", props(f, { integrations: [f.datadog, f.pingdom] }));
    new TerraformOutput(f.stack, "datadog_key", { value: service.integrationKey("datadog"), sensitive: true });
    new TerraformOutput(f.stack, "pingdom_key", { value: service.integrationKey("pingdom"), sensitive: true });
    const output = defined(synth(f).output);
    expect(defined(output.datadog_key).value).toBe(
      `\${pagerduty_service_integration.${integrationOf(service, "datadog").friendlyUniqueId}.integration_key}`,
    );
    expect(defined(output.pingdom_key).value).toBe(
      `\${pagerduty_service_integration.${integrationOf(service, "pingdom").friendlyUniqueId}.integration_key}`,
    );
  });

  it("fails on an integration key given twice", () => {
    const f = fixture();
    expect(() => new PagingService(f.stack, "service-infra", props(f, { integrations: [f.datadog, { ...f.pingdom, key: "datadog" }] }))).toThrow(
      /PagingService "Infrastructure" prop "integrations": "datadog" is given twice/,
    );
  });

  it("fails on the routing key of an integration it does not have", () => {
    const f = fixture();
    const service = new PagingService(f.stack, "service-infra", props(f, { integrations: [f.datadog] }));
    expect(() => service.integrationKey("pingdom")).toThrow(/PagingService "Infrastructure" prop "integrations": there is no "pingdom" integration/);
  });
});
