import type { Construct } from "constructs";
import { DatadogProvider } from "../.gen/providers/datadog/provider";
import { DatadogPagerdutyRoute } from "../constructs/datadog-pagerduty-route";
import { EstateDashboard } from "../constructs/estate-dashboard";
import { dashboardSections, ESTATE_MONITOR_TAG, monitorDefinition } from "../constructs/monitor-definitions";
import { PagedMonitor } from "../constructs/paged-monitor";
import type { PagingService } from "../constructs/paging-service";
import { pagingServiceName, type Estate } from "../inventory";
import { EstateStack, type EstateStackProps } from "./estate-stack";

export interface DatadogStackProps extends EstateStackProps {
  readonly estate: Estate;
  /** The PagerDuty service of each paged owner, from the PagerDuty stack. */
  readonly pagingServices: ReadonlyMap<string, PagingService>;
}

/**
 * Datadog's monitors of the estate, each paging its owner's PagerDuty service, and the estate's dashboard. The
 * keys come from DD_API_KEY and DD_APP_KEY; the PagerDuty routing keys come from the PagerDuty stack's state.
 */
export class DatadogStack extends EstateStack {
  readonly monitors: ReadonlyMap<string, PagedMonitor>;

  constructor(scope: Construct, id: string, props: DatadogStackProps) {
    super(scope, id, props);
    const { estate } = props;
    const settings = estate.metricMonitoring;
    new DatadogProvider(this, "datadog", { apiUrl: `https://api.${settings.site}/` });

    const routes = new Map<string, DatadogPagerdutyRoute>();
    for (const owner of estate.monitoring.monitoredOwners) {
      const service = props.pagingServices.get(owner);
      if (service === undefined) throw new Error(`DatadogStack: no PagerDuty service was given for owner "${owner}", whom a monitor pages`);
      routes.set(owner, new DatadogPagerdutyRoute(this, `route-${owner}`, { name: pagingServiceName(owner), service }));
    }

    const monitors = new Map<string, PagedMonitor>();
    for (const planned of estate.monitoring.monitors) {
      monitors.set(
        planned.key,
        new PagedMonitor(this, planned.key, {
          ...monitorDefinition(planned, settings),
          routes: planned.owners.map((owner) => {
            const route = routes.get(owner);
            if (route === undefined)
              throw new Error(`DatadogStack: monitor "${planned.key}" pages owner "${owner}", who is not among the monitored owners`);
            return route;
          }),
        }),
      );
    }
    this.monitors = monitors;

    new EstateDashboard(this, "dashboard", {
      title: "PSF estate",
      description: "The hosts by role, the disks that hold data, the database cluster, and every monitor of the estate. Managed by psf-estate.",
      monitorQuery: `tag:"${ESTATE_MONITOR_TAG}"`,
      sections: dashboardSections(estate.monitoring.monitors, settings),
    });
  }
}
