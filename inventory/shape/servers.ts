/**
 * The server list: the PSF's datacenters, the people who answer for things, the Salt roles and the ports they open,
 * the droplets, and the hosts outside every datacenter.
 */
import { z } from "zod";
import { DIGITALOCEAN_DROPLET_SIZES, DIGITALOCEAN_REGIONS } from "../../provider-schemas/facts/digitalocean";
import { firstAddress, formatAddress, hasHostBits, knownCidr, parseCidr, rangeContains } from "../../values/address-ranges";
import { DOMAIN_NAME } from "../../values/dns-names";
import {
  datacenterKey,
  domainName,
  ipv4,
  matching,
  nonEmptyList,
  offeredProblem,
  ownerKey,
  roleName,
  slug,
  text,
  wholeNumber,
  type Shape,
} from "./blocks";
import { asString, ITEM_KINDS } from "./item-kinds";
import { PolicyException, policyExceptions } from "./policy-exceptions";
import { sourcedObject } from "./sources";

/** The private IPv4 blocks of RFC 1918. */
const RFC1918 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] as const;
/** DigitalOcean takes VPC ranges from /16 (the largest) to /28; a datacenter needs room for its droplets: /24 at least. */
const DATACENTER_PREFIX = { min: 16, max: 24 } as const;

/** What is wrong with `value` as a datacenter's private network, or undefined when nothing is. */
function privateRangeProblem(value: string): string | undefined {
  const range = parseCidr(value);
  if (range === undefined || range.family !== "ipv4") return `"${value}" is not an IPv4 CIDR range`;
  if (hasHostBits(range)) {
    return `"${value}" has host bits set: the range is ${formatAddress({ family: "ipv4", value: firstAddress(range) })}/${range.prefixLength}`;
  }
  const block = RFC1918.map(knownCidr).find((b) => rangeContains(b, { family: "ipv4", value: range.address }));
  if (block === undefined || range.prefixLength < block.prefixLength) {
    return `"${value}" is not a private range (RFC 1918: ${RFC1918.join(", ")})`;
  }
  if (range.prefixLength < DATACENTER_PREFIX.min || range.prefixLength > DATACENTER_PREFIX.max) {
    return `"${value}" is a /${range.prefixLength}: a datacenter's private network is a /${DATACENTER_PREFIX.min} to a /${DATACENTER_PREFIX.max} (DigitalOcean takes no VPC larger than a /16)`;
  }
  return undefined;
}

/** A PSF datacenter: a region of one hosting provider. */
export const Datacenter = sourcedObject({
  /** The PSF's own name for it, used in host names: `ams1`, `nyc1`, `sfo1`. */
  key: slug,
  provider: z.literal("digitalocean"),
  /** The provider's region slug, e.g. `nyc3`. */
  region: text((v) => offeredProblem(v, DIGITALOCEAN_REGIONS, "a region", "DIGITALOCEAN_REGIONS", "all")),
  /** The private network of the datacenter (CIDR); internal-only ports are open to it alone. */
  privateRange: text(privateRangeProblem),
}).register(ITEM_KINDS, { noun: "datacenter", name: (i) => asString(i?.key) });
export type Datacenter = Shape<typeof Datacenter>;

/** Somebody who answers for a host or a service. */
export const Owner = sourcedObject({
  /** Inventory key, used in tags: lowercase words joined by dashes. */
  key: slug,
  /** Who they are, as the PSF's server list names them. */
  name: text(),
  /** Where to reach them: an email address or the names of the people. */
  contact: text(),
}).register(ITEM_KINDS, { noun: "owner", name: (i) => asString(i?.key) });
export type Owner = Shape<typeof Owner>;

/** A transport protocol a firewall rule can name. */
export const Protocol = z.enum(["tcp", "udp"]);
export type Protocol = Shape<typeof Protocol>;

/**
 * An inclusive range of ports on one protocol; a single port has `from === to`. Checked as a whole, so that a single
 * port (`from` = `to`) out of bounds is one problem.
 */
