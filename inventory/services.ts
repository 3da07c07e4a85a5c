import type { PublicService, StaticSite } from "./types";

/**
 * The public services and the names they answer to. A name's DNS record follows from its origin:
 * load-balanced names point at both load balancers, Fastly names at Fastly's edge, droplet names at
 * the droplet, website names at the bucket's website endpoint.
 */
export const SERVICES: readonly PublicService[] = [
  // Fastly fronts the highest-traffic sites; the apex python.org gets its 301 to www from Fastly.
  { key: "www-python-org", description: "The Python website", owner: "pythondotorg", names: ["python.org", "www.python.org"], origin: { kind: "fastly", service: "www.python.org" } },
  { key: "docs-python-org", description: "The Python documentation", owner: "docs", names: ["docs.python.org", "doc.python.org"], origin: { kind: "fastly", service: "docs.python.org" } },

  // Heroku apps answer these through their custom domains.
  { key: "staging-python-org", description: "Staging twin of www.python.org", owner: "pythondotorg", names: ["staging.python.org"], origin: { kind: "heroku", app: "pythondotorg-staging" } },
  { key: "us-pycon-org", description: "The PyCon US website", owner: "pycon", names: ["us.pycon.org"], origin: { kind: "heroku", app: "pycon-us" } },

  // HAProxy routes these by host name to the role's hosts.
  { key: "bugs", description: "Roundup trackers", owner: "infrastructure-staff", names: ["bugs.python.org", "bugs.jython.org", "issues.roundup-tracker.org"], origin: { kind: "load-balancer", backendRole: "bugs" } },
  { key: "buildbot", description: "CPython buildbot master", owner: "buildbot", names: ["buildbot.python.org"], origin: { kind: "load-balancer", backendRole: "buildbot" } },
  { key: "hg", description: "Version control archives", owner: "hg", names: ["hg.python.org", "svn.python.org", "legacy.python.org"], origin: { kind: "load-balancer", backendRole: "hg" } },
  { key: "planet", description: "Planet Python", owner: "planet", names: ["planetpython.org", "www.planetpython.org", "planet.jython.org"], origin: { kind: "load-balancer", backendRole: "planet" } },
  { key: "speed", description: "Codespeed", owner: "speed", names: ["speed.python.org", "speed.pypy.org"], origin: { kind: "load-balancer", backendRole: "codespeed" } },
  { key: "wiki", description: "Wiki archives", owner: "wiki", names: ["wiki.python.org", "wiki.jython.org"], origin: { kind: "load-balancer", backendRole: "moin" } },

  // HAProxy answers these with a redirect.
  { key: "jython-org-redirect", description: "Jython apex to its website", owner: "jython", names: ["jython.org"], origin: { kind: "load-balancer-redirect", redirectTo: "https://www.jython.org" } },
  { key: "planet-python-org-redirect", description: "Old Planet name", owner: "planet", names: ["planet.python.org"], origin: { kind: "load-balancer-redirect", redirectTo: "https://planetpython.org" } },
  { key: "www-pycon-org-redirect", description: "PyCon's www name", owner: "pycon", names: ["www.pycon.org"], origin: { kind: "load-balancer-redirect", redirectTo: "https://pycon.org" } },
  { key: "packages-python-org-redirect", description: "Old package documentation host", owner: "pypi", names: ["packages.python.org"], origin: { kind: "load-balancer-redirect", redirectTo: "https://pythonhosted.org" } },
  { key: "cheeseshop-redirect", description: "PyPI's old name", owner: "pypi", names: ["cheeseshop.python.org"], origin: { kind: "load-balancer-redirect", redirectTo: "https://pypi.org" } },

  // Hosts that answer their names themselves.
  { key: "mail", description: "Mailman and Postfix", owner: "postmaster", names: ["mail.python.org"], origin: { kind: "droplet", role: "mail" } },
  { key: "pythontest", description: "Resources for CPython's test suite", owner: "python-dev", names: ["pythontest.net", "www.pythontest.net"], origin: { kind: "droplet", role: "pythontest" } },
  { key: "pypy-org", description: "The PyPy website", owner: "pypy", names: ["pypy.org", "www.pypy.org"], origin: { kind: "droplet", role: "pypy-web" } },

  { key: "www-jython-org", description: "The Jython website", owner: "jython", names: ["www.jython.org"], origin: { kind: "s3-website", site: "www.jython.org" } },
];

/** S3 buckets served as websites. */
export const STATIC_SITES: readonly StaticSite[] = [
  { bucket: "www.jython.org", region: "us-east-1", owner: "jython", indexDocument: "index.html", errorDocument: "404.html" },
];
