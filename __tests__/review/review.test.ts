/*
 * The review end to end, on small fixture projects with the real Terraform and the provider twin: each
 * way of destroying or exposing something that once passed the review, made in one change, must make
 * it exit 1 and name the danger first; an allowance on the base branch lets its change pass and is
 * cited; the head's own allowance is only a request; an unchanged tree says "No changes".
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../scripts/review";
import { renderReport } from "../../review/render";
import type { ReviewReport } from "../../review/report";
import type { Danger } from "../../review/verdict";
import { fixtureRepository, type FixtureRevision } from "../support/review-fixture";
import { holdLockForFile } from "../support/exclusive";
import { defined } from "../support/defined";

// Not beside another review test file: the attack test tampers with every review's scratch folders and cache.
holdLockForFile("review-tests");

const providers = {
  required_providers: {
    aws: { source: "hashicorp/aws", version: "6.25.0" },
    digitalocean: { source: "digitalocean/digitalocean", version: "2.71.0" },
    heroku: { source: "heroku/heroku", version: "~> 5.3" },
  },
};
const heroku = { required_providers: { heroku: providers.required_providers.heroku } };
const world = ["0.0.0.0/0", "::/0"];

/** Granted on the base branch: the one danger the change may cause. */
const ALLOWANCE = { stack: "main", subjects: ["heroku_addon.db"], reason: "Bots moved to the managed cluster (issue #1)", expires: "2099-12-31" };

const BASE: FixtureRevision = {
  allowances: [ALLOWANCE],
  stacks: {
    main: {
      terraform: providers,
      provider: { aws: [{ region: "us-east-1" }], heroku: [{}], digitalocean: [{}] },
      resource: {
        heroku_app: { web: { name: "psf-web", region: "us", lifecycle: { prevent_destroy: true } }, bots: { name: "psf-bots", region: "us" } },
        heroku_addon: { db: { app_id: "${heroku_app.bots.id}", plan: "heroku-postgresql:essential-0" } },
        aws_route53_zone: { zone: { name: "example.org" } },
        aws_route53_hosted_zone_dnssec: { zone: { hosted_zone_id: "${aws_route53_zone.zone.zone_id}" } },
        digitalocean_firewall: { web: { name: "web", inbound_rule: [{ protocol: "tcp", port_range: "443", source_addresses: world }] } },
        digitalocean_vpc: { old: { name: "psf-old", region: "nyc3", ip_range: "10.10.0.0/24" } },
      },
    },
    moved: { terraform: heroku, resource: { heroku_app: { a: { name: "psf-a", region: "us" }, b: { name: "psf-b", region: "us" } } } },
    ipv6: {
      terraform: { required_providers: { digitalocean: providers.required_providers.digitalocean } },
      resource: {
        digitalocean_droplet: {
          data: { name: "data", region: "nyc3", size: "s-1vcpu-1gb", image: "ubuntu-24-04-x64", ipv6: true, lifecycle: { prevent_destroy: true } },
        },
      },
    },
    relocated: { terraform: heroku, resource: { heroku_app: { s: { name: "psf-s", region: "us" } } } },
    retired: { terraform: heroku, resource: { heroku_app: { r: { name: "psf-r", region: "us" } } } },
  },
};

/** The same base with only its main stack, for the reviews that need no more (each stack planned costs seconds). */
const SMALL_BASE: FixtureRevision = { allowances: [ALLOWANCE], stacks: { main: defined(BASE.stacks.main) } };

