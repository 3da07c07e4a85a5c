/*
 * The allowances on this branch are what a review of a change on top of it grants: every entry must be
 * valid and unexpired, and each rule of an entry is checked with its own failing input.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ALLOWANCES_FILE, allowanceFor, todayUtc, validateAllowances } from "../../review/allowances";
import { defined } from "../support/defined";

const good = { stack: "dns", subjects: ["aws_route53_zone.example_org"], reason: "example.org was transferred (issue #123)", expires: "2099-12-31" };

describe("review/allowances.json on this branch", () => {
  it("holds only valid, unexpired entries", () => {
    expect(() => validateAllowances(JSON.parse(readFileSync(join(__dirname, "..", "..", ALLOWANCES_FILE), "utf8")), todayUtc())).not.toThrow();
  });
});

describe("an allowance", () => {
  it("covers its subjects in its stack, and an instance of a covered resource", () => {
    const [allowance] = validateAllowances([good], "2026-11-25");
    expect(allowanceFor([defined(allowance)], "dns", "aws_route53_zone.example_org")).toBe(allowance);
    expect(allowanceFor([defined(allowance)], "dns", "aws_route53_zone.example_org[0]")).toBe(allowance);
    expect(allowanceFor([defined(allowance)], "fastly", "aws_route53_zone.example_org")).toBeUndefined();
  });

  it.each([
    ["fails without a reason", { ...good, reason: "" }, /"reason" must say why/],
    ["fails without subjects", { ...good, subjects: [] }, /"subjects" must list/],
    ["fails without a stack", { ...good, stack: " " }, /"stack" must name a stack/],
    ["fails with a malformed expiry date", { ...good, expires: "31/12/2099" }, /"expires" must be a date/],
    ["fails with a day that does not exist", { ...good, expires: "2027-02-30" }, /"expires" must be a date, YYYY-MM-DD \("2027-02-30" is not a date/],
    ["fails once expired", { ...good, expires: "2026-11-24" }, /expired on 2026-11-24/],
    ["fails with an unknown field", { ...good, address: "x.y" }, /unknown field "address"/],
  ])("%s", (_name, entry, message) => {
    expect(() => validateAllowances([entry], "2026-11-25")).toThrow(message);
  });

  it("fails when the file is not a list, naming the file", () => {
    expect(() => validateAllowances({}, "2026-11-25")).toThrow(/review\/allowances\.json: .*JSON array/s);
  });

  it("reports every problem at once", () => {
    expect(() =>
      validateAllowances(
        [
          { ...good, reason: "" },
          { ...good, expires: "x" },
        ],
        "2026-11-25",
      ),
    ).toThrow(/entry 0: .*\n.*entry 1: /s);
  });
});
