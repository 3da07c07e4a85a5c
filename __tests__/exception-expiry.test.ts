/*
 * Policy exceptions expire as designed, announced ahead: from 30 days before its last day, synthesis warns about an
 * exception on standard error, while what it writes stays the same bytes whatever the day; `npm run exceptions`
 * lists them for the daily workflow that keeps an issue open (workflows.test.ts checks that workflow).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEstate } from "../inventory";
import { estateFacts, type PolicyExceptionFacts } from "../inventory/estate-facts";
import { enforcePolicy, EXPIRY_NOTICE_DAYS, expiringExceptions, expiryWarnings, type Configuration } from "../policy";
import { main as exceptions } from "../scripts/exceptions";
import { synthesizeEstate } from "../synthesis/synthesize-estate";
import { synthCommittedEstate } from "./support/synth-estate";
import { defined } from "./support/defined";
import { fileTexts } from "./support/folder-files";

const facts = estateFacts(loadEstate());
const committed = facts.policy.exceptions;

/** The day `days` after `day` (YYYY-MM-DD). */
const plus = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const exception = (expires: string, granted = plus(expires, -150)): PolicyExceptionFacts => ({
  subject: { kind: "role", name: "mail" },
  rule: "network.no-plaintext-mail",
  reason: "users still connect to IMAP 143",
  owner: "postmaster",
  granted,
  expires,
});

describe("which exceptions expire soon", () => {
  const expires = "2027-06-02";

  it("counts an exception from 30 days before its last day, its last day included, and not a day earlier", () => {
    const days = (today: string): number[] => expiringExceptions([exception(expires)], today).map((e) => e.daysLeft);
    expect(EXPIRY_NOTICE_DAYS).toBe(30);
    expect(days(plus(expires, -31))).toEqual([]);
    expect(days(plus(expires, -30))).toEqual([30]);
    expect(days(expires)).toEqual([0]);
    expect(days(plus(expires, 1))).toEqual([-1]);
  });

  it("warns in synthesis about those still in their term, naming the rule, the item, the owner and the day; an expired one is an error, not a warning", () => {
    expect(expiryWarnings([exception(expires)], plus(expires, -12))).toEqual([
      'the exception to network.no-plaintext-mail on role "mail" (owner postmaster) expires on 2027-06-02, in 12 day(s): its owner renews it (new granted and expires dates, README "Recording an exception") or fixes what it excuses',
    ]);
    expect(expiryWarnings([exception(expires)], expires)[0]).toMatch(/expires today \(2027-06-02\), its last day/);
    expect(expiryWarnings([exception(expires)], plus(expires, 1))).toEqual([]);
  });

  it("lists the soonest first, and leaves a term that is not one to the checks that refuse it", () => {
    const later = exception("2027-06-20");
    const broken = { ...exception("2027-06-01"), granted: "2026-01-01" };
    expect(expiringExceptions([later, exception(expires), broken], "2027-06-01").map((e) => e.exception.expires)).toEqual([expires, "2027-06-20"]);
  });
});

describe("synthesis within 30 days of an expiry", () => {
  const synth = synthCommittedEstate();
  const configurations = synth.json as ReadonlyMap<string, Configuration>;
  const lastDay = defined(committed.map((e) => e.expires).sort()[0]);

  it("returns a warning per exception that expires within 30 days, and none before", () => {
    const soon = enforcePolicy({ configurations, facts }, plus(lastDay, -10));
    expect(soon.filter((w) => /^the exception to .* expires on /.test(w))).toHaveLength(
      committed.filter((e) => e.expires <= plus(lastDay, 20)).length,
    );
    expect(enforcePolicy({ configurations, facts }, plus(lastDay, -31)).filter((w) => w.includes("expires on"))).toEqual([]);
  });

  it("writes the same bytes whatever the day: the warnings go to standard error only", () => {
    const synthesizeOn = (today: string): { dir: string; warnings: readonly string[] } => {
      const dir = join(mkdtempSync(join(tmpdir(), "expiry-synth-")), "out");
      const before = process.env.CDKTF_OUTDIR;
      process.env.CDKTF_OUTDIR = dir;
      try {
        return { dir, warnings: synthesizeEstate(loadEstate(), { PSF_ESTATE_BACKEND: "local" }, today) };
      } finally {
        if (before === undefined) delete process.env.CDKTF_OUTDIR;
        else process.env.CDKTF_OUTDIR = before;
      }
    };
    const early = synthesizeOn(
      defined(
        committed
          .map((e) => e.granted)
          .sort()
          .at(-1),
      ),
    );
    const late = synthesizeOn(plus(lastDay, -3));
    expect(early.warnings.filter((w) => w.includes("expires on"))).toEqual([]);
    expect(late.warnings.filter((w) => w.includes("expires on")).length).toBeGreaterThan(0);
    const [a, b] = [fileTexts(early.dir), fileTexts(late.dir)];
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [name, text] of a) expect({ name, same: text === b.get(name) }).toEqual({ name, same: true });
  }, 120_000);
});

describe("npm run exceptions", () => {
  const run = (argv: readonly string[]): { status: number; stdout: string; stderr: string } => {
    let stdout = "";
    let stderr = "";
    const out = jest
      .spyOn(process.stdout, "write")
      .mockImplementation(((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write);
    const err = jest
      .spyOn(process.stderr, "write")
      .mockImplementation(((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write);
    try {
      return { status: exceptions(argv, new Date(`${defined(committed[0]).granted}T12:00:00Z`)), stdout, stderr };
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  };
  const lastDay = defined(committed.map((e) => e.expires).sort()[0]);

  it("lists every exception of the inventory with its owner and term", () => {
    const listed = run([]);
    expect(listed.status).toBe(0);
    expect(listed.stdout.trim().split("\n")).toHaveLength(committed.length);
    for (const e of committed) expect(listed.stdout).toContain(`(owner ${e.owner}): granted ${e.granted}, expires ${e.expires}`);
  });

  it("gives the daily workflow the exceptions that expire within 30 days, as JSON and as the issue's Markdown", () => {
    const today = plus(lastDay, -10);
    const json = JSON.parse(run(["--expiring-within", "30", "--today", today, "--format", "json"]).stdout) as {
      today: string;
      withinDays: number;
      exceptions: { rule: string; owner: string; expires: string; daysLeft: number; item: string }[];
    };
    expect({ today: json.today, withinDays: json.withinDays }).toEqual({ today, withinDays: 30 });
    expect(json.exceptions.map((e) => e.daysLeft)).toEqual(
      committed
        .filter((e) => e.expires <= plus(today, 30))
        .map((e) => Number(Date.parse(e.expires) - Date.parse(today)) / 86_400_000)
        .sort((x, y) => x - y),
    );
    const markdown = run(["--expiring-within", "30", "--today", today, "--format", "markdown"]).stdout;
    expect(markdown).toMatch(/^\| item \| rule \| owner \| granted \| expires \| days left \|$/m);
    for (const e of json.exceptions) expect(markdown).toContain(`| ${e.item.replace(/\|/g, "\\|")} | ${e.rule} | ${e.owner} |`);
    expect(JSON.parse(run(["--expiring-within", "30", "--today", plus(lastDay, -31), "--format", "json"]).stdout).exceptions).toEqual([]);
  });
});
