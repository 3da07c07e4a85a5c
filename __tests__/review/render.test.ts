import { AllowanceError, validateAllowances } from "../../review/allowance-check";
import { DESTRUCTION_ALLOWANCES } from "../../review/allowances";
import { reviewEstates } from "../../review/engine";
import { PROTECTED_RESOURCE_TYPES } from "../../review/protected";
import { FORMATS, renderReport } from "../../review/render";
import { code, GITHUB_COMMENT_LIMIT, renderMarkdown } from "../../review/render-markdown";
import { renderText } from "../../review/render-text";
import { renderJson } from "../../review/render-json";
import type { Estate, ReviewReport, TerraformJson } from "../../review/types";
import { baseEstate, dnsStack, doStack, droplet, estate, record, TEST_FACTS } from "./fixtures/estates";

function review(base: Estate, head: Estate, allowances = validateAllowances([])): ReviewReport {
  return reviewEstates(base, head, { facts: TEST_FACTS, allowances, baseLabel: "main@abc1234", headLabel: "working tree" });
}

function allFormats(report: ReviewReport): string[] {
  return FORMATS.map((format) => renderReport(report, format));
}

/** A report with a dangerous deletion, a replacement, a rename, an update and unchanged stacks. */
function mixedReport(): ReviewReport {
  const base = estate({
    ...baseEstate(),
    "digitalocean-nyc1": doStack("digitalocean-nyc1"),
    "jython-website": { resource: { aws_s3_bucket: { site: { bucket: "www.jython.org" } } } },
    heroku: { resource: {} },
  });
  const head = estate({
    ...baseEstate(),
    "digitalocean-nyc1": doStack("digitalocean-nyc1", { droplets: { web: droplet("digitalocean-nyc1", "web", { region: "sfo2" }) } }),
    "jython-website": { resource: {} },
    dns: dnsStack({ docs_a: record("docs.python.org", "A", ["151.101.0.223"]) }),
    heroku: { resource: {} },
  });
  return review(base, head);
}

