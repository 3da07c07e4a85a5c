import type { PlannedRecord } from "./dns-records";
import { estateHost, type EstateHost } from "./estate-host";
import { itemDifferences, itemSources, type ItemSource } from "./fact-sources";
import { planMonitoring, type MonitoringPlan } from "./monitoring-plan";
import type {
  CaaPolicy, CertificateAuthority, DatabaseCluster, ExternalService, ExternalZone, FastlyServiceSpec, HerokuEstate, Datacenter, EstateInventory, ExternalHost, FastlyEdge,
  HostRecords, MetricMonitoring, OnCall, Owner, PortRange, PolicyException, PublicService, Registrar, Role, ServiceDiscovery, StateStore, StaticSite, UptimeChecking, Zone,
} from "./shape";
import { validateInventory } from "./validate";

/**
 * The item a policy exception is written beside, which is what it excuses: a role, a host (by its FQDN), a zone, or
 * the ports every host opens (which excuses the rule for every role). Not written in the inventory: the estate
 * derives it from where the exception sits.
 */
export type PolicyExceptionSubject =
  | { readonly kind: "common-ports" }
  | { readonly kind: "role"; readonly name: string }
  | { readonly kind: "host"; readonly name: string }
  | { readonly kind: "zone"; readonly name: string };

/**
 * The validated estate: the inventory after every check has passed, with the lookups the constructs
 * need. Construct it with `Estate.load`; it never holds an invalid inventory.
 */
export class Estate {
  readonly datacenters: readonly Datacenter[];
  readonly hosts: readonly EstateHost[];
  readonly roles: readonly Role[];
  readonly zones: readonly Zone[];
  /** Zones whose records are kept elsewhere, in which some of the estate's names lie. */
  readonly externalZones: readonly ExternalZone[];
  readonly services: readonly PublicService[];
  readonly staticSites: readonly StaticSite[];
  /** The S3 backend's state bucket, if the estate declares one. */
  readonly stateStore: StateStore | undefined;
  readonly externalHosts: readonly ExternalHost[];
  readonly databaseCluster: DatabaseCluster;
  readonly heroku: HerokuEstate;
  readonly fastlyServices: readonly FastlyServiceSpec[];
  /** Services other configurations manage: recorded, never created here. */
  readonly externalServices: readonly ExternalService[];
  readonly caa: CaaPolicy;
  readonly fastlyEdge: FastlyEdge;
  readonly hostZone: string;
  readonly infrastructureOwner: string;
  /** The role whose hosts run HAProxy: load-balanced names point at them. */
  readonly loadBalancerRole: string;
  readonly onCall: OnCall;
  readonly uptimeChecking: UptimeChecking;
  readonly metricMonitoring: MetricMonitoring;
  readonly registrar: Registrar;
  readonly hostRecords: HostRecords;
  /** The PSF's own CA, whose certificate Fastly checks origins and log servers against. */
  readonly psfCa: CertificateAuthority;
  /** What is monitored and who is paged, derived from the rest. */
  readonly monitoring: MonitoringPlan;
  /** Every record set the estate publishes, in a stable order (zone, name, type). */
  readonly records: readonly PlannedRecord[];
  private readonly inventory: EstateInventory;

  /**
   * Validates `inventory` and returns the estate, built from the validated data; throws `InventoryError` listing
   * every problem. It takes any value: an inventory edited by hand may have any shape, and the schema says where.
   */
  static load(inventory: unknown): Estate {
    const validated = validateInventory(inventory);
    return new Estate(validated.inventory, validated.records);
  }

  private constructor(inventory: EstateInventory, records: readonly PlannedRecord[]) {
    this.inventory = inventory;
    this.datacenters = inventory.datacenters;
    this.roles = inventory.roles;
    this.zones = inventory.zones;
    this.externalZones = inventory.externalZones;
    this.services = inventory.services;
    this.staticSites = inventory.staticSites;
    this.stateStore = inventory.stateStore;
    this.externalHosts = inventory.externalHosts;
    this.databaseCluster = inventory.databaseCluster;
    this.heroku = inventory.heroku;
    this.fastlyServices = inventory.fastlyServices;
    this.externalServices = inventory.externalServices;
    this.caa = inventory.caa;
    this.fastlyEdge = inventory.fastlyEdge;
    this.hostZone = inventory.hostZone;
    this.infrastructureOwner = inventory.infrastructureOwner;
    this.loadBalancerRole = inventory.loadBalancerRole;
    this.onCall = inventory.onCall;
    this.uptimeChecking = inventory.uptimeChecking;
    this.metricMonitoring = inventory.metricMonitoring;
    this.registrar = inventory.registrar;
    this.hostRecords = inventory.hostRecords;
    this.psfCa = inventory.psfCa;
    this.hosts = inventory.hosts.map((host) => estateHost(host, inventory.hostZone));
    this.records = records;
    this.monitoring = planMonitoring(inventory, this.hosts);
  }

