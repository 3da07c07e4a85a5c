/**
 * npm run live-snapshot, with the provider twin standing in for every provider: a snapshot read back through the twin
 * (discovery, `terraform import` into scratch state, `terraform show -json`, secrets withheld) is the same snapshot.
 * Against the clouds the same commands run with the real providers: that has not been run here (no credentials, no
 * network). The round trip takes a part of the committed fixture, three stacks' objects, to keep the test short: the
 * whole fixture's (506 objects, 2 minutes here) was checked the same way by hand.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { takeLiveSnapshot, type LiveSnapshotResult } from "../../live/live-snapshot";
import { formatSnapshot, readSnapshot, type Snapshot } from "../../live/snapshot";
import { main } from "../../scripts/live-snapshot";
import { repoRoot } from "../support/rehearsal";
import { synthCommittedEstate } from "../support/synth-estate";

const FIXTURE = join(repoRoot, "__tests__", "fixtures", "live-estate", "snapshot.json");
const IDS = join(repoRoot, "__tests__", "fixtures", "live-estate", "import-ids.json");
/** Stacks whose types no other stack declares, so that their part of the fixture is all a snapshot of them holds. */
const STACKS = ["digitalocean-nyc1-database", "fastly", "pagerduty"];
/** Two PagerDuty services of sixteen: the others' lookups find nothing, so they cost no import. */
const SERVICES = ["psf-docs", "psf-pypi"];
const dir = mkdtempSync(join(tmpdir(), "live-snapshot-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The fixture's objects of the stacks' types (PagerDuty's for two services only), and the data sources they read. */
function part(fixture: Snapshot): Snapshot {
  const synth = synthCommittedEstate();
  const types = new Set(
    STACKS.flatMap((s) =>
      Object.entries(synth.json.get(s)?.resource ?? {})
        .filter(([, byName]) => Object.values(byName).some((r) => r["for_each"] === undefined))
        .map(([type]) => type),
    ),
  );
  const dataTypes = new Set(STACKS.flatMap((s) => Object.keys(synth.json.get(s)?.data ?? {})));
  const services = fixture.objects.filter((o) => o.type === "pagerduty_service" && SERVICES.includes(String(o.values["name"])));
  const kept = fixture.objects.filter(
    (o) =>
      types.has(o.type) &&
      (o.type !== "pagerduty_service" || services.includes(o)) &&
      (o.type !== "pagerduty_service_integration" || services.some((s) => s.values["id"] === o.values["service"])),
  );
  return { ...fixture, objects: kept, dataSources: (fixture.dataSources ?? []).filter((d) => dataTypes.has(d.type)) };
}

describe("npm run live-snapshot -- --live <snapshot>", () => {
  const original = part(readSnapshot(FIXTURE));
  const file = join(dir, "part.json");
  writeFileSync(file, formatSnapshot(original));
  let result: LiveSnapshotResult;

  beforeAll(async () => {
    result = await takeLiveSnapshot({
      root: repoRoot,
      env: process.env,
      stacks: STACKS,
      live: file,
      importIds: IDS,
      taken: original.taken,
      progress: () => undefined,
    });
  }, 240_000);

  it("reads back the same snapshot: every object, its values, what it withholds, and the data sources", () => {
    expect(original.objects.length).toBe(36);
    expect(formatSnapshot({ ...result.snapshot, source: "", providers: {} })).toBe(formatSnapshot({ ...original, source: "", providers: {} }));
    expect(result.notLive).toEqual([]);
    expect(result.skipped).toEqual([]);
  });

  it("withholds every secret the providers read, as the original did", () => {
    const text = formatSnapshot(result.snapshot);
    // The twin's stand-ins for withheld secrets (64 hexadecimal digits) would be the secrets of a real snapshot.
    expect(text).not.toMatch(/"[0-9a-f]{64}"/);
    expect(result.snapshot.objects.filter((o) => o.type === "pagerduty_service_integration").map((o) => o.withheld)).toEqual(
      original.objects.filter((o) => o.type === "pagerduty_service_integration").map(() => ({ integration_key: true })),
    );
    expect(result.snapshot.objects.find((o) => o.type === "digitalocean_database_cluster")?.withheld).toMatchObject({ password: true, uri: true });
  });

  it("says what read it: the providers' versions, and that it was the twin, not the clouds", () => {
    expect(result.snapshot.providers).toEqual({ aws: "6.25.0", digitalocean: "2.71.0", fastly: "9.5.1", pagerduty: "3.32.4" });
    expect(result.snapshot.source).toMatch(/provider twin.*not the clouds/);
  });
});

describe("npm run live-snapshot's command line", () => {
  const errors: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  beforeEach(() => {
    errors.length = 0;
    process.stderr.write = ((chunk: string | Uint8Array) => errors.push(String(chunk)) > 0) as typeof process.stderr.write;
  });
  afterEach(() => {
    process.stderr.write = write;
  });

  it("exits 2 with one line for an unknown flag, a missing --output, a bad day; 2 with the reason when it cannot run", async () => {
    expect(await main(["--output", "x.json", "--bogus"], process.env, repoRoot)).toBe(2);
    expect(await main([], process.env, repoRoot)).toBe(2);
    expect(await main(["--output", "x.json", "--taken", "2026-6-1"], process.env, repoRoot)).toBe(2);
    expect(errors.map((e) => e.trim())).toEqual([
      "live-snapshot: unknown option '--bogus' (see --help)",
      "live-snapshot: required option '--output <file>' not specified (see --help)",
      "live-snapshot: option '--taken <day>' argument '2026-6-1' is invalid. not a day (YYYY-MM-DD) (see --help)",
    ]);
    errors.length = 0;
    expect(await main(["--output", join(dir, "never.json"), "--live", join(dir, "no-such-snapshot.json")], process.env, repoRoot)).toBe(2);
    expect(errors.at(-1)).toMatch(/^live-snapshot: could not run: cannot read the live snapshot .*no-such-snapshot\.json: ENOENT/);
    expect(() => readFileSync(join(dir, "never.json"))).toThrow();
  }, 60_000);
});