describe("markdown", () => {
  test("dangerous changes come first, then the summary table, unchanged stacks on one line, details folded", () => {
    const md = renderMarkdown(mixedReport());
    const danger = md.indexOf("Dangerous changes not allowed (1)");
    const summary = md.indexOf("### Summary");
    const details = md.indexOf("<details>");
    expect(danger).toBeGreaterThan(0);
    expect(summary).toBeGreaterThan(danger);
    expect(details).toBeGreaterThan(summary);
    expect(md).toContain("| Stack | Create | Update | Replace | Delete | Rename |");
    expect(md).toContain("| `digitalocean-nyc1` | 0 | 0 | **1** | 0 | 0 |");
    expect(md).toContain("| `jython-website` | 0 | 0 | 0 | **1** | 0 |");
    expect(md).toContain("Unchanged (2): `digitalocean-ams1`, `heroku`.");
    expect(md).toContain("`region`: `\"ams3\"` → `\"sfo2\"` **(forces replacement)**");
    expect(md).toContain("`aws_s3_bucket.site`: would be destroyed. Protected: an S3 bucket holds data");
    expect(md).toContain('`{ stack: "jython-website", address: "aws_s3_bucket.site", reason: "<why>" }`');
    expect(md.startsWith("<!-- psf-estate-review -->\n## Infrastructure review")).toBe(true);
  });

  test("identical estates: a short comment saying so", () => {
    const md = renderMarkdown(review(baseEstate(), baseEstate()));
    expect(md).toContain("No dangerous change");
    expect(md).toContain("No changes.");
    expect(md).toContain("Unchanged (2): `digitalocean-ams1`, `dns`.");
    expect(md).not.toContain("<details>");
  });

  test("a rename shows the move to declare", () => {
    const stack = "digitalocean-ams1";
    const head = { [stack]: doStack(stack, { droplets: { web_renamed: droplet(stack, "web") } }) };
    const md = renderMarkdown(review({ [stack]: doStack(stack) }, { [stack]: { ...head[stack], output: { web_ip: { value: "${digitalocean_droplet.web_renamed.ipv4_address}" } } } }));
    expect(md).toContain("| `digitalocean-ams1` | 0 | 0 | 0 | 0 | 1 |");
    expect(md).toContain('call `moveFromId("digitalocean_droplet.web")`');
    expect(md).toContain("from = digitalocean_droplet.web\n      to   = digitalocean_droplet.web_renamed");
  });

  test("code spans survive backticks and newlines", () => {
    expect(code("a`b")).toBe("``a`b``");
    expect(code("`x`")).toBe("`` `x` ``");
    expect(code("one\ntwo")).toBe("`one⏎two`");
  });

  test("a huge diff stays under GitHub's limit; summary and dangerous list are complete; the cut is described", () => {
    const records: Record<string, unknown> = {};
    const changed: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i += 1) {
      const name = `host${String(i).padStart(4, "0")}`;
      records[name] = record(`${name}.python.org`, "A", [`10.0.${Math.floor(i / 256)}.${i % 256}`]);
      changed[name] = record(`${name}.python.org`, "A", [`10.1.${Math.floor(i / 256)}.${i % 256}`], 60);
    }
    const created: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i += 1) created[`new${i}`] = record(`new${i}.python.org`, "AAAA", [`2001:db8::${i.toString(16)}`]);
    const base = estate({ dns: dnsStack(records), "jython-website": { resource: { aws_s3_bucket: { site: { bucket: "www.jython.org" } } } } });
    const head = estate({ dns: dnsStack({ ...changed, ...created }), "jython-website": { resource: {} } });
    const report = review(base, head);
    expect(report.totals).toMatchObject({ create: 5000, update: 5000, delete: 1 });

    const md = renderMarkdown(report);
    expect(md.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(md).toContain("| `dns` | 5,000 | 5,000 | 0 | 0 | 0 |");
    expect(md).toContain("`aws_s3_bucket.site`: would be destroyed");
    expect(md).toMatch(/Cut to stay under GitHub's 65,536-character comment limit: [\d,]+ change entries \(`dns`: [\d,]+\)/);
    // The most consequential entries are kept longest: the protected deletion's entry survives the cut.
    expect(md).toContain("- ❌ **delete** `aws_s3_bucket.site`: destroyed");
    expect(md).toMatch(/… [\d,]+ more changes not shown/);
    // The note's count matches what is missing.
    const omitted = Number((/… ([\d,]+) more changes not shown/.exec(md)?.[1] ?? "0").replace(/,/g, ""));
    const shown = (md.match(/^- (🟢|🟡|🔴|❌|🔵) /gmu) ?? []).length;
    expect(shown + omitted).toBe(10_001);
  });

  test("a tighter limit cuts the details entirely but keeps summary and dangerous list", () => {
    const md = renderMarkdown(mixedReport(), { limit: 1600 });
    expect(md.length).toBeLessThanOrEqual(1600);
    expect(md).toContain("### Summary");
    expect(md).toContain("`aws_s3_bucket.site`: would be destroyed");
    expect(md).toContain("all the per-stack details");
    expect(md).not.toContain("<details>");
  });
});

describe("sensitive values", () => {
  const SECRETS = ["hunter2-default", "literal-password-1", "literal-password-2", "tok-literal-123", "db-url-secret", "output-secret"];

  function secretStack(password: string): TerraformJson {
    return {
      variable: {
        database_password: { sensitive: true, type: "string", default: "hunter2-default" },
        plain: { type: "string" },
      },
      locals: { dsn: "postgres://app:${var.database_password}@db/app" },
      output: { dsn: { sensitive: true, value: "output-secret" } },
      resource: {
        digitalocean_database_user: { app: { name: "app", password } },
        heroku_app: {
          pycon: {
            name: "pycon-prod",
            region: "us",
            sensitive_config_vars: { API_TOKEN: "tok-literal-123", DATABASE_URL: "${local.dsn}" },
            config_vars: { DB: "${var.database_password}", PLAIN: "${var.plain}", MIXED: "x-${local.dsn}", SAFE: "visible" },
          },
        },
      },
    };
  }

  test("never printed by any renderer, on create, update and delete", () => {
    const withSecrets = estate({ apps: secretStack("literal-password-1") });
    const changed = estate({ apps: secretStack("literal-password-2") });
    const reports = [
      review({}, withSecrets),
      review(withSecrets, changed),
      review(withSecrets, {}, validateAllowances([{ stack: "apps", address: "heroku_app.pycon", reason: "test" }])),
    ];
    for (const report of reports) {
      for (const text of allFormats(report)) {
        for (const secret of SECRETS) expect(text).not.toContain(secret);
      }
    }
    const update = reports[1]?.stacks[0]?.changes[0];
    expect(update?.attributes).toEqual([
      { path: "password", before: { kind: "sensitive", text: "(sensitive)" }, after: { kind: "sensitive", text: "(sensitive)" }, forcesReplacement: null, ignored: false },
    ]);
    const created = reports[0]?.stacks[0]?.changes.find((c) => c.address === "heroku_app.pycon");
    const configVars = created?.attributes.find((a) => a.path === "config_vars")?.after.text;
    // References to plain variables and literals stay visible; anything from a sensitive variable does not.
    expect(JSON.parse(configVars ?? "{}")).toEqual({ DB: "(sensitive)", MIXED: "(sensitive)", PLAIN: "${var.plain}", SAFE: "visible" });
    expect(created?.attributes.find((a) => a.path === "sensitive_config_vars")?.after.kind).toBe("sensitive");
  });
});

