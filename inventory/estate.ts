import type { PlannedRecord } from "./dns-records";
import { estateHost, type EstateHost } from "./estate-host";
import { itemDifferences, itemSources, type ItemSource } from "./fact-sources";
import { planMonitoring, type MonitoringPlan } from "./monitoring-plan";
import type { Datacenter, EstateInventory, Owner, PolicyException, PortRange, Role } from "./shape";
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

/** The inventory's fields but the hosts, which the estate holds with their derived names (`EstateHost`). */
type InventoryFields = Omit<EstateInventory, "hosts">;

/**
 * Instances carry the inventory's fields, copied when one is made: each is a field of the estate (`estate.zones`),
 * typed and documented where the shape defines it, so that a field added to the shape needs no line in the estate.
 */
// eslint-disable-next-line @typescript-eslint/no-extraneous-class -- a base class, whose constructor is its whole job: it puts the fields on the instance
const InventoryFields = class {
  constructor(inventory: InventoryFields) {
    Object.assign(this, inventory);
  }
} as new (inventory: InventoryFields) => InventoryFields;

/**
 * The validated estate: the inventory after every check has passed (each of its fields is the estate's), with the
 * lookups the constructs need. Construct it with `Estate.load`; it never holds an invalid inventory.
 */
export class Estate extends InventoryFields {
  /** Every droplet, with its key, FQDN and droplet name. */
  readonly hosts: readonly EstateHost[];
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
    super(inventory);
    this.inventory = inventory;
    this.hosts = inventory.hosts.map((host) => estateHost(host, inventory.hostZone));
    this.records = records;
    this.monitoring = planMonitoring(inventory, this.hosts);
  }

  datacenter(key: string): Datacenter {
    return found(
      this.datacenters.find((dc) => dc.key === key),
      "datacenter",
      key,
    );
  }

  role(name: string): Role {
    return found(
      this.roles.find((r) => r.name === name),
      "role",
      name,
    );
  }

  owner(key: string): Owner {
    return found(
      this.owners.find((o) => o.key === key),
      "owner",
      key,
    );
  }

  host(key: string): EstateHost {
    return found(
      this.hosts.find((h) => h.key === key),
      "host",
      key,
    );
  }

  hostsIn(datacenter: string): readonly EstateHost[] {
    return this.hosts.filter((h) => h.datacenter === datacenter);
  }

  hostsWithRole(role: string): readonly EstateHost[] {
    return this.hosts.filter((h) => h.role === role);
  }

  /** Ports a host of `role` opens to the world: the common ones, then the role's. */
  worldPorts(role: Role): readonly PortRange[] {
    return [...this.commonWorldPorts, ...role.worldPorts];
  }

  /** Every policy exception the inventory records, with the item it is written beside, in the inventory's order. */
  policyExceptions(): readonly { readonly subject: PolicyExceptionSubject; readonly exception: PolicyException }[] {
    return [
      ...(this.commonPortsPolicyExceptions ?? []).map((exception) => ({ subject: { kind: "common-ports" as const }, exception })),
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
    const discovery = this.serviceDiscovery;
    return [...(discovery.datacenters.includes(datacenter) ? discovery.ports : []), ...role.internalPorts].filter(
      (port) => !estate.some((p) => p.protocol === port.protocol && p.from === port.from && p.to === port.to),
    );
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
