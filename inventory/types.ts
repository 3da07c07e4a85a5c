/**
 * The shape of the estate's inventory: plain data, read like the PSF's own server list.
 *
 * Cross-references (a host's datacenter, role and owner; a service's origin) are plain strings, the way
 * a server list writes them; `validateInventory` checks every one of them once, when the inventory is
 * loaded, and turns it into an `Estate` the constructs can trust.
 */
import type { DatadogSite, FastlyBackendCommon, FastlyOriginToken, FastlyS3Logger, FastlyServiceRules } from "../constructs/fastly-service/types";
import type { Source } from "./source";
import type { PortRange } from "./ports";

export type { PortRange } from "./ports";
export type { Source } from "./source";

/**
 * Where an item's values come from: `source` covers each of its fields, unless `fieldSources` names another
 * source for that field.
 */
export interface Sourced {
  readonly source: Source;
  /**
   * Sources of the fields that come from elsewhere than `source`, by field name, or by a part of a field
   * (`formation.size`: the size of each process; `volume.name`). @default none
   */
  readonly fieldSources?: Readonly<Record<string, Source>>;
  /** Where the item knowingly differs from what its source publishes, and why. @default none */
  readonly differences?: readonly SourceDifference[];
}

/** A knowing difference between an item and the published configuration it comes from. */
export interface SourceDifference {
  /** The field or feature that differs. */
  readonly feature: string;
  /** What the published configuration has. */
  readonly published: string;
  /** What the estate has instead, and why. */
  readonly reason: string;
}

/** A PSF datacenter: a region of one hosting provider. */
export interface Datacenter extends Sourced {
  /** The PSF's own name for it, used in host names: `ams1`, `nyc1`, `sfo1`. */
  readonly key: string;
  readonly provider: "digitalocean";
  /** The provider's region slug, e.g. `nyc3`. */
  readonly region: string;
  /** The private network of the datacenter (CIDR); internal-only ports are open to it alone. */
  readonly privateRange: string;
}

/** Somebody who answers for a host or a service. */
export interface Owner extends Sourced {
  /** Inventory key, used in tags: lowercase words joined by dashes. */
  readonly key: string;
  /** Who they are, as the PSF's server list names them. */
  readonly name: string;
  /** Where to reach them: an email address or the names of the people. */
  readonly contact: string;
}

/** A policy rule (policy/) an item is excused from, written beside the item: why, who answers for it, and until when. */
export interface PolicyException {
  /** The rule's id, e.g. `network.ssh-from-admin-sources`. */
  readonly rule: string;
  /** Why the item may break the rule, and what would end the exception. */
  readonly reason: string;
  /** Owner key of who answers for the exception and ends it: the owner of the item's hosts, or the infrastructure staff. */
  readonly owner: string;
  /** The day (YYYY-MM-DD, UTC) it was granted: the day the change adding or renewing it is merged. */
  readonly granted: string;
  /**
   * The last day (YYYY-MM-DD, UTC) it counts, at most 180 days after `granted` (inventory/exception-term.ts); an
   * expired exception fails synthesis.
   */
  readonly expires: string;
}

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

/** A role of the Salt configuration: what a host does and the ports it opens. */
export interface Role extends Sourced {
  /** Policy rules this role's resources are excused from. @default none */
  readonly policyExceptions?: readonly PolicyException[];
  readonly name: string;
  readonly purpose: string;
  /**
   * The short service name under psf.io: `<shortName>.psf.io` resolves to every host of the role, and
   * `<shortName>.<dc>.psf.io` to the role's hosts in that datacenter when there are several.
   * @default the role's name
   */
  readonly shortName?: string;
  /** Ports open to the whole internet, beyond those every host opens. */
  readonly worldPorts: readonly PortRange[];
  /** Ports open only to the datacenter's private network, beyond those every host opens. */
  readonly internalPorts: readonly PortRange[];
  /** Ports open only to Fastly's published address ranges (the CDN's log stream, for instance). */
  readonly fastlyPorts: readonly PortRange[];
  /**
   * Ports every host of the estate must reach (configuration management, service discovery): open to the role's
   * datacenter's private network, and to the public IPv4 address of each host in another datacenter, which has
   * no private path here. @default none
   */
  readonly estatePorts?: readonly PortRange[];
  /**
   * Public IPv4 addresses outside the estate's datacenters that reach `estatePorts` too, each with what it is.
   * @default none
   */
  readonly estatePortsAlsoFrom?: readonly OutsideSource[];
}