const mainHead = defined(BASE.stacks.main);
const baseResources = mainHead.resource as Record<string, Record<string, unknown>>;
const HEAD: FixtureRevision = {
  stacks: {
    main: {
      ...mainHead,
      // A provider's region: Terraform would look for everything elsewhere.
      provider: { aws: [{ region: "eu-west-1" }], heroku: [{}], digitalocean: [{}] },
      variable: { operator_note: { type: "string" } },
      resource: {
        // count = 0 with prevent_destroy dropped in the same change.
        heroku_app: { web: { name: "psf-web", region: "us", count: 0 }, bots: { name: "psf-bots", region: "us" } },
        // The data add-on and the zone's DNSSEC signing are gone.
        aws_route53_zone: baseResources.aws_route53_zone,
        // Every port open to the world.
        digitalocean_firewall: {
          web: {
            name: "web",
            inbound_rule: [
              { protocol: "tcp", port_range: "443", source_addresses: world },
              { protocol: "tcp", port_range: "1-65535", source_addresses: world },
            ],
          },
        },
        // Renamed without a moved block.
        digitalocean_vpc: { renamed: { name: "psf-old", region: "nyc3", ip_range: "10.10.0.0/24" } },
      },
    },
    // A moved block onto an address that already exists.
    moved: { ...BASE.stacks.moved, moved: [{ from: "heroku_app.a", to: "heroku_app.b" }] },
    // ipv6 true -> false replaces the droplet, whose prevent_destroy makes Terraform refuse.
    ipv6: {
      ...BASE.stacks.ipv6,
      resource: {
        digitalocean_droplet: {
          data: { name: "data", region: "nyc3", size: "s-1vcpu-1gb", image: "ubuntu-24-04-x64", ipv6: false, lifecycle: { prevent_destroy: true } },
        },
      },
    },
    relocated: defined(BASE.stacks.relocated),
  },
  // The stack's state moves; a deploy would synthesize more than this review plans.
  backendPaths: { relocated: "../../../elsewhere.tfstate" },
  deployOnly: { main: { output: { only_at_deploy: { value: "deploy" } } } },
  // The change loosens the review's own rules: the review runs the base's code, so nothing changes.
  files: {
    "policy/protected-resources.ts": "export const PROTECTED_RESOURCE_TYPES = {};\nexport function protectionOf() { return null; }\n",
    "provider-schemas/facts/digitalocean.ts": "export const DIGITALOCEAN_FACTS = { resources: {}, dataSources: {} };\n",
  },
  // The change grants itself another allowance: requested, never counted.
  allowances: [ALLOWANCE, { stack: "main", subjects: ["heroku_app.web"], reason: "the pull request says it is fine", expires: "2099-12-31" }],
};

async function reviewOf(dir: string, extra: string[] = []): Promise<{ status: number; report: ReviewReport }> {
  const output = join(dir, "review.json");
  const status = await main(["--head-src", dir, "--base", "main", "--format", "json", "--output", output, "--quiet", ...extra]);
  return { status, report: JSON.parse(readFileSync(output, "utf8")) as ReviewReport };
}

const dangerOf = (report: ReviewReport, stack: string, subject: string, kind?: Danger["kind"]): Danger | undefined =>
  report.dangers.find((d) => d.stack === stack && d.subject === subject && (kind === undefined || d.kind === kind));

let dangerous: { status: number; report: ReviewReport };
let allowed: { status: number; report: ReviewReport };

beforeAll(async () => {
  dangerous = await reviewOf(fixtureRepository(BASE, HEAD));
  const { heroku_addon: _removed, ...withoutAddon } = baseResources;
  allowed = await reviewOf(fixtureRepository(SMALL_BASE, { ...SMALL_BASE, stacks: { main: { ...mainHead, resource: withoutAddon } } }));
}, 180_000);

