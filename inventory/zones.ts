import { assumed, psfSalt, publicFile, PYPI_DNS, seed } from "./source";
import type { CaaPolicy, ExternalZone, FastlyEdge, HostRecords, Zone } from "./shape";

/** The seed names each domain; what the zones publish beyond the estate's own names is not published anywhere. */
const ROUTE_53 = seed("Infrastructure Providers > Amazon Route 53");
const UNPUBLISHED_POLICY = {
  spf: assumed("no PSF file publishes the zones' SPF policies: a domain that sends no mail refuses all, python.org allows its mail host"),
  defaultTtl: assumed("no PSF file publishes the zones' TTLs; five minutes keeps changes quick"),
};

/** Host names live here: `<name>.<datacenter>.psf.io`, and `<role>.psf.io` for each role. */
export const HOST_ZONE = "psf.io";

/**
 * Every host's own records. The DNS stack is their one writer: Salt's DNS state on the salt master writes the
 * same A records today (the host's public IPv4, TTL 3600), and is retired when the DNS stack is first applied.
 * Until then both write the same value with the same TTL, so neither undoes the other.
 */
export const HOST_RECORDS: HostRecords = {
  ttlSeconds: 3600,
  retiringWriter: {
    name: "Salt's DNS state (boto_route53 on the salt master)",
    where: psfSalt("salt/dns/init.sls"),
    until: "the dns stack is first applied: then remove the dns state from the salt master's top file in psf-salt",
  },
  source: psfSalt("salt/dns/init.sls"),
};

const NO_MAIL = "v=spf1 -all";

/** The zones Route 53 hosts for the PSF (pypi.org and pythonhosted.org are PyPI's, managed in pypi/infra). */
export const ZONES: readonly Zone[] = [
  {
    name: "python.org", purpose: "The Python language's home", spf: "v=spf1 mx a:mail.python.org ~all", defaultTtl: 300, source: ROUTE_53,
    records: [{ name: "python.org", type: "MX", values: ["10 mail.python.org"], ttl: 3600 }],
    fieldSources: { ...UNPUBLISHED_POLICY, records: seed("Details of Various Services > mail.python.org") },
  },
  { name: "jython.org", purpose: "Jython's website and trackers", spf: NO_MAIL, defaultTtl: 300, source: ROUTE_53, fieldSources: UNPUBLISHED_POLICY },
  // Jython's other domains, which the load balancers redirect to www.jython.org (pillar/base/haproxy.sls, tls.sls).
  { name: "jython.com", purpose: "Jython's .com domain, redirected to www.jython.org", spf: NO_MAIL, defaultTtl: 300, source: ROUTE_53, fieldSources: { ...UNPUBLISHED_POLICY, name: psfSalt("pillar/base/haproxy.sls") } },
  { name: "jython.net", purpose: "Jython's .net domain, redirected to www.jython.org", spf: NO_MAIL, defaultTtl: 300, source: ROUTE_53, fieldSources: { ...UNPUBLISHED_POLICY, name: psfSalt("pillar/base/haproxy.sls") } },
  { name: "pythontest.net", purpose: "Resources for CPython's test suite", spf: NO_MAIL, defaultTtl: 300, source: ROUTE_53, fieldSources: UNPUBLISHED_POLICY },
  { name: "planetpython.org", purpose: "Planet Python", spf: NO_MAIL, defaultTtl: 300, source: ROUTE_53, fieldSources: UNPUBLISHED_POLICY },
  { name: "pypy.org", purpose: "The PyPy project", spf: NO_MAIL, defaultTtl: 300, source: ROUTE_53, fieldSources: UNPUBLISHED_POLICY },
  { name: "roundup-tracker.org", purpose: "The Roundup issue tracker project", spf: NO_MAIL, defaultTtl: 300, source: ROUTE_53, fieldSources: UNPUBLISHED_POLICY },
  { name: "pycon.org", purpose: "PyCon", spf: NO_MAIL, defaultTtl: 300, source: ROUTE_53, fieldSources: UNPUBLISHED_POLICY },
  { name: HOST_ZONE, purpose: "Internal host names of the PSF estate", spf: NO_MAIL, defaultTtl: 300, source: ROUTE_53, fieldSources: UNPUBLISHED_POLICY },
];

/**
 * Zones in which the load balancers serve names, whose records this estate does not keep: their other names and
 * policies (mail, certificate authorities) are not published, and SPF or CAA guessed for a live domain could stop its
 * mail or its certificates. Their records stay as the infrastructure staff keep them in Route 53 by hand.
 */
export const EXTERNAL_ZONES: readonly ExternalZone[] = [
  {
    name: "pyfound.org", purpose: "The PSF's own domain; jobs.pyfound.org is its job board", managedBy: "the infrastructure staff, by hand in Route 53",
    source: psfSalt("pillar/base/haproxy.sls"), fieldSources: { managedBy: ROUTE_53 },
  },
  {
    name: "pypa.io", purpose: "The Python Packaging Authority's domain; its apex redirects to www.pypa.io", managedBy: "the infrastructure staff, by hand in Route 53",
    source: psfSalt("pillar/base/haproxy.sls"), fieldSources: { managedBy: ROUTE_53 },
  },
];

/** Certificate authorities the PSF uses, and where they report refusals. */
export const CAA_POLICY: CaaPolicy = {
  issuers: ["letsencrypt.org", "amazon.com", "globalsign.com"],
  iodef: "mailto:infrastructure-staff@python.org",
  source: PYPI_DNS,
};

/** Fastly's published targets for the PSF's services (Fastly's DNS instructions for python.org). */
export const FASTLY_EDGE: FastlyEdge = {
  dualstackCname: "dualstack.python.map.fastly.net",
  apexIpv4: ["151.101.0.223", "151.101.64.223", "151.101.128.223", "151.101.192.223"],
  apexIpv6: ["2a04:4e42::223", "2a04:4e42:200::223", "2a04:4e42:400::223", "2a04:4e42:600::223"],
  // pypi/infra writes the same targets for PyPI's names on the python map (terraform/main.tf fastly_endpoints, 13-17).
  source: publicFile("pypi/infra", "terraform/main.tf"),
};
