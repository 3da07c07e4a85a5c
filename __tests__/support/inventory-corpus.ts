/*
 * A corpus of bad inventories: each a small edit of an inventory (the PSF's own, or one a README recipe changed), each
 * rejected with exactly one problem that names the item and the field, as `<item> field "<field>": <problem>`; and the
 * inventories only the policy refuses, when synthesis ends. inventory-corpus.test.ts holds the committed inventory to
 * them, estate-recipes.test.ts each recipe's.
 */
import { InventoryError, loadEstate, PSF_INVENTORY } from "../../inventory";
import { estateFacts } from "../../inventory/estate-facts";
import type { EstateInventory } from "../../inventory";
import { enforcePolicy, PolicyError, type Configuration } from "../../policy";
import { synthEstate, type SynthesizedEstate } from "./synth-estate";
import { defined } from "./defined";

// An edit works on a plain copy of the inventory, loosely typed: a bad inventory is exactly what the types forbid.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the corpus's 200-odd edits write what the inventory's types forbid (a string for a number, a deleted required field) by path; `unknown` would need a cast at every step
export type Loose = any;

export interface BadInput {
  /** What the edit does. */
  readonly name: string;
  readonly edit: (inventory: Loose) => void;
  /** The item and field the one problem must name. */
  readonly item: string;
  readonly field: string;
  /** What it must say after the item and field. */
  readonly problem: RegExp;
}

const byKey = (list: Loose[], key: string, value: string): Loose => {
  const found = list.find((entry: Loose) => entry[key] === value);
  if (found === undefined) throw new Error(`the corpus expects ${key} "${value}" in the inventory`);
  return found;
};
const host = (inv: Loose, name: string): Loose => byKey(inv.hosts, "name", name);
const role = (inv: Loose, name: string): Loose => byKey(inv.roles, "name", name);
const zone = (inv: Loose, name: string): Loose => byKey(inv.zones, "name", name);
const service = (inv: Loose, key: string): Loose => byKey(inv.services, "key", key);
const app = (inv: Loose, name: string): Loose => byKey(inv.heroku.apps, "name", name);
const fastly = (inv: Loose, name: string): Loose => byKey(inv.fastlyServices, "name", name);
const dc = (inv: Loose, key: string): Loose => byKey(inv.datacenters, "key", key);
const database = (inv: Loose, name: string): Loose => byKey(inv.databaseCluster.databases, "name", name);
const backend = (inv: Loose, service: string, name: string): Loose => byKey(fastly(inv, service).backends, "name", name);
/** The day `days` after `day` (YYYY-MM-DD). */
const daysAfter = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
/** A policy exception of the inventory's own with one change, written beside zone pypy.org, which has none. */
const zoneException = (inv: Loose, change: Record<string, unknown>): void => {
  zone(inv, "pypy.org").policyExceptions = [{ ...role(inv, "mail").policyExceptions[0], ...change }];
};

