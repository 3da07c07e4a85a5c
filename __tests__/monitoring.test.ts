import { FASTLY_DATADOG_REGION } from "../constructs/fastly-service/types";
import { pagingServiceName } from "../inventory";
import { PINGDOM_INTEGRATIONS_VARIABLE, pingdomIntegrationAttribute } from "../stacks/pingdom-stack";
import { resolveReference } from "./support/references";
import { resourcesOf, stackJson, synthCommittedEstate } from "./support/synth-estate";
import { defined } from "./support/defined";

const synth = synthCommittedEstate();
const { estate } = synth;
const datadog = stackJson(synth, "datadog");
const pingdom = stackJson(synth, "pingdom");
const pagerduty = stackJson(synth, "pagerduty");

/**
 * The escalation a PagerDuty service pages, followed from the service to its policy and from each rule to the
 * schedule's name: what a responder would see in PagerDuty.
 */
function escalationOf(serviceName: string): string[] {
  const service = Object.values(resourcesOf(pagerduty, "pagerduty_service")).find((s) => s.name === serviceName);
  if (service === undefined) throw new Error(`no PagerDuty service ${serviceName}`);
  const policy = defined(resolveReference(synth, "pagerduty", service.escalation_policy)).resource;
  return (policy.rule as { target: { id: string }[] }[]).map((rule) =>
    String(defined(resolveReference(synth, "pagerduty", defined(rule.target[0]).id)).resource.name),
  );
}
const STAFF_THEN_VOLUNTEERS = estate.onCall.rotations.map((r) => r.name);

/** The PagerDuty services a Datadog monitor pages, followed from its handles through the routes' routing keys. */
function pagedBy(monitor: Record<string, unknown>): string[] {
  const routes = Object.values(resourcesOf(datadog, "datadog_integration_pagerduty_service_object"));
  const handles = String(monitor.message).match(/@pagerduty-[A-Za-z0-9_-]+/g) ?? [];
  return handles.map((handle) => {
    const route = routes.find((r) => `@pagerduty-${String(r.service_name)}` === handle);
    if (route === undefined) throw new Error(`${handle} has no route in the datadog stack`);
    const integration = resolveReference(synth, "datadog", route.service_key);
    expect(integration).toMatchObject({ stack: "pagerduty", type: "pagerduty_service_integration", attribute: "integration_key" });
    const vendor = defined(defined(/^\$\{data\.pagerduty_vendor\.([a-z-]+)\.id\}$/.exec(String(defined(integration).resource.vendor)))[1]);
    expect(pagerduty.data?.pagerduty_vendor?.[vendor]?.name).toBe("Datadog");
    return String(defined(resolveReference(synth, "pagerduty", defined(integration).resource.service)).resource.name);
  });
}

function monitorsWithTag(tag: string): Record<string, unknown>[] {
  return Object.values(resourcesOf(datadog, "datadog_monitor")).filter((m) => (m.tags as string[]).includes(tag));
}

describe("Pingdom", () => {
  const checks = Object.values(resourcesOf(pingdom, "pingdom_check"));

  const checkedServices = estate.services.filter((s) => s.check?.kind !== "none");

  it("checks every public name once, over HTTPS with its certificate verified unless its service says why not", () => {
    const names = checkedServices.flatMap((s) => s.names);
    expect(checks.map((c) => c.host).sort()).toEqual([...names].sort());
    for (const service of checkedServices) {
      const check = service.check ?? { kind: "https", path: "/" };
      for (const name of service.names) {
        const expected =
          check.kind === "https"
            ? { encryption: true, verify_certificate: true, ssl_down_days_before: estate.uptimeChecking.certificateWarningDays }
            : { encryption: check.kind === "https-self-signed", verify_certificate: false };
        expect(checks.find((c) => c.host === name)).toMatchObject({
          type: "http",
          url: check.kind === "none" ? "/" : check.path,
          name,
          resolution: estate.uptimeChecking.intervalMinutes,
          ...expected,
        });
      }
    }
    // Most names serve HTTPS with a valid certificate: the exceptions are few and each says why.
    expect(checks.filter((c) => c.verify_certificate === true).length).toBeGreaterThan(checks.length / 2);
  });

  it("checks no name whose service says nothing answers the web there, and says why on the overview page", () => {
    const unchecked = estate.services.filter((s) => s.check?.kind === "none").flatMap((s) => s.names);
    expect(unchecked.length).toBeGreaterThan(0);
    for (const name of unchecked) expect(checks.find((c) => c.host === name)).toBeUndefined();
    expect(estate.monitoring.uncheckedNames.map((u) => u.name).sort()).toEqual([...unchecked].sort());
  });

  it("alerts the PagerDuty integration of the name's owner, whose service pages staff, then volunteers", () => {
    for (const service of checkedServices) {
      for (const name of service.names) {
        const check = defined(checks.find((c) => c.host === name));
        expect(check.integrationids).toEqual([`\${var.${PINGDOM_INTEGRATIONS_VARIABLE}.${pingdomIntegrationAttribute(service.owner)}}`]);
        expect(escalationOf(pagingServiceName(service.owner))).toEqual(STAFF_THEN_VOLUNTEERS);
      }
    }
  });

  it("asks for every owner's integration id in one object variable, so a missing one is refused by Terraform", () => {
    const owners = [...new Set(checkedServices.map((s) => s.owner))];
    const type = String(pingdom.variable?.[PINGDOM_INTEGRATIONS_VARIABLE]?.type);
    expect([...type.matchAll(/(\w+) = number/g)].map((m) => m[1]).sort()).toEqual(owners.map(pingdomIntegrationAttribute).sort());
  });
});

