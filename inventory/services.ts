import { assumed, psfSalt, publicFile, PYTHONDOTORG_CDN, seed } from "./source";
import type { PublicService, StaticSite } from "./types";

const about = (service: string) => seed(`Details of Various Services > ${service}`);
/** HAProxy's configuration: which names the load balancers route to which role, and which they redirect. */
const ROUTED_BY_HAPROXY = { names: psfSalt("pillar/base/haproxy.sls"), origin: psfSalt("pillar/base/haproxy.sls") };

/**
 * The public services and the names they answer to. A name's DNS record follows from its origin:
 * load-balanced names point at both load balancers, Fastly names at Fastly's edge, droplet names at
 * the droplet, website names at the bucket's website endpoint.
 */
export const SERVICES: readonly PublicService[] = [
  // Fastly fronts the highest-traffic sites; the apex python.org gets its 301 to www from Fastly.
  { key: "www-python-org", description: "The Python website", owner: "pythondotorg", names: ["python.org", "www.python.org"], origin: { kind: "fastly", service: "www.python.org" }, source: about("www.python.org"), fieldSources: { names: PYTHONDOTORG_CDN } },
  { key: "docs-python-org", description: "The Python documentation", owner: "docs", names: ["docs.python.org", "doc.python.org"], origin: { kind: "fastly", service: "docs.python.org" }, source: about("docs.python.org"), fieldSources: { names: psfSalt("pillar/base/haproxy.sls") } },

  { key: "test-python-org", description: "Staging of the www.python.org Fastly service", owner: "pythondotorg", names: ["test.python.org", "www.test.python.org"], origin: { kind: "fastly", service: "test.python.org" }, source: publicFile("python/pythondotorg", "infra/main.tf") },

  // Heroku apps answer these through their custom domains.
  { key: "staging-python-org", description: "Staging twin of www.python.org", owner: "pythondotorg", names: ["staging.python.org"], origin: { kind: "heroku", app: "pythondotorg-staging" }, source: about("www.python.org") },
  { key: "us-pycon-org", description: "The PyCon US website", owner: "pycon", names: ["us.pycon.org"], origin: { kind: "heroku", app: "pycon-us" }, source: about("PyCon"), fieldSources: { names: assumed("the seed names no domain for the PyCon site; us.pycon.org is PyCon US's") } },

  // HAProxy routes these by host name to the role's hosts.
  { key: "bugs", description: "Roundup trackers", owner: "infrastructure-staff", names: ["bugs.python.org", "bugs.jython.org", "issues.roundup-tracker.org"], origin: { kind: "load-balancer", backendRole: "bugs" }, source: about("bugs.python.org"), fieldSources: ROUTED_BY_HAPROXY },
  { key: "buildbot", description: "CPython buildbot master", owner: "buildbot", names: ["buildbot.python.org"], origin: { kind: "load-balancer", backendRole: "buildbot" }, source: about("Buildbot"), fieldSources: ROUTED_BY_HAPROXY },
  { key: "hg", description: "Version control archives", owner: "hg", names: ["hg.python.org", "svn.python.org", "legacy.python.org"], origin: { kind: "load-balancer", backendRole: "hg" }, source: about("hg.python.org"), fieldSources: ROUTED_BY_HAPROXY },
  { key: "planet", description: "Planet Python", owner: "planet", names: ["planetpython.org", "www.planetpython.org", "planet.jython.org"], origin: { kind: "load-balancer", backendRole: "planet" }, source: about("planetpython.org and planet.jython.org"), fieldSources: ROUTED_BY_HAPROXY },
  { key: "speed", description: "Codespeed", owner: "speed", names: ["speed.python.org", "speed.pypy.org"], origin: { kind: "load-balancer", backendRole: "codespeed" }, source: about("speed.python.org"), fieldSources: ROUTED_BY_HAPROXY },
  { key: "wiki", description: "Wiki archives", owner: "wiki", names: ["wiki.python.org", "wiki.jython.org"], origin: { kind: "load-balancer", backendRole: "moin" }, source: about("wiki.python.org"), fieldSources: ROUTED_BY_HAPROXY },

  // HAProxy answers these with a redirect.
  { key: "jython-org-redirect", description: "Jython apex to its website", owner: "jython", names: ["jython.org"], origin: { kind: "load-balancer-redirect", redirectTo: "https://www.jython.org" }, source: psfSalt("pillar/base/haproxy.sls") },
  { key: "planet-python-org-redirect", description: "Old Planet name", owner: "planet", names: ["planet.python.org"], origin: { kind: "load-balancer-redirect", redirectTo: "https://planetpython.org" }, source: psfSalt("pillar/base/haproxy.sls") },
  { key: "www-pycon-org-redirect", description: "PyCon's www name", owner: "pycon", names: ["www.pycon.org"], origin: { kind: "load-balancer-redirect", redirectTo: "https://pycon.org" }, source: psfSalt("pillar/base/haproxy.sls") },
  { key: "packages-python-org-redirect", description: "Old package documentation host", owner: "pypi", names: ["packages.python.org"], origin: { kind: "load-balancer-redirect", redirectTo: "https://pythonhosted.org" }, source: psfSalt("pillar/base/haproxy.sls") },
  { key: "cheeseshop-redirect", description: "PyPI's old name", owner: "pypi", names: ["cheeseshop.python.org"], origin: { kind: "load-balancer-redirect", redirectTo: "https://pypi.org" }, source: psfSalt("pillar/base/haproxy.sls") },

  // Hosts that answer their names themselves.
  { key: "mail", description: "Mailman and Postfix", owner: "postmaster", names: ["mail.python.org"], origin: { kind: "droplet", role: "mail" }, source: about("mail.python.org") },
  { key: "pythontest", description: "Resources for CPython's test suite", owner: "python-dev", names: ["pythontest.net", "www.pythontest.net"], origin: { kind: "droplet", role: "pythontest" }, source: about("pythontest.net"), fieldSources: { names: assumed("the seed names pythontest.net; www.pythontest.net is assumed to answer too") } },
  { key: "pypy-org", description: "The PyPy website", owner: "pypy", names: ["pypy.org", "www.pypy.org"], origin: { kind: "droplet", role: "pypy-web" }, source: about("PyPy properties"), fieldSources: { origin: assumed("the seed says a DigitalOcean VM serves the PyPy website; the role is this project's (see role pypy-web)") } },

  { key: "www-jython-org", description: "The Jython website", owner: "jython", names: ["www.jython.org"], origin: { kind: "s3-website", site: "www.jython.org" }, source: about("www.jython.org") },
];

/** S3 buckets served as websites. */
export const STATIC_SITES: readonly StaticSite[] = [
  {
    bucket: "www.jython.org", region: "us-east-1", owner: "jython", indexDocument: "index.html", errorDocument: "404.html",
    source: about("www.jython.org"),
    fieldSources: { region: assumed("the bucket's region is not published"), indexDocument: assumed("S3's usual website documents"), errorDocument: assumed("S3's usual website documents") },
  },
];
