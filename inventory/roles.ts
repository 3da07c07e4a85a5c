import { tcp, udp } from "./ports";
import { assumed, firewallPillar, psfSalt } from "./source";
import type { PolicyException, PortRange, Role, ServiceDiscovery, Source } from "./shape";

/** Every host opens ssh to the world. */
export const COMMON_WORLD_PORTS: readonly PortRange[] = [tcp(22, "ssh")];

/** Why every host may break a policy rule because of the common ports above. */
export const COMMON_PORTS_POLICY_EXCEPTIONS: readonly PolicyException[] = [{
  rule: "network.ssh-from-admin-sources",
  reason: "psf-salt opens ssh to every address on every host (estate-facts \"Ports each role opens\"); the administrators' source addresses are not published. Ends when the infrastructure team declares them as admin sources.",
  // The infrastructure team answers for the firewall every host shares, and would declare the admin sources.
  owner: "infrastructure-staff",
  granted: "2026-12-04",
  expires: "2027-06-02",
}];

/**
 * Mail hosts keep the plaintext protocols their users still connect with; `owner` is the owner of the role's host
 * (hosts.ts), who would retire them.
 */
function plaintextMailException(owner: string): PolicyException {
  return {
    rule: "network.no-plaintext-mail",
    reason: "the role's host serves IMAP (143) and NNTP (119) as psf-salt's mail firewall opens them, STARTTLS-capable; mail.python.org's users still connect there. Ends when the exception's owner retires them for 993 and 563.",
    owner,
    granted: "2026-12-04",
    expires: "2027-06-02",
  };
}

/**
 * Consul runs in nyc1 alone: its state applies where the pillar's `consul:dcs` holds the host's datacenter
 * (psf-salt salt/consul/init.sls line 1), and pillar/prod/consul.sls lists nyc1 only. There every host's agent and
 * the three servers talk over the private network.
 */
export const SERVICE_DISCOVERY: ServiceDiscovery = {
  datacenters: ["nyc1"],
  ports: [tcp(8300, 8302, "consul"), udp(8300, 8302, "consul")],
  source: firewallPillar("consul"),
  fieldSources: { datacenters: psfSalt("pillar/prod/consul.sls") },
  differences: [{
    feature: "ports 8300-8302",
    published: "open to the world on every host, in every datacenter (pillar/prod/top.sls gives every host firewall.consul, which has no source)",
    reason: "Consul runs only in nyc1 (salt/consul/init.sls line 1, pillar/prod/consul.sls dcs), where agents and servers share the private network: nyc1's hosts open them to nyc1's private network, and hosts elsewhere, where nothing listens on them, do not open them",
  }],
};

const WEB = [tcp(80, "http"), tcp(443, "https")];

// NTP too, on both protocols (psf-salt pillar/base/firewall/mail.sls: "ntp is both udp and tcp").
const MAIL = [
  tcp(25, "smtp"),
  ...WEB,
  tcp(465, "smtps"),
  tcp(587, "submission"),
  tcp(143, "imap"),
  tcp(993, "imaps"),
  tcp(119, "nntp"),
  tcp(563, "nntps"),
  tcp(123, "ntp"),
  udp(123, "ntp"),
];

/** The Salt roles and the host names each matches: every role here is one of psf-salt's unless it says otherwise. */
const SALT_ROLES = psfSalt("pillar/prod/roles.sls");

type RoleExtra = Partial<Pick<Role, "worldPorts" | "internalPorts" | "fastlyPorts" | "estatePorts" | "estatePortsAlsoFrom" | "shortName" | "policyExceptions" | "source" | "fieldSources" | "differences">>;

/** A role; its ports come from `firewall` (a psf-salt firewall pillar) unless its field sources say otherwise. */
function role(name: string, purpose: string, firewall: Source | undefined, extra: RoleExtra = {}): Role {
  const ports: Record<string, Source> = firewall === undefined ? {} : { worldPorts: firewall, internalPorts: firewall, fastlyPorts: firewall, estatePorts: firewall };
  return {
    name, purpose, source: SALT_ROLES, ...extra,
    fieldSources: { ...ports, ...extra.fieldSources },
    worldPorts: extra.worldPorts ?? [], internalPorts: extra.internalPorts ?? [], fastlyPorts: extra.fastlyPorts ?? [],
  };
}