/** An address outside the estate's datacenters that a role's firewall admits, as a published firewall names it. */
export interface OutsideSource {
  readonly address: string;
  /** What it is, in the publisher's words. */
  readonly what: string;
}

/** A distribution image a droplet was built from. */
export type DistroImage =
  | "ubuntu-14-04-x64"
  | "ubuntu-20-04-x64"
  | "ubuntu-22-04-x64"
  | "ubuntu-24-04-x64";

/** A droplet of the public server list. */
export interface Host extends Sourced {
  /** Policy rules this host's resources are excused from. @default none */
  readonly policyExceptions?: readonly PolicyException[];
  /** The host's short name, first label of its FQDN: `lb-0`, `consul-1`, `bugs`. */
  readonly name: string;
  /** The PSF datacenter key it lives in. */
  readonly datacenter: string;
  /** The Salt role it plays. */
  readonly role: string;
  /** Why it exists, as the server list says. */
  readonly purpose: string;
  /** Owner key; the owner's contact is who to ask before changing the host. */
  readonly owner: string;
  readonly image: DistroImage;
  /** DigitalOcean size slug. */
  readonly size: string;
  /** Holds data that exists nowhere else: gets provider backups and is protected from destruction. */
  readonly holdsData: boolean;
  /**
   * The droplet's name where it differs from `<name>.<datacenter>.psf.io`, because it was created
   * under an older naming scheme and renaming it is a separate change.
   * @default `<name>.<datacenter>.psf.io`
   */
  readonly dropletName?: string;
  /** A block-storage volume mounted on the host. @default none */
  readonly volume?: HostVolume;
  /**
   * What the host was called, or where it was, before a rename or a move, so that the droplet (and its volume) keep
   * their state. A rename within the datacenter is kept by Terraform `moved` blocks. A move to another datacenter
   * of the same provider region is kept by handing the droplet's state over: the old datacenter's stack forgets it
   * (`removed` blocks) and the new one adopts it (README, "Moving resources between states"). A move to another
   * region is refused: it would be a new droplet. One at a time, and remove it once applied.
   * @default never renamed or moved
   */
  readonly previously?: HostPreviously;
}

/** A host's name (and datacenter) before a rename. */
export interface HostPreviously {
  /** Its short name before, e.g. `docs` for a host now `docs-1`. */
  readonly name?: string;
  /** Its datacenter before: one of the same provider region (see `Host.previously`). */
  readonly datacenter?: string;
}

/** A block-storage volume attached to a host. */
export interface HostVolume {
  /** Volume name as DigitalOcean shows it (lowercase letters, digits, dashes). */
  readonly name: string;
  readonly sizeGiB: number;
  /** Where Salt mounts it, for readers. */
  readonly mountPoint: string;
}

/** A host outside every PSF datacenter: recorded with its owner; its name gets a record only in a managed zone. */
export interface ExternalHost extends Sourced {
  /**
   * Its name: fully qualified when it has one (when it lies in a managed zone, the DNS stack publishes its A record),
   * or the single name the server list gives a host that has none.
   */
  readonly name: string;
  readonly purpose: string;
  readonly owner: string;
  /** Who hosts it. */
  readonly hostedBy: string;
  /** What configures it. */
  readonly managedBy: string;
  /** Its operating system, as the server list gives it. @default not recorded */
  readonly distro?: string;
  /**
   * Its public IPv4 address, for its record in a managed zone.
   * @default not recorded here: for a name in a managed zone, the DNS stack asks for it as a required Terraform variable
   *   (`<name with dots and dashes as underscores>_ipv4`) so that no guessed address is ever published.
   */
  readonly ipv4?: string;
}

