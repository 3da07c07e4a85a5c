import { TerraformStack, Testing } from "cdktf";
import { DatadogProvider } from "../.gen/providers/datadog/provider";
import { EstateDashboard, type EstateDashboardProps } from "../constructs/estate-dashboard";
import { defined } from "./support/defined";

type Widget = { definition: Record<string, unknown> & { widgets?: Widget[] } };
type Definition = { title: string; description: string; layout_type: string; widgets: Widget[] };

/** The `dashboard` attribute as written in the Terraform JSON. */
function synthDashboard(props: EstateDashboardProps): string {
  const stack = new TerraformStack(Testing.app(), "test");
  new DatadogProvider(stack, "datadog", {});
  const dashboard = new EstateDashboard(stack, "dashboard", props);
  const json = JSON.parse(Testing.synth(stack)) as { resource: { datadog_dashboard_json: Record<string, { dashboard: string }> } };
  expect(Object.keys(json.resource.datadog_dashboard_json)).toEqual([dashboard.dashboard.friendlyUniqueId]);
  return defined(json.resource.datadog_dashboard_json[dashboard.dashboard.friendlyUniqueId]).dashboard;
}

const props: EstateDashboardProps = {
  title: "PSF estate",
  description: "Everything the estate monitors",
  monitorQuery: 'tag:"managed-by:psf-estate"',
  sections: [
    {
      title: "Hosts by role: load",
      graphs: [
        { title: "web", query: "avg:system.load.1{role:web} by {host}" },
        { title: "db", query: "avg:system.load.1{role:db} by {host}" },
      ],
    },
    { title: "Data: disk in use", graphs: [] },
    { title: "Database", graphs: [{ title: "cluster: connections", query: "sum:postgresql.connections{database_cluster:cluster} by {db}" }] },
  ],
};

describe("EstateDashboard", () => {
  it("writes JSON with the monitor summary first, then a group per non-empty section, in order", () => {
    const definition = JSON.parse(synthDashboard(props)) as Definition;
    expect(definition).toMatchObject({ title: "PSF estate", description: "Everything the estate monitors", layout_type: "ordered" });
    expect(definition.widgets).toHaveLength(3);
    expect(defined(definition.widgets[0]).definition).toEqual({
      type: "manage_status",
      title: "Monitors",
      display_format: "countsAndList",
      query: 'tag:"managed-by:psf-estate"',
      sort: "status,asc",
    });
    expect(definition.widgets.slice(1).map((w) => [w.definition.type, w.definition.title, w.definition.layout_type])).toEqual([
      ["group", "Hosts by role: load", "ordered"],
      ["group", "Database", "ordered"],
    ]);
    expect(defined(definition.widgets[1]).definition.widgets).toEqual([
      { definition: { type: "timeseries", title: "web", requests: [{ q: "avg:system.load.1{role:web} by {host}", display_type: "line" }] } },
      { definition: { type: "timeseries", title: "db", requests: [{ q: "avg:system.load.1{role:db} by {host}", display_type: "line" }] } },
    ]);
    expect(defined(defined(definition.widgets[2]).definition.widgets).map((w) => w.definition.title)).toEqual(["cluster: connections"]);
  });

  it("shows only the monitor summary when every section is empty", () => {
    const definition = JSON.parse(synthDashboard({ ...props, sections: [{ title: "Empty", graphs: [] }] })) as Definition;
    expect(definition.widgets.map((w) => w.definition.type)).toEqual(["manage_status"]);
  });

  it("writes ${ and %{ as Terraform literals, and the JSON still parses", () => {
    const text = synthDashboard({ ...props, title: "PSF ${env}", sections: [{ title: "Odd", graphs: [{ title: "%{x}", query: "avg:a{b:c}" }] }] });
    expect(text).toContain('"title":"PSF $${env}"');
    expect(text).toContain('"title":"%%{x}"');
    expect(text).not.toMatch(/(?<!\$)\$\{|(?<!%)%\{/);
    const definition = JSON.parse(text) as Definition;
    expect(defined(defined(defined(definition.widgets[1]).definition.widgets)[0]).definition.requests).toEqual([
      { q: "avg:a{b:c}", display_type: "line" },
    ]);
  });
});
