/**
 * What the estate monitors and who is paged, derived from the inventory so that nothing is listed twice: an
 * uptime check for every public name (over HTTPS unless its service says why not, and none where nothing answers the web), a reporting monitor per role, a disk monitor per data-holding host and
 * per volume, one for the managed database cluster; and a PagerDuty service for every owner one of them pages.
 */
import type { EstateHost } from "./estate-host";
import type { EstateInventory } from "./shape";

/** Pingdom checks one public name over HTTPS, or HTTP where the name serves no HTTPS. */
export interface PlannedUptimeCheck {
  /** The name checked, which is also the check's key and its name at Pingdom. */
  readonly name: string;
  /** Key of the public service that answers it. */
  readonly service: string;
  /** Owner paged when it is down: the service's. */
  readonly owner: string;
  readonly protocol: "https" | "http";
  /** The path requested. */
  readonly path: string;
  /** Whether the certificate must be valid (HTTPS only). */
  readonly verifyCertificate: boolean;
}

/** A public name Pingdom does not check, and why. */
export interface UncheckedName {
  readonly name: string;
  readonly service: string;
  readonly reason: string;
}

/** A Datadog monitor the estate plans; `key` is its construct id, derived from inventory keys. */
export type PlannedMonitor =
  /** Every host of a role reports through its agent; a host that falls silent alerts. */
  | {
      readonly kind: "agent-reporting";
      readonly key: string;
      readonly role: string;
      readonly hosts: readonly string[];
      readonly owners: readonly string[];
    }
  /** A data-holding host's disks: every device of the host. */
  | { readonly kind: "disk"; readonly key: string; readonly host: string; readonly fqdn: string; readonly owners: readonly string[] }
  /** A block-storage volume, by the mount point its host mounts it at. */
  | {
      readonly kind: "volume";
      readonly key: string;
      readonly volume: string;
      readonly fqdn: string;
      readonly mountPoint: string;
      readonly owners: readonly string[];
    }
  /** The managed PostgreSQL cluster answers connections. */
  | { readonly kind: "database"; readonly key: string; readonly cluster: string; readonly owners: readonly string[] };

export interface MonitoringPlan {
  readonly uptimeChecks: readonly PlannedUptimeCheck[];
  /** The public names not checked (a service's `check` is `none`), with the reason. */
  readonly uncheckedNames: readonly UncheckedName[];
  readonly monitors: readonly PlannedMonitor[];
  /** Every owner an uptime check pages, in the inventory's order of owners. */
  readonly checkedOwners: readonly string[];
  /** Every owner a Datadog monitor pages, in the inventory's order of owners. */
  readonly monitoredOwners: readonly string[];
  /** Every owner a check or monitor pages, in the inventory's order of owners: each gets a PagerDuty service. */
  readonly pagedOwners: readonly string[];
}

/** The monitoring plan of a validated inventory, whose hosts are `hosts`. */
export function planMonitoring(inventory: EstateInventory, hosts: readonly EstateHost[]): MonitoringPlan {
  const uptimeChecks = inventory.services.flatMap((service): PlannedUptimeCheck[] => {
    const check = service.check ?? { kind: "https", path: "/" };
    if (check.kind === "none") return [];
    return service.names.map((name) => ({
      name,
      service: service.key,
      owner: service.owner,
      protocol: check.kind === "http" ? "http" : "https",
      path: check.path,
      verifyCertificate: check.kind === "https",
    }));
  });
  const uncheckedNames = inventory.services.flatMap((service) =>
    service.check?.kind === "none"
      ? service.names.map((name) => ({ name, service: service.key, reason: (service.check as { reason: string }).reason }))
      : [],
  );
  const distinct = (values: readonly string[]): string[] => [...new Set(values)];
  const roles = inventory.roles.filter((role) => hosts.some((h) => h.role === role.name));
  const monitors: PlannedMonitor[] = [
    ...roles.map((role): PlannedMonitor => {
      const members = hosts.filter((h) => h.role === role.name);
      return {
        kind: "agent-reporting",
        key: `agent-${role.name}`,
        role: role.name,
        hosts: members.map((h) => h.fqdn),
        owners: distinct(members.map((h) => h.owner)),
      };
    }),
    ...hosts
      .filter((h) => h.holdsData)
      .map((h): PlannedMonitor => ({ kind: "disk", key: `disk-${h.key}`, host: h.key, fqdn: h.fqdn, owners: [h.owner] })),
    ...hosts.flatMap((h): PlannedMonitor[] =>
      h.volume === undefined
        ? []
        : [
            {
              kind: "volume",
              key: `volume-${h.volume.name}`,
              volume: h.volume.name,
              fqdn: h.fqdn,
              mountPoint: h.volume.mountPoint,
              owners: [h.owner],
            },
          ],
    ),
    {
      kind: "database",
      key: `database-${inventory.databaseCluster.name}`,
      cluster: inventory.databaseCluster.name,
      owners: [inventory.databaseCluster.owner],
    },
  ];
  const inOwnerOrder = (owners: readonly string[]): string[] => inventory.owners.map((o) => o.key).filter((key) => owners.includes(key));
  const checkedOwners = inOwnerOrder(uptimeChecks.map((c) => c.owner));
  const monitoredOwners = inOwnerOrder(monitors.flatMap((m) => m.owners));
  return {
    uptimeChecks,
    uncheckedNames,
    monitors,
    checkedOwners,
    monitoredOwners,
    pagedOwners: inOwnerOrder([...checkedOwners, ...monitoredOwners]),
  };
}

/**
 * The name of an owner's PagerDuty service, which is also the name Datadog's PagerDuty integration knows it by
 * (monitors notify `@pagerduty-<name>`): the owner's key, not the people the owner's name may list.
 */
export function pagingServiceName(owner: string): string {
  return `psf-${owner}`;
}
