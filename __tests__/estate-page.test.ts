import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadEstate } from "../inventory";
import { cell, code, table } from "../overview/markdown";
import { renderEstatePage } from "../overview/estate-page";
import { stackGraph } from "../overview/stack-graph";
import { stackJson, synthCommittedEstate } from "./support/synth-estate";
import { defined } from "./support/defined";

const estate = loadEstate();
const graph = stackGraph(estate);
const page = renderEstatePage(estate, graph);

describe("the estate on one page (docs/estate.md)", () => {
  it("is current: the committed page is what the inventory gives (npm run overview writes it)", () => {
    const committed = readFileSync(join(__dirname, "..", "docs", "estate.md"), "utf8");
    // toBe would print the whole page; the message says what to do.
    expect({ current: committed === page, fix: "run npm run overview and commit docs/estate.md" }).toEqual({
      current: true,
      fix: expect.any(String),
    });
  });

  it("is the same bytes when rendered again (the synthesis the stack graph comes from is deterministic: stacks.snapshot.test.ts)", () => {
    expect(renderEstatePage(loadEstate(), new Map(graph))).toBe(page);
  });

  it("lists every host, public name, zone, Heroku app and Fastly service", () => {
    const missing = [
      ...estate.hosts.map((h) => h.fqdn),
      ...estate.externalHosts.map((h) => h.name),
      ...estate.services.flatMap((s) => s.names),
      ...estate.zones.map((z) => z.name),
      ...estate.heroku.apps.map((a) => a.name),
      ...estate.fastlyServices.map((f) => f.name),
    ].filter((name) => !page.includes(`| ${cell(name)} |`));
    expect(missing).toEqual([]);
  });

  it("names each sourced item as validation messages do, single items and items of nested lists included", () => {
    const labels = new Set(estate.sources().map((s) => s.label));
    for (const label of [
      'host "bugs.nyc1"',
      'heroku app "bedevere"',
      'on-call rotation "volunteers"',
      'database cluster "pg-nyc1-psf-io"',
      "host records",
      "registrar",
      "estate",
    ]) {
      expect({ label, listed: labels.has(label) }).toEqual({ label, listed: true });
    }
    expect(estate.sources().filter((s) => s.field === undefined)).toHaveLength(
      estate.datacenters.length +
        estate.owners.length +
        estate.roles.length +
        estate.hosts.length +
        estate.externalHosts.length +
        estate.zones.length +
        estate.services.length +
        estate.staticSites.length +
        estate.heroku.apps.length +
        estate.fastlyServices.length +
        estate.externalServices.length +
        estate.externalZones.length +
        estate.onCall.rotations.length +
        11 + // CAA, Fastly edge, the database cluster, Heroku, on-call, uptime checking, metric monitoring, registrar, host records, PSF CA, service discovery
        (estate.stateStore !== undefined ? 1 : 0), // the state store, when the inventory declares one
    );
  });

  it("lists every assumed value with its reason, and every known difference", () => {
    const assumed = estate.sources().filter((s) => s.source.kind === "assumed");
    expect(assumed.length).toBeGreaterThan(0);
    for (const { label, field, source } of assumed) {
      expect(page).toContain(`| ${cell(label)} | ${cell(field ?? "(the item)")} | ${cell(source.kind === "assumed" ? source.reason : "")} |`);
    }
    for (const { difference } of estate.differences()) expect(page).toContain(cell(difference.published));
  });

  it("draws every stack and the stacks it reads, as cdktf's manifest records them", () => {
    const synth = synthCommittedEstate();
    expect([...graph.keys()].sort()).toEqual([...synth.json.keys()].sort());
    // A stack reads another through remote state: each such reading is an arrow.
    for (const [name, reads] of graph) {
      const remote = Object.keys(stackJson(synth, name).data?.terraform_remote_state ?? {})
        .map((r) => r.replace("cross-stack-reference-input-", ""))
        .sort();
      expect({ name, reads }).toEqual({ name, reads: remote });
    }
    expect(page.match(/```mermaid/g)).toHaveLength(2);
  });

  it("draws each public name's path from its zone to what answers it", () => {
    const diagram = page.slice(page.indexOf("flowchart LR", page.indexOf("Each name's path")));
    for (const name of estate.services.flatMap((s) => s.names)) expect(diagram).toContain(`["${name}"]`);
    for (const zone of new Set(estate.records.map((r) => r.zone)))
      if (estate.services.some((s) => s.names.some((n) => n === zone || n.endsWith(`.${zone}`)))) expect(diagram).toContain(`("zone ${zone}")`);
  });

  it("answers what is open on a role: each of its ports with where it is open from, and each droplet's size", () => {
    for (const role of estate.roles.filter((r) => estate.hostsWithRole(r.name).length > 0)) {
      const start = page.indexOf(`\n### ${role.name}\n`);
      expect({ role: role.name, section: start >= 0 }).toEqual({ role: role.name, section: true });
      const body = page.slice(start, page.indexOf("\n#", start + 1));
      for (const host of estate.hostsWithRole(role.name)) expect(body).toContain(`${host.fqdn} (${code(host.size)})`);
      const rows = (ports: readonly { protocol: string; from: number; to: number; service: string }[], from: string): string[] =>
        ports.map((p) => `| ${p.protocol} ${p.from === p.to ? p.from : `${p.from}-${p.to}`} | ${cell(p.service)} | ${from}`);
      for (const row of [...rows(estate.worldPorts(role), "the world"), ...rows(role.fastlyPorts, "Fastly")])
        expect({ role: role.name, row: body.includes(row) }).toEqual({ role: role.name, row: true });
      for (const host of estate.hostsWithRole(role.name)) {
        for (const row of rows(estate.internalPorts(role, host.datacenter), `${host.datacenter}'s private network`))
          expect({ role: role.name, row: body.includes(row) }).toEqual({ role: role.name, row: true });
      }
    }
    for (const host of estate.hosts) expect(page).toContain(`| ${host.fqdn} | ${host.role} |`);
    expect(page).toMatch(new RegExp(`\\| ${defined(estate.hosts[0]).fqdn} \\|[^\\n]*\\| ${defined(estate.hosts[0]).size} \\|`));
  });

  it("draws where each name goes: a name the load balancers route leads to the hosts of its role, not to one node they all share", () => {
    const diagram = page.slice(page.indexOf("flowchart LR", page.indexOf("Each name's path")));
    const id = (text: string): string =>
      new RegExp(`^  (n\\d+)[[(]"${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[\\])]$`, "m").exec(diagram)?.[1] ?? `no node "${text}"`;
    let routed = 0;
    for (const service of estate.services) {
      const origin = service.origin;
      if (origin.kind !== "load-balancer") continue;
      const hosts = `${origin.backendRole}: ${estate
        .hostsWithRole(origin.backendRole)
        .map((h) => h.fqdn)
        .join(", ")}`;
      for (const name of service.names) {
        expect({ name, edge: diagram.includes(`  ${id(name)} -- "HAProxy routes" --> ${id(hosts)}\n`) }).toEqual({ name, edge: true });
        routed++;
      }
    }
    expect(routed).toBeGreaterThan(10);
    expect(diagram).not.toContain("HAProxy on the load balancers");
  });
});

describe("Markdown pieces", () => {
  it("escapes pipes in cells and puts line breaks on one line", () => {
    expect(cell("a|b\nc")).toBe("a\\|b c");
  });

  it("fences code that holds backticks with a longer fence", () => {
    expect(code("plain")).toBe("`plain`");
    expect(code("a `b` c")).toBe("`` a `b` c ``");
  });

  it("writes a table, or says there is nothing", () => {
    expect(table(["a", "b"], [["1", "2|3"]])).toBe("| a | b |\n|---|---|\n| 1 | 2\\|3 |\n");
    expect(table(["a"], [])).toBe("_None._\n");
  });
});
