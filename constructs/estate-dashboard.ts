import { Construct } from "constructs";
import { DashboardJson } from "../.gen/providers/datadog/dashboard-json";
import { terraformLiteral } from "./terraform-literal";

/** A time series on the dashboard: one Datadog metric query. */
export interface DashboardGraph {
  readonly title: string;
  readonly query: string;
}

/** A titled group of graphs. */
export interface DashboardSection {
  readonly title: string;
  readonly graphs: readonly DashboardGraph[];
}

export interface EstateDashboardProps {
  readonly title: string;
  readonly description: string;
  /** The monitors the summary at the top lists: a Datadog monitor search, e.g. `tag:"managed-by:psf-estate"`. */
  readonly monitorQuery: string;
  /** Sections in order; an empty one is left out. */
  readonly sections: readonly DashboardSection[];
}

/**
 * A Datadog dashboard, written as the JSON Datadog stores (an ordered layout): the monitors' status first, then
 * each section's graphs. Built from plain data, so the same inventory writes the same bytes.
 */
export class EstateDashboard extends Construct {
  readonly dashboard: DashboardJson;

  constructor(scope: Construct, id: string, props: EstateDashboardProps) {
    super(scope, id);
    const definition = {
      title: props.title,
      description: props.description,
      layout_type: "ordered",
      widgets: [
        { definition: { type: "manage_status", title: "Monitors", display_format: "countsAndList", query: props.monitorQuery, sort: "status,asc" } },
        ...props.sections
          .filter((section) => section.graphs.length > 0)
          .map((section) => ({
            definition: {
              type: "group",
              title: section.title,
              layout_type: "ordered",
              widgets: section.graphs.map((graph) => ({
                definition: { type: "timeseries", title: graph.title, requests: [{ q: graph.query, display_type: "line" }] },
              })),
            },
          })),
      ],
    };
    this.dashboard = new DashboardJson(this, "dashboard", { dashboard: terraformLiteral(JSON.stringify(definition)) });
  }
}