/** Where a public name is served from. */
export type Origin =
  /** HAProxy on the load balancers routes the name to a backend role. */
  | { readonly kind: "load-balancer"; readonly backendRole: string }
  /** The HAProxy redirects the name to another URL. */
  | { readonly kind: "load-balancer-redirect"; readonly redirectTo: string }
  /** HAProxy passes the name on to a site outside the estate, by its host name (a backend of pillar/base/haproxy.sls). */
  | { readonly kind: "load-balancer-proxy"; readonly upstream: string }
  /** A droplet of the role answers the name itself. */
  | { readonly kind: "droplet"; readonly role: string }
  /** A Fastly service fronts the name. */
  | { readonly kind: "fastly"; readonly service: string }
  /** A Heroku app answers the name: its record is a CNAME to the app's custom-domain DNS target. */
  | { readonly kind: "heroku"; readonly app: string }
  /** An S3 bucket website serves the name. */
  | { readonly kind: "s3-website"; readonly site: string };

/** How Pingdom checks a service's names from outside. */
export type ServiceCheck =
  /** `https://<name><path>`, the certificate verified: what a browser would do; why the path, when it is not `/`. */
  | { readonly kind: "https"; readonly path: string; readonly reason?: string }
  /** `https://<name><path>` without verifying the certificate, which is self-signed on purpose (`reason`). */
  | { readonly kind: "https-self-signed"; readonly path: string; readonly reason: string }
  /** `http://<name><path>`: the names serve no HTTPS (`reason`). */
  | { readonly kind: "http"; readonly path: string; readonly reason: string }
  /** Not checked: nothing answers the web there, so a check would only alarm (`reason`). */
  | { readonly kind: "none"; readonly reason: string };

/** A public service and the names it answers to. */
export interface PublicService extends Sourced {
  readonly key: string;
  readonly description: string;
  readonly owner: string;
  /** The fully qualified names it answers to; each must lie in a managed zone, or in an external one (no record is then written). */
  readonly names: readonly string[];
  readonly origin: Origin;
  /** TTL of the records made for its names. @default the zone's default TTL */
  readonly ttl?: number;
  /** How Pingdom checks its names. @default `{ kind: "https", path: "/" }` */
  readonly check?: ServiceCheck;
}

/** A record type Route 53 serves and this estate uses. */
export type RecordType = "A" | "AAAA" | "CAA" | "CNAME" | "MX" | "TXT";

/** A record written out by hand in the inventory (MX, TXT beyond SPF, and so on). */
export interface LiteralRecord {
  /** Fully qualified name. */
  readonly name: string;
  readonly type: RecordType;
  readonly values: readonly string[];
  /** @default the zone's default TTL */
  readonly ttl?: number;
}

/** A DNS zone hosted in Route 53. */
export interface Zone extends Sourced {
  /** Policy rules this zone's records are excused from. @default none */
  readonly policyExceptions?: readonly PolicyException[];
  /** The domain, without a trailing dot. */
  readonly name: string;
  readonly purpose: string;
  /** The SPF policy published at the apex. */
  readonly spf: string;
  /**
   * Other TXT values published at the apex beside the SPF policy (site verification and the like), in the same
   * record set: a name has one TXT record set. A `_dmarc` policy is an ordinary record in `records`.
   * @default none
   */
  readonly txt?: readonly string[];
  readonly defaultTtl: number;
  /** Records written out by hand. @default none */
  readonly records?: readonly LiteralRecord[];
}

/**
 * A zone the estate's names lie in whose records are kept elsewhere (by hand, or by another configuration): names in it
 * may be served by the estate's hosts, but no record of it is written here, and none is removed.
 */
export interface ExternalZone extends Sourced {
  /** The domain, without a trailing dot. */
  readonly name: string;
  readonly purpose: string;
  /** Who keeps its records. */
  readonly managedBy: string;
}