/** The Salt roles and the ports each opens beyond the common ones (the firewall facts). */
export const ROLES: readonly Role[] = [
  role("backup-server", "Automated backups of the estate", undefined),
  role("bugs", "Roundup trackers", firewallPillar("bugs"), { internalPorts: [tcp(9000, 9002, "roundup web"), tcp(20025, "mail in")] }),
  role("buildbot", "CPython buildbot master", firewallPillar("buildbot"), { worldPorts: [tcp(9020, "buildbot workers")], internalPorts: [tcp(9000, "web")] }),
  role("cdn-logs", "Realtime syslog stream from Fastly, for debugging", firewallPillar("fastly-logging"), { fastlyPorts: [tcp(514, "syslog")] }),
  role("codespeed", "Codespeed web UI", firewallPillar("codespeed"), { internalPorts: [tcp(9000, "codespeed cpython"), tcp(9001, "codespeed pypy")] }),
  // The servers open Consul's ports as every host of nyc1 does (SERVICE_DISCOVERY): nothing more.
  role("consul", "Consul service discovery servers", undefined),
  role("docs", "Builds and serves docs.python.org", firewallPillar("rs-lb-backend"), { internalPorts: [tcp(9000, "web")] }),
  role("downloads", "python.org downloads", firewallPillar("rs-lb-backend"), { internalPorts: [tcp(9000, "web")] }),
  role("gnumailman", "GNU Mailman project wiki and lists", firewallPillar("mail"), { worldPorts: MAIL, policyExceptions: [plaintextMailException("gnu-mailman")] }),
  role("hg", "Version control archives", firewallPillar("hg"), { internalPorts: [tcp(9000, 9002, "hg, svn, legacy")] }),
  // Fastly reaches them as lb.nyc1.psf.io and checks the certificate name lb.psf.io. psf-salt opens every listener
  // to the world; the one entry for Fastly, 20004, serves Fastly alone, so here only Fastly reaches it.
  role("loadbalancer", "HAProxy in front of the app hosts", firewallPillar("loadbalancer"), {
    shortName: "lb",
    // The certificate Fastly checks is lb.psf.io's (psf-salt's TLS pillar).
    fieldSources: { shortName: psfSalt("pillar/base/tls.sls") },
    worldPorts: [
      ...WEB,
      // HAProxy's `frontend main` binds these beside 80 and 443 (salt/haproxy/config/haproxy.cfg.jinja 86-102).
      tcp(20000, "haproxy http (frontend main)"),
      tcp(20010, "haproxy https (frontend main)"),
      // PROXY-protocol entries (HAProxy accept-proxy): who sends them is not published, so they stay open as in psf-salt.
      tcp(20001, "haproxy http, proxy protocol"),
      tcp(20011, "haproxy https, proxy protocol"),
      tcp(9020, "buildbot workers, direct"),
      tcp(20025, "roundup mail in, proxy protocol"),
      // Nothing listens since psf-salt 4450097e ("do away with ev cert") and 442a8e97 ("Minify the HG setup"); the
      // firewall still opens them.
      tcp(20002, "haproxy tls (no listener)"),
      tcp(20100, "hg ssh (no listener)"),
    ],
    fastlyPorts: [tcp(20004, "haproxy tls for fastly")],
    differences: [{
      feature: "port 20004",
      published: "open to the world (no source in pillar/base/firewall/loadbalancer.sls)",
      reason: "it is HAProxy's `frontend fastly` (salt/haproxy/config/haproxy.cfg.jinja 168-178), which denies every request without the Fastly-Token, and the port Fastly's backends use (docs/services/cdn.rst): only Fastly's published ranges reach it here",
    }],
  }),
  role("mail", "mail.python.org: Mailman and Postfix", firewallPillar("mail"), { worldPorts: MAIL, policyExceptions: [plaintextMailException("postmaster")] }),
  // The load balancers route wiki.python.org and wiki.jython.org here, as they do for docs and planet.
  role("moin", "Static archive of wiki.python.org and wiki.jython.org", firewallPillar("rs-lb-backend"), { internalPorts: [tcp(9000, "web")] }),
  role("planet", "planetpython.org and planet.jython.org", firewallPillar("planet"), { internalPorts: [tcp(9000, "web")] }),
  // pypy.org and pythontest.net are answered by their own hosts, not through the load balancers.
  role("pypy-web", "Serves www.pypy.org", undefined, {
    source: assumed("the seed says the PyPy website runs on a DigitalOcean VM; psf-salt has no role for it, so its name and its ports (a web server's) are assumed"), worldPorts: WEB }),
  // pythontest's firewall is three pillars (pillar/prod/top.sls gives the role firewall.http, firewall.ftp and
  // firewall.snakebite): the web, anonymous FTP for CPython's tests (salt/pythontest/config/vsftpd.conf: active from
  // port 20, passive 10090-10190) and the snakebite holes CPython's network tests probe.
  role("pythontest", "Resources for CPython's test suite", psfSalt("pillar/prod/top.sls"), {
    worldPorts: [
      ...WEB,
      tcp(20, "ftp data"),
      tcp(21, "ftp"),
      tcp(10090, 10190, "ftp passive"),
      // The "whitehole": the host's iptables rejects it (pillar/base/firewall/snakebite.sls), so a connection is
      // refused at once, which a cloud firewall that drops it would turn into a timeout. The "blackhole", 56666, is
      // dropped: the cloud firewall does that by admitting nothing there.
      tcp(56667, "snakebite whitehole, rejected by the host"),
      udp(56667, "snakebite whitehole, rejected by the host"),
    ],
  }),
  // Every managed host reaches the master; psf-salt pokes holes for the hosts outside the primary datacenter
  // (nyc1) by their public addresses, listed by hand there: the estate's own are derived from the hosts here, and
  // the two that are no droplet of the estate are written as psf-salt writes them (pillar/base/firewall/salt.sls 22-33).
  role("salt-master", "Salt master", firewallPillar("salt"), {
    internalPorts: [
      // The load balancers' letsencrypt-well-known and publish-files backends (pillar/base/haproxy.sls).
      tcp(9000, 9001, "acme http challenges and published files, for the load balancers"),
      // Pebble, the ACME test server the salt master runs (salt/top.sls tls.pebble); psf-salt marks it for development.
      tcp(14000, "pebble acme test server"),
    ],
    estatePorts: [tcp(4505, 4506, "salt")],
    estatePortsAlsoFrom: [
      { address: "138.68.57.99", what: "the remote backup host (salt_master_remote_backup)" },
      { address: "217.140.101.240", what: "the Arm-hosted Ampere One box (salt_master_ampere_one, psf-salt 1d639276)" },
    ],
  }),
];