export const PortRange = z
  .strictObject({
    protocol: Protocol,
    from: z.number(),
    to: z.number(),
    /** What listens there, for readers of the inventory and of the firewall. */
    service: text(),
  })
  .superRefine((port, ctx) => {
    const label = `(${port.protocol} "${port.service}")`;
    const outside = [...new Set([port.from, port.to])].filter((end) => !Number.isInteger(end) || end < 1 || end > 65535);
    if (outside.length > 0) ctx.addIssue({ code: "custom", message: `port ${outside.join(" and ")} ${label} is outside 1-65535` });
    else if (port.from > port.to) ctx.addIssue({ code: "custom", message: `port range ${port.from}-${port.to} ${label} is reversed` });
  });
/** An inclusive range of ports on one protocol; a single port has `from === to`. */
export type PortRange = Shape<typeof PortRange>;

/** An address outside the estate's datacenters that a role's firewall admits, as a published firewall names it. */
export const OutsideSource = z.strictObject({
  address: ipv4,
  /** What it is, in the publisher's words. */
  what: text(),
});
export type OutsideSource = Shape<typeof OutsideSource>;

/** A role of the Salt configuration: what a host does and the ports it opens. */
export const Role = sourcedObject({
  /** Policy rules this role's resources are excused from. @default none */
  policyExceptions,
  name: slug,
  purpose: text(),
  /**
   * The short service name under psf.io: `<shortName>.psf.io` resolves to every host of the role, and
   * `<shortName>.<dc>.psf.io` to the role's hosts in that datacenter when there are several.
   * @default the role's name
   */
  shortName: slug.optional(),
  /** Ports open to the whole internet, beyond those every host opens. */
  worldPorts: z.array(PortRange),
  /** Ports open only to the datacenter's private network, beyond those every host opens. */
  internalPorts: z.array(PortRange),
  /** Ports open only to Fastly's published address ranges (the CDN's log stream, for instance). */
  fastlyPorts: z.array(PortRange),
  /**
   * Ports every host of the estate must reach (configuration management, service discovery): open to the role's
   * datacenter's private network, and to the public IPv4 address of each host in another datacenter, which has
   * no private path here. @default none
   */
  estatePorts: z.array(PortRange).optional(),
  /**
   * Public IPv4 addresses outside the estate's datacenters that reach `estatePorts` too, each with what it is.
   * @default none
   */
  estatePortsAlsoFrom: z.array(OutsideSource).optional(),
})
  .superRefine((r, ctx) => {
    // A port in two entries is two firewall rules for one opening: a reader of one entry (a world-open port listed again
    // as internal reads as closed to the world) or a change of one leaves the other. Each port is said once.
    const lists = ["worldPorts", "internalPorts", "fastlyPorts", "estatePorts"] as const;
    const seen: { field: string; port: { protocol: string; from: number; to: number; service: string } }[] = [];
    for (const list of lists) {
      (r[list] ?? []).forEach((port, index) => {
        const earlier = seen.find(({ port: p }) => p.protocol === port.protocol && p.from <= port.to && port.from <= p.to);
        const ports = port.from === port.to ? `${port.from}` : `${port.from}-${port.to}`;
        if (earlier !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: [list, index],
            message: `${port.protocol} ${ports} ("${port.service}") is listed twice in the role: ${earlier.field} ("${earlier.port.service}") has it already`,
          });
        }
        seen.push({ field: `${list}[${index}]`, port });
      });
    }
    if ((r.estatePortsAlsoFrom ?? []).length > 0 && (r.estatePorts ?? []).length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["estatePortsAlsoFrom"],
        message: "admits addresses to estate ports the role does not open (estatePorts is empty)",
      });
    }
  })
  .register(ITEM_KINDS, { noun: "role", name: (i) => asString(i?.name) });
export type Role = Shape<typeof Role>;