  datacenter(key: string): Datacenter {
    return found(this.datacenters.find((dc) => dc.key === key), "datacenter", key);
  }

  role(name: string): Role {
    return found(this.roles.find((r) => r.name === name), "role", name);
  }

  /** Every owner, in the inventory's order. */
  get owners(): readonly Owner[] {
    return this.inventory.owners;
  }

  owner(key: string): Owner {
    return found(this.inventory.owners.find((o) => o.key === key), "owner", key);
  }

  host(key: string): EstateHost {
    return found(this.hosts.find((h) => h.key === key), "host", key);
  }

  hostsIn(datacenter: string): readonly EstateHost[] {
    return this.hosts.filter((h) => h.datacenter === datacenter);
  }

  hostsWithRole(role: string): readonly EstateHost[] {
    return this.hosts.filter((h) => h.role === role);
  }

  /** Ports a host of `role` opens to the world: the common ones, then the role's. */
  worldPorts(role: Role): readonly PortRange[] {
    return [...this.inventory.commonWorldPorts, ...role.worldPorts];
  }

  /** Every policy exception the inventory records, with the item it is written beside, in the inventory's order. */
  policyExceptions(): readonly { readonly subject: PolicyExceptionSubject; readonly exception: PolicyException }[] {
    return [
      ...(this.inventory.commonPortsPolicyExceptions ?? []).map((exception) => ({ subject: { kind: "common-ports" as const }, exception })),
      ...this.roles.flatMap((r) => (r.policyExceptions ?? []).map((exception) => ({ subject: { kind: "role" as const, name: r.name }, exception }))),
      ...this.hosts.flatMap((h) => (h.policyExceptions ?? []).map((exception) => ({ subject: { kind: "host" as const, name: h.fqdn }, exception }))),
      ...this.zones.flatMap((z) => (z.policyExceptions ?? []).map((exception) => ({ subject: { kind: "zone" as const, name: z.name }, exception }))),
    ];
  }

  /** Ports a host of `role` opens to every host of the estate (Role.estatePorts). */
  estatePorts(role: Role): readonly PortRange[] {
    return role.estatePorts ?? [];
  }

  /** Addresses outside the estate's datacenters that reach `role`'s estate ports too (Role.estatePortsAlsoFrom). */
  estatePortsAlsoFrom(role: Role): readonly string[] {
    return (role.estatePortsAlsoFrom ?? []).map((source) => source.address);
  }

  /**
   * Ports a host of `role` in `datacenter` opens to its datacenter's private network alone: Consul's where Consul runs,
   * and the role's, less the role's estate ports, which are open to that network too (one rule, not two).
   */
  internalPorts(role: Role, datacenter: string): readonly PortRange[] {
    const estate = this.estatePorts(role);
    const discovery = this.inventory.serviceDiscovery;
    return [...(discovery.datacenters.includes(datacenter) ? discovery.ports : []), ...role.internalPorts]
      .filter((port) => !estate.some((p) => p.protocol === port.protocol && p.from === port.from && p.to === port.to));
  }

  /** Consul: the datacenters where it runs and the ports its hosts open. */
  get serviceDiscovery(): ServiceDiscovery {
    return this.inventory.serviceDiscovery;
  }

  /** Where every value comes from: each item's source and its fields' own (inventory/fact-sources.ts). */
  sources(): ItemSource[] {
    return itemSources(this.inventory);
  }

  /** Where the estate knowingly differs from a published configuration, by item. */
  differences(): ReturnType<typeof itemDifferences> {
    return itemDifferences(this.inventory);
  }

  /** Records of one zone. */
  recordsIn(zone: string): readonly PlannedRecord[] {
    return this.records.filter((r) => r.zone === zone);
  }
}

function found<T>(value: T | undefined, what: string, key: string): T {
  // Validation has run, so a miss here is a programming error in a construct, not bad input.
  if (value === undefined) throw new Error(`No ${what} "${key}" in the estate inventory`);
  return value;
}
