import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { relativeFiles } from "./support/folder-files";

const repoRoot = join(__dirname, "..");
const script = join(repoRoot, "scripts", "generate-provider-bindings.mjs");
const committedGen = join(repoRoot, ".gen");

interface ExpectedProvider {
  name: string;
  fqpn: string;
  source: string;
  constraint: string;
  resources: string[];
  dataSources: string[];
}

// What the estate uses from each provider; the schemas must describe exactly these.
const PROVIDERS: ExpectedProvider[] = [
  {
    name: "heroku",
    fqpn: "registry.terraform.io/heroku/heroku",
    source: "heroku/heroku",
    constraint: "~> 5.3",
    resources: [
      "heroku_addon",
      "heroku_addon_attachment",
      "heroku_app",
      "heroku_domain",
      "heroku_formation",
      "heroku_pipeline",
      "heroku_pipeline_coupling",
    ],
    dataSources: ["heroku_pipeline", "heroku_team"],
  },
  {
    name: "fastly",
    fqpn: "registry.terraform.io/fastly/fastly",
    source: "fastly/fastly",
    constraint: "~> 9.5",
    resources: ["fastly_service_vcl", "fastly_tls_subscription", "fastly_tls_subscription_validation"],
    dataSources: ["fastly_ip_ranges", "fastly_services", "fastly_tls_subscription", "fastly_tls_subscription_ids"],
  },
  {
    name: "datadog",
    fqpn: "registry.terraform.io/datadog/datadog",
    source: "datadog/datadog",
    constraint: "~> 3.91",
    resources: ["datadog_dashboard_json", "datadog_integration_pagerduty_service_object", "datadog_monitor"],
    dataSources: ["datadog_monitors"],
  },
  {
    name: "gandi",
    fqpn: "registry.terraform.io/go-gandi/gandi",
    source: "go-gandi/gandi",
    constraint: "~> 2.3",
    resources: ["gandi_dnssec_key", "gandi_nameservers"],
    dataSources: [],
  },
  {
    name: "pagerduty",
    fqpn: "registry.terraform.io/pagerduty/pagerduty",
    source: "pagerduty/pagerduty",
    constraint: "~> 3.32",
    resources: ["pagerduty_escalation_policy", "pagerduty_schedule", "pagerduty_service", "pagerduty_service_integration", "pagerduty_team"],
    dataSources: [
      "pagerduty_escalation_policy",
      "pagerduty_schedule",
      "pagerduty_service",
      "pagerduty_service_integration",
      "pagerduty_team",
      "pagerduty_user",
      "pagerduty_vendor",
    ],
  },
  {
    name: "pingdom",
    fqpn: "registry.terraform.io/drfaust92/pingdom",
    source: "drfaust92/pingdom",
    constraint: "~> 1.5",
    resources: ["pingdom_check"],
    dataSources: [],
  },
];

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeysDeep(v)]));
  }
  return value;
}

function readGenerated(name: string, module: string): string {
  return readFileSync(join(committedGen, "providers", name, module, "index.ts"), "utf8");
}

let freshGen = "";

beforeAll(() => {
  freshGen = mkdtempSync(join(tmpdir(), "psf-bindings-"));
  // stdio is captured so the generator's chatter does not clutter test output.
  execFileSync(process.execPath, [script, "--out", freshGen], { cwd: repoRoot, stdio: "pipe", timeout: 60_000 });
});

afterAll(() => {
  if (freshGen) rmSync(freshGen, { recursive: true, force: true });
});

