/*
 * The report's pieces on Terraform plans written by hand: grouping, names before addresses, masking,
 * rules newly open to the world, and GitHub's size limit. review.test.ts runs them on real plans.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Configurations } from "../../review/configuration";
import { environmentReads } from "../../review/environment-reads";
import { buildReport, exitStatus, newlyOpenToWorld, type ReviewInputs } from "../../review/report";
import { COMMENT_MARKER, MARKDOWN_LIMIT, renderReport } from "../../review/render";
import type { PlannedChange } from "../../review/terraform-plan";

function change(overrides: Partial<PlannedChange>): PlannedChange {
  return {
    stack: "dns", address: "aws_route53_record.x", type: "aws_route53_record", action: "update", replacePaths: [], updates: false,
    before: {}, after: {}, afterUnknown: {}, beforeSensitive: {}, afterSensitive: {}, ...overrides,
  };
}

function inputs(changes: PlannedChange[], overrides: Partial<ReviewInputs> = {}): ReviewInputs {
  const none: Configurations = new Map();
  return {
    base: "main", head: "working tree", terraformVersion: "1.11.4", baseConfigurations: none, headConfigurations: none,
    changes, failures: [], summaries: new Map([["dns", "Plan: 0 to add, 42 to change, 0 to destroy."]]), findings: [], allowances: [], requestedAllowances: [],
    ...overrides,
  };
}

/** 42 records in 8 zones gain the same address, as adding a host behind a shared name does. */
const recordUpdates = Array.from({ length: 42 }, (_, i) => change({
  address: `aws_route53_record.r${i}`,
  before: { name: `name${i}.zone${i % 8}.org`, type: "AAAA", records: ["2001:db8::1"], zone_id: `Z${i % 8}` },
  after: { name: `name${i}.zone${i % 8}.org`, type: "AAAA", records: ["2001:db8::1", "2001:db8::2"], zone_id: `Z${i % 8}` },
}));

describe("the report", () => {
  it("groups alike changes into one line that names what they apply to", () => {
    const report = buildReport(inputs(recordUpdates));
    const stack = report.stacks[0]!;
    expect(stack.groups).toHaveLength(1);
    expect(stack.groups[0]!.names).toHaveLength(42);
    expect(stack.groups[0]!.names).toContain("name0.zone0.org AAAA");
    expect(stack.groups[0]!.attributes).toEqual([{ path: "records", before: '["2001:db8::1"]', after: '["2001:db8::1","2001:db8::2"]' }]);
    expect(stack.changes).toEqual([]);
    expect(renderReport(report, "text")).toMatch(/42 aws_route53_record updated in place, each: records: \["2001:db8::1"\] → \["2001:db8::1","2001:db8::2"\] \(name0\.zone0\.org AAAA, /);
  });

  it("masks what the provider marks sensitive and what is named like a secret", () => {
    const report = buildReport(inputs([change({
      stack: "heroku", address: "heroku_app.a", type: "heroku_app",
      before: { sensitive_config_vars: { KEY: "old" }, api_token: "t1", name: "a" },
      after: { sensitive_config_vars: { KEY: "new" }, api_token: "t2", name: "b" },
      beforeSensitive: { sensitive_config_vars: { KEY: true } }, afterSensitive: { sensitive_config_vars: { KEY: true } },
    })], { summaries: new Map([["heroku", "Plan: 0 to add, 1 to change, 0 to destroy."]]) }));
    const text = renderReport(report, "json");
    expect(text).not.toMatch(/"old"|"new"|t1|t2/);
    expect(report.stacks[0]!.changes[0]!.attributes.find((a) => a.path === "name")).toEqual({ path: "name", before: '"a"', after: '"b"' });
  });

  it("finds rules newly open to the whole internet, not the ones open before", () => {
    const rule = (port: string, sources: string[]): Record<string, unknown> => ({ protocol: "tcp", port_range: port, source_addresses: sources });
    expect(newlyOpenToWorld(change({
      type: "digitalocean_firewall",
      before: { inbound_rule: [rule("443", ["0.0.0.0/0"])] },
      after: { inbound_rule: [rule("443", ["0.0.0.0/0"]), rule("22", ["::/0"]), rule("9000", ["10.0.0.0/8"])] },
    }))).toEqual(["tcp 22 from ::/0"]);
    expect(newlyOpenToWorld(change({ type: "digitalocean_database_firewall", action: "create", before: null, after: { rule: [{ type: "ip_addr", value: "0.0.0.0/0" }] } }))).toEqual(["the database, from 0.0.0.0/0"]);
  });

  it("keeps the Markdown under GitHub's limit, dangers and summary first and whole", () => {
    const many = Array.from({ length: 3000 }, (_, i) => change({ action: "create", address: `aws_route53_record.c${i}`, before: null, after: { name: `n${i}.example.org`, type: "TXT", records: [`v=${"x".repeat(200)}${i}`] } }));
    const failures = [{ stack: "dns", step: "plan", message: "Error: Instance cannot be destroyed" }];
    const markdown = renderReport(buildReport(inputs(many, { failures })), "markdown");
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    expect(markdown.startsWith(COMMENT_MARKER)).toBe(true);
    expect(markdown).toMatch(/### ⛔ Dangerous: 1 not allowed[\s\S]*Terraform refuses[\s\S]*### Summary/);
  });

  it("says No changes, and exits 0, when Terraform plans none and nothing else changed", () => {
    const report = buildReport(inputs([], { summaries: new Map([["dns", "No changes."]]) }));
    expect(report.noChanges).toBe(true);
    expect(exitStatus(report)).toBe(0);
    expect(renderReport(report, "markdown")).toMatch(/\*\*No changes\.\*\*/);
  });
});

describe("synthesis code that reads the environment", () => {
  it("is found outside the files meant to, with file and line", () => {
    const root = mkdtempSync(join(tmpdir(), "env-reads-"));
    mkdirSync(join(root, "inventory"));
    writeFileSync(join(root, "inventory", "hosts.ts"), 'export const size = "s-1vcpu-1gb";\nexport const big = process.env.BIG === "1";\n');
    writeFileSync(join(root, "main.ts"), "definePsfEstate(app, loadEstate(), { backend: stateBackendFromEnvironment(process.env) });\n");
    expect(environmentReads(root)).toEqual([{ file: "inventory/hosts.ts", line: 2, text: 'export const big = process.env.BIG === "1";' }]);
  });

  it("is nowhere in this project's synthesis but main.ts and synth-failure", () => {
    expect(environmentReads(join(__dirname, "..", ".."))).toEqual([]);
  });
});