/** CAA policy published at every zone's apex. */
export interface CaaPolicy extends Sourced {
  /** Certificate authorities allowed to issue for the domain. */
  readonly issuers: readonly string[];
  /** Where CAs report refused requests. */
  readonly iodef: string;
}

/** Fastly's published edge addresses, for names served by Fastly. */
export interface FastlyEdge extends Sourced {
  /** CNAME target for a subdomain. */
  readonly dualstackCname: string;
  /** A records for an apex, which cannot be a CNAME. */
  readonly apexIpv4: readonly string[];
  /** AAAA records for an apex. */
  readonly apexIpv6: readonly string[];
}

/** An S3 bucket served as a static website. */
export interface StaticSite extends Sourced {
  /** The bucket's name, which S3 website hosting requires to equal the host name it serves. */
  readonly bucket: string;
  readonly region: string;
  readonly owner: string;
  readonly indexDocument: string;
  readonly errorDocument: string;
}

/**
 * The S3 bucket that holds the estate's Terraform state when PSF_ESTATE_BACKEND=s3 (the `state` stack declares it,
 * with a KMS key of its own). Its safety settings (versions kept, the key by default, TLS only, no public access) are
 * not choices and live in its construct; what is chosen is here.
 */
export interface StateStore extends Sourced {
  /** The bucket's name (S3 bucket names are global). */
  readonly bucket: string;
  readonly region: string;
  /** The alias of the KMS key that encrypts the state, without `alias/`. */
  readonly kmsKeyAlias: string;
  readonly owner: string;
}

/** A database of the managed PostgreSQL cluster, owned by a user of the same name. */
export interface ManagedDatabase {
  readonly name: string;
  /** The role whose hosts connect to it; only they pass the database firewall. @default none: kept for its data, no host connects */
  readonly usedByRole?: string;
}

/** The managed PostgreSQL cluster. */
export interface DatabaseCluster extends Sourced {
  readonly name: string;
  readonly datacenter: string;
  readonly engine: "pg";
  /** Major version of PostgreSQL. */
  readonly version: string;
  readonly size: string;
  readonly nodeCount: number;
  /** Port the cluster listens on; clients connect with TLS verify-full. */
  readonly port: number;
  /**
   * The pooled endpoint on the cluster's host (DigitalOcean's PgBouncer), as Salt names it, and its port. Recorded, not
   * created here: what it pools is not published. @default none
   */
  readonly connectionPool?: { readonly name: string; readonly port: number };
  /** The role whose hosts administer the cluster (create its users and databases): its firewall admits them. */
  readonly administeredByRole: string;
  readonly owner: string;
  readonly databases: readonly ManagedDatabase[];
}

/** A Heroku dyno type of an app's formation. */
export interface HerokuProcess {
  /** Process type from the Procfile: `web`, `worker`, ... */
  readonly type: string;
  /** Dyno size: `basic`, `standard-1x`, `standard-2x`, `performance-m`, ... */
  readonly size: string;
  readonly quantity: number;
}

/** A Heroku add-on attached to an app. */
export interface HerokuAddonSpec {
  /** `<service>:<plan>`, e.g. `heroku-postgresql:standard-0`. */
  readonly plan: string;
  /**
   * The name of a further attachment to its app, upper case, so that its config vars are named as the app's code reads
   * them (`HEROKU_REDIS_MAROON` gives `HEROKU_REDIS_MAROON_URL`). @default only the attachment Heroku names
   */
  readonly attachedAs?: string;
}

/** A stage of a Heroku pipeline. */
export type HerokuStage = "review" | "development" | "staging" | "production";

/** Where an app sits in a Heroku pipeline. */
export interface HerokuPipelineStage {
  readonly pipeline: string;
  readonly stage: HerokuStage;
}

