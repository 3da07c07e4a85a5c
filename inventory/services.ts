import { assumed, psfSalt, publicFile, PYTHONDOTORG_CDN, seed } from "./source";
import type { PublicService, StaticSite } from "./shape";

const about = (service: string) => seed(`Details of Various Services > ${service}`);
/** HAProxy's configuration: which names the load balancers route to which role, and which they redirect. */
const ROUTED_BY_HAPROXY = { names: psfSalt("pillar/base/haproxy.sls"), origin: psfSalt("pillar/base/haproxy.sls") };
/** pythontest's web server: which names it serves, and how. */
const PYTHONTEST_NGINX = psfSalt("salt/pythontest/config/nginx.pythontest.conf.jinja");

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
  { key: "us-pycon-org", description: "The PyCon US website", owner: "pycon", names: ["us.pycon.org"], origin: { kind: "heroku", app: "pycon-us" }, source: about("PyCon"), fieldSources: { names: psfSalt("docs/overview.rst") } },

  // HAProxy routes these by host name to the role's hosts.
  { key: "bugs", description: "Roundup trackers", owner: "infrastructure-staff", names: ["bugs.python.org", "bugs.jython.org", "issues.roundup-tracker.org"], origin: { kind: "load-balancer", backendRole: "bugs" }, source: about("bugs.python.org"), fieldSources: ROUTED_BY_HAPROXY },
  { key: "buildbot", description: "CPython buildbot master", owner: "buildbot", names: ["buildbot.python.org"], origin: { kind: "load-balancer", backendRole: "buildbot" }, source: about("Buildbot"), fieldSources: ROUTED_BY_HAPROXY },
  { key: "hg", description: "Version control archives", owner: "hg", names: ["hg.python.org", "svn.python.org", "legacy.python.org"], origin: { kind: "load-balancer", backendRole: "hg" }, source: about("hg.python.org"), fieldSources: ROUTED_BY_HAPROXY },
  { key: "planet", description: "Planet Python", owner: "planet", names: ["planetpython.org", "www.planetpython.org"], origin: { kind: "load-balancer", backendRole: "planet" }, source: about("planetpython.org and planet.jython.org"), fieldSources: ROUTED_BY_HAPROXY },
  // The seed names planet.jython.org beside planetpython.org; the PSF's HAProxy no longer serves it. Kept as the seed
  // says, pointing at the load balancers, and not checked, since they refuse it.
  {
    key: "planet-jython", description: "Jython's Planet, as the seed names it", owner: "planet", names: ["planet.jython.org"], origin: { kind: "load-balancer", backendRole: "planet" },
    check: { kind: "none", reason: "the load balancers refuse the name (HAProxy denies a Host that is none of its domains: salt/haproxy/config/haproxy.cfg.jinja 137-140), so a check would alarm from its first minute" },
    source: about("planetpython.org and planet.jython.org"),
    differences: [{
      feature: "planet.jython.org",
      published: "not served: HAProxy's planet service answers planetpython.org and www.planetpython.org only (pillar/base/haproxy.sls), and the planet pillar dropped the Jython site in psf-salt c7b94e12 (2022)",
      reason: "the seed names planet.jython.org among Planet's names, so its records stay as the seed's estate has them, pointing at the load balancers; nothing answers there until the PSF restores the site or retires the name, so Pingdom does not check it",
    }],
  },
  { key: "speed", description: "Codespeed", owner: "speed", names: ["speed.python.org", "speed.pypy.org"], origin: { kind: "load-balancer", backendRole: "codespeed" }, source: about("speed.python.org"), fieldSources: ROUTED_BY_HAPROXY },
  { key: "wiki", description: "Wiki archives", owner: "wiki", names: ["wiki.python.org", "wiki.jython.org"], origin: { kind: "load-balancer", backendRole: "moin" }, source: about("wiki.python.org"), fieldSources: ROUTED_BY_HAPROXY },

  // HAProxy passes these on to sites outside the estate (pillar/base/haproxy.sls services console and jobs).
  {
    key: "console", description: "Python consoles on python.org, served by PythonAnywhere", owner: "pythondotorg", names: ["console.python.org"], origin: { kind: "load-balancer-proxy", upstream: "www.pythonanywhere.com" },
    check: { kind: "https", path: "/python-dot-org-live-consoles-status", reason: "HAProxy refuses every path of console.python.org but /static/, the consoles and their status page (pillar/base/haproxy.sls 48)" },
    source: psfSalt("pillar/base/haproxy.sls"), fieldSources: { owner: assumed("no owner of console.python.org is published; it serves python.org's home page consoles") },
  },
  {
    key: "jobs-pyfound-org", description: "The PSF's job board, hosted by ApplyToJob", owner: "infrastructure-staff", names: ["jobs.pyfound.org"], origin: { kind: "load-balancer-proxy", upstream: "pythonsoftwarefoundation.applytojob.com" },
    source: psfSalt("pillar/base/haproxy.sls"), fieldSources: { owner: assumed("no owner of the PSF's job board is published; the infrastructure staff keep its proxy") },
  },
  // The salt master's published files (the server list, the estate's known SSH host keys), through the load balancers.
  {
    key: "salt-public", description: "Files the Salt master publishes: the server list, the known SSH host keys", owner: "infrastructure-staff", names: ["salt-public.psf.io"], origin: { kind: "load-balancer", backendRole: "salt-master" },
    check: { kind: "https", path: "/salt-server-list.rst", reason: "what HAProxy's own check of the backend requests (pillar/base/haproxy.sls 111): the site has no index page" },
    source: psfSalt("pillar/base/haproxy.sls"),
  },
  // Roundup's mail name (pillar/base/bugs.sls lists it with the trackers' names); its mail reaches the bugs host through
  // the load balancers' Roundup listener (pillar/base/haproxy.sls listens, port 20025).
  {
    key: "roundup-mail", description: "Roundup's mail in, through the load balancers to the bugs host", owner: "infrastructure-staff", names: ["mail.roundup-tracker.org"], origin: { kind: "load-balancer", backendRole: "bugs" },
    check: { kind: "none", reason: "a mail name: HAProxy serves no web site for it (it is none of pillar/base/haproxy.sls's domains), and Pingdom checks the web" },
    source: psfSalt("pillar/base/bugs.sls"),
    fieldSources: { origin: assumed("which addresses mail.roundup-tracker.org's records hold is not published; the load balancers carry Roundup's mail listener (20025)") },
  },

  // HAProxy answers these with a redirect.
  {
    key: "jython-org-redirect", description: "Jython's domains to its website", owner: "jython",
    names: ["jython.org", "jython.com", "www.jython.com", "jython.net", "www.jython.net"], origin: { kind: "load-balancer-redirect", redirectTo: "https://www.jython.org" }, source: psfSalt("pillar/base/haproxy.sls"),
  },
  { key: "jobs-python-org-redirect", description: "The old jobs name, to python.org's job board", owner: "pythondotorg", names: ["jobs.python.org"], origin: { kind: "load-balancer-redirect", redirectTo: "https://www.python.org/jobs/" }, source: psfSalt("pillar/base/haproxy.sls") },
  { key: "donate-python-org-redirect", description: "The donations name, to the PSF's donations page", owner: "pythondotorg", names: ["donate.python.org"], origin: { kind: "load-balancer-redirect", redirectTo: "https://www.python.org/psf/donations/" }, source: psfSalt("pillar/base/haproxy.sls") },
  {
    key: "pypa-io-redirect", description: "The PyPA's apex to its website", owner: "infrastructure-staff", names: ["pypa.io"], origin: { kind: "load-balancer-redirect", redirectTo: "https://www.pypa.io" },
    source: psfSalt("pillar/base/haproxy.sls"), fieldSources: { owner: assumed("no owner of the pypa.io redirect is published; the infrastructure staff keep the load balancers") },
  },
  { key: "fr-pycon-org-redirect", description: "PyCon France's old name", owner: "pycon", names: ["fr.pycon.org"], origin: { kind: "load-balancer-redirect", redirectTo: "https://pycon.fr" }, source: psfSalt("pillar/base/haproxy.sls") },
  // `tls: False` in the pillar: HAProxy's redirect for it says http:// (salt/haproxy/config/nginx-redirect.conf.jinja).
  { key: "planet-python-org-redirect", description: "Old Planet name", owner: "planet", names: ["planet.python.org"], origin: { kind: "load-balancer-redirect", redirectTo: "http://planetpython.org" }, source: psfSalt("pillar/base/haproxy.sls") },
  { key: "www-pycon-org-redirect", description: "PyCon's www name", owner: "pycon", names: ["www.pycon.org"], origin: { kind: "load-balancer-redirect", redirectTo: "https://pycon.org" }, source: psfSalt("pillar/base/haproxy.sls") },
  { key: "packages-python-org-redirect", description: "Old package documentation host", owner: "pypi", names: ["packages.python.org"], origin: { kind: "load-balancer-redirect", redirectTo: "https://pythonhosted.org" }, source: psfSalt("pillar/base/haproxy.sls") },
  { key: "cheeseshop-redirect", description: "PyPI's old name", owner: "pypi", names: ["cheeseshop.python.org"], origin: { kind: "load-balancer-redirect", redirectTo: "https://pypi.org" }, source: psfSalt("pillar/base/haproxy.sls") },

  // Hosts that answer their names themselves.
  { key: "mail", description: "Mailman and Postfix", owner: "postmaster", names: ["mail.python.org"], origin: { kind: "droplet", role: "mail" }, source: about("mail.python.org") },
  // pythontest serves its names as CPython's tests expect them (salt/pythontest/config/): plain HTTP on pythontest.net
  // and www, a self-signed certificate on port 443 for self-signed.pythontest.net alone, and INN as news.pythontest.net.
  {
    key: "pythontest", description: "Resources for CPython's test suite", owner: "python-dev", names: ["pythontest.net", "www.pythontest.net"], origin: { kind: "droplet", role: "pythontest" },
    check: { kind: "http", path: "/", reason: "pythontest.net and www serve plain HTTP only (nginx.pythontest.conf.jinja listens on 80 for them); port 443 answers another name" },
    source: about("pythontest.net"), fieldSources: { names: PYTHONTEST_NGINX, check: PYTHONTEST_NGINX },
  },
  {
    key: "pythontest-self-signed", description: "pythontest's HTTPS with a self-signed certificate, for CPython's TLS tests", owner: "python-dev", names: ["self-signed.pythontest.net"], origin: { kind: "droplet", role: "pythontest" },
    check: { kind: "https-self-signed", path: "/", reason: "its certificate is self-signed on purpose: CPython's tests expect it to fail verification" },
    source: PYTHONTEST_NGINX,
  },
  {
    key: "pythontest-news", description: "pythontest's news server (INN), for CPython's NNTP tests", owner: "python-dev", names: ["news.pythontest.net"], origin: { kind: "droplet", role: "pythontest" },
    check: { kind: "none", reason: "a news server's name: INN serves NNTP there, which the role's firewall does not open (psf-salt pillar/prod/top.sls), and no web site answers it" },
    source: psfSalt("salt/pythontest/config/inn.conf"),
  },
  { key: "pypy-org", description: "The PyPy website", owner: "pypy", names: ["pypy.org", "www.pypy.org"], origin: { kind: "droplet", role: "pypy-web" }, source: about("PyPy properties"), fieldSources: { origin: assumed("the seed says a DigitalOcean VM serves the PyPy website; the role is this project's (see role pypy-web)") } },

  // The S3 website serves HTTP only: Fastly's www.jython.org service terminates TLS in front of it (inventory/fastly.ts).
  { key: "www-jython-org", description: "The Jython website", owner: "jython", names: ["www.jython.org"], origin: { kind: "fastly", service: "www.jython.org" }, source: about("www.jython.org") },
];

/** S3 buckets served as websites. */
export const STATIC_SITES: readonly StaticSite[] = [
  {
    bucket: "www.jython.org", region: "us-east-1", owner: "jython", indexDocument: "index.html", errorDocument: "404.html",
    source: about("www.jython.org"),
    fieldSources: { region: assumed("the bucket's region is not published"), indexDocument: assumed("S3's usual website documents"), errorDocument: assumed("S3's usual website documents") },
  },
];
