import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InventoryError, loadEstate, PSF_INVENTORY } from "../inventory";
import { tcp } from "../inventory/ports";
import type { EstateInventory, FastlyServiceSpec, HerokuAppSpec, Host, PublicService } from "../inventory";
import { synthEstate } from "./support/synth-estate";
import { defined } from "./support/defined";

function withHost(name: string, change: Partial<Host>): EstateInventory {
  return { ...PSF_INVENTORY, hosts: PSF_INVENTORY.hosts.map((h) => (h.name === name ? { ...h, ...change } : h)) };
}

function withService(key: string, change: Partial<PublicService>): EstateInventory {
  return { ...PSF_INVENTORY, services: PSF_INVENTORY.services.map((s) => (s.key === key ? { ...s, ...change } : s)) };
}

/** The problems `inventory` is rejected with; fails the test if it is accepted. */
function problemsOf(inventory: EstateInventory): readonly string[] {
  try {
    loadEstate(inventory);
  } catch (error) {
    expect(error).toBeInstanceOf(InventoryError);
    return (error as InventoryError).problems;
  }
  throw new Error("the inventory was accepted");
}

describe("inventory validation", () => {
  it("accepts the PSF's own inventory", () => {
    expect(() => loadEstate()).not.toThrow();
  });

  it("fails on an unknown datacenter, naming the host and the field", () => {
    expect(problemsOf(withHost("bugs", { datacenter: "nyc2" }))).toEqual([
      'host "bugs.nyc2" field "datacenter": unknown datacenter "nyc2" (known: "ams1", "nyc1", "sfo1", "nyc3")',
    ]);
  });

  it("fails on a duplicate host name", () => {
    const bugs = defined(PSF_INVENTORY.hosts.find((h) => h.name === "bugs"));
    expect(problemsOf({ ...PSF_INVENTORY, hosts: [...PSF_INVENTORY.hosts, bugs] })).toContain(
      'host "bugs.nyc1" field "name": duplicate host "bugs.nyc1"',
    );
  });

  it("fails on a duplicate DNS record", () => {
    const python = defined(PSF_INVENTORY.zones.find((z) => z.name === "python.org"));
    const zones = PSF_INVENTORY.zones.map((z) =>
      z === python ? { ...z, records: [...(z.records ?? []), { name: "bugs.python.org", type: "A" as const, values: ["192.0.2.1"] }] } : z,
    );
    expect(problemsOf({ ...PSF_INVENTORY, zones })).toEqual([
      'record A "bugs.python.org" (from zone "python.org" record A "bugs.python.org") field "name": duplicate record: A "bugs.python.org" is also made by service "bugs"',
    ]);
  });

  it("fails on a record outside its zone", () => {
    const zones = PSF_INVENTORY.zones.map((z) =>
      z.name === "pypy.org" ? { ...z, records: [{ name: "www.pypy.com", type: "TXT" as const, values: ["hello"] }] } : z,
    );
    expect(problemsOf({ ...PSF_INVENTORY, zones })).toEqual([
      'record TXT "www.pypy.com" (from zone "pypy.org" record TXT "www.pypy.com") field "name": "www.pypy.com" is outside its zone "pypy.org"',
    ]);
  });

  it("fails on a public name in no managed zone", () => {
    expect(problemsOf(withService("wiki", { names: ["wiki.python.org", "wiki.example.com"] }))).toEqual([
      expect.stringMatching(/^service "wiki" field "names": "wiki.example.com" lies in no managed zone/),
    ]);
  });

  it("fails on a port outside 1-65535", () => {
    const roles = PSF_INVENTORY.roles.map((r) => (r.name === "docs" ? { ...r, internalPorts: [tcp(90000, "web")] } : r));
    expect(problemsOf({ ...PSF_INVENTORY, roles })).toEqual(['role "docs" field "internalPorts[0]": port 90000 (tcp "web") is outside 1-65535']);
  });

  it("fails on a reversed port range", () => {
    const roles = PSF_INVENTORY.roles.map((r) => (r.name === "hg" ? { ...r, internalPorts: [tcp(9002, 9000, "hg")] } : r));
    expect(problemsOf({ ...PSF_INVENTORY, roles })).toEqual(['role "hg" field "internalPorts[0]": port range 9002-9000 (tcp "hg") is reversed']);
  });

  it("fails on a TTL outside 60-86400", () => {
    expect(problemsOf(withService("planet", { ttl: 30 }))).toContain('service "planet" field "ttl": 30 is outside 60-86400 seconds');
    const zones = PSF_INVENTORY.zones.map((z) => (z.name === "pycon.org" ? { ...z, defaultTtl: 172800 } : z));
    expect(problemsOf({ ...PSF_INVENTORY, zones })).toContain('zone "pycon.org" field "defaultTtl": 172800 is outside 60-86400 seconds');
  });

  it("fails on a service pointing at a role with no host", () => {
    expect(problemsOf(withService("speed", { origin: { kind: "load-balancer", backendRole: "speed" } }))).toEqual([
      'service "speed" field "origin.backendRole": role "speed" has no host',
    ]);
    expect(problemsOf(withService("mail", { origin: { kind: "droplet", role: "postfix" } }))).toEqual([
      'service "mail" field "origin.role": role "postfix" has no host',
    ]);
  });

  it("fails on an IP that is not an address", () => {
    const externalHosts = PSF_INVENTORY.externalHosts.map((h, index) => (index === 0 ? { ...h, ipv4: "140.211.10.300" } : h));
    expect(problemsOf({ ...PSF_INVENTORY, externalHosts })).toEqual([
      'external host "speed-python.osuosl.org" field "ipv4": "140.211.10.300" is not an IPv4 address',
    ]);
    const fastlyEdge = { ...PSF_INVENTORY.fastlyEdge, apexIpv6: ["2a04:4e42::223", "2a04:4e42:zz::223"] };
    expect(problemsOf({ ...PSF_INVENTORY, fastlyEdge })).toContain('Fastly edge field "apexIpv6[1]": "2a04:4e42:zz::223" is not an IPv6 address');
  });

  it("fails on an empty owner", () => {
    expect(problemsOf(withHost("planet", { owner: " " }))).toEqual([
      'host "planet.nyc1" field "owner": is empty: every item needs someone who answers for it',
    ]);
    expect(problemsOf(withService("hg", { owner: "" }))).toEqual([
      'service "hg" field "owner": is empty: every item needs someone who answers for it',
    ]);
  });

  it("fails on a CNAME beside other records", () => {
    expect(problemsOf(withService("www-jython-org", { names: ["wiki.jython.org"] }))).toEqual(
      expect.arrayContaining(['name "wiki.jython.org" field "type": a CNAME cannot share its name with other records (A, AAAA, CNAME)']),
    );
  });

  it("looks up every field that names an owner, wherever the item is, with one problem naming the field", () => {
    // Found in the data, not in the shape: a field called `owner` that the shape forgot to declare a reference is caught.
    const ownerFields: { readonly parent: readonly (string | number)[]; readonly key: string }[] = [];
    const collect = (value: unknown, path: readonly (string | number)[]): void => {
      if (Array.isArray(value)) value.forEach((element, index) => collect(element, [...path, index]));
      else if (typeof value === "object" && value !== null) {
        for (const [key, field] of Object.entries(value)) {
          if ((key === "owner" || key === "infrastructureOwner") && typeof field === "string") ownerFields.push({ parent: path, key });
          else collect(field, [...path, key]);
        }
      }
    };
    collect(PSF_INVENTORY, []);
    expect(ownerFields.length).toBeGreaterThan(50);
    for (const { parent, key } of ownerFields) {
      const inventory = JSON.parse(JSON.stringify(PSF_INVENTORY)) as Record<string, unknown>;
      const item = parent.reduce<Record<string | number, unknown>>((at, step) => at[step] as Record<string | number, unknown>, inventory);
      item[key] = "nobody-at-all";
      const problems = problemsOf(inventory as unknown as EstateInventory);
      expect({ parent, problems }).toEqual({
        parent,
        problems: [expect.stringMatching(new RegExp(`field "(\\S+\\.)?${key}": unknown owner "nobody-at-all" \\(known: "infrastructure-staff", `))],
      });
    }
  });

  it("reports every problem of a step at once: the shape's, or else those between items", () => {
    const shape = { ...withHost("bugs", { size: "" }), services: withService("hg", { owner: "" }).services };
    expect(problemsOf(shape)).toHaveLength(2);
    const between = { ...withHost("bugs", { datacenter: "nyc9" }), services: withService("hg", { owner: "nobody" }).services };
    expect(problemsOf(between)).toHaveLength(2);
    // A shape problem stops validation before the references are looked at.
    const both = { ...withHost("bugs", { datacenter: "nyc9" }), services: withService("hg", { owner: "" }).services };
    expect(problemsOf(both)).toEqual(['service "hg" field "owner": is empty: every item needs someone who answers for it']);
  });
});

