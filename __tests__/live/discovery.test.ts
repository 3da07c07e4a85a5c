/**
 * Discovery through the providers' data sources (live/discovery-configuration.ts, live/discovery-run.ts): the
 * configuration it writes from the estate and the provider facts, the provider twin answering its listings and lookups
 * from a snapshot (twin/live-listings.ts), and the ids it finds, through the real Terraform. Against the clouds the same
 * configuration runs with the real providers: that has not been run here (no credentials, no network).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { discoveryConfiguration } from "../../live/discovery-configuration";
import { discover, renderImportId } from "../../live/discovery-run";
import { typesNeedingIdsByHand } from "../../live/discovery";
import { formatSnapshot, readSnapshot } from "../../live/snapshot";
import { DATA_SOURCE_FACTS, RESOURCE_TYPE_FACTS } from "../../provider-schemas/facts";
import { loadProviderSchema, pinnedProvider } from "../../provider-schemas/schema-file";
import { answerListing } from "../../twin/live-listings";
import { LiveAnswers } from "../../twin/live-answers";
import { repoRoot } from "../support/rehearsal";
import { synthCommittedEstate } from "../support/synth-estate";
import { defined } from "../support/defined";

const FIXTURE = join(repoRoot, "__tests__", "fixtures", "live-estate", "snapshot.json");
const snapshot = readSnapshot(FIXTURE);
const synth = synthCommittedEstate();
const configurations = synth.json as ReadonlyMap<string, never>;
const dir = mkdtempSync(join(tmpdir(), "live-discovery-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const schemaOf = (provider: string, dataSource: string) =>
  defined(defined(loadProviderSchema(pinnedProvider(provider)).data_source_schemas)[dataSource]);

describe("the provider facts' discovery", () => {
  it("names a data source of the pinned provider, whose committed schema and listing facts exist, for every discoverable type", () => {
    const problems: string[] = [];
    for (const [type, facts] of Object.entries(RESOURCE_TYPE_FACTS)) {
      const source = facts.discovery?.dataSource;
      if (source === undefined) continue;
      const reads = source.kind === "ids" ? [source.dataSource, source.read] : [source.dataSource];
      for (const dataSource of reads) {
        if (loadProviderSchema(pinnedProvider(defined(dataSource.split("_")[0]))).data_source_schemas?.[dataSource] === undefined)
          problems.push(`${type}: ${dataSource} is not in the committed schema`);
        if (DATA_SOURCE_FACTS[dataSource]?.lists?.resource !== type) problems.push(`${type}: ${dataSource} has no listing facts for it`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("leaves to the adopter, with where to look, exactly the types no data source of theirs finds", () => {
    const types = [...synth.json.values()].flatMap((stack) => Object.keys(stack.resource ?? {}));
    const byHand = typesNeedingIdsByHand(types);
    expect(byHand).toEqual([
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
    expect(["digitalocean_firewall", "gandi_dnssec_key", "pingdom_check"].filter((t) => RESOURCE_TYPE_FACTS[t]?.findByHand === undefined)).toEqual(
      [],
    );
  });
});

describe("discovery's configuration", () => {
  const configuration = discoveryConfiguration(configurations, []);
  const data = (configuration.json as { data: Record<string, Record<string, Record<string, unknown>>> }).data;

  it("reads only: data sources, and the providers they need pinned to the committed schemas' versions", () => {
    expect(Object.keys(configuration.json).sort()).toEqual(["data", "provider", "terraform"]);
    expect(
      (configuration.json as { terraform: { required_providers: Record<string, { version: string }> } }).terraform.required_providers["aws"],
    ).toEqual({ source: "hashicorp/aws", version: "6.25.0" });
  });

  it("lists each listable type once, reads each zone's record sets, and looks up each declared resource of the other types", () => {
    expect(Object.fromEntries(Object.entries(data).map(([type, reads]) => [type, Object.keys(reads).length]))).toEqual({
      aws_route53_records: 1,
      aws_route53_zone: 1,
      aws_route53_zones: 1,
      datadog_monitors: 1,
      digitalocean_database_cluster: 1,
      digitalocean_droplets: 1,
      digitalocean_volume: 1,
      digitalocean_vpc: 4,
      fastly_services: 1,
      fastly_tls_subscription: 1,
      fastly_tls_subscription_ids: 1,
      heroku_pipeline: 1,
      pagerduty_escalation_policy: 1,
      pagerduty_schedule: 2,
      pagerduty_service: 16,
      pagerduty_service_integration: 32,
      pagerduty_team: 1,
    });
    expect(defined(data["aws_route53_records"])["each"]).toEqual({ for_each: "${toset(data.aws_route53_zones.all.ids)}", zone_id: "${each.value}" });
    // An integration is found by its service's name and its own, which the configuration reads from a vendor data source.
    expect(Object.values(defined(data["pagerduty_service_integration"])).find((r) => r["service_name"] === "psf-docs")).toEqual({
      service_name: "psf-docs",
      integration_summary: "Datadog",
    });
    expect(configuration.unresolved).toEqual([]);
  });

  it("reads for the stacks named and those they read, and no more", () => {
    const pagerduty = discoveryConfiguration(configurations, ["pagerduty"]);
    expect(Object.keys((pagerduty.json as { data: object }).data).sort()).toEqual([
      "pagerduty_escalation_policy",
      "pagerduty_schedule",
      "pagerduty_service",
      "pagerduty_service_integration",
      "pagerduty_team",
    ]);
    expect(Object.keys((pagerduty.json as { provider: object }).provider)).toEqual(["pagerduty"]);
  });
});

describe("the provider twin answering discovery from a snapshot", () => {
  const live = new LiveAnswers(snapshot);

  it("lists a zone's record sets as Route 53 does: fully qualified names, values as records", () => {
    const zone = defined(snapshot.objects.find((o) => o.type === "aws_route53_zone" && o.values["name"] === "python.org"));
    const answer = answerListing(
      "aws_route53_records",
      schemaOf("aws", "aws_route53_records").block,
      defined(defined(DATA_SOURCE_FACTS["aws_route53_records"]).lists),
      { zone_id: String(zone.values["id"]), name_regex: null },
      live,
    );
    if (answer.kind !== "read") throw new Error(answer.summary);
    const sets = answer.state as { resource_record_sets: { name: string; type: string; resource_records: { value: string }[] }[] };
    const records = snapshot.objects.filter((o) => o.type === "aws_route53_record" && o.values["zone_id"] === zone.values["id"]);
    expect(sets.resource_record_sets).toHaveLength(records.length);
    const wiki = defined(sets.resource_record_sets.find((s) => s.name === "wiki.python.org." && s.type === "A"));
    expect(wiki.resource_records.map((r) => r.value)).toEqual(
      defined(records.find((r) => r.values["name"] === "wiki.python.org" && r.values["type"] === "A")).values["records"],
    );
  });

  it("shows a monitor's id as the number the listing's schema says, and fails a lookup that finds nothing with the provider's words", () => {
    const monitors = answerListing(
      "datadog_monitors",
      schemaOf("datadog", "datadog_monitors").block,
      defined(defined(DATA_SOURCE_FACTS["datadog_monitors"]).lists),
      {},
      live,
    );
    if (monitors.kind !== "read") throw new Error(monitors.summary);
    expect((monitors.state as { monitors: { id: unknown }[] }).monitors.every((m) => typeof m.id === "number")).toBe(true);
    const missing = answerListing(
      "pagerduty_service",
      schemaOf("pagerduty", "pagerduty_service").block,
      defined(defined(DATA_SOURCE_FACTS["pagerduty_service"]).lists),
      { name: "no-such-service" },
      live,
    );
    expect(missing).toMatchObject({ kind: "not-found", summary: "Unable to locate any service with the name: no-such-service" });
  });

  it("renders import ids from listed values, leaving out a bracketed part whose value is empty", () => {
    expect(renderImportId("{zone_id}_{name}_{type}[_{set_identifier}]", { zone_id: "Z1", name: "a.example", type: "A" })).toBe("Z1_a.example_A");
    expect(
      renderImportId("{zone_id}_{name}_{type}[_{set_identifier}]", { zone_id: "Z1", name: "a.example", type: "A", set_identifier: "blue" }),
    ).toBe("Z1_a.example_A_blue");
    expect(renderImportId("{service}.{id}", { id: "P1" })).toBeUndefined();
  });
});

describe("discovery through Terraform and the twin", () => {
  it("finds what the snapshot holds by name; a lookup that finds nothing fails alone, and its resource is not found", async () => {
    // The fixture without one PagerDuty service: its lookup fails, and so do its two integrations', as the provider's would.
    const gone = defined(snapshot.objects.find((o) => o.type === "pagerduty_service" && o.values["name"] === "psf-docs"));
    const file = join(dir, "without-docs-service.json");
    writeFileSync(file, formatSnapshot({ ...snapshot, objects: snapshot.objects.filter((o) => o !== gone) }));
    const progress: string[] = [];
    const { found, listing } = await discover({
      root: repoRoot,
      env: process.env,
      scratch: mkdtempSync(join(dir, "run-")),
      live: file,
      configurations,
      stacks: ["datadog", "pagerduty"],
      known: {},
      progress: (l) => progress.push(l),
    });
    const pagerduty = defined(found.origins.get("pagerduty"));
    const kinds = (type: string): Record<string, number> =>
      [...pagerduty]
        .filter(([a]) => a.startsWith(`${type}.`))
        .reduce<Record<string, number>>((n, [, o]) => ({ ...n, [o.kind]: (n[o.kind] ?? 0) + 1 }), {});
    expect(kinds("pagerduty_service")).toEqual({ discovered: 15, "not-found": 1 });
    expect(kinds("pagerduty_service_integration")).toEqual({ discovered: 30, "not-found": 2 });
    expect(progress.filter((l) => l.includes("found nothing")).length).toBe(3);
    // Each id found is the snapshot's object's of that name.
    const ids = new Set(snapshot.objects.map((o) => `${o.type} ${o.importId}`));
    expect(Object.entries(defined(found.discovered["pagerduty"])).filter(([address, id]) => !ids.has(`${address.split(".")[0]} ${id}`))).toEqual([]);
    // Monitors are listed whole: the one deleted by hand is not found, every other is.
    expect(
      [...defined(found.origins.get("datadog"))]
        .filter(([a, o]) => a.startsWith("datadog_monitor.") && o.kind !== "discovered")
        .map(([, o]) => o.kind),
    ).toEqual(["not-found"]);
    expect(listing.has("datadog_monitor", "1")).toBe(false);
    expect(listing.has("pagerduty_service", gone.importId)).toBeUndefined();
  }, 120_000);
});
