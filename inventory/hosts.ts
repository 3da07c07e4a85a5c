import { assumed, psfSalt, SERVER_LIST, seed } from "./source";
import type { ExternalHost, Host, SourceDifference } from "./shape";

/** A host whose owner is the one the seed names for its service, rather than the server list's contact. */
const ownedAsSeedSays = (service: string) => ({ owner: seed(`Details of Various Services > ${service}`) });

/**
 * Where the owner the seed names for a host's service and the server list's contact column disagree: the estate
 * pages the seed's owner, and records the server list's contact here.
 */
function contactDiffers(service: string, serverListContact: string, where = "docs/salt-server-list.rst"): SourceDifference {
  return {
    feature: "owner",
    published: serverListContact === "" ? `no contact: the server list's contact column is empty (${where})` : `the server list's contact, "${serverListContact}" (${where})`,
    reason: `the estate follows the seed, which names the owner of ${service} ("Details of Various Services > ${service}"); its owner is who is paged for the host`,
  };
}

/** What the server list does not say about a droplet. */
const UNLISTED = {
  size: assumed("the server list does not give DigitalOcean plans; sized for the host's purpose, to check at adoption"),
};

/**
 * Whether a host holds data follows psf-salt's backups: a role whose hosts are backed up has a backup pillar
 * (pillar/prod/backup/<name>.sls, given to the role by pillar/prod/top.sls); one without is not backed up.
 */
const backedUp = (pillar: string) => ({ ...UNLISTED, holdsData: psfSalt(`pillar/prod/backup/${pillar}.sls`) });
const NOT_BACKED_UP = { ...UNLISTED, holdsData: psfSalt("pillar/prod/top.sls") };

/*
 * The public server list, one droplet a row. Sizes are the inventory's record of each droplet's plan;
 * `holdsData` marks hosts whose disks hold data that exists nowhere else.
 */
