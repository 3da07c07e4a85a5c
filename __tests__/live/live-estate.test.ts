/**
 * The live estate, offline: adoption, drift and the unmanaged listing against the committed snapshot fixture
 * (__tests__/fixtures/live-estate: the estate as applied, plus the deliberate differences of edits.ts), through the real
 * Terraform and the provider twin answering from the snapshot. Each reports exactly those differences, none made up
 * by the twin's own values; and a zone export in each supported format.
 *
 * First, whether the committed fixture is what `npm run live-fixture` writes from the code: a stale one would make the
 * twin answer with values the code no longer gives, and every report below would list differences nobody made. The
 * estate is rehearsed once for that check, and drift compares with the states that rehearsal applied.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { adoptionStatus, type AdoptionReport } from "../../live/adoption";
import { runAdopt, runDrift, runUnmanaged } from "../../live/commands";
import { driftStatus, type DriftReport } from "../../live/drift";
import { fixtureFileTexts, fixtureFromRehearsal, fixtureRehearsalOptions } from "../../live/fixture";
import { parseSnapshot, readSnapshot, SnapshotError } from "../../live/snapshot";
import { readZoneExport } from "../../live/zone-export";
import { cachedBundle } from "../../bundling/cached-bundle.cjs";
import { rehearse } from "../../twin/rehearsal/rehearse";
import { FIXTURE_EDITS, FIXTURE_TAKEN } from "../fixtures/live-estate/edits";
import { repoRoot } from "../support/rehearsal";
import { defined } from "../support/defined";

const FIXTURE = join(repoRoot, "__tests__", "fixtures", "live-estate", "snapshot.json");
const IDS = join(repoRoot, "__tests__", "fixtures", "live-estate", "import-ids.json");
const quiet = { root: repoRoot, env: process.env, stacks: [] as string[], progress: () => undefined };
/**
 * The stacks that hold the deliberate differences (edits.ts) and the zones' extra records; adoption and drift run on
 * these and the stacks they read (all but digitalocean-nyc1-database and gandi, which hold none).
 */
const DIFFERENCE_STACKS = ["datadog", "digitalocean-nyc1", "dns", "fastly", "pingdom"];
const STALE = "the committed live fixture is not what the code gives: run npm run live-fixture and commit __tests__/fixtures/live-estate/";

/** The fixture's files that differ from what `npm run live-fixture` would write now. */
let stale: string[];
let adoption: AdoptionReport;
let drift: DriftReport;
const states = mkdtempSync(join(tmpdir(), "live-estate-states-"));
const idsWritten = join(states, "import-ids.json");

