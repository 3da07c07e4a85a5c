/**
 * What each planned monitor asks Datadog, and what the estate's dashboard shows: the metrics and service checks
 * the agents report, read with the tags the inventory names (`MetricMonitoring`). The estate decides which
 * monitors exist (inventory/monitoring-plan.ts); this file decides what each one queries.
 */
import type { MetricMonitoring, PlannedMonitor } from "../inventory";
import type { DashboardSection } from "./estate-dashboard";
import type { PagedMonitorProps } from "./paged-monitor";

/** Every monitor of the estate carries this tag; the dashboard's monitor summary shows those that do. */
export const ESTATE_MONITOR_TAG = "managed-by:psf-estate";

/** A monitor's definition: everything but where it pages. */
export type MonitorDefinition = Omit<PagedMonitorProps, "routes">;

/** The monitor a planned monitor becomes. */
export function monitorDefinition(planned: PlannedMonitor, settings: MetricMonitoring): MonitorDefinition {
  const percent = (fraction: number): string => `${Math.round(fraction * 100)}%`;
  const tags = [ESTATE_MONITOR_TAG, ...planned.owners.map((owner) => `owner:${owner}`)];
  const disk = { critical: settings.diskInUseCritical, warning: settings.diskInUseWarning };
  switch (planned.kind) {
    case "agent-reporting":
      return {
        name: `[psf-estate] ${planned.role}: every host reporting`,
        type: "service check",
        query: `"datadog.agent.up".over("${settings.roleTag}:${planned.role}").by("host").last(2).count_by_status()`,
        message: `{{host.name}} (role ${planned.role}) has stopped reporting to Datadog: the host or its agent is down. The role's hosts: ${planned.hosts.join(", ")}.`,
        critical: 1,
        noDataAfterMinutes: settings.silentAfterMinutes,
        tags: [...tags, `${settings.roleTag}:${planned.role}`],
      };
    case "disk":
      return {
        name: `[psf-estate] ${planned.fqdn}: disk space`,
        type: "query alert",
        query: `max(last_10m):max:system.disk.in_use{host:${planned.fqdn}} by {device} > ${disk.critical}`,
        message: `{{device.name}} on ${planned.fqdn}, which holds data that exists nowhere else, is {{value}} full (pages at ${percent(disk.critical)}, warns at ${percent(disk.warning)}).`,
        ...disk,
        tags: [...tags, `host:${planned.fqdn}`],
      };
    case "volume":
      return {
        name: `[psf-estate] ${planned.volume} (${planned.mountPoint} on ${planned.fqdn}): disk space`,
        type: "query alert",
        query: `max(last_10m):max:system.disk.in_use{host:${planned.fqdn},device:${planned.mountPoint}} > ${disk.critical}`,
        message: `The volume ${planned.volume}, mounted at ${planned.mountPoint} on ${planned.fqdn}, is {{value}} full (pages at ${percent(disk.critical)}, warns at ${percent(disk.warning)}).`,
        ...disk,
        tags: [...tags, `host:${planned.fqdn}`],
      };
    case "database":
      return {
        name: `[psf-estate] ${planned.cluster}: accepting connections`,
        type: "service check",
        query: `"postgres.can_connect".over("${settings.databaseTag}:${planned.cluster}").by("db").last(2).count_by_status()`,
        message: `The managed PostgreSQL cluster ${planned.cluster} refuses connections to {{db.name}}, or nothing reports on it.`,
        critical: 1,
        noDataAfterMinutes: settings.silentAfterMinutes,
        tags: [...tags, `${settings.databaseTag}:${planned.cluster}`],
      };
  }
}

/** The dashboard's sections: a graph per role, per monitored disk, and the database cluster's connections. */
export function dashboardSections(monitors: readonly PlannedMonitor[], settings: MetricMonitoring): DashboardSection[] {
  return [
    {
      title: "Hosts by role: load",
      graphs: monitors.flatMap((m) =>
        m.kind === "agent-reporting" ? [{ title: m.role, query: `avg:system.load.1{${settings.roleTag}:${m.role}} by {host}` }] : [],
      ),
    },
    {
      title: "Data: disk in use",
      graphs: monitors.flatMap((m) => {
        if (m.kind === "disk") return [{ title: m.fqdn, query: `max:system.disk.in_use{host:${m.fqdn}} by {device}` }];
        if (m.kind === "volume")
          return [{ title: `${m.volume} (${m.mountPoint})`, query: `max:system.disk.in_use{host:${m.fqdn},device:${m.mountPoint}}` }];
        return [];
      }),
    },
    {
      title: "Database",
      graphs: monitors.flatMap((m) =>
        m.kind === "database"
          ? [{ title: `${m.cluster}: connections`, query: `sum:postgresql.connections{${settings.databaseTag}:${m.cluster}} by {db}` }]
          : [],
      ),
    },
  ];
}