describe("Datadog", () => {
  it("watches the disks of every data-holding host, paging its owner's service, which pages staff, then volunteers", () => {
    const holders = estate.hosts.filter((h) => h.holdsData);
    expect(holders.length).toBeGreaterThan(0);
    for (const host of holders) {
      const disk = monitorsWithTag(`host:${host.fqdn}`).filter((m) =>
        String(m.query).startsWith(`max(last_10m):max:system.disk.in_use{host:${host.fqdn}} by {device}`),
      );
      expect(disk).toHaveLength(1);
      expect(pagedBy(defined(disk[0]))).toEqual([pagingServiceName(host.owner)]);
      expect(escalationOf(pagingServiceName(host.owner))).toEqual(STAFF_THEN_VOLUNTEERS);
    }
  });

  it("watches every volume by its mount point", () => {
    for (const host of estate.hosts.filter((h) => h.volume !== undefined)) {
      const volume = Object.values(resourcesOf(datadog, "datadog_monitor")).filter((m) =>
        String(m.query).includes(`{host:${host.fqdn},device:${defined(host.volume).mountPoint}}`),
      );
      expect(volume).toHaveLength(1);
      expect(pagedBy(defined(volume[0]))).toEqual([pagingServiceName(host.owner)]);
    }
  });

  it("alerts when any host of a role stops reporting, paging every owner of the role's hosts", () => {
    for (const role of estate.roles.filter((r) => estate.hostsWithRole(r.name).length > 0)) {
      const [monitor, ...more] = monitorsWithTag(`${estate.metricMonitoring.roleTag}:${role.name}`);
      expect(more).toEqual([]);
      expect(monitor).toMatchObject({ type: "service check", notify_no_data: true, no_data_timeframe: estate.metricMonitoring.silentAfterMinutes });
      expect(String(defined(monitor).query)).toContain(`.over("${estate.metricMonitoring.roleTag}:${role.name}")`);
      expect(pagedBy(defined(monitor)).sort()).toEqual([...new Set(estate.hostsWithRole(role.name).map((h) => pagingServiceName(h.owner)))].sort());
    }
  });

  it("alerts when the managed database cluster refuses connections", () => {
    const cluster = estate.databaseCluster;
    const [monitor, ...more] = monitorsWithTag(`${estate.metricMonitoring.databaseTag}:${cluster.name}`);
    expect(more).toEqual([]);
    expect(String(defined(monitor).query)).toMatch(/^"postgres\.can_connect"/);
    expect(pagedBy(defined(monitor))).toEqual([pagingServiceName(cluster.owner)]);
  });

  it("creates each route before the monitors that mention it", () => {
    for (const monitor of Object.values(resourcesOf(datadog, "datadog_monitor"))) {
      const routes = (monitor.depends_on as string[]).map((d) => defined(defined(/^datadog_integration_pagerduty_service_object\.(.+)$/.exec(d))[1]));
      const names = routes.map(
        (r) => `@pagerduty-${String(defined(resourcesOf(datadog, "datadog_integration_pagerduty_service_object")[r]).service_name)}`,
      );
      expect(names.sort()).toEqual([...new Set(String(monitor.message).match(/@pagerduty-[A-Za-z0-9_-]+/g))].sort());
    }
  });

  it("draws a dashboard of the estate: monitors first, a graph per role and per watched disk", () => {
    const [dashboard, ...more] = Object.values(resourcesOf(datadog, "datadog_dashboard_json"));
    expect(more).toEqual([]);
    const definition = JSON.parse(String(defined(dashboard).dashboard)) as {
      widgets: { definition: { type: string; title: string; widgets?: { definition: { title: string } }[] } }[];
    };
    expect(defined(definition.widgets[0]).definition.type).toBe("manage_status");
    const titles = (section: string) =>
      defined(defined(definition.widgets.find((w) => w.definition.title === section)).definition.widgets).map((w) => w.definition.title);
    expect(titles("Hosts by role: load").sort()).toEqual(
      estate.roles
        .filter((r) => estate.hostsWithRole(r.name).length > 0)
        .map((r) => r.name)
        .sort(),
    );
    expect(titles("Data: disk in use")).toEqual(expect.arrayContaining(estate.hosts.filter((h) => h.holdsData).map((h) => h.fqdn)));
  });
});

describe("Fastly's Datadog logging", () => {
  it("streams every service that logs to Datadog with the API key from a sensitive variable", () => {
    const fastly = stackJson(synth, "fastly");
    expect(fastly.variable?.fastly_datadog_api_key).toMatchObject({ sensitive: true, type: "string" });
    const services = Object.values(resourcesOf(fastly, "fastly_service_vcl"));
    for (const spec of estate.fastlyServices.filter((s) => s.datadogLogging !== undefined)) {
      const service = defined(services.find((s) => s.name === spec.name));
      expect(service.logging_datadog).toEqual([
        expect.objectContaining({
          name: defined(spec.datadogLogging).name,
          token: "${var.fastly_datadog_api_key}",
          region: FASTLY_DATADOG_REGION[estate.metricMonitoring.site],
        }),
      ]);
    }
  });
});