describe("json", () => {
  test("keys sorted at every depth, exit status included, stable across runs", () => {
    const report = mixedReport();
    const text = renderJson(report);
    expect(text).toBe(renderJson(mixedReport()));
    const parsed = JSON.parse(text) as { exitStatus: number; version: number; report: ReviewReport };
    expect(parsed.exitStatus).toBe(1);
    expect(parsed.version).toBe(1);
    const keysSorted = (value: unknown): boolean => {
      if (Array.isArray(value)) return value.every(keysSorted);
      if (value && typeof value === "object") {
        const keys = Object.keys(value);
        return keys.join("\u0000") === [...keys].sort().join("\u0000") && Object.values(value).every(keysSorted);
      }
      return true;
    };
    expect(keysSorted(parsed)).toBe(true);
  });
});

describe("text", () => {
  test("lists everything with old -> new and the dangerous change first", () => {
    const text = renderText(mixedReport());
    expect(text.indexOf("DANGEROUS CHANGES NOT ALLOWED (1)")).toBeLessThan(text.indexOf("== dns =="));
    expect(text).toContain('region: "ams3" -> "sfo2"  (forces replacement)');
    expect(text).toContain("+   aws_route53_record.docs_a: created");
    expect(text).toContain("Unchanged stacks: digitalocean-ams1, heroku");
  });
});

describe("allowances", () => {
  test("the committed list is valid and empty by default", () => {
    expect(validateAllowances(DESTRUCTION_ALLOWANCES)).toEqual([]);
  });

  test("a reason is required, and every problem is reported", () => {
    expect(() => validateAllowances([{ stack: "dns", address: "aws_route53_zone.python_org", reason: "  " }])).toThrow(AllowanceError);
    try {
      validateAllowances([
        { stack: "dns", address: "aws_route53_zone.python_org", reason: "" },
        { stack: "", address: "not an address", reason: "ok" },
        "nonsense",
      ]);
      throw new Error("expected AllowanceError");
    } catch (error) {
      expect(error).toBeInstanceOf(AllowanceError);
      expect((error as AllowanceError).problems).toEqual([
        'entry 0: "reason" must say why destroying aws_route53_zone.python_org is intended',
        'entry 1: "stack" must be a non-empty string',
        'entry 1: "address" must be a Terraform address such as aws_s3_bucket.site',
        "entry 2: must be an object { stack, address, reason }",
      ]);
    }
    expect(() =>
      validateAllowances([
        { stack: "dns", address: "aws_route53_zone.a", reason: "x" },
        { stack: "dns", address: "aws_route53_zone.a", reason: "y" },
      ]),
    ).toThrow(/allowed twice/);
  });

  test("protected types include every data- or name-holding type of the estate", () => {
    expect(Object.keys(PROTECTED_RESOURCE_TYPES).sort()).toEqual([
      "aws_kms_key",
      "aws_route53_zone",
      "aws_s3_bucket",
      "digitalocean_database_cluster",
      "digitalocean_database_db",
      "digitalocean_volume",
      "fastly_service_vcl",
      "heroku_app",
    ]);
  });
});
