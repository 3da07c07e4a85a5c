import type { ExternalHost, Host } from "./types";

/*
 * The public server list, one droplet a row. Sizes are the inventory's record of each droplet's plan;
 * `holdsData` marks hosts whose disks hold data that exists nowhere else.
 */
export const HOSTS: readonly Host[] = [
  {
    name: "backup", datacenter: "sfo1", role: "backup-server", owner: "infrastructure-staff",
    purpose: "Automated backups of the estate", image: "ubuntu-24-04-x64", size: "s-2vcpu-4gb", holdsData: true,
    volume: { name: "backup-sfo1-psf-io", sizeGiB: 1000, mountPoint: "/backup" },
  },
  {
    name: "bugs", datacenter: "nyc1", role: "bugs", owner: "infrastructure-staff",
    purpose: "Roundup: bugs.python.org, bugs.jython.org, issues.roundup-tracker.org", image: "ubuntu-22-04-x64", size: "s-4vcpu-8gb", holdsData: true,
  },
  {
    name: "buildbot", datacenter: "nyc1", role: "buildbot", owner: "buildbot",
    purpose: "CPython buildbot master (buildbot.python.org)", image: "ubuntu-24-04-x64", size: "s-4vcpu-8gb", holdsData: true,
  },
  {
    name: "cdn-logs", datacenter: "nyc1", role: "cdn-logs", owner: "infrastructure-staff",
    purpose: "Realtime syslog stream from Fastly, for debugging", image: "ubuntu-20-04-x64", size: "s-1vcpu-2gb", holdsData: false,
  },
  {
    name: "codespeed", datacenter: "nyc1", role: "codespeed", owner: "speed",
    purpose: "speed.python.org and speed.pypy.org", image: "ubuntu-22-04-x64", size: "s-2vcpu-4gb", holdsData: false,
  },
  ...[1, 2, 3].map((n): Host => ({
    name: `consul-${n}`, datacenter: "nyc1", role: "consul", owner: "infrastructure-staff",
    purpose: "Consul service discovery server", image: "ubuntu-24-04-x64", size: "s-1vcpu-2gb", holdsData: false,
  })),
  {
    name: "docs", datacenter: "nyc1", role: "docs", owner: "docs",
    purpose: "Builds and serves docs.python.org", image: "ubuntu-24-04-x64", size: "s-4vcpu-8gb", holdsData: false,
  },
  {
    name: "downloads", datacenter: "nyc1", role: "downloads", owner: "release-managers",
    purpose: "python.org downloads, served under www.python.org/ftp/", image: "ubuntu-24-04-x64", size: "s-2vcpu-4gb", holdsData: true,
  },
  {
    name: "gnumailman", datacenter: "nyc1", role: "gnumailman", owner: "gnu-mailman",
    purpose: "GNU Mailman project wiki and lists", image: "ubuntu-20-04-x64", size: "s-2vcpu-4gb", holdsData: true,
  },
  {
    name: "hg", datacenter: "nyc1", role: "hg", owner: "hg",
    purpose: "hg.python.org, svn.python.org and legacy.python.org archives", image: "ubuntu-24-04-x64", size: "s-2vcpu-4gb", holdsData: true,
  },
  ...[0, 1].map((n): Host => ({
    name: `lb-${n}`, datacenter: "nyc1", role: "loadbalancer", owner: "infrastructure-staff",
    purpose: "HAProxy in front of the app hosts", image: "ubuntu-24-04-x64", size: "s-2vcpu-4gb", holdsData: false,
  })),
  {
    name: "mail", datacenter: "ams1", role: "mail", owner: "postmaster",
    purpose: "mail.python.org: Mailman and Postfix", image: "ubuntu-14-04-x64", size: "s-4vcpu-8gb", holdsData: true,
  },
  {
    name: "planet", datacenter: "nyc1", role: "planet", owner: "planet",
    purpose: "planetpython.org and planet.jython.org", image: "ubuntu-24-04-x64", size: "s-1vcpu-2gb", holdsData: false,
  },
  {
    name: "pypy-web", datacenter: "nyc1", role: "pypy-web", owner: "pypy",
    purpose: "Serves www.pypy.org", image: "ubuntu-24-04-x64", size: "s-1vcpu-2gb", holdsData: false,
  },
  {
    name: "pythontest", datacenter: "nyc1", role: "pythontest", owner: "python-dev",
    purpose: "pythontest.net, resources for CPython's test suite", image: "ubuntu-24-04-x64", size: "s-1vcpu-2gb", holdsData: false,
    // Created when DigitalOcean's region name was used in host names; the server list still says nyc3.
    dropletName: "pythontest.nyc3.psf.io",
  },
  {
    name: "salt", datacenter: "nyc1", role: "salt-master", owner: "infrastructure-staff",
    purpose: "Salt master: configuration management of every droplet", image: "ubuntu-20-04-x64", size: "s-2vcpu-4gb", holdsData: true,
  },
  {
    name: "wiki", datacenter: "nyc1", role: "moin", owner: "wiki",
    purpose: "Static archive of wiki.python.org and wiki.jython.org", image: "ubuntu-24-04-x64", size: "s-2vcpu-4gb", holdsData: true,
  },
];

/** Hosts outside DigitalOcean: a name under psf.io and an owner, nothing to create. */
export const EXTERNAL_HOSTS: readonly ExternalHost[] = [
  {
    fqdn: "speed-python.osuosl.psf.io",
    purpose: "Hardware benchmark runner for speed.python.org, scheduled by the buildbot master",
    owner: "speed",
    hostedBy: "Oregon State University Open Source Lab (OSUOSL)",
    managedBy: "Chef (python/psf-chef)",
  },
];