/** A Heroku app. */
export interface HerokuAppSpec extends Sourced {
  /** The app's name at Heroku: 3-30 characters, lowercase letters, digits and dashes, starting with a letter. */
  readonly name: string;
  readonly description: string;
  readonly owner: string;
  /** Where its code lives. */
  readonly codeRepository: string;
  readonly region: "us" | "eu";
  /** `heroku-24` and kin use buildpacks; `container` builds from a Dockerfile. */
  readonly stack: "heroku-22" | "heroku-24" | "container";
  /** Classic buildpacks, in order. @default none (a container app must have none) */
  readonly buildpacks?: readonly string[];
  /**
   * Custom domains the app answers to; each gets a `heroku_domain`, and Automated Certificate Management
   * is on when there is any. A name fronted by Fastly keeps its DNS at Fastly; Fastly reaches the app
   * through that domain's DNS target.
   * @default none
   */
  readonly customDomains?: readonly string[];
  readonly formation: readonly HerokuProcess[];
  /** @default none */
  readonly addons?: readonly HerokuAddonSpec[];
  /** Config vars that are not secret. Names that look secret are refused here. @default none */
  readonly configVars?: Readonly<Record<string, string>>;
  /**
   * Names of secret config vars; their values come from one sensitive Terraform variable per app, a map.
   * @default none
   */
  readonly secretConfigVars?: readonly string[];
  /** @default not in a pipeline */
  readonly pipeline?: HerokuPipelineStage;
}

/** The PSF's Heroku team and its apps. */
export interface HerokuEstate extends Sourced {
  /** The Heroku team that owns every app. */
  readonly team: string;
  readonly apps: readonly HerokuAppSpec[];
}

/** Where a Fastly backend's traffic goes. */
export type FastlyBackendOrigin =
  /** A Heroku app, reached through one of its custom domains' DNS target, with that domain's certificate. */
  | { readonly kind: "heroku-app"; readonly app: string; readonly customDomain: string }
  /** The hosts of a role in a datacenter, by their short service name `<shortName>.<dc>.<host zone>`. */
  | { readonly kind: "role"; readonly role: string; readonly datacenter: string }
  /** An S3 website of the estate, by its website endpoint, which serves HTTP only: the one origin reached without TLS. */
  | { readonly kind: "s3-website"; readonly site: string };

/**
 * A backend as the inventory writes it: its origin instead of an address; TLS with certificate checking is implied,
 * but for an S3 website, which has no TLS (and so no certificate names).
 */
export interface FastlyBackendSpec extends Omit<FastlyBackendCommon, "address"> {
  readonly origin: FastlyBackendOrigin;
  /** Name the origin's certificate must carry: required but for an S3 website. */
  readonly sslCertHostname?: string;
  /** Name sent in the TLS SNI extension: required but for an S3 website. */
  readonly sslSniHostname?: string;
  /** Its certificate is signed by the PSF's own CA (the inventory's `psfCa`). @default false */
  readonly signedByPsfCa?: boolean;
}

/** Certificate authorities Fastly's TLS subscriptions can use. */
export type FastlyCertificateAuthority = "lets-encrypt" | "globalsign" | "certainly";

/**
 * A Fastly VCL service the PSF runs. Its rules (health checks, conditions, headers, gzip, cache and request
 * settings, host redirects, HSTS, forced TLS) are written as the FastlyService construct takes them; its
 * headers carry no secret: the origin token is `originToken`'s.
 */
export interface FastlyServiceSpec extends FastlyServiceRules, Sourced {
  /** Service name at Fastly; services with a `fastly` origin name it. */
  readonly name: string;
  readonly owner: string;
  readonly comment: string;
  /** Names it serves; each must be a name of a service whose origin is this Fastly service. */
  readonly domains: readonly string[];
  readonly backends: readonly FastlyBackendSpec[];
  /** The request header carrying the shared secret origins check (its rule's name and priority), its value from a sensitive variable. @default none */
  readonly originToken?: FastlyOriginToken;
  /** Logs to S3; the stack supplies the IAM role Fastly assumes. @default none */
  readonly s3Logging?: Omit<FastlyS3Logger, "credentials">;
  /** Logs to syslog on a host of the estate (key `<name>.<dc>`), on the port its role opens to Fastly. @default none */
  readonly syslogLogging?: { readonly name: string; readonly host: string; readonly format: string };
  /** Who issues the TLS certificate for its domains; must be allowed by CAA. */
  readonly certificateAuthority: FastlyCertificateAuthority;
  /**
   * Streams its logs to the estate's Datadog organization (`MetricMonitoring.site`); the stack supplies the API key
   * from a sensitive variable. @default none
   */
  readonly datadogLogging?: { readonly name: string; readonly format?: string; readonly responseCondition?: string };
}