/**
 * Consul, the estate's service discovery: the datacenters where it runs (its servers are the consul role's hosts,
 * every host there runs its agent) and the ports agents and servers talk on.
 */
export const ServiceDiscovery = sourcedObject({
  /** The datacenters whose hosts run Consul. */
  datacenters: nonEmptyList(datacenterKey),
  /** Ports every host of those datacenters opens to its datacenter's private network. */
  ports: nonEmptyList(PortRange),
}).register(ITEM_KINDS, { noun: "service discovery" });
export type ServiceDiscovery = Shape<typeof ServiceDiscovery>;

/** A distribution image a droplet was built from. */
export const DistroImage = z.enum(["ubuntu-14-04-x64", "ubuntu-20-04-x64", "ubuntu-22-04-x64", "ubuntu-24-04-x64"]);
export type DistroImage = Shape<typeof DistroImage>;

/** A DigitalOcean volume name: lowercase letters, digits and dashes, starting with a letter, at most 64. */
const DO_VOLUME_NAME = /^[a-z][a-z0-9-]{0,63}$/;

/** What is wrong with a volume's mount point, or undefined. */
function mountPointProblem(value: string): string | undefined {
  if (!value.startsWith("/")) return `"${value}" is not an absolute path`;
  const parts = value.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.includes("..")) return `"${value}" climbs with "..": write the path it means`;
  // The droplet's own disk is mounted at /: a volume there would hide the operating system it boots from.
  return parts.length === 0 ? `"${value}" is the root of the droplet's own disk: a volume is mounted below it (e.g. /backup)` : undefined;
}

/** A block-storage volume attached to a host. */
export const HostVolume = z.strictObject({
  /** Volume name as DigitalOcean shows it (lowercase letters, digits, dashes). */
  name: matching(DO_VOLUME_NAME, "is not a DigitalOcean volume name (lowercase letters, digits and dashes, starting with a letter)"),
  sizeGiB: wholeNumber(1, 16384, (n) => `${n} is not a whole number of GiB within 1-16384`),
  /** Where Salt mounts it, for readers. */
  mountPoint: text(mountPointProblem),
});
export type HostVolume = Shape<typeof HostVolume>;

/** A host's name (and datacenter) before a rename. */
export const HostPreviously = z.strictObject({
  /** Its short name before, e.g. `docs` for a host now `docs-1`. */
  name: slug.optional(),
  /** Its datacenter before: one of the same provider region (see `Host.previously`). */
  datacenter: datacenterKey.optional(),
});
export type HostPreviously = Shape<typeof HostPreviously>;

/** A host's inventory key and construct id, `<name>.<datacenter>`: unique across the estate, and how messages name it. */
export function hostKey(host: { readonly name: string; readonly datacenter: string }): string {
  return `${host.name}.${host.datacenter}`;
}

