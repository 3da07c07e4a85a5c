import { Construct } from "constructs";
import { Monitor } from "../.gen/providers/datadog/monitor";
import type { DatadogPagerdutyRoute } from "./datadog-pagerduty-route";
import { terraformLiteral } from "./terraform-literal";
import { ConstructPropsError } from "./construct-props-error";

/** Datadog monitor types the estate uses. */
export type PagedMonitorType = "query alert" | "service check";

export interface PagedMonitorProps {
  /** The monitor's name in Datadog. */
  readonly name: string;
  readonly type: PagedMonitorType;
  /** Datadog's query, threshold comparison included for a query alert. */
  readonly query: string;
  /** What the responder reads first; the routes' handles are added after it. */
  readonly message: string;
  /** The value that pages (a query alert's threshold, a service check's count of failed runs). */
  readonly critical: number;
  /** The value that only warns. @default no warning */
  readonly warning?: number;
  /** Alert when the query has had no data for this many minutes (a host that stops reporting). @default no alert on missing data */
  readonly noDataAfterMinutes?: number;
  /** Where it pages: one route per owner. At least one. */
  readonly routes: readonly DatadogPagerdutyRoute[];
  /** Datadog tags, `key:value`. @default none */
  readonly tags?: readonly string[];
}

/** A Datadog monitor that pages PagerDuty through the given routes. */
export class PagedMonitor extends Construct {
  readonly monitor: Monitor;

  constructor(scope: Construct, id: string, props: PagedMonitorProps) {
    super(scope, id);
    if (props.routes.length === 0)
      throw new ConstructPropsError("PagedMonitor", props.name, "routes", "is empty: a monitor that pages nobody is noise");
    if (props.warning !== undefined && props.warning === props.critical)
      throw new ConstructPropsError("PagedMonitor", props.name, "warning", "equals critical");
    const handles = [...new Set(props.routes.map((r) => r.handle))].join(" ");
    this.monitor = new Monitor(this, "monitor", {
      name: terraformLiteral(props.name),
      type: props.type,
      query: terraformLiteral(props.query),
      // Datadog's message templates use {{...}}, which Terraform leaves alone; `${` and `%{` are escaped.
      message: terraformLiteral(`${props.message}\n\n${handles}`),
      monitorThresholds: {
        critical: String(props.critical),
        warning: props.warning === undefined ? undefined : String(props.warning),
      },
      notifyNoData: props.noDataAfterMinutes !== undefined,
      noDataTimeframe: props.noDataAfterMinutes,
      includeTags: true,
      tags: props.tags === undefined ? undefined : [...props.tags].sort(),
      // Datadog checks a monitor's handles when it is saved: the routes must exist first.
      dependsOn: [...new Set(props.routes.map((r) => r.serviceObject))],
    });
  }
}
