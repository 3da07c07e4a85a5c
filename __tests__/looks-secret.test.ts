/* The one definition of what looks secret, used by the inventory's checks, the policy and the review. */
import { looksSecretName, looksSecretValue } from "../inventory/looks-secret";

describe("a value looks secret", () => {
  it.each([
    ["a URL with a password", "postgres://bot:hunter22@db.example.org/bot"],
    ["a GitHub token", "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB"],
    ["an AWS access key id", "AKIAIOSFODNN7EXAMPLE"],
    ["a Slack token", "xoxb-1234-5678-abcdefghijkl"],
    ["a private key", "-----BEGIN RSA PRIVATE KEY-----\nMIIE..."],
    ["a long random string", "q8Zr3vX1bN7kLm2Pw9Yt4Hs6Jd0Gf5Ca"],
    ["a 40-character hex token", "3f9a1c07be52d48e6a0f93c1d7b2e85a4c6f0d19"],
  ])("when it is %s", (_what, value) => {
    expect(looksSecretValue(value)).toBe(true);
  });

  it.each([
    ["a host name", "www.python.org"],
    ["a UUID", "3e3f1c3a-8ed5-4023-829f-424d75645623"],
    ["a URL without a password", "https://user@example.org/path"],
    ["a sentence", "max-age=63072000; includeSubDomains; preload"],
    ["a long word of one kind", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"],
    ["a short hex number", "3f9a1c07be52d48e"],
  ])("not when it is %s", (_what, value) => {
    expect(looksSecretValue(value)).toBe(false);
  });
});

describe("a name looks secret", () => {
  it.each(["SECRET_KEY", "GH_AUTH_TOKEN", "db_password", "API_KEY", "sensitive_config_vars", "credentials"])("%s", (name) => {
    expect(looksSecretName(name)).toBe(true);
  });

  it.each(["WEB_CONCURRENCY", "DJANGO_SETTINGS_MODULE", "name"])("not %s", (name) => {
    expect(looksSecretName(name)).toBe(false);
  });
});