describe("the live estate against the committed fixture", () => {
  beforeAll(async () => {
    const rehearsal = await rehearse(
      fixtureRehearsalOptions({
        root: repoRoot,
        twinBundle: cachedBundle("twin/plugin.ts", "twin", { bundlePackages: true }),
        env: process.env,
        progress: () => undefined,
        concurrency: 3,
        saveStateTo: states,
      }),
    );
    const texts = fixtureFileTexts(fixtureFromRehearsal(rehearsal, FIXTURE_EDITS, FIXTURE_TAKEN, repoRoot), FIXTURE);
    stale = [
      [FIXTURE, texts.snapshot],
      [IDS, texts.idsByHand],
    ]
      .filter(([file, text]) => readFileSync(defined(file), "utf8") !== text)
      .map(([file]) => defined(file).slice(repoRoot.length + 1));
    // Every test below would fail on differences nobody made: they all fail with this line instead.
    if (stale.length > 0) throw new Error(`${STALE} (${stale.join(", ")} differ)`);
    // A copy of the ids given by hand, for --write-ids to record what discovery found beside them.
    copyFileSync(IDS, idsWritten);
    adoption = await runAdopt({ ...quiet, stacks: DIFFERENCE_STACKS, live: FIXTURE, importIds: idsWritten, writeIds: true });
    // The states of the rehearsal above: the code as applied, which the fixture was derived from.
    drift = await runDrift({ ...quiet, stacks: DIFFERENCE_STACKS, live: FIXTURE, stateDir: states });
  }, 300_000);

  afterAll(() => rmSync(states, { recursive: true, force: true }));

  it("is current: the committed fixture is what npm run live-fixture writes from the code and edits.ts", () => {
    // toEqual on the files would print 300 kB; the message says what to do.
    expect({ stale, fix: "run npm run live-fixture and commit __tests__/fixtures/live-estate/" }).toEqual({ stale: [], fix: expect.any(String) });
  });

  const changed = (report: AdoptionReport): string[] =>
    report.stacks
      .flatMap((s) =>
        s.resources
          .filter((r) => r.outcome !== "adopted" && r.outcome !== "created-not-importable")
          .map((r) => `${s.stack} ${r.outcome} ${r.name}: ${r.attributes.map((a) => `${a.change} ${a.path}`).join(", ")}`),
      )
      .sort();

  describe("npm run adopt -- --live <fixture>", () => {
    it("reports exactly the deliberate differences, live → code, and nothing the twin made up", () => {
      expect(changed(adoption)).toEqual([
        "datadog to-be-created [psf-estate] bugs: every host reporting: ",
        "digitalocean-nyc1 adopted-with-changes psf-nyc1-bugs: removed inbound_rule[-]",
        "digitalocean-nyc1 adopted-with-changes wiki.nyc1.psf.io: changed size",
        "dns adopted-with-changes wiki.python.org A: changed ttl",
        'fastly adopted-with-changes www.python.org: changed header["HSTS w/o subdomains"].source',
        "pingdom adopted-with-changes www.python.org: removed paused",
      ]);
      expect(adoption.dangers).toEqual([]);
      expect(adoptionStatus(adoption)).toBe(0);
    });

    it("names the inventory field a value comes from, and never compares a secret the snapshot withholds", () => {
      const wiki = defined(adoption.stacks.flatMap((s) => s.resources).find((r) => r.name === "wiki.nyc1.psf.io"));
      expect(wiki.attributes).toEqual([
        { path: "size", change: "changed", before: '"s-4vcpu-8gb"', after: '"s-2vcpu-4gb"', inventory: 'host "wiki.nyc1" size (inventory/hosts.ts)' },
      ]);
      const docs = defined(defined(adoption.stacks.find((s) => s.stack === "fastly")).resources.find((r) => r.name === "docs.python.org"));
      expect(docs.outcome).toBe("adopted");
      expect(docs.notCompared).toEqual(['header["Fastly Token"].source']);
    });

    it("records what discovery found in the ids file with --write-ids, beside the ids given by hand", () => {
      const given = JSON.parse(readFileSync(IDS, "utf8")) as Record<string, Record<string, string>>;
      const written = JSON.parse(readFileSync(idsWritten, "utf8")) as Record<string, Record<string, string>>;
      for (const [stack, ids] of Object.entries(given)) expect(written[stack]).toMatchObject(ids);
      // Found by name: every droplet of nyc1, every zone, every Fastly service of the stacks adopted.
      expect(Object.keys(written["digitalocean-nyc1"] ?? {}).filter((a) => a.startsWith("digitalocean_droplet."))).toHaveLength(17);
      expect(Object.keys(written["dns"] ?? {}).filter((a) => a.startsWith("aws_route53_zone."))).toHaveLength(10);
      expect(Object.keys(written["fastly"] ?? {}).filter((a) => a.startsWith("fastly_service_vcl."))).toHaveLength(4);
      // Not what follows from them (a record's id): that is derived again each time.
      expect(Object.keys(written["dns"] ?? {}).some((a) => a.startsWith("aws_route53_record."))).toBe(false);
    });

    it("says which types need their ids by hand: those no data source of their provider finds", () => {
      expect(adoption.idsByHand).toEqual([
        "aws_kms_key",
        "aws_route53_delegation_set",
        "datadog_dashboard_json",
        "digitalocean_firewall",
        "gandi_dnssec_key",
        "heroku_addon",
        "heroku_addon_attachment",
        "heroku_pipeline_coupling",
        "pingdom_check",
      ]);
    });
  });

  describe("npm run drift -- --live <fixture>", () => {
    it("names each deliberate difference the state knows, state → live, and exits 1", () => {
      const found = drift.stacks
        .flatMap((s) => s.changes.map((c) => `${s.stack} ${c.action} ${c.name}: ${c.attributes.map((a) => `${a.change} ${a.path}`).join(", ")}`))
        .sort();
      expect(found).toEqual([
        "datadog delete [psf-estate] bugs: every host reporting: ",
        "digitalocean-nyc1 update psf-nyc1-bugs: added inbound_rule[+]",
        "digitalocean-nyc1 update wiki.nyc1.psf.io: changed size",
        "dns update wiki.python.org A: changed ttl",
        'fastly update www.python.org: changed header["HSTS w/o subdomains"].source',
        "pingdom update www.python.org: added paused",
      ]);
      expect(drift.dangers.map((d) => `${d.class} ${d.kind} ${d.name}`).sort()).toEqual([
        "exposure opens-wide psf-nyc1-bugs",
        "silencing alarm-removed [psf-estate] bugs: every host reporting",
        "silencing check-paused www.python.org",
      ]);
      expect(driftStatus(drift)).toBe(1);
    });
  });

  describe("the unmanaged listing", () => {
    it("holds exactly the records no stack declares, with who manages them where the inventory knows", async () => {
      const report = await runUnmanaged({ ...quiet, live: FIXTURE, importIds: IDS, zoneExports: [] });
      expect(
        report.zones.flatMap((z) =>
          z.records.map((r) => `${z.zone} ${r.name} ${r.type} ${r.managedBy === undefined ? "nobody known" : r.managedBy.split(" ")[0]}`),
        ),
      ).toEqual([
        "psf.io moin.nyc1.psf.io A Salt's",
        "psf.io ns-1.ams1.psf.io A Salt's",
        "python.org _github-challenge-python.python.org TXT nobody known",
        "python.org pypi.python.org CNAME pypi/infra",
        "python.org testpypi.python.org CNAME pypi/infra",
      ]);
      expect(report.objects).toEqual([]);
    }, 60_000);
  });
});