describe("a synth of a bad inventory", () => {
  it("fails with the message alone, no stack trace, and leaves no output behind", () => {
    const dir = mkdtempSync(join(tmpdir(), "psf-estate-bad-"));
    const outdir = join(dir, "cdktf.out");
    const script = join(dir, "bad-main.ts");
    const root = join(__dirname, "..");
    writeFileSync(
      script,
      [
        `import { mkdirSync, writeFileSync } from "node:fs";`,
        `import { App } from ${JSON.stringify(require.resolve("cdktf"))};`,
        `import { loadEstate, PSF_INVENTORY } from ${JSON.stringify(join(root, "inventory"))};`,
        `import { definePsfEstate } from ${JSON.stringify(join(root, "stacks/psf-estate"))};`,
        `import { reportSynthFailure } from ${JSON.stringify(join(root, "synthesis/synth-failure"))};`,
        `mkdirSync(process.env.CDKTF_OUTDIR!, { recursive: true });`,
        `writeFileSync(process.env.CDKTF_OUTDIR + "/manifest.json", "{}");`,
        `try {`,
        `  const hosts = PSF_INVENTORY.hosts.map((h) => (h.name === "wiki" ? { ...h, datacenter: "fra1" } : h));`,
        `  definePsfEstate(new App(), loadEstate({ ...PSF_INVENTORY, hosts }), { backend: { kind: "local" } });`,
        `} catch (error) { reportSynthFailure(error); }`,
      ].join("\n"),
    );
    const result = spawnSync(process.execPath, ["--import", "tsx", script], {
      cwd: root,
      env: { ...process.env, CDKTF_OUTDIR: outdir },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'The estate inventory is invalid:\n  - host "wiki.fra1" field "datacenter": unknown datacenter "fra1" (known: "ams1", "nyc1", "sfo1", "nyc3")\n',
    );
    expect(() => writeFileSync(join(outdir, "x"), "")).toThrow();
  });
});

describe("Heroku inventory validation", () => {
  const withApp = (name: string, change: Partial<HerokuAppSpec>): EstateInventory => ({
    ...PSF_INVENTORY,
    heroku: { ...PSF_INVENTORY.heroku, apps: PSF_INVENTORY.heroku.apps.map((a) => (a.name === name ? { ...a, ...change } : a)) },
  });

  it("fails on an app name Heroku would refuse", () => {
    expect(problemsOf(withApp("blurb-it", { name: "Blurb_It" }))).toEqual([
      'heroku app "Blurb_It" field "name": "Blurb_It" is not a name Heroku accepts (3-30 lowercase letters, digits and dashes, starting with a letter)',
    ]);
    expect(problemsOf(withApp("blurb-it", { name: "blurb-it-the-cpython-news-entry-bot" }))).toHaveLength(1);
  });

  it("fails on a repeated app name", () => {
    // A second app of that name without what only one app may have (its names, a pipeline's production stage).
    const { customDomains: _domains, pipeline: _pipeline, ...bedevere } = defined(PSF_INVENTORY.heroku.apps.find((a) => a.name === "bedevere"));
    const apps = [...PSF_INVENTORY.heroku.apps, bedevere];
    expect(problemsOf({ ...PSF_INVENTORY, heroku: { ...PSF_INVENTORY.heroku, apps } })).toEqual([
      'heroku app "bedevere" field "name": duplicate Heroku app "bedevere"',
    ]);
  });

  it("fails on a secret-looking config var in the non-secret map", () => {
    expect(problemsOf(withApp("bedevere", { configVars: { GITHUB_TOKEN: "ghp_x" } }))).toEqual([
      'heroku app "bedevere" field "configVars.GITHUB_TOKEN": "GITHUB_TOKEN" looks secret: name it in sensitiveConfigVars so its value comes from a sensitive variable',
    ]);
  });

  it("fails on a custom domain served by two apps", () => {
    expect(problemsOf(withApp("pycon-us", { customDomains: ["us.pycon.org", "staging.python.org"] }))).toEqual([
      'heroku app "pycon-us" field "customDomains": "staging.python.org" is already served by the Heroku app "pythondotorg-staging"',
    ]);
  });

  it("fails on a service pointing at a Heroku app that does not answer the name", () => {
    expect(problemsOf(withService("us-pycon-org", { origin: { kind: "heroku", app: "pythondotorg" } }))).toEqual([
      'service "us-pycon-org" field "names": "us.pycon.org" is not a custom domain of the Heroku app "pythondotorg", which would not answer it',
    ]);
  });
});

describe("Fastly inventory validation", () => {
  const www = defined(PSF_INVENTORY.fastlyServices.find((f) => f.name === "www.python.org"));
  const withWww = (change: Partial<FastlyServiceSpec>): EstateInventory => ({
    ...PSF_INVENTORY,
    fastlyServices: PSF_INVENTORY.fastlyServices.map((f) => (f === www ? { ...f, ...change } : f)),
  });

  it("fails on a reference to a missing condition, naming the service and the backend", () => {
    const backends = www.backends.map((b) => (b.name === "app" ? { ...b, requestCondition: "not downlaods" } : b));
    expect(() => synthEstate(withWww({ backends }))).toThrow(
      'FastlyService "www.python.org" prop "backend "app" requestCondition": condition "not downlaods" does not exist',
    );
  });

  it("fails on a reference to a missing health check", () => {
    const backends = www.backends.map((b) => (b.name === "loadbalancer" ? { ...b, healthcheck: "haproxy" } : b));
    expect(() => synthEstate(withWww({ backends }))).toThrow(
      /FastlyService "www.python.org" prop "backend "loadbalancer" healthcheck": health check "haproxy" does not exist/,
    );
  });

  it("fails on a backend port the role does not open to the world", () => {
    const backends = www.backends.map((b) => (b.name === "loadbalancer" ? { ...b, port: 9000 } : b));
    expect(problemsOf(withWww({ backends }))).toEqual([
      'fastly service "www.python.org" field "backends.loadbalancer.port": port 9000 is open neither to Fastly nor to the world on role "loadbalancer", so Fastly could not reach it',
    ]);
  });

  it("fails on a Fastly domain whose DNS points elsewhere", () => {
    expect(problemsOf(withWww({ domains: ["python.org", "www.python.org", "wiki.python.org"] }))).toEqual([
      'fastly service "www.python.org" field "domains": "wiki.python.org" is not a name of a service whose origin is this Fastly service, so its DNS would not point here',
    ]);
  });

  it("fails on a name this configuration would serve that another configuration manages", () => {
    const externalServices = [{ ...defined(PSF_INVENTORY.externalServices[0]), names: ["pypi.org", "packages.python.org"] }];
    expect(problemsOf({ ...PSF_INVENTORY, externalServices })).toEqual([
      'external service "PyPI" field "names": "packages.python.org" is managed by pypi/infra (Terraform Cloud organization psf, workspace pypi-infra); this configuration must not serve it or write its records (service "packages-python-org-redirect" serves it)',
    ]);
  });

  it("fails on a hand-written record at a name another configuration manages, naming what writes it", () => {
    const zones = PSF_INVENTORY.zones.map((z) =>
      z.name === "python.org"
        ? { ...z, records: [...(z.records ?? []), { name: "pypi.python.org", type: "CNAME" as const, values: ["dualstack.python.map.fastly.net"] }] }
        : z,
    );
    expect(problemsOf({ ...PSF_INVENTORY, zones })).toEqual([
      'external service "PyPI" field "names": "pypi.python.org" is managed by pypi/infra (Terraform Cloud organization psf, workspace pypi-infra); this configuration must not serve it or write its records (zone "python.org" record CNAME "pypi.python.org" writes its CNAME record)',
    ]);
  });

  it("accepts a name another configuration manages in a zone managed here, writing no record for it, and the zone's apex policy at an external apex", () => {
    const estate = loadEstate();
    for (const name of ["pypi.python.org", "warehouse.python.org", "testpypi.python.org", "warehouse-staging.python.org"]) {
      expect({ name, records: estate.records.filter((r) => r.name === name) }).toEqual({ name, records: [] });
    }
    expect(
      estate.records
        .filter((r) => r.name === "pycon.org")
        .map((r) => r.type)
        .sort(),
    ).toEqual(["CAA", "TXT"]);
  });

  it("fails on an external zone that is also managed here", () => {
    const externalZones = [
      ...PSF_INVENTORY.externalZones,
      { name: "jython.org", purpose: "test", managedBy: "by hand", source: { kind: "assumed" as const, reason: "a test" } },
    ];
    expect(problemsOf({ ...PSF_INVENTORY, externalZones })).toEqual([
      'external zone "jython.org" field "name": "jython.org" is a zone managed here too: its records would have two keepers',
    ]);
  });
});