describe("a change that destroys or exposes", () => {
  it("fails the review", () => {
    expect(dangerous.status).toBe(1);
  });

  it("names what count = 0 with prevent_destroy dropped destroys", () => {
    // Terraform moves the object to heroku_app.web[0] (count is new), then destroys it.
    expect(dangerOf(dangerous.report, "main", "heroku_app.web[0]", "destroys-protected")?.detail).toMatch(/count no longer includes its index/);
    expect(dangerOf(dangerous.report, "main", "heroku_app.web", "prevent-destroy-lost")?.class).toBe("hiding");
  });

  it("names a deleted Heroku data add-on (allowed on the base branch) and a zone's deleted DNSSEC signing", () => {
    expect(dangerOf(dangerous.report, "main", "heroku_addon.db", "destroys-protected")).toMatchObject({
      detail: expect.stringMatching(/heroku-postgresql/),
      allowedBy: ALLOWANCE,
    });
    expect(dangerOf(dangerous.report, "main", "aws_route53_hosted_zone_dnssec.zone")?.kind).toBe("destroys-protected");
  });

  it("names every port newly open to the world, and not the one open before", () => {
    const opened = dangerous.report.dangers.filter((d) => d.kind === "opens-wide");
    expect(opened.map((d) => d.detail)).toEqual([
      expect.stringMatching(/admits tcp 1-442 from more than a \/8/),
      expect.stringMatching(/admits tcp 444-65535 from more than a \/8/),
    ]);
  });

  it("reports Terraform's refusal of a moved block onto an existing address", () => {
    expect(dangerous.report.dangers.find((d) => d.kind === "terraform-refuses" && d.stack === "moved")?.detail).toMatch(/moved|Moved/);
  });

  it("reports that Terraform refuses to replace a droplet whose ipv6 goes from true to false", () => {
    expect(dangerous.report.dangers.find((d) => d.kind === "terraform-refuses" && d.stack === "ipv6")?.detail).toMatch(/prevent_destroy/);
  });

  it("flags what Terraform cannot see: a provider's region, a state elsewhere (and does not plan it), a removed stack, a deploy that differs", () => {
    expect(dangerOf(dangerous.report, "main", "provider.aws")?.kind).toBe("provider-changed");
    expect(dangerOf(dangerous.report, "relocated", "backend")?.kind).toBe("state-elsewhere");
    expect(dangerous.report.notes).toContainEqual(expect.objectContaining({ kind: "not-planned", stack: "relocated" }));
    expect(dangerOf(dangerous.report, "retired", "stack")?.kind).toBe("stack-removed");
    expect(dangerOf(dangerous.report, "main", "synthesis")?.kind).toBe("deploy-differs");
  });

  it("names a new required variable for the operator", () => {
    expect(dangerous.report.notes.find((n) => n.subject === "variable.operator_note")?.detail).toMatch(/TF_VAR_operator_note/);
  });

  it("proposes the move that keeps a renamed resource", () => {
    expect(dangerous.report.moves).toEqual([
      expect.objectContaining({ stack: "main", from: "digitalocean_vpc.old", to: "digitalocean_vpc.renamed" }),
    ]);
  });

  it("suggests the allowances that would cover what is not allowed", () => {
    const markdown = renderReport(dangerous.report, "markdown");
    expect(markdown).toMatch(/lands allowances like these in `review\/allowances\.json` on the base branch first/);
    const suggested = JSON.parse(defined(defined(/```json\n([\s\S]*?)\n```/.exec(markdown))[1])) as { stack: string; subjects: string[] }[];
    expect(suggested.find((a) => a.stack === "main")?.subjects).toContain("digitalocean_firewall.web");
  });

  it("shows the change's own allowance as requested, never granted", () => {
    expect(dangerous.report.requestedAllowances).toEqual([expect.objectContaining({ subjects: ["heroku_app.web"] })]);
    expect(dangerOf(dangerous.report, "main", "heroku_app.web[0]", "destroys-protected")?.allowedBy).toBeUndefined();
  });
});

describe("an unchanged tree", () => {
  let status: number;
  let stdout: string;
  beforeAll(async () => {
    // Standard output alone, as a pipe sees it: --format json must write nothing else there.
    const written: string[] = [];
    const write = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      // The same base as the allowed change's: the review rehearses it once and plans each head against the cached state.
      status = await main(["--head-src", fixtureRepository(SMALL_BASE, SMALL_BASE), "--base", "main", "--format", "json", "--quiet"]);
    } finally {
      write.mockRestore();
    }
    stdout = written.join("");
  }, 60_000);

  it("says No changes and exits 0", () => {
    const report = JSON.parse(stdout) as ReviewReport;
    expect(status).toBe(0);
    expect(report.noChanges).toBe(true);
    expect(report.dangers).toEqual([]);
  });

  it("writes only JSON on standard output with --format json, so it can be piped", () => {
    expect(() => JSON.parse(stdout)).not.toThrow();
    expect(stdout.trimStart().startsWith("{")).toBe(true);
  });
});

describe("a dangerous change an allowance on the base branch covers", () => {
  it("exits 0 and says which allowance covers it", () => {
    expect(allowed.status).toBe(0);
    expect(allowed.report.dangers).toEqual([expect.objectContaining({ subject: "heroku_addon.db", allowedBy: ALLOWANCE })]);
  });
});
