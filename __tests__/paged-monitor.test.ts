import { Testing, type TerraformStack } from "cdktf";
import { DataPagerdutyVendor } from "../.gen/providers/pagerduty/data-pagerduty-vendor";
import { DatadogPagerdutyRoute } from "../constructs/datadog-pagerduty-route";
import { PagedMonitor, type PagedMonitorProps } from "../constructs/paged-monitor";
import { PagingService } from "../constructs/paging-service";
import { onCallFixture } from "./support/on-call-fixture";
import { defined } from "./support/defined";

type Block = Record<string, unknown>;

/** A stack with a route per owner (`@pagerduty-psf-<owner>`), each to its own PagerDuty service. */
function fixture(): { stack: TerraformStack; infra: DatadogPagerdutyRoute; web: DatadogPagerdutyRoute } {
  const { stack, escalation } = onCallFixture();
  const vendor = new DataPagerdutyVendor(stack, "vendor-datadog", { name: "Datadog" });
  const route = (owner: string): DatadogPagerdutyRoute => {
    const service = new PagingService(stack, `service-${owner}`, {
      name: owner,
      description: "",
      escalation,
      acknowledgementTimeoutSeconds: 1800,
      autoResolveTimeoutSeconds: 14400,
      integrations: [{ key: "datadog", vendor }],
    });
    return new DatadogPagerdutyRoute(stack, `route-${owner}`, { name: `psf-${owner}`, service });
  };
  return { stack, infra: route("infra"), web: route("web") };
}

function synthMonitor(stack: TerraformStack, props: PagedMonitorProps): Block {
  const monitor = new PagedMonitor(stack, "disk", props);
  const json = JSON.parse(Testing.synth(stack)) as { resource: { datadog_monitor: Record<string, Block> } };
  expect(Object.keys(json.resource.datadog_monitor)).toEqual([monitor.monitor.friendlyUniqueId]);
  return defined(json.resource.datadog_monitor[monitor.monitor.friendlyUniqueId]);
}

const dependency = (route: DatadogPagerdutyRoute): string => `datadog_integration_pagerduty_service_object.${route.serviceObject.friendlyUniqueId}`;

const diskAlert = (routes: readonly DatadogPagerdutyRoute[]): PagedMonitorProps => ({
  name: "[psf-estate] db.example.org: disk space",
  type: "query alert",
  query: "max(last_10m):max:system.disk.in_use{host:db.example.org} by {device} > 0.9",
  message: "{{device.name}} is {{value}} full.",
  critical: 0.9,
  warning: 0.8,
  routes,
  tags: ["owner:web", "host:db.example.org", "managed-by:psf-estate"],
});

describe("PagedMonitor", () => {
  it("pages every route: handles after the message, thresholds as strings, sorted tags, after the routes exist, no no-data alert", () => {
    const { stack, infra, web } = fixture();
    const monitor = synthMonitor(stack, diskAlert([web, infra]));
    expect(monitor).toEqual({
      name: "[psf-estate] db.example.org: disk space",
      type: "query alert",
      query: "max(last_10m):max:system.disk.in_use{host:db.example.org} by {device} > 0.9",
      message: "{{device.name}} is {{value}} full.\n\n@pagerduty-psf-web @pagerduty-psf-infra",
      monitor_thresholds: { critical: "0.9", warning: "0.8" },
      notify_no_data: false,
      include_tags: true,
      tags: ["host:db.example.org", "managed-by:psf-estate", "owner:web"],
      depends_on: [dependency(web), dependency(infra)],
    });
  });

  it("mentions and depends on a route given twice once", () => {
    const { stack, infra, web } = fixture();
    const monitor = synthMonitor(stack, diskAlert([infra, web, infra]));
    expect(monitor.message).toMatch(/\n\n@pagerduty-psf-infra @pagerduty-psf-web$/);
    expect(monitor.depends_on).toEqual([dependency(infra), dependency(web)]);
  });

  it("alerts on missing data only when asked, with only a critical threshold when no warning is given", () => {
    const { stack, infra } = fixture();
    const monitor = synthMonitor(stack, {
      name: "[psf-estate] web: every host reporting",
      type: "service check",
      query: '"datadog.agent.up".over("role:web").by("host").last(2).count_by_status()',
      message: "{{host.name}} stopped reporting.",
      critical: 1,
      noDataAfterMinutes: 10,
      routes: [infra],
    });
    expect(monitor).toMatchObject({ type: "service check", notify_no_data: true, no_data_timeframe: 10, monitor_thresholds: { critical: "1" } });
    expect(monitor.monitor_thresholds).not.toHaveProperty("warning");
    expect(monitor).not.toHaveProperty("tags");
  });

  it("writes the message's ${ and %{ as Terraform literals, and leaves Datadog's {{...}} alone", () => {
    const { stack, infra } = fixture();
    const monitor = synthMonitor(stack, { ...diskAlert([infra]), message: "Run ${HOME}/fix with %{x}; {{#is_alert}}now{{/is_alert}}" });
    expect(monitor.message).toBe("Run $${HOME}/fix with %%{x}; {{#is_alert}}now{{/is_alert}}\n\n@pagerduty-psf-infra");
  });

  it("fails on no routes", () => {
    const { stack } = fixture();
    expect(() => new PagedMonitor(stack, "disk", diskAlert([]))).toThrow(
      /PagedMonitor "\[psf-estate\] db\.example\.org: disk space" prop "routes": is empty/,
    );
  });

  it("fails on a warning equal to the critical threshold", () => {
    const { stack, infra } = fixture();
    expect(() => new PagedMonitor(stack, "disk", { ...diskAlert([infra]), warning: 0.9 })).toThrow(
      /PagedMonitor "\[psf-estate\] db\.example\.org: disk space" prop "warning": equals critical/,
    );
  });
});
