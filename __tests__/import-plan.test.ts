import { planImports, type SynthesizedStack } from "../adoption/import-plan";
import { loadKnownImportIds } from "../adoption/known-import-ids";
import { loadEstate } from "../inventory";
import { Testing } from "cdktf";
import { definePsfEstate } from "../stacks/psf-estate";
import { AdoptionError } from "../adoption/import-known-resources";
import { resourcesOf, synthCommittedEstate } from "./support/synth-estate";
import { defined } from "./support/defined";

const synth = synthCommittedEstate();
const stacks = synth.json as ReadonlyMap<string, SynthesizedStack>;

function addressOf(stack: string, type: string, match: (body: Record<string, unknown>) => boolean): string {
  const entry = Object.entries(resourcesOf(synth.json.get(stack), type)).find(([, body]) => match(body));
  if (entry === undefined) throw new Error(`no ${type} in ${stack}`);
  return `${type}.${entry[0]}`;
}

describe("import plan", () => {
  const zone = addressOf("dns", "aws_route53_zone", (z) => z.name === "python.org");
  const record = addressOf("dns", "aws_route53_record", (r) => r.name === "bugs.python.org" && r.type === "A");
  const droplet = addressOf("digitalocean-nyc1", "digitalocean_droplet", (d) => d.name === "bugs.nyc1.psf.io");
  const db = addressOf("digitalocean-nyc1-database", "digitalocean_database_db", (d) => d.name === "roundup-cpython");
  const cluster = addressOf("digitalocean-nyc1-database", "digitalocean_database_cluster", () => true);
  const bucketPolicy = addressOf("static-sites", "aws_s3_bucket_policy", () => true);
  const domain = addressOf("heroku", "heroku_domain", (d) => d.hostname === "us.pycon.org");

  const entry = (entries: ReturnType<typeof planImports>, stack: string, address: string) => {
    const found = entries.find((e) => e.stack === stack && e.address === address);
    if (found === undefined) throw new Error(`no entry for ${stack} ${address}`);
    return found;
  };

  it("lists every resource of every stack", () => {
    const entries = planImports(stacks, {});
    const resources = [...synth.json.values()].reduce(
      (n, s) => n + Object.values(s.resource ?? {}).reduce((m, r) => m + Object.keys(r).length, 0),
      0,
    );
    expect(entries).toHaveLength(resources);
  });

  it("derives ids the configuration holds: a bucket's name, a Heroku domain's app and host name", () => {
    const entries = planImports(stacks, {});
    expect(entry(entries, "static-sites", bucketPolicy)).toMatchObject({ status: "derived", importId: "www.jython.org" });
    expect(entry(entries, "heroku", domain)).toMatchObject({ status: "derived", importId: "pycon-us:us.pycon.org" });
  });

  it("leaves a placeholder naming the live resource to look up", () => {
    const entries = planImports(stacks, {});
    expect(entry(entries, "digitalocean-nyc1", droplet)).toMatchObject({ status: "needs-live-id", importId: "<live droplet id>" });
    expect(entry(entries, "dns", record)).toMatchObject({ status: "needs-live-id", importId: `<live id of ${zone}>_bugs.python.org_A` });
    expect(entry(entries, "digitalocean-nyc1-database", db)).toMatchObject({ importId: `<live id of ${cluster}>,roundup-cpython` });
  });

  it("fills in known ids, and ids that follow from them", () => {
    const entries = planImports(stacks, {
      dns: { [zone]: "Z0123456789PSF" },
      "digitalocean-nyc1": { [droplet]: "3164444" },
      "digitalocean-nyc1-database": { [cluster]: "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30" },
    });
    expect(entry(entries, "dns", zone)).toMatchObject({ status: "known", importId: "Z0123456789PSF" });
    expect(entry(entries, "dns", record)).toMatchObject({ status: "derived", importId: "Z0123456789PSF_bugs.python.org_A" });
    expect(entry(entries, "digitalocean-nyc1", droplet)).toMatchObject({ status: "known", importId: "3164444" });
    expect(entry(entries, "digitalocean-nyc1-database", db)).toMatchObject({
      status: "derived",
      importId: "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30,roundup-cpython",
    });
  });

  it("lists the database stack's resources under that stack, and none of them under digitalocean-nyc1 any more", () => {
    const entries = planImports(stacks, { "digitalocean-nyc1-database": { [cluster]: "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30" } });
    const database = entries.filter((e) => e.stack === "digitalocean-nyc1-database");
    expect(database.map((e) => e.type).sort()).toEqual([
      "digitalocean_database_cluster",
      ...Array<string>(8).fill("digitalocean_database_db"),
      "digitalocean_database_firewall",
      ...Array<string>(8).fill("digitalocean_database_user"),
    ]);
    expect(database.filter((e) => e.status !== "known" && e.status !== "derived")).toEqual([]);
    expect(entries.filter((e) => e.stack === "digitalocean-nyc1" && e.type.startsWith("digitalocean_database_"))).toEqual([]);
  });

  it("marks resources the provider cannot import", () => {
    const attachment = addressOf("digitalocean-sfo1", "digitalocean_volume_attachment", () => true);
    expect(entry(planImports(stacks, {}), "digitalocean-sfo1", attachment)).toMatchObject({ status: "not-importable", importId: "" });
  });
});