describe("a zone export", () => {
  const dir = mkdtempSync(join(tmpdir(), "zone-export-"));
  const expected = [
    "_github-challenge-python.python.org TXT 300 5c2e1a0f9d",
    "python.org A 300 151.101.0.223",
    'python.org CAA 300 0 issue "letsencrypt.org"',
    "python.org MX 3600 10 mail.python.org",
    "python.org NS 172800 ns-1.awsdns-00.com",
    "python.org TXT 300 v=spf1 mx a:mail.python.org ~all",
    "www.python.org CNAME 300 dualstack.python.map.fastly.net",
  ];
  const lines = (records: readonly { name: string; type: string; ttl?: number; values: readonly string[] }[]): string[] =>
    records.filter((r) => r.type !== "SOA").map((r) => `${r.name} ${r.type} ${r.ttl ?? ""} ${r.values.join(" | ")}`);

  it("reads Route 53's list-resource-record-sets JSON", async () => {
    const file = join(dir, "python.org.json");
    writeFileSync(
      file,
      JSON.stringify({
        ResourceRecordSets: [
          {
            Name: "python.org.",
            Type: "SOA",
            TTL: 900,
            ResourceRecords: [{ Value: "ns-1.awsdns-00.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400" }],
          },
          { Name: "python.org.", Type: "NS", TTL: 172800, ResourceRecords: [{ Value: "ns-1.awsdns-00.com." }] },
          { Name: "python.org.", Type: "A", TTL: 300, ResourceRecords: [{ Value: "151.101.0.223" }] },
          { Name: "python.org.", Type: "CAA", TTL: 300, ResourceRecords: [{ Value: '0 issue "letsencrypt.org"' }] },
          { Name: "python.org.", Type: "MX", TTL: 3600, ResourceRecords: [{ Value: "10 mail.python.org" }] },
          { Name: "python.org.", Type: "TXT", TTL: 300, ResourceRecords: [{ Value: '"v=spf1 mx a:mail.python.org ~all"' }] },
          { Name: "_github-challenge-python.python.org.", Type: "TXT", TTL: 300, ResourceRecords: [{ Value: '"5c2e1a0f9d"' }] },
          { Name: "www.python.org.", Type: "CNAME", TTL: 300, ResourceRecords: [{ Value: "dualstack.python.map.fastly.net" }] },
        ],
      }),
    );
    const zone = await readZoneExport(file);
    expect(zone.zone).toBe("python.org");
    expect(lines(zone.records)).toEqual(expected);
  });

  it("reads a BIND zone file", async () => {
    const file = join(dir, "python.org.zone");
    writeFileSync(
      file,
      [
        "$ORIGIN python.org.",
        "$TTL 300",
        "@ 900 IN SOA ns-1.awsdns-00.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400",
        "@ 172800 IN NS ns-1.awsdns-00.com.",
        "@ IN A 151.101.0.223",
        '@ IN CAA 0 issue "letsencrypt.org"',
        "@ 3600 IN MX 10 mail.python.org.",
        '@ IN TXT "v=spf1 mx a:mail.python.org ~all"',
        '_github-challenge-python IN TXT "5c2e1a0f9d"',
        "www IN CNAME dualstack.python.map.fastly.net.",
        "",
      ].join("\n"),
    );
    const zone = await readZoneExport(file);
    expect(zone.zone).toBe("python.org");
    expect(lines(zone.records)).toEqual(expected);
  });

  it("refuses a BIND file with record types the parser would drop, rather than leave them unseen", async () => {
    const file = join(dir, "sshfp.zone");
    writeFileSync(file, "$ORIGIN python.org.\n@ 300 IN A 192.0.2.1\nhost 300 IN SSHFP 1 1 abcdef\n");
    await expect(readZoneExport(file)).rejects.toThrow(/SSHFP/);
  });
});

describe("the snapshot format", () => {
  it("reads the committed fixture, which withholds every secret", () => {
    const snapshot = readSnapshot(FIXTURE);
    expect(snapshot.objects.length).toBeGreaterThan(450);
    expect(JSON.stringify(snapshot)).not.toMatch(/rehearsal-fastly_origin_token|rehearsal-placeholder/);
    expect(snapshot.objects.filter((o) => o.type === "pagerduty_service_integration").every((o) => o.values["integration_key"] === undefined)).toBe(
      true,
    );
  });

  it("refuses another version, or an object twice, naming what is wrong", () => {
    expect(() => parseSnapshot({ format: "psf-estate-live-snapshot", version: 2 }, "x.json")).toThrow(/version 2; this checkout reads version 1/);
    const object = { type: "digitalocean_droplet", importId: "1", values: {} };
    expect(() =>
      parseSnapshot(
        {
          format: "psf-estate-live-snapshot",
          version: 1,
          taken: "2026-06-01",
          source: "s",
          terraformVersion: "1.11.4",
          providers: {},
          objects: [object, object],
        },
        "x.json",
      ),
    ).toThrow(SnapshotError);
  });
});
