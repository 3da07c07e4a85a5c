/*
 * The report's pieces on Terraform plans written by hand: grouping, names before addresses, masking,
 * rules newly open to the world, and GitHub's size limit. review.test.ts runs them on real plans.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Configurations } from "../../review/configuration";
import { environmentReads } from "../../review/environment-reads";
import { buildReport, exitStatus, type ReportInputs } from "../../review/report";
import { COMMENT_MARKER, MARKDOWN_LIMIT, renderReport } from "../../review/render";
import type { PlannedChange } from "../../review/terraform-plan";
import type { Danger } from "../../review/verdict";
import { defined } from "../support/defined";

function change(overrides: Partial<PlannedChange>): PlannedChange {
  return {
    stack: "dns",
    address: "aws_route53_record.x",
    type: "aws_route53_record",
    action: "update",
    replacePaths: [],
    updates: false,
    before: {},
    after: {},
    afterUnknown: {},
    beforeSensitive: {},
    afterSensitive: {},
    ...overrides,
  };
}

const HASHES = { configuration: "sha256:0000", stacks: { dns: "sha256:0001" } };

function inputs(changes: PlannedChange[], overrides: Partial<ReportInputs> = {}, dangers: Danger[] = []): ReportInputs {
  const none: Configurations = new Map();
  return {
    base: "main",
    head: "working tree",
    terraformVersion: "1.11.4",
    reviewed: HASHES,
    verdict: { dangers, notes: [] },
    baseConfigurations: none,
    headConfigurations: none,
    changes,
    outputChanges: [],
    summaries: new Map([["dns", "Plan: 0 to add, 42 to change, 0 to destroy."]]),
    requestedAllowances: [],
    ...overrides,
  };
}

/** 42 records in 8 zones gain the same address, as adding a host behind a shared name does. */
const recordUpdates = Array.from({ length: 42 }, (_, i) =>
  change({
    address: `aws_route53_record.r${i}`,
    before: { name: `name${i}.zone${i % 8}.org`, type: "AAAA", records: ["2001:db8::1"], zone_id: `Z${i % 8}` },
    after: { name: `name${i}.zone${i % 8}.org`, type: "AAAA", records: ["2001:db8::1", "2001:db8::2"], zone_id: `Z${i % 8}` },
  }),
);

describe("the report", () => {
  it("groups alike changes into one entry that names what they apply to, with what each gains", () => {
    const report = buildReport(inputs(recordUpdates));
    const stack = defined(report.stacks[0]);
    expect(stack.groups).toHaveLength(1);
    expect(defined(stack.groups[0]).names).toHaveLength(42);
    expect(defined(stack.groups[0]).names).toContain("name0.zone0.org AAAA");
    expect(defined(stack.groups[0]).attributes).toEqual([{ path: "records[+]", change: "added", after: '"2001:db8::2"' }]);
    expect(stack.changes).toEqual([]);
    expect(renderReport(report, "text")).toMatch(
      /42 aws_route53_record updated in place, each as below: name0\.zone0\.org AAAA, [^\n]*\n\s+\+ records\[\+\]: "2001:db8::2"/,
    );
  });

  it("groups from three alike changes, not two", () => {
    expect(defined(buildReport(inputs(recordUpdates.slice(0, 3))).stacks[0]).groups).toHaveLength(1);
    expect(defined(buildReport(inputs(recordUpdates.slice(0, 2))).stacks[0]).groups).toHaveLength(0);
  });

  it("masks what the provider marks sensitive and what is named like a secret, nothing else", () => {
    const report = buildReport(
      inputs(
        [
          change({
            stack: "heroku",
            address: "heroku_app.a",
            type: "heroku_app",
            before: { sensitive_config_vars: { KEY: "old" }, api_token: "t1", name: "a" },
            after: { sensitive_config_vars: { KEY: "new" }, api_token: "t2", name: "b" },
            beforeSensitive: { sensitive_config_vars: { KEY: true } },
            afterSensitive: { sensitive_config_vars: { KEY: true } },
          }),
        ],
        { summaries: new Map([["heroku", "Plan: 0 to add, 1 to change, 0 to destroy."]]) },
      ),
    );
    const text = renderReport(report, "json");
    expect(text).not.toMatch(/"old"|"new"|t1|t2/);
    expect(defined(defined(report.stacks[0]).changes[0]).attributes.find((a) => a.path === "name")).toEqual({
      path: "name",
      change: "changed",
      before: '"a"',
      after: '"b"',
    });
  });

  it("names the reviewed configuration's hash in every format", () => {
    const report = buildReport(inputs(recordUpdates));
    for (const format of ["text", "markdown", "json"] as const) expect(renderReport(report, format)).toContain("sha256:0000");
  });

  it("keeps the Markdown under GitHub's limit: every danger and the summary whole, the lists cut with a pointer to the whole report", () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      change({
        action: "create",
        address: `aws_route53_record.c${i}`,
        before: null,
        after: { name: `n${i}.example.org`, type: "TXT", records: [`v=${"x".repeat(200)}${i}`] },
      }),
    );
    const dangers: Danger[] = Array.from({ length: 40 }, (_, i) => ({
      class: "takeover",
      kind: "points-outside",
      stack: "dns",
      subject: `aws_route53_record.d${i}`,
      name: `d${i}.python.org CNAME`,
      detail: `d${i}.python.org CNAME now points at evil${i}.example, which the estate does not own`,
    }));
    const markdown = renderReport(buildReport(inputs(many, {}, dangers)), "markdown", {
      fullReport: "the review-report artifact of https://ci.example/run/1",
    });
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    expect(markdown.startsWith(COMMENT_MARKER)).toBe(true);
    for (let i = 0; i < 40; i++) expect(markdown).toContain(`evil${i}.example`);
    expect(markdown).toMatch(/### ⛔ Dangerous: 40 not allowed[\s\S]*#### Takeover[\s\S]*### Summary/);
    expect(markdown).toMatch(/more lines: the whole report is in the review-report artifact of https:\/\/ci\.example\/run\/1/);
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