describe.each(PROVIDERS)("$name provider bindings", (provider) => {
  const schemaPath = join(repoRoot, "provider-schemas", `${provider.name}.json`);

  it("regenerating from the committed schema reproduces .gen byte for byte", () => {
    const committedDir = join(committedGen, "providers", provider.name);
    if (!existsSync(committedDir)) {
      throw new Error(`${committedDir} is missing: run \`node scripts/generate-provider-bindings.mjs\``);
    }
    const freshDir = join(freshGen, "providers", provider.name);
    const committedFiles = relativeFiles(committedDir);
    expect(relativeFiles(freshDir)).toEqual(committedFiles);
    const differing = committedFiles.filter((file) => !readFileSync(join(committedDir, file)).equals(readFileSync(join(freshDir, file))));
    expect(differing).toEqual([]);
  });

  it("has a schema in `terraform providers schema -json` form, stably formatted, without descriptions", () => {
    const text = readFileSync(schemaPath, "utf8");
    const schema = JSON.parse(text) as {
      format_version: string;
      provider_schemas: Record<string, { resource_schemas: object; data_source_schemas: object; provider: object }>;
    };
    expect(text).toBe(`${JSON.stringify(sortKeysDeep(schema), null, 2)}\n`);
    expect(schema.format_version).toBe("1.0");
    expect(Object.keys(schema.provider_schemas)).toEqual([provider.fqpn]);
    const body = schema.provider_schemas[provider.fqpn];
    expect(body?.provider).toBeDefined();
    expect(Object.keys(body?.resource_schemas ?? {}).sort()).toEqual([...provider.resources].sort());
    expect(Object.keys(body?.data_source_schemas ?? {}).sort()).toEqual([...provider.dataSources].sort());
    // Attributes may be called "description"; the documentation text is a string value under that key.
    expect(text).not.toMatch(/"description(_kind)?": "/);
  });

  it("records the provider source and version constraint in the provider class", () => {
    const providerModule = readGenerated(provider.name, "provider");
    expect(providerModule).toContain(`terraformProviderSource: '${provider.source}'`);
    expect(providerModule).toContain(`providerVersionConstraint: '${provider.constraint}'`);
  });

  it("is listed in cdktf.json, with the constraint `cdktf get` would generate it at", () => {
    const cdktfJson = JSON.parse(readFileSync(join(repoRoot, "cdktf.json"), "utf8")) as { terraformProviders?: unknown[] };
    const listed = (cdktfJson.terraformProviders ?? [])
      .map((entry) => (typeof entry === "string" ? entry : ""))
      .filter((entry) => entry.split("@")[0]?.toLowerCase() === provider.source);
    expect(listed.map((entry) => entry.replace(/@\s*/, "@"))).toEqual([`${provider.source}@${provider.constraint}`]);
  });
});

describe("cdktf.json", () => {
  it("lists the generated providers and nothing else: npm run bindings writes the list from providers.json", () => {
    const cdktfJson = JSON.parse(readFileSync(join(repoRoot, "cdktf.json"), "utf8")) as { terraformProviders?: unknown[] };
    expect([...(cdktfJson.terraformProviders ?? [])].sort()).toEqual(PROVIDERS.map((p) => `${p.source}@${p.constraint}`).sort());
  });

  it("is left as it is when the bindings go to another folder (--out)", () => {
    // beforeAll generated into a scratch folder; the repository's cdktf.json must still be the committed one.
    expect(execFileSync("git", ["status", "--porcelain", "--", "cdktf.json"], { cwd: repoRoot, encoding: "utf8" })).toBe("");
  });
});

describe("generated classes", () => {
  it.each([
    ["heroku", "provider", "HerokuProvider", "TerraformProvider", "heroku"],
    ["heroku", "app", "App", "TerraformResource", "heroku_app"],
    ["heroku", "addon", "Addon", "TerraformResource", "heroku_addon"],
    ["heroku", "addon-attachment", "AddonAttachment", "TerraformResource", "heroku_addon_attachment"],
    ["heroku", "domain", "Domain", "TerraformResource", "heroku_domain"],
    ["heroku", "formation", "Formation", "TerraformResource", "heroku_formation"],
    ["heroku", "pipeline", "Pipeline", "TerraformResource", "heroku_pipeline"],
    ["heroku", "pipeline-coupling", "PipelineCoupling", "TerraformResource", "heroku_pipeline_coupling"],
    ["heroku", "data-heroku-team", "DataHerokuTeam", "TerraformDataSource", "heroku_team"],
    ["fastly", "provider", "FastlyProvider", "TerraformProvider", "fastly"],
    ["fastly", "service-vcl", "ServiceVcl", "TerraformResource", "fastly_service_vcl"],
    ["fastly", "tls-subscription", "TlsSubscription", "TerraformResource", "fastly_tls_subscription"],
    ["fastly", "tls-subscription-validation", "TlsSubscriptionValidation", "TerraformResource", "fastly_tls_subscription_validation"],
    ["fastly", "data-fastly-ip-ranges", "DataFastlyIpRanges", "TerraformDataSource", "fastly_ip_ranges"],
    ["datadog", "provider", "DatadogProvider", "TerraformProvider", "datadog"],
    ["datadog", "monitor", "Monitor", "TerraformResource", "datadog_monitor"],
    ["datadog", "dashboard-json", "DashboardJson", "TerraformResource", "datadog_dashboard_json"],
    [
      "datadog",
      "integration-pagerduty-service-object",
      "IntegrationPagerdutyServiceObject",
      "TerraformResource",
      "datadog_integration_pagerduty_service_object",
    ],
    ["gandi", "provider", "GandiProvider", "TerraformProvider", "gandi"],
    ["gandi", "nameservers", "Nameservers", "TerraformResource", "gandi_nameservers"],
    ["gandi", "dnssec-key", "DnssecKey", "TerraformResource", "gandi_dnssec_key"],
    ["pagerduty", "provider", "PagerdutyProvider", "TerraformProvider", "pagerduty"],
    ["pagerduty", "escalation-policy", "EscalationPolicy", "TerraformResource", "pagerduty_escalation_policy"],
    ["pagerduty", "schedule", "Schedule", "TerraformResource", "pagerduty_schedule"],
    ["pagerduty", "service", "Service", "TerraformResource", "pagerduty_service"],
    ["pagerduty", "service-integration", "ServiceIntegration", "TerraformResource", "pagerduty_service_integration"],
    ["pagerduty", "team", "Team", "TerraformResource", "pagerduty_team"],
    ["pagerduty", "data-pagerduty-user", "DataPagerdutyUser", "TerraformDataSource", "pagerduty_user"],
    ["pagerduty", "data-pagerduty-vendor", "DataPagerdutyVendor", "TerraformDataSource", "pagerduty_vendor"],
    ["pingdom", "provider", "PingdomProvider", "TerraformProvider", "pingdom"],
    ["pingdom", "check", "Check", "TerraformResource", "pingdom_check"],
  ])("%s/%s exports %s", (name, module, className, base, tfType) => {
    const source = readGenerated(name, module);
    expect(source).toContain(`export class ${className} extends cdktf.${base} {`);
    expect(source).toContain(`public static readonly tfResourceType = "${tfType}";`);
  });
});