/**
 * A service another configuration manages: recorded so that nobody creates it here too. Its names may lie in a zone this
 * estate manages: the estate then declares no record for them, so Terraform never writes nor removes them.
 */
export interface ExternalService extends Sourced {
  readonly name: string;
  readonly owner: string;
  readonly names: readonly string[];
  /** Where it is managed. */
  readonly managedBy: string;
  readonly notes: string;
}

/** A rotation of people on call, one level of the escalation policy; its people come from a Terraform variable. */
export interface OnCallRotation {
  /** Inventory key (a slug): names the schedule's construct and the variable listing its people's emails. */
  readonly key: string;
  /** The schedule's name at PagerDuty. */
  readonly name: string;
  readonly description: string;
  /** How long one person's turn lasts, in hours. */
  readonly turnLengthHours: number;
  /** When the rotation began (RFC 3339, UTC, whole seconds): turns are counted from it. */
  readonly startsAt: string;
  /** Minutes an unacknowledged incident stays at this level before it escalates to the next. */
  readonly escalateAfterMinutes: number;
  readonly source: Source;
}

/** PagerDuty: who is paged, in which order, for the services the estate monitors. */
export interface OnCall {
  /** The PagerDuty team that owns the schedules, the policy and the services. */
  readonly team: string;
  /** PagerDuty's time zone name for the schedules (PagerDuty's own list: `Etc/UTC`, not `UTC`). */
  readonly timeZone: string;
  /** The escalation policy's name at PagerDuty. */
  readonly escalationPolicy: string;
  /** The rotations in escalation order: the first is paged first, the next when it does not acknowledge. */
  readonly rotations: readonly OnCallRotation[];
  /** Times PagerDuty runs through every level again when nobody acknowledges. */
  readonly policyRepeats: number;
  /** Seconds after an acknowledgement at which an unresolved incident pages again. */
  readonly acknowledgementTimeoutSeconds: number;
  /** Seconds after which PagerDuty resolves an incident nobody resolved. */
  readonly autoResolveTimeoutSeconds: number;
  readonly source: Source;
}

/** Pingdom: how every public HTTPS name is checked from outside. */
export interface UptimeChecking {
  /** Minutes between checks: Pingdom takes 1, 5, 15, 30 or 60. */
  readonly intervalMinutes: 1 | 5 | 15 | 30 | 60;
  /** Failed checks in a row before Pingdom alerts. */
  readonly alertAfterFailures: number;
  /** Days before the certificate expires at which the check counts as down. */
  readonly certificateWarningDays: number;
  readonly source: Source;
}

/** Datadog: what the agents on the droplets report, and when that pages someone. */
export interface MetricMonitoring extends Sourced {
  /** The Datadog site of the PSF's organization (`datadoghq.com`, `datadoghq.eu`). */
  readonly site: DatadogSite;
  /** The host tag the agent gives each host's metrics for its Salt role: `<roleTag>:<role>`. */
  readonly roleTag: string;
  /** Minutes without a report from a host's agent before its role's monitor alerts. */
  readonly silentAfterMinutes: number;
  /** Fraction of a disk in use (0-1) that warns, and that pages. */
  readonly diskInUseWarning: number;
  readonly diskInUseCritical: number;
  /** The tag the agent's PostgreSQL check gives the managed cluster's metrics: `<databaseTag>:<cluster name>`. */
  readonly databaseTag: string;
}

