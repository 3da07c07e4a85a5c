/*
 * The facts the seed article and the facts sheet state about the estate, one a check, each named after its fact, for any
 * estate: the committed one (seed-facts.test.ts) and each recipe of the README's "Changing the estate" applied to it
 * (estate-recipes.test.ts). A fact is pinned as the seed states it: where a service runs, not today's list of hosts, so
 * that adding, renaming or retiring a host contradicts no fact unless it moves a service the seed places.
 */
import type { Estate } from "../../inventory";
import { defined } from "./defined";

/** A fact: its name, and a check that fails naming it. */
export type SeedFact = readonly [string, () => void];

/** The seed's and the facts sheet's facts about `estate`. */
export function seedFacts(estate: Estate): readonly SeedFact[] {
  const serviceNaming = (name: string) => estate.services.find((s) => s.names.includes(name));
  const fastlyService = (name: string) => estate.fastlyServices.find((s) => s.name === name);
  const herokuApp = (name: string) => estate.heroku.apps.find((a) => a.name === name);
  const hostsOf = (role: string) => estate.hostsWithRole(role);

  /** The droplets that answer `name`: the hosts of the role its service's origin names, through the load balancers or not. */
  function dropletsServing(name: string): readonly ReturnType<typeof hostsOf>[number][] {
    const origin = serviceNaming(name)?.origin;
    if (origin?.kind === "load-balancer") return hostsOf(origin.backendRole);
    if (origin?.kind === "droplet") return hostsOf(origin.role);
    return [];
  }

  /** The seed's "hosted on a DigitalOcean VM": at least one droplet answers each name, each in a DigitalOcean datacenter. */
  const onDigitalOcean =
    (...names: string[]) =>
    (): void => {
      for (const name of names) {
        const droplets = dropletsServing(name);
        expect({ name, droplets: droplets.length > 0 }).toEqual({ name, droplets: true });
        for (const h of droplets)
          expect({ name, host: h.key, provider: estate.datacenter(h.datacenter).provider }).toEqual({ name, host: h.key, provider: "digitalocean" });
      }
    };

  return [
    // Datacenters.
    ["ams1 is DigitalOcean's ams3", () => expect(estate.datacenter("ams1")).toMatchObject({ provider: "digitalocean", region: "ams3" })],
    ["nyc1 is DigitalOcean's nyc3", () => expect(estate.datacenter("nyc1")).toMatchObject({ provider: "digitalocean", region: "nyc3" })],
    ["sfo1 is DigitalOcean's sfo2", () => expect(estate.datacenter("sfo1")).toMatchObject({ provider: "digitalocean", region: "sfo2" })],
    [
      "the seed's datacenters are ams1, nyc1 and sfo1; the server list adds pythontest's nyc3",
      () => expect(estate.datacenters.map((dc) => dc.key).sort()).toEqual(["ams1", "nyc1", "nyc3", "sfo1"]),
    ],
    ["nyc1's private network is the PSF internal range 10.132.0.0/16", () => expect(estate.datacenter("nyc1").privateRange).toBe("10.132.0.0/16")],
    ["host names live under psf.io", () => expect(estate.hostZone).toBe("psf.io")],

    // Where the seed's services run ("Details of Various Services"), whatever their hosts are called.
    [
      "the buildbot master runs on DigitalOcean, run for python-dev",
      () => {
        onDigitalOcean("buildbot.python.org")();
        expect(estate.owner(defined(serviceNaming("buildbot.python.org")).owner).contact).toBe("python-dev@python.org");
      },
    ],
    [
      "bugs.python.org is hosted on DigitalOcean, powered by Roundup, which also serves bugs.jython.org and issues.roundup-tracker.org",
      () => {
        onDigitalOcean("bugs.python.org", "bugs.jython.org", "issues.roundup-tracker.org")();
        expect(new Set(["bugs.jython.org", "issues.roundup-tracker.org"].map((n) => serviceNaming(n)?.key))).toEqual(
          new Set([serviceNaming("bugs.python.org")?.key]),
        );
      },
    ],
    ["docs.python.org is built and served on DigitalOcean", () => expect(hostsOf("docs").length).toBeGreaterThan(0)],
    ["hg.python.org's repositories are on a DigitalOcean VM", onDigitalOcean("hg.python.org")],
    [
      "mail.python.org, Mailman and Postfix, is a DigitalOcean droplet of its own",
      () => {
        onDigitalOcean("mail.python.org")();
        expect(serviceNaming("mail.python.org")?.origin.kind).toBe("droplet");
      },
    ],
    ["planetpython.org is hosted on a DigitalOcean VM", onDigitalOcean("planetpython.org")],
    ["pythontest.net is hosted on DigitalOcean", onDigitalOcean("pythontest.net")],
    ["speed.python.org's web interface is on a DigitalOcean VM", onDigitalOcean("speed.python.org")],
    ["wiki.python.org is hosted on a DigitalOcean VM", onDigitalOcean("wiki.python.org")],
    [
      "python.org's downloads are on a separate DigitalOcean VM",
      () => {
        expect(hostsOf("downloads").length).toBeGreaterThan(0);
        expect(hostsOf("downloads").every((h) => h.role !== "docs")).toBe(true);
      },
    ],
    // The facts sheet's server list, as facts about its roles: a host added, renamed or retired contradicts none of them.
    [
      "the backup server keeps its data volume at /backup",
      () => {
        expect(hostsOf("backup-server").length).toBeGreaterThan(0);
        for (const h of hostsOf("backup-server"))
          expect({ host: h.key, mountPoint: h.volume?.mountPoint }).toEqual({ host: h.key, mountPoint: "/backup" });
      },
    ],
    // What the estate's data lives on: flipping one of these would make a plan able to destroy it (policy data.prevent-destroy follows holdsData).
    [
      "backups, mail, the Mercurial archives and the downloads are held on their hosts",
      () => {
        for (const role of ["backup-server", "mail", "hg", "downloads"]) {
          expect({ role, hosts: hostsOf(role).length > 0 }).toEqual({ role, hosts: true });
          for (const h of hostsOf(role)) expect({ host: h.key, holdsData: h.holdsData }).toEqual({ host: h.key, holdsData: true });
        }
      },
    ],
    [
      "a host holds data exactly when psf-salt backs it up: docs is backed up, the salt master is not (pillar/prod/backup/*.sls, pillar/prod/top.sls)",
      () => {
        expect({ docs: hostsOf("docs").map((h) => h.holdsData), salt: hostsOf("salt-master").map((h) => h.holdsData) }).toEqual({
          docs: hostsOf("docs").map(() => true),
          salt: hostsOf("salt-master").map(() => false),
        });
        for (const h of estate.hosts.filter((x) => x.role !== "pypy-web")) {
          const cited = h.fieldSources?.holdsData;
          const backedUp = cited?.kind === "public" && cited.repository === "python/psf-salt" && cited.path.startsWith("pillar/prod/backup/");
          expect({ host: h.key, holdsData: h.holdsData }).toEqual({ host: h.key, holdsData: backedUp });
        }
      },
    ],
    [
      "pythontest's droplet is in nyc3, as the server list lists it: DigitalOcean's NYC3, but outside nyc1's network",
      () => {
        expect(hostsOf("pythontest").map((h) => h.datacenter)).toEqual(hostsOf("pythontest").map(() => "nyc3"));
        expect(estate.datacenter("nyc3").region).toBe(estate.datacenter("nyc1").region);
        expect(estate.datacenter("nyc3").privateRange).not.toBe(estate.datacenter("nyc1").privateRange);
      },
    ],
    [
      "the server list's host cesw-gbt-r263-p30-01 runs CPython's benchmarks in eu1, Salt role benchmarks, and is no DigitalOcean droplet (psf-salt docs/salt-server-list.rst, pillar/prod/roles.sls, salt/top.sls)",
      () => {
        expect(estate.hosts.map((h) => h.name)).not.toContain("cesw-gbt-r263-p30-01");
        expect(estate.externalHosts.find((h) => h.name === "cesw-gbt-r263-p30-01")).toMatchObject({
          purpose: "Hosting for CPython benchmarks",
          owner: "benchmarks",
          distro: "Ubuntu 24.04",
          hostedBy: expect.stringContaining("eu1"),
          managedBy: expect.stringContaining("benchmarks"),
        });
      },
    ],
    [
      "where the seed's owner is not the server list's contact (buildbot, speed, hg, planet, pythontest, wiki, speed-python.osuosl.org), the seed's is kept and the contact listed (psf-salt docs/salt-server-list.rst, docs/list.rst)",
      () => {
        const differs = (item: { readonly differences?: readonly { readonly feature: string }[] }): boolean =>
          (item.differences ?? []).some((d) => d.feature === "owner");
        expect([...new Set(estate.hosts.filter(differs).map((h) => h.role))].sort()).toEqual([
          "buildbot",
          "codespeed",
          "hg",
          "moin",
          "planet",
          "pythontest",
        ]);
        expect(estate.externalHosts.filter(differs).map((h) => h.name)).toEqual(["speed-python.osuosl.org"]);
      },
    ],
    [
      "the downloads and GNU Mailman hosts' owners are the server list's contacts (psf-salt docs/salt-server-list.rst)",
      () => {
        for (const h of [...hostsOf("downloads"), ...hostsOf("gnumailman")]) {
          expect({ host: h.key, source: estate.owner(h.owner).source }).toEqual({
            host: h.key,
            source: { kind: "public", repository: "python/psf-salt", path: "docs/salt-server-list.rst" },
          });
        }
      },
    ],
    [
      "mail.python.org's host in ams1 runs Ubuntu 14.04",
      () =>
        expect(
          hostsOf("mail")
            .filter((h) => h.datacenter === "ams1")
            .map((h) => h.image),
        ).toContain("ubuntu-14-04-x64"),
    ],
    [
      "speed.python.org's benchmark runner is hardware at OSUOSL, not a droplet",
      () => {
        expect(estate.externalHosts.filter((h) => /OSUOSL/.test(h.hostedBy)).map((h) => h.managedBy)).toEqual([expect.stringMatching(/Chef/)]);
      },
    ],

    // Zones.
    ...["python.org", "jython.org", "pythontest.net", "planetpython.org", "pypy.org", "roundup-tracker.org", "pycon.org", "psf.io"].map(
      (zone): readonly [string, () => void] => [`${zone} is a Route 53 zone`, () => expect(estate.zones.map((z) => z.name)).toContain(zone)],
    ),
    [
      "PyPI's zones pypi.org and pythonhosted.org are not managed here",
      () => {
        expect(estate.zones.map((z) => z.name)).not.toEqual(expect.arrayContaining(["pypi.org"]));
        expect(estate.zones.map((z) => z.name)).not.toEqual(expect.arrayContaining(["pythonhosted.org"]));
      },
    ],
    [
      "CAA allows Let's Encrypt, Amazon and GlobalSign, and reports to infrastructure-staff",
      () => {
        expect(estate.caa).toMatchObject({
          issuers: ["letsencrypt.org", "amazon.com", "globalsign.com"],
          iodef: "mailto:infrastructure-staff@python.org",
        });
      },
    ],
    [
      "python.org's mail goes to mail.python.org",
      () =>
        expect(estate.zones.find((z) => z.name === "python.org")?.records).toContainEqual(
          expect.objectContaining({ type: "MX", values: ["10 mail.python.org"] }),
        ),
    ],

    // Services.
    ["Fastly fronts www.python.org", () => expect(serviceNaming("www.python.org")?.origin).toEqual({ kind: "fastly", service: "www.python.org" })],
    ["Fastly fronts docs.python.org", () => expect(serviceNaming("docs.python.org")?.origin).toEqual({ kind: "fastly", service: "docs.python.org" })],
    [
      "www.python.org is the pythondotorg Django app on Heroku",
      () => expect(estate.heroku.apps.find((a) => a.name === "pythondotorg")?.customDomains).toContain("www.python.org"),
    ],
    [
      "staging.python.org is its staging twin on Heroku",
      () => expect(serviceNaming("staging.python.org")?.origin).toEqual({ kind: "heroku", app: "pythondotorg-staging" }),
    ],
    ["the PyCon US website is on Heroku", () => expect(serviceNaming("us.pycon.org")?.origin).toEqual({ kind: "heroku", app: "pycon-us" })],
    ...["bedevere", "miss-islington", "blurb-it"].map((bot): readonly [string, () => void] => [
      `the core-workflow bot ${bot} is a Heroku app`,
      () => expect(estate.heroku.apps.map((a) => a.name)).toContain(bot),
    ]),
    [
      "www.jython.org is served from an S3 bucket website, with Fastly terminating TLS in front of it (the load balancers redirect to https://www.jython.org: psf-salt pillar/base/haproxy.sls)",
      () => {
        expect(serviceNaming("www.jython.org")?.origin).toEqual({ kind: "fastly", service: "www.jython.org" });
        expect(fastlyService("www.jython.org")?.backends.map((b) => b.origin)).toEqual([{ kind: "s3-website", site: "www.jython.org" }]);
        expect(estate.staticSites.map((s) => s.bucket)).toContain("www.jython.org");
      },
    ],
    ["pypy.org is served by a droplet", () => expect(serviceNaming("pypy.org")?.origin.kind).toBe("droplet")],
    [
      "PyPI (pypi.org, files.pythonhosted.org) is managed by pypi/infra",
      () => {
        expect(estate.externalServices.find((s) => s.name === "PyPI")).toMatchObject({
          names: expect.arrayContaining(["pypi.org", "files.pythonhosted.org"]),
          managedBy: expect.stringContaining("pypi/infra"),
        });
      },
    ],
    [
      "the load balancers route bugs.python.org to the bugs role",
      () => expect(serviceNaming("bugs.python.org")?.origin).toEqual({ kind: "load-balancer", backendRole: "bugs" }),
    ],

    [
      "the load balancers also serve console.python.org, jobs.pyfound.org and salt-public.psf.io, and redirect jobs.python.org, donate.python.org, pypa.io, Jython's .com and .net names and fr.pycon.org (psf-salt pillar/base/haproxy.sls)",
      () => {
        expect(serviceNaming("console.python.org")?.origin).toEqual({ kind: "load-balancer-proxy", upstream: "www.pythonanywhere.com" });
        expect(serviceNaming("jobs.pyfound.org")?.origin).toEqual({
          kind: "load-balancer-proxy",
          upstream: "pythonsoftwarefoundation.applytojob.com",
        });
        expect(serviceNaming("salt-public.psf.io")?.origin).toEqual({ kind: "load-balancer", backendRole: "salt-master" });
        const redirects = Object.fromEntries(
          estate.services.flatMap((s) =>
            s.origin.kind === "load-balancer-redirect" ? s.names.map((n) => [n, (s.origin as { redirectTo: string }).redirectTo]) : [],
          ),
        );
        expect(redirects).toMatchObject({
          "jobs.python.org": "https://www.python.org/jobs/",
          "donate.python.org": "https://www.python.org/psf/donations/",
          "pypa.io": "https://www.pypa.io",
          "jython.com": "https://www.jython.org",
          "www.jython.com": "https://www.jython.org",
          "jython.net": "https://www.jython.org",
          "www.jython.net": "https://www.jython.org",
          "fr.pycon.org": "https://pycon.fr",
        });
      },
    ],
    [
      "mail.roundup-tracker.org is one of Roundup's names (psf-salt pillar/base/bugs.sls)",
      () => expect(serviceNaming("mail.roundup-tracker.org")).toBeDefined(),
    ],
    [
      "jython.com and jython.net are zones here; pyfound.org and pypa.io, whose other names and mail are not published, are recorded as kept elsewhere",
      () => {
        expect(estate.zones.map((z) => z.name)).toEqual(expect.arrayContaining(["jython.com", "jython.net"]));
        expect(estate.externalZones.map((z) => z.name)).toEqual(expect.arrayContaining(["pyfound.org", "pypa.io"]));
      },
    ],
    [
      "the pycon.org apex, the www.pycon.org redirect's target, is served by something not published: recorded as managed elsewhere, its records never written here",
      () => {
        expect(estate.externalServices.find((s) => s.names.includes("pycon.org"))).toBeDefined();
        expect(estate.records.filter((r) => r.name === "pycon.org" && r.type !== "CAA" && r.type !== "TXT")).toEqual([]);
      },
    ],
    [
      "PyPI's Fastly services answer pypi.python.org, warehouse.python.org, testpypi.python.org and warehouse-staging.python.org, recorded as pypi/infra's and never written here (pypi/infra terraform/main.tf)",
      () => {
        const pypi = estate.externalServices.find((s) => s.name === "PyPI");
        expect(pypi?.names).toEqual(
          expect.arrayContaining(["pypi.python.org", "warehouse.python.org", "testpypi.python.org", "warehouse-staging.python.org"]),
        );
        expect(pypi?.fieldSources?.names).toEqual({ kind: "public", repository: "pypi/infra", path: "terraform/main.tf" });
        for (const name of pypi?.names ?? [])
          expect({ name, records: estate.records.filter((r) => r.name === name).length }).toEqual({ name, records: 0 });
      },
    ],
    [
      "Fastly's edge addresses for the python map are the ones pypi/infra writes (terraform/main.tf fastly_endpoints)",
      () => {
        expect(estate.fastlyEdge.source).toEqual({ kind: "public", repository: "pypi/infra", path: "terraform/main.tf" });
      },
    ],
    [
      "the Datadog agents report to the US site, app.datadoghq.com (psf-salt salt/datadog/config/datadog.yaml.jinja)",
      () => {
        expect(estate.metricMonitoring.site).toBe("datadoghq.com");
        expect(estate.metricMonitoring.fieldSources?.site).toEqual({
          kind: "public",
          repository: "python/psf-salt",
          path: "salt/datadog/config/datadog.yaml.jinja",
        });
      },
    ],
    [
      "the PyCon site is us.pycon.org, as psf-salt's overview links it (docs/overview.rst)",
      () => {
        expect(serviceNaming("us.pycon.org")?.fieldSources?.names).toEqual({
          kind: "public",
          repository: "python/psf-salt",
          path: "docs/overview.rst",
        });
      },
    ],
    [
      "www.python.org runs pydotorg.settings.cabotage, the production settings module left after pythondotorg d94b133c deleted the heroku one",
      () => {
        for (const name of ["pythondotorg", "pythondotorg-staging"]) {
          expect({ name, module: herokuApp(name)?.configVars?.DJANGO_SETTINGS_MODULE }).toEqual({ name, module: "pydotorg.settings.cabotage" });
        }
      },
    ],
    [
      "the pythondotorg Procfile's web, worker and worker-beat each have dynos; release is Heroku's release phase (pythondotorg Procfile)",
      () => {
        for (const name of ["pythondotorg", "pythondotorg-staging"]) {
          expect({
            name,
            types: herokuApp(name)
              ?.formation.map((p) => p.type)
              .sort(),
          }).toEqual({ name, types: ["web", "worker", "worker-beat"] });
        }
      },
    ],
    [
      "the bots' secrets are what their code reads (bedevere bedevere/__main__.py; miss-islington miss_islington/__main__.py and tasks.py; blurb_it blurb_it/__main__.py)",
      () => {
        expect({
          bedevere: [...(herokuApp("bedevere")?.sensitiveConfigVars ?? [])].sort(),
          "miss-islington": [...(herokuApp("miss-islington")?.sensitiveConfigVars ?? [])].sort(),
          "blurb-it": [...(herokuApp("blurb-it")?.sensitiveConfigVars ?? [])].sort(),
        }).toEqual({
          bedevere: ["GH_APP_ID", "GH_PRIVATE_KEY", "GH_SECRET", "SENTRY_DSN"],
          "miss-islington": ["GH_APP_ID", "GH_AUTH", "GH_PRIVATE_KEY", "GH_SECRET", "SENTRY_DSN"],
          "blurb-it": ["APP_URL", "GH_APP_ID", "GH_CLIENT_ID", "GH_CLIENT_SECRET", "GH_PRIVATE_KEY", "SENTRY_DSN"],
        });
      },
    ],
    [
      "miss-islington's worker finds its Redis as HEROKU_REDIS_MAROON_URL (miss_islington/tasks.py)",
      () => {
        expect(herokuApp("miss-islington")?.addons).toEqual([{ plan: "heroku-redis:mini", attachedAs: "HEROKU_REDIS_MAROON" }]);
      },
    ],

    // The managed database.
    [
      "the managed PostgreSQL cluster is pg-nyc1-psf-io in nyc1, on port 25060",
      () => expect(estate.databaseCluster).toMatchObject({ name: "pg-nyc1-psf-io", datacenter: "nyc1", engine: "pg", port: 25060 }),
    ],
    [
      "the cluster's port 25060 and its pooled endpoint pool-pg-nyc1-psf-io on 25061 are psf-salt's (pillar/prod/postgres/clusters.sls)",
      () => {
        expect(estate.databaseCluster).toMatchObject({ port: 25060, connectionPool: { name: "pool-pg-nyc1-psf-io", port: 25061 } });
        expect(estate.databaseCluster.fieldSources?.port).toEqual({
          kind: "public",
          repository: "python/psf-salt",
          path: "pillar/prod/postgres/clusters.sls",
        });
      },
    ],
    [
      "the Salt master administers the cluster, so its firewall admits it (psf-salt salt/top.sls, salt/postgresql/admin.sls)",
      () => {
        expect(estate.databaseCluster.administeredByRole).toBe("salt-master");
      },
    ],
    [
      "psf-salt publishes PostgreSQL 11 for the cluster (docs/services/postgresql.rst); the estate runs 16 and says why",
      () => {
        expect(estate.databaseCluster.fieldSources?.version).toEqual({
          kind: "public",
          repository: "python/psf-salt",
          path: "docs/services/postgresql.rst",
        });
        expect(estate.databaseCluster.differences?.find((d) => d.feature === "version")?.published).toMatch(/PostgreSQL 11/);
      },
    ],
    [
      "the cluster holds the facts sheet's eight databases",
      () => {
        expect(estate.databaseCluster.databases.map((d) => d.name)).toEqual(
          expect.arrayContaining([
            "buildbot-master",
            "buildbot-master_test",
            "codespeed-cpython",
            "codespeed-pypy",
            "roundup-cpython",
            "roundup-cpython_test",
            "roundup-jython",
            "roundup-roundup",
          ]),
        );
      },
    ],

    // Fastly's published edge.
    [
      "Fastly's apex addresses for python.org",
      () => {
        expect(estate.fastlyEdge.apexIpv4).toEqual(["151.101.0.223", "151.101.64.223", "151.101.128.223", "151.101.192.223"]);
        expect(estate.fastlyEdge.apexIpv6).toEqual(["2a04:4e42::223", "2a04:4e42:200::223", "2a04:4e42:400::223", "2a04:4e42:600::223"]);
      },
    ],
    [
      "Fastly's CNAME target is dualstack.python.map.fastly.net",
      () => expect(estate.fastlyEdge.dualstackCname).toBe("dualstack.python.map.fastly.net"),
    ],

    // The PSF's public configuration (shared/reference/estate-facts.md, "Further facts").
    [
      "the load balancers listen on 80, 443, 20000, 20001, 20002, 20004, 20010, 20011, 20100, 9020 and 20025 (psf-salt firewall/loadbalancer.sls)",
      () => {
        const lb = estate.role("loadbalancer");
        const ports = [...lb.worldPorts, ...lb.fastlyPorts]
          .filter((p) => p.protocol === "tcp")
          .map((p) => p.from)
          .sort((a, b) => a - b);
        expect(ports).toEqual([80, 443, 9020, 20000, 20001, 20002, 20004, 20010, 20011, 20025, 20100]);
      },
    ],
    [
      "only 20004, HAProxy's frontend fastly, is kept for Fastly; 20000 and 20010 are frontend main's and open to the world (psf-salt haproxy.cfg.jinja, firewall/loadbalancer.sls)",
      () => {
        const lb = estate.role("loadbalancer");
        expect(lb.fastlyPorts.map((p) => p.from)).toEqual([20004]);
        expect(lb.worldPorts.map((p) => p.from)).toEqual(expect.arrayContaining([20000, 20002, 20010]));
      },
    ],
    [
      "the mail hosts open NTP 123 on tcp and udp (psf-salt firewall/mail.sls)",
      () => {
        // Every role whose ports are the mail firewall's: mail.python.org's at least.
        const mailFirewall = estate.roles.filter((r) => {
          const cited = r.fieldSources?.worldPorts;
          return cited?.kind === "public" && cited.path === "pillar/base/firewall/mail.sls";
        });
        expect(mailFirewall.map((r) => r.name)).toContain("mail");
        for (const role of mailFirewall) {
          expect({
            role: role.name,
            ntp: role.worldPorts
              .filter((p) => p.from === 123)
              .map((p) => p.protocol)
              .sort(),
          }).toEqual({ role: role.name, ntp: ["tcp", "udp"] });
        }
      },
    ],
    [
      "every datacenter's hosts reach Salt (4505-4506) (psf-salt firewall/salt.sls)",
      () => {
        expect(estate.estatePorts(estate.role("salt-master")).map((p) => `${p.protocol}/${p.from}-${p.to}`)).toEqual(["tcp/4505-4506"]);
      },
    ],
    [
      "the Salt master also admits 4505-4506 from 138.68.57.99 and 217.140.101.240, and 14000 from nyc1's private network (psf-salt pillar/base/firewall/salt.sls 22-37)",
      () => {
        const salt = estate.role("salt-master");
        expect(estate.estatePortsAlsoFrom(salt)).toEqual(["138.68.57.99", "217.140.101.240"]);
        expect(estate.internalPorts(salt, "nyc1").map((p) => `${p.protocol}/${p.from}`)).toEqual(expect.arrayContaining(["tcp/9000", "tcp/14000"]));
      },
    ],
    [
      "pythontest serves FTP (20, 21, passive 10090-10190) and the snakebite whitehole 56667, and drops 56666 (psf-salt pillar/prod/top.sls, firewall/ftp.sls, firewall/snakebite.sls, salt/pythontest/config/vsftpd.conf)",
      () => {
        const open = estate.worldPorts(estate.role("pythontest")).map((p) => `${p.protocol}/${p.from}-${p.to}`);
        expect(open).toEqual(expect.arrayContaining(["tcp/20-20", "tcp/21-21", "tcp/10090-10190", "tcp/56667-56667", "udp/56667-56667"]));
        expect(open.filter((p) => p.includes("56666"))).toEqual([]);
      },
    ],
    [
      "Consul runs only in nyc1, on 8300-8302 tcp and udp, and no host elsewhere reaches its servers (psf-salt salt/consul/init.sls line 1, pillar/prod/consul.sls dcs)",
      () => {
        expect(estate.serviceDiscovery.datacenters).toEqual(["nyc1"]);
        expect(estate.serviceDiscovery.ports.map((p) => `${p.protocol}/${p.from}-${p.to}`)).toEqual(["tcp/8300-8302", "udp/8300-8302"]);
        expect(estate.estatePorts(estate.role("consul"))).toEqual([]);
        for (const dc of ["ams1", "nyc3", "sfo1"])
          expect({ dc, consul: estate.internalPorts(estate.role("pythontest"), dc).filter((p) => p.from === 8300) }).toEqual({ dc, consul: [] });
      },
    ],
    [
      "cdn-logs files Fastly's syslog streams by the loggers' names pythonorg and docs (psf-salt fastly-logging.sls)",
      () => {
        const loggers = estate.fastlyServices.flatMap((f) => (f.syslogLogging === undefined ? [] : [f.syslogLogging.name]));
        expect(new Set(loggers)).toEqual(new Set(["docs", "pythonorg"]));
      },
    ],
    [
      "Roundup keeps its trackers in a PostgreSQL on the bugs host, not in the managed cluster (psf-salt salt/bugs/postgresql.sls)",
      () => {
        expect(estate.databaseCluster.databases.filter((d) => d.usedByRole === "bugs")).toEqual([]);
        for (const h of hostsOf("bugs")) expect({ host: h.key, holdsData: h.holdsData }).toEqual({ host: h.key, holdsData: true });
      },
    ],
    [
      "the DNS stack is the one writer of psf.io's host records, with the TTL Salt's DNS state used (psf-salt salt/dns/init.sls)",
      () => {
        expect(estate.records.filter((r) => r.madeBy.startsWith("host ") && r.type === "A").every((r) => r.ttl === 3600)).toBe(true);
        expect(estate.hostRecords.retiringWriter.where).toEqual({ kind: "public", repository: "python/psf-salt", path: "salt/dns/init.sls" });
      },
    ],
    [
      "the OSUOSL benchmark host is speed-python.osuosl.org (psf-salt docs/list.rst)",
      () => expect(estate.externalHosts.map((h) => h.name)).toContain("speed-python.osuosl.org"),
    ],
    // Monitoring, on-call and the registrar.
    [
      "PagerDuty pages PSF infrastructure staff on the front line, with volunteers as backup",
      () => {
        expect(estate.onCall.rotations.map((r) => r.key)).toEqual(["infrastructure-staff", "volunteers"]);
      },
    ],
    ["Gandi is the domain registrar", () => expect(estate.registrar.name).toBe("Gandi")],
    [
      "Datadog watches the hosts: every droplet's role has a reporting monitor",
      () => {
        expect(
          estate.monitoring.monitors
            .filter((m) => m.kind === "agent-reporting")
            .map((m) => m.kind === "agent-reporting" && m.role)
            .sort(),
        ).toEqual([...new Set(estate.hosts.map((h) => h.role))].sort());
      },
    ],
    [
      "Pingdom tells when a service is down: every public name that serves the web is checked, and every other says why",
      () => {
        expect([...estate.monitoring.uptimeChecks.map((c) => c.name), ...estate.monitoring.uncheckedNames.map((u) => u.name)].sort()).toEqual(
          estate.services.flatMap((s) => s.names).sort(),
        );
        for (const unchecked of estate.monitoring.uncheckedNames) expect(unchecked.reason.length).toBeGreaterThan(20);
      },
    ],
    [
      "pythontest.net serves plain HTTP on pythontest.net and www, a self-signed certificate as self-signed.pythontest.net, and INN as news.pythontest.net (psf-salt salt/pythontest/config/)",
      () => {
        const checks = Object.fromEntries(
          estate.monitoring.uptimeChecks.map((c) => [c.name, `${c.protocol}${c.verifyCertificate ? " verified" : ""}`]),
        );
        expect({ apex: checks["pythontest.net"], www: checks["www.pythontest.net"], selfSigned: checks["self-signed.pythontest.net"] }).toEqual({
          apex: "http",
          www: "http",
          selfSigned: "https",
        });
        expect(serviceNaming("news.pythontest.net")?.origin).toEqual({ kind: "droplet", role: "pythontest" });
        expect(estate.monitoring.uncheckedNames.map((u) => u.name)).toContain("news.pythontest.net");
      },
    ],
    [
      "planet.python.org redirects to http://planetpython.org, as HAProxy's pillar says (tls: False, psf-salt pillar/base/haproxy.sls)",
      () => {
        expect(serviceNaming("planet.python.org")?.origin).toEqual({ kind: "load-balancer-redirect", redirectTo: "http://planetpython.org" });
      },
    ],
    [
      "planet.jython.org stays as the seed names it, though HAProxy no longer serves it (psf-salt c7b94e12): not checked, and listed as a difference",
      () => {
        const planetJython = serviceNaming("planet.jython.org");
        expect(planetJython?.check?.kind).toBe("none");
        expect(planetJython?.differences?.[0]?.published).toMatch(/c7b94e12/);
      },
    ],
    [
      "a Datadog logger streams the python.org Fastly service's logs",
      () => expect(estate.fastlyServices.find((s) => s.name === "www.python.org")?.datadogLogging).toBeDefined(),
    ],

    // Corrected from the PSF's published configuration (issue 16), each with the file it comes from.
    [
      "www and test.python.org send the Fastly Token and both HSTS headers at priority 10 (pythondotorg infra/cdn/main.tf)",
      () => {
        for (const name of ["www.python.org", "test.python.org"]) {
          const spec = fastlyService(name);
          expect({ name, token: spec?.originToken, hsts: spec?.hsts.map((h) => h.priority) }).toEqual({
            name,
            token: { header: "Fastly-Token", name: "Fastly Token", priority: 10 },
            hsts: [10, 10],
          });
        }
      },
    ],
    [
      "Fastly's S3 logs are written in the standard storage class (pythondotorg infra/cdn/main.tf logging_s3 redundancy)",
      () => {
        for (const name of ["www.python.org", "test.python.org"])
          expect({ name, redundancy: fastlyService(name)?.s3Logging?.redundancy }).toEqual({ name, redundancy: "standard" });
      },
    ],
    [
      "docs.python.org's HSTS is HAProxy's own, max-age=315360000; includeSubDomains; preload (psf-salt haproxy.cfg.jinja; no override in pillar/base/haproxy.sls)",
      () => {
        expect(fastlyService("docs.python.org")?.hsts).toEqual([
          expect.objectContaining({ maxAgeSeconds: 315360000, includeSubDomains: true, preload: true }),
        ]);
      },
    ],
    [
      "the PSF CA is PSF_CA, published as pythondotorg infra/cdn/certs/psf.io.pem, valid until 2029-02-10",
      () => {
        expect(estate.psfCa).toMatchObject({
          name: "PSF_CA",
          notAfter: "2029-02-10",
          source: { kind: "public", repository: "python/pythondotorg", path: "infra/cdn/certs/psf.io.pem" },
        });
      },
    ],
  ];
}