export const CORPUS: readonly BadInput[] = [
  // Types: a value of the wrong type, a missing field, an unknown field, a value outside its set.
  {
    name: "a boolean written as a string",
    edit: (i) => {
      host(i, "bugs").holdsData = "no";
    },
    item: 'host "bugs.nyc1"',
    field: "holdsData",
    problem: /^is "no", a string, where true or false is wanted$/,
  },
  {
    name: "a host without its size",
    edit: (i) => {
      delete host(i, "docs").size;
    },
    item: 'host "docs.nyc1"',
    field: "size",
    problem: /^is missing \(a string\)$/,
  },
  {
    name: "a size written as a number",
    edit: (i) => {
      host(i, "hg").size = 4;
    },
    item: 'host "hg.nyc1"',
    field: "size",
    problem: /^is 4, a number, where a string is wanted$/,
  },
  {
    name: "a volume size written as a string",
    edit: (i) => {
      host(i, "backup").volume.sizeGiB = "1000";
    },
    item: 'host "backup.sfo1"',
    field: "volume.sizeGiB",
    problem: /"1000", a string, where a number is wanted/,
  },
  {
    name: "a zone's TTL written as a string",
    edit: (i) => {
      zone(i, "pypy.org").defaultTtl = "300";
    },
    item: 'zone "pypy.org"',
    field: "defaultTtl",
    problem: /"300", a string, where a number is wanted/,
  },
  {
    name: "a port list that is not a list",
    edit: (i) => {
      role(i, "buildbot").worldPorts = { protocol: "tcp", from: 9020, to: 9020, service: "workers" };
    },
    item: 'role "buildbot"',
    field: "worldPorts",
    problem: /^is an object, where a list is wanted$/,
  },
  {
    name: "a datacenter without its region",
    edit: (i) => {
      delete dc(i, "ams1").region;
    },
    item: 'datacenter "ams1"',
    field: "region",
    problem: /^is missing/,
  },
  {
    name: "a misspelt host field",
    edit: (i) => {
      const h = host(i, "bugs");
      h.sise = h.size;
    },
    item: 'host "bugs.nyc1"',
    field: "sise",
    problem: /not a field the inventory knows/,
  },
  {
    name: "an unknown zone field",
    edit: (i) => {
      zone(i, "jython.org").ttl = 300;
    },
    item: 'zone "jython.org"',
    field: "ttl",
    problem: /not a field the inventory knows/,
  },
  {
    name: "an unknown top-level field",
    edit: (i) => {
      i.hostZones = ["psf.io"];
    },
    item: "estate",
    field: "hostZones",
    problem: /not a field the inventory knows/,
  },
  {
    name: "an image nobody builds from",
    edit: (i) => {
      host(i, "mail").image = "ubuntu-18-04-x64";
    },
    item: 'host "mail.ams1"',
    field: "image",
    problem: /^"ubuntu-18-04-x64" is not one of "ubuntu-14-04-x64", /,
  },
  {
    name: "an origin of an unknown kind",
    edit: (i) => {
      service(i, "bugs").origin = { kind: "cdn", backendRole: "bugs" };
    },
    item: 'service "bugs"',
    field: "origin.kind",
    problem: /^"cdn" is not one of "load-balancer", /,
  },
  {
    name: "an origin without its role",
    edit: (i) => {
      service(i, "bugs").origin = { kind: "load-balancer" };
    },
    item: 'service "bugs"',
    field: "origin.backendRole",
    problem: /^is missing/,
  },
  {
    name: "a Heroku region that does not exist",
    edit: (i) => {
      app(i, "bedevere").region = "asia";
    },
    item: 'heroku app "bedevere"',
    field: "region",
    problem: /^"asia" is not one of "us", "eu"$/,
  },
  {
    name: "half a dyno",
    edit: (i) => {
      app(i, "pycon-us").formation[0].quantity = 1.5;
    },
    item: 'heroku app "pycon-us"',
    field: "formation.web.quantity",
    problem: /^1.5 is not a whole number of dynos$/,
  },
  {
    name: "a cluster administered by a role with no host there",
    edit: (i) => {
      i.databaseCluster.administeredByRole = "pythontest";
    },
    item: 'database cluster "pg-nyc1-psf-io"',
    field: "administeredByRole",
    problem: /^role "pythontest" has no host in nyc1$/,
  },
  {
    name: "a connection pool port out of range",
    edit: (i) => {
      i.databaseCluster.connectionPool.port = 250610;
    },
    item: 'database cluster "pg-nyc1-psf-io"',
    field: "connectionPool.port",
    problem: /^port 250610 is outside 1-65535$/,
  },
  {
    name: "a database port written as a string",
    edit: (i) => {
      i.databaseCluster.port = "25060";
    },
    item: 'database cluster "pg-nyc1-psf-io"',
    field: "port",
    problem: /where a number is wanted/,
  },
  {
    name: "a database cluster of no node",
    edit: (i) => {
      i.databaseCluster.nodeCount = 0;
    },
    item: 'database cluster "pg-nyc1-psf-io"',
    field: "nodeCount",
    problem: /^0 is not a node count DigitalOcean runs/,
  },
  {
    name: "a database cluster of four nodes",
    edit: (i) => {
      i.databaseCluster.nodeCount = 4;
    },
    item: 'database cluster "pg-nyc1-psf-io"',
    field: "nodeCount",
    problem: /^4 is not a node count/,
  },
  {
    name: "a database cluster without its node count",
    edit: (i) => {
      delete i.databaseCluster.nodeCount;
    },
    item: 'database cluster "pg-nyc1-psf-io"',
    field: "nodeCount",
    problem: /^is missing \(a number\)$/,
  },
  {
    name: "a database engine the cluster does not run",
    edit: (i) => {
      i.databaseCluster.engine = "mysql";
    },
    item: 'database cluster "pg-nyc1-psf-io"',
    field: "engine",
    problem: /^"mysql" is not "pg"$/,
  },
  {
    name: "a database with an empty role",
    edit: (i) => {
      database(i, "buildbot-master").usedByRole = "";
    },
    item: 'database "buildbot-master"',
    field: "usedByRole",
    problem: /^is empty$/,
  },

  // Unknown references.
  {
    name: "a host in an unknown datacenter",
    edit: (i) => {
      host(i, "bugs").datacenter = "nyc2";
    },
    item: 'host "bugs.nyc2"',
    field: "datacenter",
    problem: /^unknown datacenter "nyc2" \(known: "ams1", "nyc1", "sfo1", "nyc3"\)$/,
  },
  {
    name: "a host of an unknown role",
    edit: (i) => {
      host(i, "docs").role = "documentation";
    },
    item: 'host "docs.nyc1"',
    field: "role",
    problem: /^unknown role "documentation"/,
  },
  {
    name: "a host of an unknown owner",
    edit: (i) => {
      host(i, "planet").owner = "planeteers";
    },
    item: 'host "planet.nyc1"',
    field: "owner",
    problem: /^unknown owner "planeteers"/,
  },
  {
    name: "a service of an unknown owner",
    edit: (i) => {
      service(i, "wiki").owner = "wikipedians";
    },
    item: 'service "wiki"',
    field: "owner",
    problem: /^unknown owner "wikipedians"/,
  },
  {
    name: "an external host of an unknown owner",
    edit: (i) => {
      i.externalHosts[0].owner = "osuosl";
    },
    item: 'external host "speed-python.osuosl.org"',
    field: "owner",
    problem: /^unknown owner "osuosl"/,
  },
  {
    name: "a database cluster in an unknown datacenter",
    edit: (i) => {
      i.databaseCluster.datacenter = "fra1";
    },
    item: 'database cluster "pg-nyc1-psf-io"',
    field: "datacenter",
    problem: /^unknown datacenter "fra1"/,
  },
  {
    name: "a service on an unknown Heroku app",
    edit: (i) => {
      service(i, "us-pycon-org").origin.app = "pycon-usa";
    },
    item: 'service "us-pycon-org"',
    field: "origin.app",
    problem: /^unknown Heroku app "pycon-usa"/,
  },
  {
    name: "a service on an unknown static site",
    edit: (i) => {
      service(i, "www-jython-org").origin = { kind: "s3-website", site: "jython.org" };
      i.fastlyServices = i.fastlyServices.filter((f: Loose) => f.name !== "www.jython.org");
    },
    item: 'service "www-jython-org"',
    field: "origin.site",
    problem: /^unknown static site "jython.org"/,
  },
  {
    name: "a Fastly backend on an unknown static site",
    edit: (i) => {
      backend(i, "www.jython.org", "website").origin.site = "jython.org";
    },
    item: 'fastly service "www.jython.org"',
    field: "backends.website.origin.site",
    problem: /^unknown static site "jython.org"/,
  },
  {
    name: "an S3 website backend with a certificate name",
    edit: (i) => {
      backend(i, "www.jython.org", "website").sslCertHostname = "www.jython.org";
    },
    item: 'fastly service "www.jython.org"',
    field: "backends.website.sslCertHostname",
    problem: /serves HTTP only: there is no certificate$/,
  },
  {
    name: "an S3 website backend on port 443",
    edit: (i) => {
      backend(i, "www.jython.org", "website").port = 443;
    },
    item: 'fastly service "www.jython.org"',
    field: "backends.website.port",
    problem: /serves HTTP on port 80 only$/,
  },
  {
    name: "a TLS backend without its certificate's name",
    edit: (i) => {
      delete backend(i, "www.python.org", "app").sslSniHostname;
    },
    item: 'fastly service "www.python.org"',
    field: "backends.app.sslSniHostname",
    problem: /^is missing: the origin is reached over TLS/,
  },
  {
    name: "a load-balancer role without hosts",
    edit: (i) => {
      i.loadBalancerRole = "haproxy";
    },
    item: "estate",
    field: "loadBalancerRole",
    problem: /^role "haproxy" has no host$/,
  },
  {
    name: "an unknown infrastructure owner",
    edit: (i) => {
      i.infrastructureOwner = "sysadmins";
    },
    item: "estate",
    field: "infrastructureOwner",
    problem: /^unknown owner "sysadmins" \(known: "infrastructure-staff", /,
  },
  {
    name: "a host zone that is not managed",
    edit: (i) => {
      i.hostZone = "psf.org";
    },
    item: "estate",
    field: "hostZone",
    problem: /^"psf.org" is not a managed zone$/,
  },
  {
    name: "a syslog stream to an unknown host",
    edit: (i) => {
      fastly(i, "www.python.org").syslogLogging.host = "cdn-logs.nyc2";
    },
    item: 'fastly service "www.python.org"',
    field: "syslogLogging.host",
    problem: /^unknown host "cdn-logs.nyc2"$/,
  },
  {
    name: "a syslog stream to a host that opens no port to Fastly",
    edit: (i) => {
      fastly(i, "docs.python.org").syslogLogging.host = "docs.nyc1";
    },
    item: 'fastly service "docs.python.org"',
    field: "syslogLogging.host",
    problem: /opens no port to Fastly/,
  },
  {
    name: "a Fastly backend on an unknown Heroku app",
    edit: (i) => {
      backend(i, "www.python.org", "app").origin.app = "pydotorg";
    },
    item: 'fastly service "www.python.org"',
    field: "backends.app.origin.app",
    problem: /^unknown Heroku app "pydotorg"$/,
  },
  {
    name: "a Fastly backend on a domain the app does not serve",
    edit: (i) => {
      backend(i, "www.python.org", "app").origin.customDomain = "staging.python.org";
    },
    item: 'fastly service "www.python.org"',
    field: "backends.app.origin.customDomain",
    problem: /is not a custom domain of the Heroku app "pythondotorg"/,
  },
  {
    name: "a Fastly backend on a role absent from its datacenter",
    edit: (i) => {
      backend(i, "www.python.org", "loadbalancer").origin = { kind: "role", role: "loadbalancer", datacenter: "ams1" };
    },
    item: 'fastly service "www.python.org"',
    field: "backends.loadbalancer.origin",
    problem: /^role "loadbalancer" has no host in ams1$/,
  },
  {
    name: "a database used by a role with no host in its datacenter",
    edit: (i) => {
      database(i, "codespeed-pypy").usedByRole = "mail";
    },
    item: 'database "codespeed-pypy"',
    field: "usedByRole",
    problem: /^role "mail" has no host in nyc1$/,
  },
  {
    name: "a name answered by a role without hosts",
    edit: (i) => {
      service(i, "mail").origin.role = "postfix";
    },
    item: 'service "mail"',
    field: "origin.role",
    problem: /^role "postfix" has no host$/,
  },

  // Duplicates.
  {
    name: "a host listed twice",
    edit: (i) => {
      i.hosts.push({ ...host(i, "bugs") });
    },
    item: 'host "bugs.nyc1"',
    field: "name",
    problem: /^duplicate host "bugs.nyc1"$/,
  },
  {
    name: "a datacenter listed twice",
    edit: (i) => {
      i.datacenters.push({ ...dc(i, "ams1"), privateRange: "10.140.0.0/16" });
    },
    item: 'datacenter "ams1"',
    field: "name",
    problem: /^duplicate datacenter "ams1"$/,
  },
  {
    name: "an owner listed twice",
    edit: (i) => {
      i.owners.push({ ...i.owners[1] });
    },
    item: 'owner "python-dev"',
    field: "name",
    problem: /^duplicate owner "python-dev"$/,
  },
  {
    name: "a role listed twice",
    edit: (i) => {
      i.roles.push({ ...role(i, "docs") });
    },
    item: 'role "docs"',
    field: "name",
    problem: /^duplicate role "docs"$/,
  },
  {
    name: "two services with one key",
    edit: (i) => {
      service(i, "hg").key = "bugs";
    },
    item: 'service "bugs"',
    field: "name",
    problem: /^duplicate service "bugs"$/,
  },
  // A copy without what only one app may have (its names, a pipeline's production stage), so the name is the one problem.
  {
    name: "two Heroku apps with one name",
    edit: (i) => {
      const copy = { ...app(i, "bedevere") };
      delete copy.customDomains;
      delete copy.pipeline;
      i.heroku.apps.push(copy);
    },
    item: 'heroku app "bedevere"',
    field: "name",
    problem: /^duplicate Heroku app "bedevere"$/,
  },
  {
    name: "a database listed twice",
    edit: (i) => {
      database(i, "codespeed-pypy").name = "codespeed-cpython";
    },
    item: 'database "codespeed-cpython"',
    field: "name",
    problem: /^duplicate database "codespeed-cpython"$/,
  },
  {
    name: "a static site listed twice",
    edit: (i) => {
      i.staticSites.push({ ...i.staticSites[0] });
    },
    item: 'static site "www.jython.org"',
    field: "name",
    problem: /^duplicate static site "www.jython.org"$/,
  },
  {
    name: "a name listed twice in a service",
    edit: (i) => {
      service(i, "bugs").names.push("bugs.python.org");
    },
    item: 'service "bugs"',
    field: "names[3]",
    problem: /^name "bugs.python.org" is listed twice$/,
  },
  {
    name: "a domain listed twice in a Fastly service",
    edit: (i) => {
      fastly(i, "docs.python.org").domains.push("docs.python.org");
    },
    item: 'fastly service "docs.python.org"',
    field: "domains[2]",
    problem: /^domain "docs.python.org" is listed twice$/,
  },
  {
    name: "a process type listed twice",
    edit: (i) => {
      app(i, "miss-islington").formation[1].type = "web";
    },
    item: 'heroku app "miss-islington"',
    field: "formation.web",
    problem: /^process type "web" is listed twice$/,
  },
  {
    name: "two add-ons of one service",
    edit: (i) => {
      app(i, "pythondotorg").addons.push({ plan: "heroku-redis:premium-1" });
    },
    item: 'heroku app "pythondotorg"',
    field: "addons[2]",
    problem: /^add-on service "heroku-redis" is listed twice$/,
  },
  {
    name: "a custom domain of two apps",
    edit: (i) => {
      app(i, "pycon-us").customDomains.push("staging.python.org");
    },
    item: 'heroku app "pycon-us"',
    field: "customDomains",
    problem: /^"staging.python.org" is already served by the Heroku app "pythondotorg-staging"$/,
  },
  {
    name: "a hand-written record that a service makes too",
    edit: (i) => {
      zone(i, "python.org").records.push({ name: "bugs.python.org", type: "A", values: ["192.0.2.1"] });
    },
    item: 'record A "bugs.python.org" (from zone "python.org" record A "bugs.python.org")',
    field: "name",
    problem: /^duplicate record: A "bugs.python.org" is also made by service "bugs"$/,
  },
  {
    name: "a hand-written record written twice",
    edit: (i) => {
      const z = zone(i, "python.org");
      z.records.push({ ...z.records[0] });
    },
    item: 'zone "python.org"',
    field: "records[1]",
    problem: /^record "MX python.org" is listed twice$/,
  },
  {
    name: "two production apps in one pipeline",
    edit: (i) => {
      app(i, "pythondotorg-staging").pipeline.stage = "production";
    },
    item: 'heroku app "pythondotorg-staging"',
    field: "pipeline.stage",
    problem: /^the pipeline "pythondotorg" has a production app already, "pythondotorg"$/,
  },

  // CIDR ranges.
  {
    name: "a public range as a private network",
    edit: (i) => {
      dc(i, "ams1").privateRange = "8.8.0.0/16";
    },
    item: 'datacenter "ams1"',
    field: "privateRange",
    problem: /^"8.8.0.0\/16" is not a private range \(RFC 1918/,
  },
  {
    name: "a range just outside 172.16.0.0/12",
    edit: (i) => {
      dc(i, "ams1").privateRange = "172.15.0.0/16";
    },
    item: 'datacenter "ams1"',
    field: "privateRange",
    problem: /is not a private range/,
  },
  {
    name: "a range wider than its private block",
    edit: (i) => {
      dc(i, "ams1").privateRange = "172.0.0.0/8";
    },
    item: 'datacenter "ams1"',
    field: "privateRange",
    problem: /is not a private range/,
  },
  {
    name: "a range with host bits set",
    edit: (i) => {
      dc(i, "ams1").privateRange = "10.133.0.1/16";
    },
    item: 'datacenter "ams1"',
    field: "privateRange",
    problem: /^"10.133.0.1\/16" has host bits set: the range is 10.133.0.0\/16$/,
  },
  {
    name: "a private network of a whole /8",
    edit: (i) => {
      dc(i, "sfo1").privateRange = "10.0.0.0/8";
    },
    item: 'datacenter "sfo1"',
    field: "privateRange",
    problem: /^"10.0.0.0\/8" is a \/8: a datacenter's private network is a \/16 to a \/24/,
  },
  {
    name: "a private network of a /28",
    edit: (i) => {
      dc(i, "sfo1").privateRange = "10.138.0.0/28";
    },
    item: 'datacenter "sfo1"',
    field: "privateRange",
    problem: /is a \/28/,
  },
  {
    name: "an address without a prefix",
    edit: (i) => {
      dc(i, "sfo1").privateRange = "10.138.0.0";
    },
    item: 'datacenter "sfo1"',
    field: "privateRange",
    problem: /^"10.138.0.0" is not an IPv4 CIDR range$/,
  },
  {
    name: "a prefix longer than 32",
    edit: (i) => {
      dc(i, "sfo1").privateRange = "10.138.0.0/33";
    },
    item: 'datacenter "sfo1"',
    field: "privateRange",
    problem: /is not an IPv4 CIDR range/,
  },
  {
    name: "two datacenters on overlapping ranges",
    edit: (i) => {
      dc(i, "sfo1").privateRange = "10.132.16.0/20";
    },
    item: 'datacenter "sfo1"',
    field: "privateRange",
    problem: /^"10.132.16.0\/20" overlaps the private network of datacenter "nyc1" \(10.132.0.0\/16\)$/,
  },

  // Ports.
  {
    name: "port 0",
    edit: (i) => {
      role(i, "docs").internalPorts[0].from = 0;
    },
    item: 'role "docs"',
    field: "internalPorts[0]",
    problem: /^port 0 \(tcp "web"\) is outside 1-65535$/,
  },
  {
    name: "port 90000",
    edit: (i) => {
      const p = role(i, "docs").internalPorts[0];
      p.from = 90000;
      p.to = 90000;
    },
    item: 'role "docs"',
    field: "internalPorts[0]",
    problem: /^port 90000 \(tcp "web"\) is outside 1-65535$/,
  },
  {
    name: "a reversed port range",
    edit: (i) => {
      const p = role(i, "hg").internalPorts[0];
      [p.from, p.to] = [p.to, p.from];
    },
    item: 'role "hg"',
    field: "internalPorts[0]",
    problem: /^port range 9002-9000 \(tcp "hg, svn, legacy"\) is reversed$/,
  },
  {
    name: "a fractional port",
    edit: (i) => {
      const p = role(i, "buildbot").worldPorts[0];
      p.from = 9020.5;
      p.to = 9020.5;
    },
    item: 'role "buildbot"',
    field: "worldPorts[0]",
    problem: /^port 9020.5 .* is outside 1-65535$/,
  },
  {
    name: "a protocol a firewall cannot name",
    edit: (i) => {
      role(i, "planet").internalPorts[0].protocol = "icmp";
    },
    item: 'role "planet"',
    field: "internalPorts[0].protocol",
    problem: /^"icmp" is not one of "tcp", "udp"$/,
  },
  {
    name: "a common port out of range",
    edit: (i) => {
      i.commonWorldPorts[0].to = 65536;
    },
    item: "every host",
    field: "commonWorldPorts[0]",
    problem: /^port 65536 \(tcp "ssh"\) is outside 1-65535$/,
  },
  {
    name: "a port nobody listens on",
    edit: (i) => {
      role(i, "docs").internalPorts[0].service = "";
    },
    item: 'role "docs"',
    field: "internalPorts[0].service",
    problem: /^is empty$/,
  },
  {
    name: "a database port of 0",
    edit: (i) => {
      i.databaseCluster.port = 0;
    },
    item: 'database cluster "pg-nyc1-psf-io"',
    field: "port",
    problem: /^port 0 is outside 1-65535$/,
  },
  {
    name: "a Fastly backend port out of range",
    edit: (i) => {
      backend(i, "www.python.org", "app").port = 70000;
    },
    item: 'fastly service "www.python.org"',
    field: "backends.app.port",
    problem: /^port 70000 is outside 1-65535$/,
  },
  {
    name: "a Fastly backend port its role keeps shut",
    edit: (i) => {
      backend(i, "docs.python.org", "loadbalancer").port = 9000;
    },
    item: 'fastly service "docs.python.org"',
    field: "backends.loadbalancer.port",
    problem: /^port 9000 is open neither to Fastly nor to the world on role "loadbalancer"/,
  },

  // Names: trimmed, not empty, slugs where they become tags and droplet names.
  {
    name: "a host name with a leading space",
    edit: (i) => {
      host(i, "bugs").name = " bugs";
    },
    item: 'host " bugs.nyc1"',
    field: "name",
    problem: /^" bugs" has spaces at either end$/,
  },
  {
    name: "an empty host name",
    edit: (i) => {
      host(i, "bugs").name = "";
    },
    item: "host at hosts[1]",
    field: "name",
    problem: /^is empty$/,
  },
  {
    name: "a host name in capitals",
    edit: (i) => {
      host(i, "bugs").name = "Bugs";
    },
    item: 'host "Bugs.nyc1"',
    field: "name",
    problem: /^"Bugs" must be lowercase letters and digits/,
  },
  {
    name: "a role name with an underscore",
    edit: (i) => {
      role(i, "docs").name = "docs_web";
    },
    item: 'role "docs_web"',
    field: "name",
    problem: /must be lowercase letters and digits/,
  },
  {
    name: "an owner key with spaces",
    edit: (i) => {
      i.owners[0].key = "infra staff";
    },
    item: 'owner "infra staff"',
    field: "key",
    problem: /must be lowercase letters and digits/,
  },
  {
    name: "an owner to contact nowhere",
    edit: (i) => {
      i.owners[2].contact = "   ";
    },
    item: 'owner "buildbot"',
    field: "contact",
    problem: /^is empty$/,
  },
  {
    name: "an empty host owner",
    edit: (i) => {
      host(i, "planet").owner = " ";
    },
    item: 'host "planet.nyc1"',
    field: "owner",
    problem: /^is empty: every item needs someone who answers for it$/,
  },
  {
    name: "a region in capitals",
    edit: (i) => {
      dc(i, "nyc1").region = "NYC3";
    },
    item: 'datacenter "nyc1"',
    field: "region",
    problem: /^"NYC3" is not a region DigitalOcean offers: ams1, /,
  },
  {
    name: "a zone without a purpose",
    edit: (i) => {
      zone(i, "pycon.org").purpose = "";
    },
    item: 'zone "pycon.org"',
    field: "purpose",
    problem: /^is empty$/,
  },
  {
    name: "a description with a trailing space",
    edit: (i) => {
      service(i, "hg").description = "Version control archives ";
    },
    item: 'service "hg"',
    field: "description",
    problem: /has spaces at either end/,
  },
  {
    name: "a Heroku app name Heroku refuses",
    edit: (i) => {
      app(i, "blurb-it").name = "Blurb_It";
    },
    item: 'heroku app "Blurb_It"',
    field: "name",
    problem: /is not a name Heroku accepts/,
  },
  {
    name: "a bucket name S3 refuses",
    edit: (i) => {
      i.staticSites[0].bucket = "WWW.jython.org";
    },
    item: 'static site "WWW.jython.org"',
    field: "bucket",
    problem: /is not a valid S3 bucket name/,
  },
  {
    name: "a volume name DigitalOcean refuses",
    edit: (i) => {
      host(i, "backup").volume.name = "Backup";
    },
    item: 'host "backup.sfo1"',
    field: "volume.name",
    problem: /is not a DigitalOcean volume name/,
  },
  {
    name: "a size that is not a slug",
    edit: (i) => {
      host(i, "wiki").size = "s 2vcpu 4gb";
    },
    item: 'host "wiki.nyc1"',
    field: "size",
    problem: /^"s 2vcpu 4gb" is not a droplet size DigitalOcean offers \(DIGITALOCEAN_DROPLET_SIZES in provider-schemas\/facts\/digitalocean.ts/,
  },
  {
    name: "a database name with a capital",
    edit: (i) => {
      database(i, "roundup-jython").name = "Roundup-jython";
    },
    item: 'database "Roundup-jython"',
    field: "name",
    problem: /is not a database name/,
  },
  {
    name: "a PostgreSQL version with a minor",
    edit: (i) => {
      i.databaseCluster.version = "16.1";
    },
    item: 'database cluster "pg-nyc1-psf-io"',
    field: "version",
    problem: /is not a PostgreSQL major version/,
  },

  // Zones and records.
  {
    name: "a zone name in capitals",
    edit: (i) => {
      zone(i, "pycon.org").name = "PyCon.org";
    },
    item: 'zone "PyCon.org"',
    field: "name",
    problem: /is not a fully qualified domain name/,
  },
  {
    name: "an SPF policy that is not one",
    edit: (i) => {
      zone(i, "pypy.org").spf = "spf1 -all";
    },
    item: 'zone "pypy.org"',
    field: "spf",
    problem: /^"spf1 -all" is not an SPF policy/,
  },
  {
    name: "a second SPF policy among the apex TXT values",
    edit: (i) => {
      zone(i, "pypy.org").txt = ["v=spf1 include:_spf.google.com ~all"];
    },
    item: 'zone "pypy.org"',
    field: "txt[0]",
    problem: /is an SPF policy: the zone has one, its spf field$/,
  },
  {
    name: "an apex TXT value written twice",
    edit: (i) => {
      zone(i, "pypy.org").txt = ["google-site-verification=abc", "google-site-verification=abc"];
    },
    item: 'zone "pypy.org"',
    field: "txt[1]",
    problem: /^TXT value "google-site-verification=abc" is listed twice$/,
  },
  {
    name: "an apex TXT record written by hand",
    edit: (i) => {
      zone(i, "pypy.org").records = [{ name: "pypy.org", type: "TXT", values: ["google-site-verification=abc"] }];
    },
    item: 'zone "pypy.org"',
    field: "records[0].name",
    problem: /write its values in the zone's txt field$/,
  },
  {
    name: "a record outside its zone",
    edit: (i) => {
      zone(i, "pypy.org").records = [{ name: "www.pypy.com", type: "TXT", values: ["hello"] }];
    },
    item: 'record TXT "www.pypy.com" (from zone "pypy.org" record TXT "www.pypy.com")',
    field: "name",
    problem: /^"www.pypy.com" is outside its zone "pypy.org"$/,
  },
  {
    name: "an A record that is not an address",
    edit: (i) => {
      zone(i, "pypy.org").records = [{ name: "old.pypy.org", type: "A", values: ["192.0.2.300"] }];
    },
    item: 'zone "pypy.org"',
    field: "records[0].values[0]",
    problem: /^"192.0.2.300" is not an IPv4 address$/,
  },
  {
    name: "an AAAA record that is not an address",
    edit: (i) => {
      zone(i, "pypy.org").records = [{ name: "old.pypy.org", type: "AAAA", values: ["2001:db8::zz"] }];
    },
    item: 'zone "pypy.org"',
    field: "records[0].values[0]",
    problem: /is not an IPv6 address$/,
  },
  {
    name: "a record type Route 53 is not asked for",
    edit: (i) => {
      zone(i, "python.org").records[0].type = "SRV";
    },
    item: 'zone "python.org"',
    field: "records[0].type",
    problem: /^"SRV" is not one of "A", "AAAA", /,
  },
  {
    name: "a record without values",
    edit: (i) => {
      zone(i, "python.org").records[0].values = [];
    },
    item: 'zone "python.org"',
    field: "records[0].values",
    problem: /^is empty$/,
  },
  {
    name: "a record name with a space",
    edit: (i) => {
      zone(i, "python.org").records[0].name = "mail python.org";
    },
    item: 'zone "python.org"',
    field: "records[0].name",
    problem: /is not a record name/,
  },
  {
    name: "a CNAME beside other records",
    edit: (i) => {
      zone(i, "jython.org").records = [{ name: "wiki.jython.org", type: "CNAME", values: ["wiki.python.org"] }];
    },
    item: 'name "wiki.jython.org"',
    field: "type",
    problem: /^a CNAME cannot share its name with other records \(A, AAAA, CNAME\)$/,
  },
  {
    name: "a zone TTL of a day and more",
    edit: (i) => {
      zone(i, "pycon.org").defaultTtl = 172800;
    },
    item: 'zone "pycon.org"',
    field: "defaultTtl",
    problem: /^172800 is outside 60-86400 seconds$/,
  },
  {
    name: "a public name in no managed zone",
    edit: (i) => {
      service(i, "wiki").names.push("wiki.example.com");
    },
    item: 'service "wiki"',
    field: "names",
    problem: /^"wiki.example.com" lies in no managed zone/,
  },
  {
    name: "a CAA policy with no issuer",
    edit: (i) => {
      i.caa.issuers = [];
    },
    item: "CAA policy",
    field: "issuers",
    problem: /^is empty: no certificate authority could issue$/,
  },
  {
    name: "a Fastly apex address that is not one",
    edit: (i) => {
      i.fastlyEdge.apexIpv4[2] = "151.101.128";
    },
    item: "Fastly edge",
    field: "apexIpv4[2]",
    problem: /^"151.101.128" is not an IPv4 address$/,
  },
  {
    name: "an outside Salt source that is not an address",
    edit: (i) => {
      role(i, "salt-master").estatePortsAlsoFrom[0].address = "138.68.57";
    },
    item: 'role "salt-master"',
    field: "estatePortsAlsoFrom[0].address",
    problem: /^"138.68.57" is not an IPv4 address$/,
  },
  {
    name: "an outside source for estate ports the role does not open",
    edit: (i) => {
      role(i, "planet").estatePortsAlsoFrom = [{ address: "192.0.2.1", what: "a test host" }];
    },
    item: 'role "planet"',
    field: "estatePortsAlsoFrom",
    problem: /estatePorts is empty/,
  },
  {
    name: "Consul in a datacenter the estate does not have",
    edit: (i) => {
      i.serviceDiscovery.datacenters = ["nyc2"];
    },
    item: "service discovery",
    field: "datacenters[0]",
    problem: /^unknown datacenter "nyc2"/,
  },
  {
    name: "an external host's name with a space",
    edit: (i) => {
      i.externalHosts[1].name = "cesw gbt";
    },
    item: 'external host "cesw gbt"',
    field: "name",
    problem: /is neither a fully qualified domain name nor a host name/,
  },
  {
    name: "an external host's address that is not one",
    edit: (i) => {
      i.externalHosts[0].ipv4 = "140.211.10.300";
    },
    item: 'external host "speed-python.osuosl.org"',
    field: "ipv4",
    problem: /is not an IPv4 address$/,
  },

  // Services.
  {
    name: "a service answering to no name",
    edit: (i) => {
      service(i, "wiki").names = [];
    },
    item: 'service "wiki"',
    field: "names",
    problem: /^is empty: a service answers to at least one name$/,
  },
  {
    name: "a service TTL of 30 seconds",
    edit: (i) => {
      service(i, "planet").ttl = 30;
    },
    item: 'service "planet"',
    field: "ttl",
    problem: /^30 is outside 60-86400 seconds$/,
  },
  {
    name: "an uptime check path without its slash",
    edit: (i) => {
      service(i, "pythontest").check.path = "index.html";
    },
    item: 'service "pythontest"',
    field: "check.path",
    problem: /^"index.html" does not start with "\/"$/,
  },
  {
    name: "a name left unchecked without a reason",
    edit: (i) => {
      service(i, "pythontest-news").check.reason = " ";
    },
    item: 'service "pythontest-news"',
    field: "check.reason",
    problem: /^is empty: say why the names are not checked$/,
  },
  {
    name: "an uptime check of a kind Pingdom is not asked for",
    edit: (i) => {
      service(i, "wiki").check = { kind: "tcp", path: "/" };
    },
    item: 'service "wiki"',
    field: "check.kind",
    problem: /^"tcp" is not one of "https", /,
  },
  {
    name: "a proxied name's upstream that is no host name",
    edit: (i) => {
      service(i, "console").origin.upstream = "https://www.pythonanywhere.com";
    },
    item: 'service "console"',
    field: "origin.upstream",
    problem: /is not a fully qualified domain name/,
  },
  {
    name: "a zone kept elsewhere without its keeper",
    edit: (i) => {
      delete byKey(i.externalZones, "name", "pypa.io").managedBy;
    },
    item: 'external zone "pypa.io"',
    field: "managedBy",
    problem: /^is missing/,
  },
  {
    name: "a redirect without a scheme",
    edit: (i) => {
      service(i, "jython-org-redirect").origin.redirectTo = "www.jython.org";
    },
    item: 'service "jython-org-redirect"',
    field: "origin.redirectTo",
    problem: /is not an http\(s\) URL$/,
  },
  {
    name: "a Heroku service name the app does not answer",
    edit: (i) => {
      service(i, "us-pycon-org").origin.app = "pythondotorg";
    },
    item: 'service "us-pycon-org"',
    field: "names",
    problem: /is not a custom domain of the Heroku app "pythondotorg"/,
  },
  {
    name: "a name served here that another configuration manages",
    edit: (i) => {
      i.externalServices[0].names.push("packages.python.org");
    },
    item: 'external service "PyPI"',
    field: "names",
    problem: /^"packages.python.org" is managed by pypi\/infra/,
  },

  // Heroku.
  {
    name: "a container app with buildpacks",
    edit: (i) => {
      app(i, "bedevere").buildStack = "container";
    },
    item: 'heroku app "bedevere"',
    field: "buildpacks",
    problem: /^a container app builds from its Dockerfile/,
  },
  {
    name: "a secret-looking config var in the plain map",
    edit: (i) => {
      app(i, "bedevere").configVars = { GITHUB_TOKEN: "ghp_x" };
    },
    item: 'heroku app "bedevere"',
    field: "configVars.GITHUB_TOKEN",
    problem: /looks secret/,
  },
  {
    name: "a config var both plain and secret",
    edit: (i) => {
      app(i, "pythondotorg").sensitiveConfigVars.push("ALLOWED_HOSTS");
    },
    item: 'heroku app "pythondotorg"',
    field: "configVars.ALLOWED_HOSTS",
    problem: /^"ALLOWED_HOSTS" is also a secret config var$/,
  },
  {
    name: "a custom domain no service points at the app",
    edit: (i) => {
      app(i, "bedevere").customDomains = ["bedevere.python.org"];
    },
    item: 'heroku app "bedevere"',
    field: "customDomains",
    problem: /is the name of no service/,
  },
  {
    name: "an add-on without its plan",
    edit: (i) => {
      app(i, "miss-islington").addons[0].plan = "heroku-redis";
    },
    item: 'heroku app "miss-islington"',
    field: "addons[0].plan",
    problem: /is not an add-on plan/,
  },
  {
    name: "an add-on attachment name in lower case",
    edit: (i) => {
      app(i, "miss-islington").addons[0].attachedAs = "heroku_redis_maroon";
    },
    item: 'heroku app "miss-islington"',
    field: "addons[0].attachedAs",
    problem: /is not an attachment name Heroku takes/,
  },
  {
    name: "an empty Heroku team",
    edit: (i) => {
      i.heroku.team = "";
    },
    item: "heroku",
    field: "team",
    problem: /^is empty$/,
  },
  {
    name: "a pipeline stage Heroku has not",
    edit: (i) => {
      app(i, "pythondotorg").pipeline.stage = "prod";
    },
    item: 'heroku app "pythondotorg"',
    field: "pipeline.stage",
    problem: /^"prod" is not one of "review", /,
  },
  {
    name: "a secret config var name with a dash",
    edit: (i) => {
      app(i, "blurb-it").sensitiveConfigVars[0] = "GH-CLIENT-ID";
    },
    item: 'heroku app "blurb-it"',
    field: "sensitiveConfigVars[0]",
    problem: /is not a config var name$/,
  },

  // Fastly services as the inventory writes them.
  {
    name: "a certificate authority Fastly has not",
    edit: (i) => {
      fastly(i, "docs.python.org").certificateAuthority = "digicert";
    },
    item: 'fastly service "docs.python.org"',
    field: "certificateAuthority",
    problem: /^"digicert" is not one of "lets-encrypt", /,
  },
  {
    name: "a service without HSTS",
    edit: (i) => {
      fastly(i, "docs.python.org").hsts = [];
    },
    item: 'fastly service "docs.python.org"',
    field: "hsts",
    problem: /^is empty: every service must send Strict-Transport-Security$/,
  },
  {
    name: "a service that does not force TLS",
    edit: (i) => {
      delete fastly(i, "docs.python.org").forceTls;
    },
    item: 'fastly service "docs.python.org"',
    field: "forceTls",
    problem: /^is missing \(an object\)$/,
  },
  {
    name: "a health check path without its slash",
    edit: (i) => {
      fastly(i, "docs.python.org").healthchecks[0].path = "_haproxy_status";
    },
    item: 'fastly service "docs.python.org"',
    field: "healthchecks[0].path",
    problem: /does not start with "\/"$/,
  },
  {
    name: "a health check threshold beyond its window",
    edit: (i) => {
      fastly(i, "docs.python.org").healthchecks[0].threshold = 6;
    },
    item: 'fastly service "docs.python.org"',
    field: "healthchecks[0].threshold",
    problem: /^6 exceeds the window of 5$/,
  },
  {
    name: "an S3 log gzip level of 10",
    edit: (i) => {
      fastly(i, "www.python.org").s3Logging.gzipLevel = 10;
    },
    item: 'fastly service "www.python.org"',
    field: "s3Logging.gzipLevel",
    problem: /^10 is outside 0-9$/,
  },
  {
    name: "a condition of a type Fastly has not",
    edit: (i) => {
      byKey(fastly(i, "www.python.org").conditions, "name", "Homepage").type = "ERROR";
    },
    item: 'fastly service "www.python.org"',
    field: "conditions.Homepage.type",
    problem: /^"ERROR" is not one of "REQUEST", "RESPONSE", "CACHE"$/,
  },
  {
    name: "a misspelt backend field",
    edit: (i) => {
      backend(i, "www.python.org", "app").adress = "www.python.org";
    },
    item: 'fastly service "www.python.org"',
    field: "backends.app.adress",
    problem: /not a field the inventory knows/,
  },
  {
    name: "a backend timeout of 0",
    edit: (i) => {
      backend(i, "www.python.org", "app").connectTimeoutMs = 0;
    },
    item: 'fastly service "www.python.org"',
    field: "backends.app.connectTimeoutMs",
    problem: /^0 is not a positive whole number$/,
  },
  {
    name: "a domain whose DNS points elsewhere",
    edit: (i) => {
      fastly(i, "www.python.org").domains.push("wiki.python.org");
    },
    item: 'fastly service "www.python.org"',
    field: "domains",
    problem: /^"wiki.python.org" is not a name of a service whose origin is this Fastly service/,
  },
  {
    name: "an origin token header with a space",
    edit: (i) => {
      fastly(i, "docs.python.org").originToken.header = "Fastly Token";
    },
    item: 'fastly service "docs.python.org"',
    field: "originToken.header",
    problem: /is not an HTTP header name$/,
  },
  {
    name: "a service that logs nowhere",
    edit: (i) => {
      const f = fastly(i, "docs.python.org");
      delete f.s3Logging;
      delete f.syslogLogging;
    },
    item: 'fastly service "docs.python.org"',
    field: "s3Logging",
    problem: /^and syslogLogging are both missing/,
  },
  {
    name: "a Fastly service serving no domain",
    edit: (i) => {
      fastly(i, "docs.python.org").domains = [];
    },
    item: 'fastly service "docs.python.org"',
    field: "domains",
    problem: /^is empty: a service must serve at least one domain$/,
  },
  {
    name: "a Fastly domain in capitals",
    edit: (i) => {
      fastly(i, "docs.python.org").domains[0] = "Docs.python.org";
    },
    item: 'fastly service "docs.python.org"',
    field: "domains[0]",
    problem: /^"Docs.python.org" is not a fully qualified domain name/,
  },
  {
    name: "a Fastly service without a backend",
    edit: (i) => {
      fastly(i, "docs.python.org").backends = [];
    },
    item: 'fastly service "docs.python.org"',
    field: "backends",
    problem: /^is empty: a service needs at least one origin$/,
  },
  {
    name: "a backend without its certificate's name",
    edit: (i) => {
      backend(i, "www.python.org", "app").sslCertHostname = "";
    },
    item: 'fastly service "www.python.org"',
    field: "backends.app.sslCertHostname",
    problem: /^is empty$/,
  },
  {
    name: "a redirect to a URL with a path",
    edit: (i) => {
      fastly(i, "docs.python.org").hostRedirects = [{ name: "doc", fromHost: "doc.python.org", toOrigin: "https://docs.python.org/3/" }];
    },
    item: 'fastly service "docs.python.org"',
    field: "hostRedirects.doc.toOrigin",
    problem: /is not a scheme and host without a path$/,
  },
  {
    name: "an HSTS max-age of 0",
    edit: (i) => {
      fastly(i, "docs.python.org").hsts[0].maxAgeSeconds = 0;
    },
    item: 'fastly service "docs.python.org"',
    field: "hsts.hsts.maxAgeSeconds",
    problem: /^0 is not a positive whole number$/,
  },
  {
    name: "a condition with an empty statement",
    edit: (i) => {
      byKey(fastly(i, "www.python.org").conditions, "name", "Homepage").statement = " ";
    },
    item: 'fastly service "www.python.org"',
    field: "conditions.Homepage.statement",
    problem: /^is empty$/,
  },
  {
    name: "a health check status that is not one",
    edit: (i) => {
      fastly(i, "docs.python.org").healthchecks[0].expectedResponse = 600;
    },
    item: 'fastly service "docs.python.org"',
    field: "healthchecks[0].expectedResponse",
    problem: /^600 is not an HTTP status$/,
  },
  {
    name: "a health check's initial probes beyond its window",
    edit: (i) => {
      fastly(i, "docs.python.org").healthchecks[0].initial = 6;
    },
    item: 'fastly service "docs.python.org"',
    field: "healthchecks[0].initial",
    problem: /^6 exceeds the window of 5$/,
  },
  {
    name: "an S3 log period of 0",
    edit: (i) => {
      fastly(i, "www.python.org").s3Logging.periodSeconds = 0;
    },
    item: 'fastly service "www.python.org"',
    field: "s3Logging.periodSeconds",
    problem: /^0 is not a positive whole number$/,
  },

  // Renamed hosts.
  {
    name: "a host moved to another region",
    edit: (i) => {
      const h = host(i, "docs");
      h.previously = { datacenter: "nyc1" };
      h.datacenter = "sfo1";
    },
    item: 'host "docs.sfo1"',
    field: "previously.datacenter",
    problem: /^the host was in nyc1 \(digitalocean nyc3\): a droplet cannot change region/,
  },
  {
    name: "a host moved from a datacenter that does not exist",
    edit: (i) => {
      host(i, "docs").previously = { datacenter: "nyc2" };
    },
    item: 'host "docs.nyc1"',
    field: "previously.datacenter",
    problem: /^unknown datacenter "nyc2"/,
  },
  {
    name: "a host renamed and moved at once",
    edit: (i) => {
      host(i, "docs").previously = { name: "docs-old", datacenter: "nyc3" };
    },
    item: 'host "docs.nyc1"',
    field: "previously",
    problem: /^records both a rename and a move/,
  },
  {
    name: "a previous name that is the name",
    edit: (i) => {
      host(i, "docs").previously = { name: "docs" };
    },
    item: 'host "docs.nyc1"',
    field: "previously",
    problem: /^records no earlier name or datacenter/,
  },
  {
    name: "a previous name another host has",
    edit: (i) => {
      host(i, "docs").previously = { name: "hg" };
    },
    item: 'host "docs.nyc1"',
    field: "previously.name",
    problem: /^"hg" is the name of a host of the inventory in nyc1/,
  },
  {
    name: "a previous name two hosts claim",
    edit: (i) => {
      host(i, "docs").previously = { name: "docs-old" };
      host(i, "hg").previously = { name: "docs-old" };
    },
    item: 'host "hg.nyc1"',
    field: "previously.name",
    problem: /^"docs-old" is also the previous name of host "docs.nyc1"$/,
  },

  // On-call, monitoring and the registrar.
  {
    name: "nobody on call",
    edit: (i) => {
      i.onCall.rotations = [];
    },
    item: "on-call",
    field: "rotations",
    problem: /^is empty: somebody must be paged$/,
  },
  {
    name: "two rotations with one key",
    edit: (i) => {
      i.onCall.rotations[1].key = i.onCall.rotations[0].key;
    },
    item: 'on-call rotation "infrastructure-staff"',
    field: "key",
    problem: /^"infrastructure-staff" is the key of an earlier rotation too$/,
  },
  {
    name: "a rotation key that is not a slug",
    edit: (i) => {
      i.onCall.rotations[1].key = "Volunteers";
    },
    item: 'on-call rotation "Volunteers"',
    field: "key",
    problem: /^"Volunteers" must be lowercase letters and digits/,
  },
  {
    name: "a turn shorter than PagerDuty takes",
    edit: (i) => {
      i.onCall.rotations[0].turnLengthHours = 0;
    },
    item: 'on-call rotation "infrastructure-staff"',
    field: "turnLengthHours",
    problem: /^0 hours is outside PagerDuty's 1-8760$/,
  },
  {
    name: "a rotation start in local time",
    edit: (i) => {
      i.onCall.rotations[0].startsAt = "2026-01-05 09:00";
    },
    item: 'on-call rotation "infrastructure-staff"',
    field: "startsAt",
    problem: /^"2026-01-05 09:00" is not an instant in UTC written YYYY-MM-DDThh:mm:ssZ$/,
  },
  {
    name: "an escalation that never waits",
    edit: (i) => {
      i.onCall.rotations[1].escalateAfterMinutes = 0;
    },
    item: 'on-call rotation "volunteers"',
    field: "escalateAfterMinutes",
    problem:
      /^0 is not a whole number of minutes PagerDuty takes \(at least 1: PagerDuty\/terraform-provider-pagerduty tag v3\.32\.4 .* validation\.IntAtLeast\(1\)\)$/,
  },
  {
    name: "a time zone PagerDuty does not name so",
    edit: (i) => {
      i.onCall.timeZone = "UTC";
    },
    item: "on-call",
    field: "timeZone",
    problem: /^"UTC" is not a time zone name such as Etc\/UTC/,
  },
  {
    name: "ten repeats of the policy",
    edit: (i) => {
      i.onCall.policyRepeats = 10;
    },
    item: "on-call",
    field: "policyRepeats",
    problem: /^10 is outside PagerDuty's 0-9$/,
  },
  {
    name: "an assumed value without its reason",
    edit: (i) => {
      i.onCall.source = { kind: "assumed", reason: "" };
    },
    item: "on-call",
    field: "source.reason",
    problem: /^is empty: an assumed value says why it was assumed$/,
  },
  {
    name: "a source of an unknown kind",
    edit: (i) => {
      i.registrar.source = { kind: "hearsay" };
    },
    item: "registrar",
    field: "source.kind",
    problem: /^"hearsay" is not one of "seed", "public", "assumed"$/,
  },
  {
    name: "an uptime check every two minutes",
    edit: (i) => {
      i.uptimeChecking.intervalMinutes = 2;
    },
    item: "uptime checking",
    field: "intervalMinutes",
    problem: /2/,
  },
  {
    name: "a disk threshold in percent",
    edit: (i) => {
      i.metricMonitoring.diskInUseCritical = 90;
    },
    item: "metric monitoring",
    field: "diskInUseCritical",
    problem: /^90 is not a fraction between 0 and 1$/,
  },
  {
    name: "a disk warning after the page",
    edit: (i) => {
      i.metricMonitoring.diskInUseWarning = 0.95;
    },
    item: "metric monitoring",
    field: "diskInUseWarning",
    problem: /^0.95 is not below diskInUseCritical \(0.9\): the warning must come first$/,
  },
  {
    name: "a Datadog site that does not exist",
    edit: (i) => {
      i.metricMonitoring.site = "datadoghq.org";
    },
    item: "metric monitoring",
    field: "site",
    problem: /^"datadoghq.org" is not one of "datadoghq.com", "datadoghq.eu"$/,
  },
  {
    name: "a Datadog logger with a region of its own",
    edit: (i) => {
      fastly(i, "www.python.org").datadogLogging.region = "EU";
    },
    item: 'fastly service "www.python.org"',
    field: "datadogLogging.region",
    problem: /not a field the inventory knows/,
  },
  // Policy exceptions: an owner, a grant date and an expiry at most 180 days after it.
  {
    name: "an exception without an owner",
    edit: (i) => {
      delete role(i, "mail").policyExceptions[0].owner;
    },
    item: 'role "mail"',
    field: "policyExceptions[0].owner",
    problem: /^is missing \(a string\)$/,
  },
  {
    name: "an exception without a grant date",
    edit: (i) => {
      delete i.commonPortsPolicyExceptions[0].granted;
    },
    item: "every host",
    field: "commonPortsPolicyExceptions[0].granted",
    problem: /^is missing \(a string\)$/,
  },
  {
    name: "an exception of an unknown owner",
    edit: (i) => {
      role(i, "mail").policyExceptions[0].owner = "mailman";
    },
    item: 'role "mail"',
    field: "policyExceptions[0].owner",
    problem: /^unknown owner "mailman" \(known: "infrastructure-staff", /,
  },
  {
    name: "an exception of an unknown owner beside a zone",
    edit: (i) => zoneException(i, { owner: "pypy-team" }),
    item: 'zone "pypy.org"',
    field: "policyExceptions[0].owner",
    problem: /^unknown owner "pypy-team"/,
  },
  {
    name: "a grant date that is no day",
    edit: (i) => {
      role(i, "mail").policyExceptions[0].granted = "2026-02-30";
    },
    item: 'role "mail"',
    field: "policyExceptions[0].granted",
    problem: /^"2026-02-30" is not a date \(YYYY-MM-DD\)$/,
  },
  {
    name: "a grant date written another way",
    edit: (i) => {
      role(i, "mail").policyExceptions[0].granted = "04/12/2026";
    },
    item: 'role "mail"',
    field: "policyExceptions[0].granted",
    problem: /^"04\/12\/2026" is not a date/,
  },
  {
    name: "an expiry that is no date",
    edit: (i) => {
      role(i, "mail").policyExceptions[0].expires = "next summer";
    },
    item: 'role "mail"',
    field: "policyExceptions[0].expires",
    problem: /^"next summer" is not a date/,
  },
  {
    name: "an expiry 181 days after the grant",
    edit: (i) => {
      const e = role(i, "mail").policyExceptions[0];
      e.expires = daysAfter(e.granted, 181);
    },
    item: 'role "mail"',
    field: "policyExceptions[0].expires",
    problem: /^"\d{4}-\d{2}-\d{2}" is 181 days after the exception was granted \(\d{4}-\d{2}-\d{2}\): an exception lasts at most 180 days/,
  },
  {
    name: "an expiry in 2099",
    edit: (i) => zoneException(i, { expires: "2099-12-31" }),
    item: 'zone "pypy.org"',
    field: "policyExceptions[0].expires",
    problem: /^"2099-12-31" is \d+ days after the exception was granted/,
  },
  {
    name: "an expiry before the grant",
    edit: (i) => {
      const e = i.commonPortsPolicyExceptions[0];
      e.expires = daysAfter(e.granted, -1);
    },
    item: "every host",
    field: "commonPortsPolicyExceptions[0].expires",
    problem: /is before the exception was granted/,
  },

  // Sources.
  {
    name: "a host without its source",
    edit: (i) => {
      delete host(i, "bugs").source;
    },
    item: 'host "bugs.nyc1"',
    field: "source",
    problem: /^is missing/,
  },
  {
    name: "a field source for a part of a field the item has not",
    edit: (i) => {
      host(i, "bugs").fieldSources = { "volumes.name": { kind: "assumed", reason: "a guess" } };
    },
    item: 'host "bugs.nyc1"',
    field: "fieldSources.volumes.name",
    problem: /^names no field of the item/,
  },
  {
    name: "a field source for a field the item has not",
    edit: (i) => {
      host(i, "bugs").fieldSources = { sise: { kind: "assumed", reason: "a guess" } };
    },
    item: 'host "bugs.nyc1"',
    field: "fieldSources.sise",
    problem: /^names no field of the item \(its fields: policyExceptions, name, datacenter, role, /,
  },
  {
    name: "a published file without its path",
    edit: (i) => {
      zone(i, "pypy.org").source = { kind: "public", repository: "python/psf-salt" };
    },
    item: 'zone "pypy.org"',
    field: "source.path",
    problem: /^is missing/,
  },
  // What the clouds would refuse at apply time, or accept and get wrong (issue 17).
  {
    name: "an MX pointing at a CNAME",
    edit: (i) => {
      zone(i, "python.org").records[0].values = ["10 www.python.org"];
    },
    item: 'zone "python.org"',
    field: "records[0].values[0]",
    problem:
      /^"10 www.python.org" points at www.python.org, a CNAME \(service "www-python-org"\): an MX must name a host's own address records \(RFC 2181 section 10.3\)/,
  },
  {
    name: "an SPF policy needing 11 DNS lookups",
    edit: (i) => {
      zone(i, "pypy.org").spf =
        `v=spf1 mx a ${["a", "b", "c", "d", "e", "f", "g", "h", "i"].map((x) => `include:_spf.${x}.example.org`).join(" ")} -all`;
    },
    item: 'zone "pypy.org"',
    field: "spf",
    problem: /needs 11 DNS lookups, not counting those of the policies it includes: receivers stop at 10 \(RFC 7208 section 4.6.4\)/,
  },
  {
    name: "an SPF policy needing 11 lookups in a hand-written TXT record",
    edit: (i) => {
      zone(i, "pypy.org").records = [{ name: "lists.pypy.org", type: "TXT", values: [`v=spf1 redirect=_spf.example.org ${"a ".repeat(10)}-all`] }];
    },
    item: 'zone "pypy.org"',
    field: "records[0].values[0]",
    problem: /needs 11 DNS lookups/,
  },
  {
    name: "a region DigitalOcean does not have",
    edit: (i) => {
      dc(i, "ams1").region = "ams4";
    },
    item: 'datacenter "ams1"',
    field: "region",
    problem:
      /^"ams4" is not a region DigitalOcean offers: ams1, ams2, ams3, .* \(DIGITALOCEAN_REGIONS in provider-schemas\/facts\/digitalocean.ts, read from digitalocean\/openapi/,
  },
  {
    name: "a droplet size DigitalOcean does not have",
    edit: (i) => {
      host(i, "bugs").size = "s-2vcpu-3gb";
    },
    item: 'host "bugs.nyc1"',
    field: "size",
    problem: /^"s-2vcpu-3gb" is not a droplet size DigitalOcean offers/,
  },
  {
    name: "a database size the cluster's node count cannot take",
    edit: (i) => {
      i.databaseCluster.nodeCount = 2;
      i.databaseCluster.size = "db-s-1vcpu-1gb";
    },
    item: 'database cluster "pg-nyc1-psf-io"',
    field: "size",
    problem: /^"db-s-1vcpu-1gb" is not a PostgreSQL size of 2 nodes DigitalOcean offers/,
  },
  {
    name: "an address twice in one A record set",
    edit: (i) => {
      zone(i, "pypy.org").records = [{ name: "old.pypy.org", type: "A", values: ["151.101.0.1", "151.101.0.1"] }];
    },
    item: 'zone "pypy.org"',
    field: "records[0].values[1]",
    problem: /^value "151.101.0.1" is listed twice$/,
  },
  {
    name: "an issuer twice in the CAA record sets",
    edit: (i) => {
      i.caa.issuers.push(i.caa.issuers[0]);
    },
    item: "CAA policy",
    field: "issuers[3]",
    problem: /^issuer "letsencrypt.org" is listed twice$/,
  },
  {
    name: "a Fastly apex address twice",
    edit: (i) => {
      i.fastlyEdge.apexIpv4[1] = i.fastlyEdge.apexIpv4[0];
    },
    item: "Fastly edge",
    field: "apexIpv4[1]",
    problem: /^address "151.101.0.223" is listed twice$/,
  },
  {
    name: "a zone nested in another without delegation",
    edit: (i) => {
      i.zones.push({ ...zone(i, "pypy.org"), name: "nested.python.org" });
    },
    item: 'zone "nested.python.org"',
    field: "name",
    problem: /^"nested.python.org" lies inside zone "python.org", which does not delegate it \(the inventory writes no NS record\)/,
  },
  {
    name: "a zone kept elsewhere nested in a managed one",
    edit: (i) => {
      i.externalZones.push({ ...i.externalZones[0], name: "jobs.python.org" });
    },
    item: 'external zone "jobs.python.org"',
    field: "name",
    problem: /lies inside zone "python.org", which does not delegate it/,
  },
  {
    name: "an MX priority above 65535",
    edit: (i) => {
      zone(i, "python.org").records[0].values = ["70000 mail.python.org"];
    },
    item: 'zone "python.org"',
    field: "records[0].values[0]",
    problem: /^"70000 mail.python.org" has priority 70000, above 65535: an MX priority is a 16-bit number/,
  },
  {
    name: "an MX value without a priority",
    edit: (i) => {
      zone(i, "python.org").records[0].values = ["mail.python.org"];
    },
    item: 'zone "python.org"',
    field: "records[0].values[0]",
    problem: /^"mail.python.org" is not an MX value: a priority, one space, a host name/,
  },
  {
    name: "a TXT value with an unescaped double quote",
    edit: (i) => {
      zone(i, "pypy.org").txt = ['keybase-site-verification="abc'];
    },
    item: 'zone "pypy.org"',
    field: "txt[0]",
    problem: /has an unescaped double quote: write \\" for a quote in the text/,
  },
  {
    name: "a TXT record value wrapped in quotes",
    edit: (i) => {
      zone(i, "pypy.org").records = [{ name: "_dmarc.pypy.org", type: "TXT", values: ['"v=DMARC1; p=reject"'] }];
    },
    item: 'zone "pypy.org"',
    field: "records[0].values[0]",
    problem: /has an unescaped double quote/,
  },
  {
    name: "a volume mounted at /",
    edit: (i) => {
      host(i, "backup").volume.mountPoint = "/";
    },
    item: 'host "backup.sfo1"',
    field: "volume.mountPoint",
    problem: /^"\/" is the root of the droplet's own disk: a volume is mounted below it/,
  },
  {
    name: "a volume mounted through ..",
    edit: (i) => {
      host(i, "backup").volume.mountPoint = "/backup/../";
    },
    item: 'host "backup.sfo1"',
    field: "volume.mountPoint",
    problem: /climbs with "\.\."/,
  },
  {
    name: "a database named defaultdb",
    edit: (i) => {
      i.databaseCluster.databases.push({ name: "defaultdb" });
    },
    item: 'database "defaultdb"',
    field: "name",
    problem: /^"defaultdb" is the database DigitalOcean makes in every cluster: it exists already/,
  },
  {
    name: "a PostgreSQL version DigitalOcean does not run",
    edit: (i) => {
      i.databaseCluster.version = "11";
    },
    item: 'database cluster "pg-nyc1-psf-io"',
    field: "version",
    problem: /^"11" is not a PostgreSQL version DigitalOcean offers: 13, 14, 15, 16, 17 \(DIGITALOCEAN_POSTGRES_VERSIONS/,
  },
  {
    name: "a port listed twice in one role",
    edit: (i) => {
      const r = role(i, "buildbot");
      r.worldPorts.push({ ...r.worldPorts[0] });
    },
    item: 'role "buildbot"',
    field: "worldPorts[1]",
    problem: /^tcp 9020 \("buildbot workers"\) is listed twice in the role: worldPorts\[0\] \("buildbot workers"\) has it already$/,
  },
  {
    name: "a port open to the world and internally in one role",
    edit: (i) => {
      role(i, "buildbot").internalPorts.push({ protocol: "tcp", from: 9000, to: 9100, service: "web and more" });
    },
    item: 'role "buildbot"',
    field: "internalPorts[1]",
    problem: /is listed twice in the role: worldPorts\[0\]/,
  },
  {
    name: "a role listing a port every host opens",
    edit: (i) => {
      role(i, "buildbot").worldPorts.push({ protocol: "tcp", from: 22, to: 22, service: "ssh" });
    },
    item: 'role "buildbot"',
    field: "worldPorts[1]",
    problem: /^tcp 22 \("ssh"\) is listed twice for the role's hosts: every host opens it already/,
  },
  {
    name: "a public app scaled to 0 web dynos",
    edit: (i) => {
      byKey(app(i, "pycon-us").formation, "type", "web").quantity = 0;
    },
    item: 'heroku app "pycon-us"',
    field: "formation.web.quantity",
    problem: /^0 web dynos, but service "us-pycon-org" points its names at it: Heroku would answer every request with an error page$/,
  },
  {
    name: "a public app without a web process",
    edit: (i) => {
      const a = app(i, "pycon-us");
      a.formation = a.formation.filter((p: Loose) => p.type !== "web");
    },
    item: 'heroku app "pycon-us"',
    field: "formation",
    problem: /^has no web process, but service "us-pycon-org" points its names at it/,
  },
  {
    name: "config vars differing only in case",
    edit: (i) => {
      app(i, "pythondotorg").configVars.Django_Settings_Module = "pydotorg.settings.local";
    },
    item: 'heroku app "pythondotorg"',
    field: "configVars.Django_Settings_Module",
    problem: /^"Django_Settings_Module" differs from the config var "DJANGO_SETTINGS_MODULE" only in case/,
  },
  {
    name: "a secret config var differing from a plain one only in case",
    edit: (i) => {
      app(i, "pythondotorg").sensitiveConfigVars.unshift("allowed_hosts");
    },
    item: 'heroku app "pythondotorg"',
    field: "sensitiveConfigVars[0]",
    problem: /^"allowed_hosts" differs from the config var "ALLOWED_HOSTS" only in case/,
  },
  {
    name: "an IPv6 address in capitals",
    edit: (i) => {
      i.fastlyEdge.apexIpv6[0] = i.fastlyEdge.apexIpv6[0].toUpperCase();
    },
    item: "Fastly edge",
    field: "apexIpv6[0]",
    problem: /^"2A04:4E42::223" has capitals: write "2a04:4e42::223", as Route 53 answers it/,
  },
  {
    name: "an AAAA record in capitals",
    edit: (i) => {
      zone(i, "pypy.org").records = [{ name: "old.pypy.org", type: "AAAA", values: ["2001:4860::A"] }];
    },
    item: 'zone "pypy.org"',
    field: "records[0].values[0]",
    problem: /has capitals: write "2001:4860::a"/,
  },
  {
    name: "an escalation delay of a fraction of a minute",
    edit: (i) => {
      i.onCall.rotations[0].escalateAfterMinutes = 0.5;
    },
    item: 'on-call rotation "infrastructure-staff"',
    field: "escalateAfterMinutes",
    problem: /^0.5 is not a whole number of minutes PagerDuty takes \(at least 1: .*validation\.IntAtLeast\(1\)\)$/,
  },
  {
    name: "a repository that is not owner/name",
    edit: (i) => {
      role(i, "bugs").source = { kind: "public", repository: "psf-salt", path: "pillar/prod/roles.sls" };
    },
    item: 'role "bugs"',
    field: "source.repository",
    problem: /^"psf-salt" is not a repository's owner\/name$/,
  },
];

/** The problems `inventory` is rejected with; fails the test when it is accepted or rejected otherwise. */
export function problemsOf(inventory: unknown): { problems: readonly string[]; message: string } {
  try {
    loadEstate(inventory as EstateInventory);
  } catch (error) {
    if (!(error instanceof InventoryError)) throw error;
    return { problems: error.problems, message: error.message };
  }
  throw new Error("the inventory was accepted");
}

export const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * What only the synthesized estate shows, so the policy refuses it when synthesis ends (policy/): each a small edit of the
 * PSF's inventory, refused with one problem naming the inventory item and field that made it, and the rule.
 */
export interface PolicyRefusal extends Omit<BadInput, "problem"> {
  /** What must follow the item and field. */
  readonly problem: RegExp;
}

/** A day every exception of the inventory counts on: the latest grant. */
export const POLICY_TODAY = defined(
  [
    PSF_INVENTORY.commonPortsPolicyExceptions ?? [],
    ...PSF_INVENTORY.roles.map((r) => r.policyExceptions ?? []),
    ...PSF_INVENTORY.hosts.map((h) => h.policyExceptions ?? []),
    ...PSF_INVENTORY.zones.map((z) => z.policyExceptions ?? []),
  ]
    .flat()
    .map((e) => e.granted)
    .sort()
    .at(-1),
);

export const POLICY_REFUSALS: readonly PolicyRefusal[] = [
  {
    name: "an exception expiring more than 180 days ahead (granted after today)",
    edit: (i) => zoneException(i, { granted: daysAfter(POLICY_TODAY, 30), expires: daysAfter(POLICY_TODAY, 200) }),
    item: 'zone "pypy.org"',
    field: "policyExceptions[0].granted",
    problem: new RegExp(
      `^the exception to network\\.no-plaintext-mail on zone "pypy\\.org": granted on ${daysAfter(POLICY_TODAY, 30)}, after today \\(${POLICY_TODAY}\\): an exception counts from the day it is granted, so it would last until ${daysAfter(POLICY_TODAY, 200)}, more than 180 days from today$`,
    ),
  },
  {
    name: "plaintext POP3 opened to the world",
    edit: (i) => {
      role(i, "docs").worldPorts = [{ protocol: "tcp", from: 110, to: 110, service: "pop3" }];
    },
    item: 'role "docs"',
    field: "worldPorts",
    problem: /^network\.no-plaintext-mail \(digitalocean-nyc1 digitalocean_firewall\.\S+\): \S+: opens plaintext POP3 \(tcp 110\) to the world/,
  },
  {
    name: "an SPF policy that lets anyone send",
    edit: (i) => {
      zone(i, "pypy.org").spf = "v=spf1 +all";
    },
    item: 'zone "pypy.org"',
    field: "spf",
    problem: /^dns\.no-spf-plus-all \(dns aws_route53_record\.\S+\): \S+: SPF "v=spf1 \+all" allows every sender/,
  },
  {
    name: "a private address in a public zone",
    edit: (i) => {
      zone(i, "pypy.org").records = [{ name: "internal.pypy.org", type: "A", values: ["10.132.0.5"] }];
    },
    item: 'zone "pypy.org"',
    field: "records",
    problem: /^dns\.no-private-addresses \(dns aws_route53_record\.\S+\): \S+: internal\.pypy\.org A 10\.132\.0\.5 is not a public address$/,
  },
  {
    name: "a documentation address as Fastly's apex",
    edit: (i) => {
      i.fastlyEdge.apexIpv4[0] = "192.0.2.10";
    },
    item: "Fastly edge",
    field: "apexIpv4",
    problem: /^dns\.no-private-addresses \(dns aws_route53_record\.\S+\): \S+: python\.org A 192\.0\.2\.10 is not a public address$/,
  },
];

/** The problems the policy refuses the synthesized `inventory` with on `today` (none when it passes). */
export function policyProblemsOf(inventory: EstateInventory, today: string): readonly string[] {
  return policyProblemsOfSynthesis(synthEstate(inventory), today);
}

/** The problems the policy refuses an estate synthesized already with on `today` (none when it passes). */
export function policyProblemsOfSynthesis(synth: SynthesizedEstate, today: string): readonly string[] {
  try {
    enforcePolicy({ configurations: synth.json as ReadonlyMap<string, Configuration>, facts: estateFacts(synth.estate) }, today);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    return error.problems;
  }
  return [];
}

/** Checks that `input`, applied to a copy of `base`, is rejected with its one problem, as the corpus says. */
export function expectRejected(base: EstateInventory, { edit, item, field, problem }: BadInput): void {
  // Through JSON, not structuredClone: that would keep objects the inventory shares (one health check of two
  // services) shared, and an edit of one would edit both.
  const inventory = JSON.parse(JSON.stringify(base)) as Loose;
  edit(inventory);
  const rejected = problemsOf(inventory);
  expect(rejected.problems).toHaveLength(1);
  expect(rejected.problems[0]).toMatch(new RegExp(`^${escape(item)} field "${escape(field)}": `));
  expect(defined(rejected.problems[0]).slice(`${item} field "${field}": `.length)).toMatch(problem);
  expect(rejected.message.split("\n")).toEqual(["The estate inventory is invalid:", `  - ${rejected.problems[0]}`]);
}

/** Checks that `refusal`, applied to a copy of `base`, synthesizes and is refused by the policy with its one problem. */
export function expectRefusedByPolicy(base: EstateInventory, { edit, item, field, problem }: PolicyRefusal): void {
  const inventory = JSON.parse(JSON.stringify(base)) as Loose;
  edit(inventory);
  const problems = policyProblemsOf(inventory as EstateInventory, POLICY_TODAY);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(new RegExp(`^${escape(item)} field "${escape(field)}": `));
  expect(defined(problems[0]).slice(`${item} field "${field}": `.length)).toMatch(problem);
}