export const HOSTS: readonly Host[] = [
  {
    name: "backup", datacenter: "sfo1", role: "backup-server", owner: "infrastructure-staff",
    purpose: "Automated backups of the estate", image: "ubuntu-24-04-x64", size: "s-2vcpu-4gb", holdsData: true, source: SERVER_LIST,
    // pillar/prod/backup/server.sls: the backup server keeps its volume at /backup.
    fieldSources: {
      ...backedUp("server"),
      volume: psfSalt("pillar/prod/backup/server.sls"),
      "volume.name": assumed("the backup volume's name at DigitalOcean is not published"),
      "volume.sizeGiB": assumed("the backup volume's size is not published"),
    },
    volume: { name: "backup-sfo1-psf-io", sizeGiB: 1000, mountPoint: "/backup" },
  },
  {
    name: "bugs", datacenter: "nyc1", role: "bugs", owner: "infrastructure-staff",
    purpose: "Roundup: bugs.python.org, bugs.jython.org, issues.roundup-tracker.org", image: "ubuntu-22-04-x64", size: "s-4vcpu-8gb", holdsData: true, source: SERVER_LIST, fieldSources: backedUp("bugs"),
  },
  {
    name: "buildbot", datacenter: "nyc1", role: "buildbot", owner: "buildbot",
    purpose: "CPython buildbot master (buildbot.python.org)", image: "ubuntu-24-04-x64", size: "s-4vcpu-8gb", holdsData: true, source: SERVER_LIST, fieldSources: { ...backedUp("buildbot"), ...ownedAsSeedSays("Buildbot") },
    differences: [contactDiffers("Buildbot", "zware, haypo, pablogsa")],
  },
  {
    name: "cdn-logs", datacenter: "nyc1", role: "cdn-logs", owner: "infrastructure-staff",
    purpose: "Realtime syslog stream from Fastly, for debugging", image: "ubuntu-20-04-x64", size: "s-1vcpu-2gb", holdsData: false, source: SERVER_LIST, fieldSources: NOT_BACKED_UP,
  },
  {
    name: "codespeed", datacenter: "nyc1", role: "codespeed", owner: "speed",
    purpose: "speed.python.org and speed.pypy.org", image: "ubuntu-22-04-x64", size: "s-2vcpu-4gb", holdsData: false, source: SERVER_LIST, fieldSources: { ...NOT_BACKED_UP, ...ownedAsSeedSays("speed.python.org") },
    differences: [contactDiffers("speed.python.org", "")],
  },
  ...[1, 2, 3].map((n): Host => ({
    name: `consul-${n}`, datacenter: "nyc1", role: "consul", owner: "infrastructure-staff",
    purpose: "Consul service discovery server", image: "ubuntu-24-04-x64", size: "s-1vcpu-2gb", holdsData: false, source: SERVER_LIST, fieldSources: NOT_BACKED_UP,
  })),
  {
    name: "docs", datacenter: "nyc1", role: "docs", owner: "docs",
    purpose: "Builds and serves docs.python.org", image: "ubuntu-24-04-x64", size: "s-4vcpu-8gb", holdsData: true, source: SERVER_LIST, fieldSources: { ...backedUp("docs"), ...ownedAsSeedSays("docs.python.org") },
  },
  {
    name: "downloads", datacenter: "nyc1", role: "downloads", owner: "release-managers",
    purpose: "python.org downloads, served under www.python.org/ftp/", image: "ubuntu-24-04-x64", size: "s-2vcpu-4gb", holdsData: true, source: SERVER_LIST, fieldSources: backedUp("downloads"),
  },
  {
    name: "gnumailman", datacenter: "nyc1", role: "gnumailman", owner: "gnu-mailman",
    purpose: "GNU Mailman project wiki and lists", image: "ubuntu-20-04-x64", size: "s-2vcpu-4gb", holdsData: true, source: SERVER_LIST, fieldSources: backedUp("gnumailman"),
  },
  {
    name: "hg", datacenter: "nyc1", role: "hg", owner: "hg",
    purpose: "hg.python.org, svn.python.org and legacy.python.org archives", image: "ubuntu-24-04-x64", size: "s-2vcpu-4gb", holdsData: true, source: SERVER_LIST, fieldSources: { ...backedUp("hg"), ...ownedAsSeedSays("hg.python.org") },
    differences: [contactDiffers("hg.python.org", "Infrastructure Staff")],
  },
  ...[0, 1].map((n): Host => ({
    name: `lb-${n}`, datacenter: "nyc1", role: "loadbalancer", owner: "infrastructure-staff",
    purpose: "HAProxy in front of the app hosts", image: "ubuntu-24-04-x64", size: "s-2vcpu-4gb", holdsData: false, source: SERVER_LIST, fieldSources: NOT_BACKED_UP,
  })),
  {
    name: "mail", datacenter: "ams1", role: "mail", owner: "postmaster",
    purpose: "mail.python.org: Mailman and Postfix", image: "ubuntu-14-04-x64", size: "s-4vcpu-8gb", holdsData: true, source: SERVER_LIST, fieldSources: { ...backedUp("mail"), ...ownedAsSeedSays("mail.python.org") },
  },
  {
    name: "planet", datacenter: "nyc1", role: "planet", owner: "planet",
    purpose: "planetpython.org and planet.jython.org", image: "ubuntu-24-04-x64", size: "s-1vcpu-2gb", holdsData: false, source: SERVER_LIST, fieldSources: { ...NOT_BACKED_UP, ...ownedAsSeedSays("planetpython.org and planet.jython.org") },
    differences: [contactDiffers("planetpython.org and planet.jython.org", "benjamin")],
  },
  {
    name: "pypy-web", datacenter: "nyc1", role: "pypy-web", owner: "pypy",
    purpose: "Serves www.pypy.org", image: "ubuntu-24-04-x64", size: "s-1vcpu-2gb", holdsData: false,
    // Not in the server list: the seed says only that the PyPy website is hosted on a DigitalOcean VM.
    source: assumed("the seed says the PyPy website runs on a DigitalOcean VM, which the server list does not list; its name, datacenter, image and size are assumed"),
    fieldSources: { purpose: seed("Details of Various Services > PyPy properties"), owner: seed("Details of Various Services > PyPy properties") },
  },
  {
    name: "pythontest", datacenter: "nyc3", role: "pythontest", owner: "python-dev",
    purpose: "pythontest.net, resources for CPython's test suite", image: "ubuntu-24-04-x64", size: "s-1vcpu-2gb", holdsData: false, source: SERVER_LIST, fieldSources: { ...NOT_BACKED_UP, ...ownedAsSeedSays("pythontest.net") },
    // The server list says pythontest.nyc3.psf.io; the droplet keeps its state from the digitalocean-nyc1 stack,
    // which held it under nyc1 before (both datacenters are DigitalOcean's NYC3).
    previously: { datacenter: "nyc1" },
    differences: [contactDiffers("pythontest.net", "Infrastructure Staff")],
  },
  {
    name: "salt", datacenter: "nyc1", role: "salt-master", owner: "infrastructure-staff",
    purpose: "Salt master: configuration management of every droplet", image: "ubuntu-20-04-x64", size: "s-2vcpu-4gb", holdsData: false, source: SERVER_LIST, fieldSources: NOT_BACKED_UP,
  },
  {
    name: "wiki", datacenter: "nyc1", role: "moin", owner: "wiki",
    purpose: "Static archive of wiki.python.org and wiki.jython.org", image: "ubuntu-24-04-x64", size: "s-2vcpu-4gb", holdsData: true, source: SERVER_LIST, fieldSources: { ...backedUp("moin"), ...ownedAsSeedSays("wiki.python.org") },
    differences: [contactDiffers("wiki.python.org", "Infrastructure Staff")],
  },
];

/** Hosts outside DigitalOcean: recorded with an owner, nothing to create. */
export const EXTERNAL_HOSTS: readonly ExternalHost[] = [
  {
    name: "speed-python.osuosl.org",
    purpose: "Hardware benchmark runner for speed.python.org, scheduled by the buildbot master",
    owner: "speed",
    hostedBy: "Oregon State University Open Source Lab (OSUOSL)",
    managedBy: "Chef (python/psf-chef)",
    // psf-salt lists it among the manually managed hosts; OSUOSL's zone holds its name, so no record is made here.
    source: psfSalt("docs/list.rst"),
    fieldSources: { hostedBy: seed("Infrastructure Providers > OSUOSL"), managedBy: seed("Infrastructure Providers > OSUOSL"), purpose: seed("Details of Various Services > speed.python.org"), owner: seed("Details of Various Services > speed.python.org") },
    differences: [contactDiffers("speed.python.org", "noah", "docs/list.rst, manually managed hosts")],
  },
  {
    // The server list's twentieth host, and its only one outside DigitalOcean: Salt manages it as the role
    // benchmarks (pillar/prod/roles.sls, salt/top.sls), in a datacenter the list calls eu1. Its name is no domain name.
    name: "cesw-gbt-r263-p30-01",
    purpose: "Hosting for CPython benchmarks",
    owner: "benchmarks",
    hostedBy: "outside the PSF's DigitalOcean datacenters: the server list's datacenter eu1",
    managedBy: "Salt (psf-salt role benchmarks)",
    distro: "Ubuntu 24.04",
    source: SERVER_LIST,
    fieldSources: { managedBy: psfSalt("salt/top.sls") },
  },
];
