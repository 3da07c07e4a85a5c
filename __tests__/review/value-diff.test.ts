/*
 * An attribute's change, element by element and never cut: what was added and removed in a list or a set, blocks by
 * their name, a policy document key by key, a long text line by line; masking only what is sensitive.
 */
import { renderValue, UNKNOWN_TEXT, valueDiffs } from "../../review/value-diff";
import { SENSITIVE_TEXT } from "../../review/values";

const side = (value: unknown, sensitive: unknown = undefined): { value: unknown; sensitive: unknown } => ({ value, sensitive });

describe("an attribute's change", () => {
  it("shows a list's added and removed elements, whole however long", () => {
    const issuer = `0 issue "${"a".repeat(200)}.example"`;
    expect(valueDiffs("records", side(['0 issue "letsencrypt.org"']), side(['0 issue "letsencrypt.org"', issuer]))).toEqual([
      { path: "records[+]", change: "added", after: JSON.stringify(issuer) },
    ]);
    expect(valueDiffs("source_addresses", side(["10.0.0.0/8", "192.0.2.0/24"]), side(["10.0.0.0/8"]))).toEqual([
      { path: "source_addresses[-]", change: "removed", before: '"192.0.2.0/24"' },
    ]);
  });

  it("says when a list only changed order", () => {
    expect(valueDiffs("buildpacks", side(["heroku/nodejs", "heroku/python"]), side(["heroku/python", "heroku/nodejs"]))).toEqual([
      { path: "buildpacks", change: "changed", before: '["heroku/nodejs","heroku/python"]', after: '["heroku/python","heroku/nodejs"]' },
    ]);
  });

  it("matches blocks by name and masks only the sensitive one's value", () => {
    const before = [
      { name: "Fastly-Token", source: "old" },
      { name: "HSTS", source: '"max-age=1"' },
    ];
    const after = [
      { name: "Fastly-Token", source: "new" },
      { name: "HSTS", source: '"max-age=2"' },
      { name: "Frame", source: '"DENY"' },
    ];
    const marks = [{ source: true }, {}, {}];
    expect(valueDiffs("header", side(before, marks), side(after, marks))).toEqual([
      { path: 'header["Fastly-Token"].source', change: "changed", before: SENSITIVE_TEXT, after: SENSITIVE_TEXT },
      { path: 'header["Frame"]', change: "added", after: '{"name":"Frame","source":"\\"DENY\\""}' },
      { path: 'header["HSTS"].source', change: "changed", before: JSON.stringify('"max-age=1"'), after: JSON.stringify('"max-age=2"') },
    ]);
  });

  it("shows a policy document statement by statement", () => {
    const before = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject" }] });
    const after = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "s3:GetObject" },
        { Effect: "Allow", Principal: "*", Action: "s3:PutObject" },
      ],
    });
    expect(valueDiffs("policy", side(before), side(after))).toEqual([
      { path: "policy.Statement[+]", change: "added", after: '{"Action":"s3:PutObject","Effect":"Allow","Principal":"*"}' },
    ]);
  });

  it("shows a long text line by line", () => {
    expect(valueDiffs("content", side("a\nb\nc\n"), side("a\nx\nc\n"))).toEqual([
      { path: "content (line)", change: "removed", before: '"b"' },
      { path: "content (line)", change: "added", after: '"x"' },
    ]);
  });

  it("masks what is named like a secret or looks like one, and says what is unknown", () => {
    expect(
      valueDiffs("config_vars", side({ SECRET_KEY: "a", HOOK: "x" }), side({ SECRET_KEY: "b", HOOK: "3f9a1c07be52d48e6a0f93c1d7b2e85a4c6f0d19" })),
    ).toEqual([
      { path: "config_vars.HOOK", change: "changed", before: '"x"', after: SENSITIVE_TEXT },
      { path: "config_vars.SECRET_KEY", change: "changed", before: SENSITIVE_TEXT, after: SENSITIVE_TEXT },
    ]);
    expect(valueDiffs("records", side(["a"]), side(null), true)).toEqual([
      { path: "records", change: "changed", before: '["a"]', after: UNKNOWN_TEXT },
    ]);
    expect(renderValue({ token: "t", name: "n" })).toBe(`{"name":"n","token":"${SENSITIVE_TEXT}"}`);
  });
});