/** A droplet of the public server list. */
export const Host = sourcedObject({
  /** Policy rules this host's resources are excused from. @default none */
  policyExceptions,
  /** The host's short name, first label of its FQDN: `lb-0`, `consul-1`, `bugs`. */
  name: slug,
  /** The PSF datacenter key it lives in. */
  datacenter: datacenterKey,
  /** The Salt role it plays. */
  role: roleName,
  /** Why it exists, as the server list says. */
  purpose: text(),
  /** Owner key; the owner's contact is who to ask before changing the host. */
  owner: ownerKey,
  image: DistroImage,
  /** DigitalOcean size slug. */
  size: text((v) => offeredProblem(v, DIGITALOCEAN_DROPLET_SIZES, "a droplet size", "DIGITALOCEAN_DROPLET_SIZES", "none")),
  /** Holds data that exists nowhere else: gets provider backups and is protected from destruction. */
  holdsData: z.boolean(),
  /**
   * The droplet's name where it differs from `<name>.<datacenter>.psf.io`, because it was created
   * under an older naming scheme and renaming it is a separate change.
   * @default `<name>.<datacenter>.psf.io`
   */
  dropletName: domainName.optional(),
  /** A block-storage volume mounted on the host. @default none */
  volume: HostVolume.optional(),
  /**
   * What the host was called, or where it was, before a rename or a move, so that the droplet (and its volume) keep
   * their state. A rename within the datacenter is kept by Terraform `moved` blocks. A move to another datacenter
   * of the same provider region is kept by handing the droplet's state over: the old datacenter's stack forgets it
   * (`removed` blocks) and the new one adopts it (README, "Moving resources between states"). A move to another
   * region is refused: it would be a new droplet. One at a time, and remove it once applied.
   * @default never renamed or moved
   */
  previously: HostPreviously.optional(),
})
  .superRefine((h, ctx) => {
    const before = h.previously;
    if (before === undefined) return;
    const renamed = before.name !== undefined && before.name !== h.name;
    const moved = before.datacenter !== undefined && before.datacenter !== h.datacenter;
    if (renamed && moved) {
      ctx.addIssue({
        code: "custom",
        path: ["previously"],
        message: "records both a rename and a move: the droplet keeps its state through one of them at a time, so make them two changes",
      });
    } else if (!renamed && !moved) {
      ctx.addIssue({ code: "custom", path: ["previously"], message: "records no earlier name or datacenter: give what the host had before" });
    }
  })
  .register(ITEM_KINDS, {
    noun: "host",
    name: (i) => {
      const [name, datacenter] = [asString(i?.name), asString(i?.datacenter)];
      return name === undefined || datacenter === undefined ? undefined : hostKey({ name, datacenter });
    },
  });
export type Host = Shape<typeof Host>;

/** A host's name: a fully qualified domain name, or one label (a host the server list names without a domain). */
const hostName = text((v) =>
  DOMAIN_NAME.test(v) || /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(v)
    ? undefined
    : `"${v}" is neither a fully qualified domain name nor a host name (lower case)`,
);

/** A host outside every PSF datacenter: recorded with its owner; its name gets a record only in a managed zone. */
export const ExternalHost = sourcedObject({
  /**
   * Its name: fully qualified when it has one (when it lies in a managed zone, the DNS stack publishes its A record),
   * or the single name the server list gives a host that has none.
   */
  name: hostName,
  purpose: text(),
  owner: ownerKey,
  /** Who hosts it. */
  hostedBy: text(),
  /** What configures it. */
  managedBy: text(),
  /** Its operating system, as the server list gives it. @default not recorded */
  distro: text().optional(),
  /**
   * Its public IPv4 address, for its record in a managed zone.
   * @default not recorded here: for a name in a managed zone, the DNS stack asks for it as a required Terraform variable
   *   (`<name with dots and dashes as underscores>_ipv4`) so that no guessed address is ever published.
   */
  ipv4: ipv4.optional(),
}).register(ITEM_KINDS, { noun: "external host", name: (i) => asString(i?.name) });
export type ExternalHost = Shape<typeof ExternalHost>;

/** The server list's fields of the inventory. */
export const serverListFields = {
  datacenters: nonEmptyList(Datacenter),
  owners: z.array(Owner),
  /** Ports every host opens, whatever its role. */
  commonWorldPorts: z.array(PortRange).register(ITEM_KINDS, { noun: "every host", fieldsFromTop: true }),
  /** Policy rules every role is excused from because of the common ports. @default none */
  commonPortsPolicyExceptions: z.array(PolicyException).register(ITEM_KINDS, { noun: "every host", fieldsFromTop: true }).optional(),
  /** Consul: where it runs, and the ports its hosts open to their datacenter's private network. */
  serviceDiscovery: ServiceDiscovery,
  roles: z.array(Role),
  hosts: z.array(Host),
  externalHosts: z.array(ExternalHost),
  /** The role whose hosts run HAProxy: load-balanced names point at them. */
  loadBalancerRole: slug,
  /** Owner of the estate-wide resources: zones, networks, the delegation set. */
  infrastructureOwner: ownerKey,
};