/** The domain registrar: every zone's domain is registered there, and its delegation and DNSSEC key published. */
export interface Registrar {
  readonly name: string;
  readonly source: Source;
}

/** The A and AAAA records of every host's own name, `<name>.<datacenter>.<host zone>`, which the DNS stack writes. */
export interface HostRecords extends Sourced {
  readonly ttlSeconds: number;
  /** A configuration that writes the same records today and must stop, so that the DNS stack is their one writer. */
  readonly retiringWriter: { readonly name: string; readonly where: Source; readonly until: string };
}

/** A certificate authority of the PSF's own, whose certificate is public: Fastly checks origins and log servers against it. */
export interface CertificateAuthority extends Sourced {
  /** Its common name. */
  readonly name: string;
  /** The CA certificate, PEM. */
  readonly pem: string;
  /** The last day (YYYY-MM-DD, UTC) the certificate is valid. */
  readonly notAfter: string;
}

/**
 * Consul, the estate's service discovery: the datacenters where it runs (its servers are the consul role's hosts,
 * every host there runs its agent) and the ports agents and servers talk on.
 */
export interface ServiceDiscovery extends Sourced {
  /** The datacenters whose hosts run Consul. */
  readonly datacenters: readonly string[];
  /** Ports every host of those datacenters opens to its datacenter's private network. */
  readonly ports: readonly PortRange[];
}

/** Sources of the inventory's single values, which are not items of a list. */
export interface EstateFactSources {
  readonly hostZone: Source;
  readonly commonWorldPorts: Source;
  readonly loadBalancerRole: Source;
  readonly infrastructureOwner: Source;
}

/** Every fact of the estate, as written in the inventory files. */
export interface EstateInventory {
  readonly datacenters: readonly Datacenter[];
  readonly owners: readonly Owner[];
  /** Ports every host opens, whatever its role. */
  readonly commonWorldPorts: readonly PortRange[];
  /** Policy rules every role is excused from because of the common ports. @default none */
  readonly commonPortsPolicyExceptions?: readonly PolicyException[];
  /** Consul: where it runs, and the ports its hosts open to their datacenter's private network. */
  readonly serviceDiscovery: ServiceDiscovery;
  readonly roles: readonly Role[];
  readonly hosts: readonly Host[];
  readonly externalHosts: readonly ExternalHost[];
  /** The zone that carries every host's name, `<name>.<dc>.<hostZone>`. */
  readonly hostZone: string;
  readonly zones: readonly Zone[];
  /** Zones whose records are kept elsewhere, in which some of the estate's names lie. */
  readonly externalZones: readonly ExternalZone[];
  readonly caa: CaaPolicy;
  readonly fastlyEdge: FastlyEdge;
  readonly services: readonly PublicService[];
  readonly staticSites: readonly StaticSite[];
  /** The state bucket for the S3 backend. @default none: no `state` stack (Terraform Cloud or another store keeps the state) */
  readonly stateStore?: StateStore;
  readonly databaseCluster: DatabaseCluster;
  readonly heroku: HerokuEstate;
  readonly fastlyServices: readonly FastlyServiceSpec[];
  readonly externalServices: readonly ExternalService[];
  readonly onCall: OnCall;
  readonly uptimeChecking: UptimeChecking;
  readonly metricMonitoring: MetricMonitoring;
  readonly registrar: Registrar;
  readonly hostRecords: HostRecords;
  /** The PSF's own CA, which signs the load balancers' and cdn-logs' certificates. */
  readonly psfCa: CertificateAuthority;
  /** Where the estate-wide facts below and above come from: the host zone, the common ports, the roles named here. */
  readonly factSources: EstateFactSources;
  /** The role whose hosts run HAProxy: load-balanced names point at them. */
  readonly loadBalancerRole: string;
  /** Owner of the estate-wide resources: zones, networks, the delegation set. */
  readonly infrastructureOwner: string;
}