describe("adopting the live estate", () => {
  const droplet = addressOf("digitalocean-nyc1", "digitalocean_droplet", (d) => d.name === "bugs.nyc1.psf.io");

  function synthWith(importIds: Record<string, Record<string, string>>, adopting = false) {
    const app = Testing.app();
    const estateStacks = definePsfEstate(app, loadEstate(), { backend: { kind: "local" }, importIds, adopting });
    return JSON.parse(Testing.synth(defined(estateStacks.datacenters.find((s) => s.stackName === "digitalocean-nyc1")))) as { import?: unknown[] };
  }

  it("gives a resource with a known id an import block", () => {
    const json = synthWith({ "digitalocean-nyc1": { [droplet]: "3164444" } });
    expect(json.import).toEqual([{ id: "3164444", to: droplet }]);
  });

  it("adopts the database cluster into the database stack", () => {
    const cluster = addressOf("digitalocean-nyc1-database", "digitalocean_database_cluster", () => true);
    const app = Testing.app();
    const estateStacks = definePsfEstate(app, loadEstate(), {
      backend: { kind: "local" },
      importIds: { "digitalocean-nyc1-database": { [cluster]: "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30" } },
    });
    expect((JSON.parse(Testing.synth(estateStacks.database)) as { import?: unknown[] }).import).toEqual([
      { id: "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30", to: cluster },
    ]);
  });

  it("fails on a known id for an address that does not exist", () => {
    expect(() => synthWith({ "digitalocean-nyc1": { "digitalocean_droplet.gone_droplet_00000000": "1" } })).toThrow(
      /digitalocean_droplet.gone_droplet_00000000 \(no such resource: a stale id in adoption\/import-ids.json\)/,
    );
  });

  it("fails in adoption mode while an importable resource has no id, so nothing live is duplicated", () => {
    expect(() => synthWith({}, true)).toThrow(AdoptionError);
    expect(() => synthWith({}, true)).toThrow(
      new RegExp(`Adoption of stack "digitalocean-nyc1" would create \\d+ resource\\(s\\)[^]*${droplet.replace(/\./g, "\\.")}`),
    );
  });

  it("fails on a malformed known-ids file, naming the entry", () => {
    expect(() => loadKnownImportIds({ dns: { "aws_route53_zone.x": "<live hosted zone id>" } })).toThrow(
      'adoption/import-ids.json: stack "dns" address "aws_route53_zone.x": import id "<live hosted zone id>" is not a live id',
    );
    expect(loadKnownImportIds()).toEqual({});
  });
});
