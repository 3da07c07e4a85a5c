import { dashboardSections, ESTATE_MONITOR_TAG, monitorDefinition } from "../constructs/monitor-definitions";
import type { PlannedMonitor } from "../inventory/monitoring-plan";
import type { MetricMonitoring } from "../inventory";

/** Settings unlike the committed ones, so that every value the definitions use is seen to come from here. */
const settings: MetricMonitoring = {
  site: "datadoghq.eu",
  roleTag: "salt_role",
  silentAfterMinutes: 7,
  diskInUseWarning: 0.75,
  diskInUseCritical: 0.85,
  databaseTag: "pg_cluster",
  source: { kind: "assumed", reason: "test" },
};

const agent: PlannedMonitor = {
  kind: "agent-reporting",
  key: "agent-web",
  role: "web",
  hosts: ["web1.example.org", "web2.example.org"],
  owners: ["infra", "web"],
};
const disk: PlannedMonitor = { kind: "disk", key: "disk-db1", host: "db1", fqdn: "db1.example.org", owners: ["infra"] };
const volume: PlannedMonitor = {
  kind: "volume",
  key: "volume-mail",
  volume: "mail",
  fqdn: "mail.example.org",
  mountPoint: "/srv/mail",
  owners: ["mail"],
};
const database: PlannedMonitor = { kind: "database", key: "database-main", cluster: "main", owners: ["infra"] };

describe("monitorDefinition", () => {
  it("checks that every host of a role reports, by the role tag, alerting after the silence window", () => {
    const definition = monitorDefinition(agent, settings);
    expect(definition).toEqual({
      name: "[psf-estate] web: every host reporting",
      type: "service check",
      query: '"datadog.agent.up".over("salt_role:web").by("host").last(2).count_by_status()',
      message: expect.stringContaining("The role's hosts: web1.example.org, web2.example.org."),
      critical: 1,
      noDataAfterMinutes: 7,
      tags: [ESTATE_MONITOR_TAG, "owner:infra", "owner:web", "salt_role:web"],
    });
    expect(definition.message).toMatch(/^\{\{host\.name\}\} \(role web\)/);
  });

  it("pages on a data host's disks over the critical fraction, warns over the warning one, without a no-data window", () => {
    const definition = monitorDefinition(disk, settings);
    expect(definition).toEqual({
      name: "[psf-estate] db1.example.org: disk space",
      type: "query alert",
      query: "max(last_10m):max:system.disk.in_use{host:db1.example.org} by {device} > 0.85",
      message: expect.stringContaining("(pages at 85%, warns at 75%)"),
      critical: 0.85,
      warning: 0.75,
      tags: [ESTATE_MONITOR_TAG, "owner:infra", "host:db1.example.org"],
    });
    expect(definition).not.toHaveProperty("noDataAfterMinutes");
  });

  it("pages on a volume by its host and mount point", () => {
    const definition = monitorDefinition(volume, settings);
    expect(definition).toEqual({
      name: "[psf-estate] mail (/srv/mail on mail.example.org): disk space",
      type: "query alert",
      query: "max(last_10m):max:system.disk.in_use{host:mail.example.org,device:/srv/mail} > 0.85",
      message: expect.stringContaining("The volume mail, mounted at /srv/mail on mail.example.org,"),
      critical: 0.85,
      warning: 0.75,
      tags: [ESTATE_MONITOR_TAG, "owner:mail", "host:mail.example.org"],
    });
    expect(definition.message).toContain("(pages at 85%, warns at 75%)");
  });

  it("checks that the database cluster accepts connections, by the database tag, alerting after the silence window", () => {
    expect(monitorDefinition(database, settings)).toEqual({
      name: "[psf-estate] main: accepting connections",
      type: "service check",
      query: '"postgres.can_connect".over("pg_cluster:main").by("db").last(2).count_by_status()',
      message: expect.stringContaining("cluster main refuses connections to {{db.name}}"),
      critical: 1,
      noDataAfterMinutes: 7,
      tags: [ESTATE_MONITOR_TAG, "owner:infra", "pg_cluster:main"],
    });
  });
});

describe("dashboardSections", () => {
  it("gives load by role, then disks in use, then the database, each graph from a monitor in the monitors' order", () => {
    const second: PlannedMonitor = { ...disk, key: "disk-db2", host: "db2", fqdn: "db2.example.org" };
    expect(dashboardSections([database, volume, disk, agent, second], settings)).toEqual([
      { title: "Hosts by role: load", graphs: [{ title: "web", query: "avg:system.load.1{salt_role:web} by {host}" }] },
      {
        title: "Data: disk in use",
        graphs: [
          { title: "mail (/srv/mail)", query: "max:system.disk.in_use{host:mail.example.org,device:/srv/mail}" },
          { title: "db1.example.org", query: "max:system.disk.in_use{host:db1.example.org} by {device}" },
          { title: "db2.example.org", query: "max:system.disk.in_use{host:db2.example.org} by {device}" },
        ],
      },
      { title: "Database", graphs: [{ title: "main: connections", query: "sum:postgresql.connections{pg_cluster:main} by {db}" }] },
    ]);
  });

  it("keeps all three sections, empty, when there are no monitors", () => {
    expect(dashboardSections([], settings)).toEqual([
      { title: "Hosts by role: load", graphs: [] },
      { title: "Data: disk in use", graphs: [] },
      { title: "Database", graphs: [] },
    ]);
  });
});
