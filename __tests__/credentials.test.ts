/*
 * One answer to "can this variable carry a credential?" for everything that runs without credentials: a synthesis
 * (npm run synth, a review's head and base, a deploy's own synthesis) and a rehearsal's Terraform and twin.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isCredentialVariable } from "../provider-schemas/credentials";
import { pinnedProviders } from "../provider-schemas/schema-file";
import { synthEnvironment } from "../review/synthesize";
import { synthesisEnvironment } from "../deploy/run";
import { installTwin } from "../twin/rehearsal/twin-installation";

/** The variables each provider's documentation names for its credentials. */
const DOCUMENTED_CREDENTIALS: Readonly<Record<string, readonly string[]>> = {
  aws: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"],
  digitalocean: ["DIGITALOCEAN_TOKEN", "DIGITALOCEAN_ACCESS_TOKEN", "SPACES_ACCESS_KEY_ID"],
  fastly: ["FASTLY_API_KEY"],
  heroku: ["HEROKU_API_KEY", "HEROKU_EMAIL"],
  datadog: ["DD_API_KEY", "DD_APP_KEY", "DATADOG_API_KEY", "DATADOG_APP_KEY"],
  gandi: ["GANDI_PERSONAL_ACCESS_TOKEN", "GANDI_KEY"],
  pagerduty: ["PAGERDUTY_TOKEN", "PAGERDUTY_USER_TOKEN"],
  pingdom: ["PINGDOM_API_TOKEN"],
};

const ORDINARY = { PATH: "/usr/bin:/bin", HOME: "/home/psf", LANG: "C.UTF-8", PSF_ESTATE_S3_ENDPOINT: "https://s3.example.test" };

describe("credential variables", () => {
  it("every pinned provider names the prefixes it reads credentials from, and its documented variables match them", () => {
    const providers = pinnedProviders();
    expect(providers.map((p) => p.name).sort()).toEqual(Object.keys(DOCUMENTED_CREDENTIALS).sort());
    for (const provider of providers) {
      expect({ provider: provider.name, declaresPrefixes: provider.environment.length > 0 }).toEqual({
        provider: provider.name,
        declaresPrefixes: true,
      });
      for (const prefix of provider.environment) expect(prefix).toMatch(/^[A-Z][A-Z0-9]*_$/);
      for (const name of DOCUMENTED_CREDENTIALS[provider.name] ?? []) {
        expect({ name, credential: isCredentialVariable(name) }).toEqual({ name, credential: true });
      }
    }
  });

  it("leaves ordinary variables alone", () => {
    for (const name of Object.keys(ORDINARY)) expect({ name, credential: isCredentialVariable(name) }).toEqual({ name, credential: false });
  });

  const every = Object.fromEntries(
    Object.values(DOCUMENTED_CREDENTIALS)
      .flat()
      .map((name) => [name, "secret-value"]),
  );
  const onlyOrdinary = (env: NodeJS.ProcessEnv) => Object.keys(env).filter((name) => Object.values(DOCUMENTED_CREDENTIALS).flat().includes(name));

  it("none reaches a review's synthesis", () => {
    expect(onlyOrdinary(synthEnvironment({ ...ORDINARY, ...every }, "/tmp/out", {}))).toEqual([]);
  });

  it("none reaches a deploy's synthesis", () => {
    expect(onlyOrdinary(synthesisEnvironment({ ...ORDINARY, ...every }))).toEqual([]);
  });

  it("none reaches a rehearsal's Terraform or twin", () => {
    const scratch = mkdtempSync(join(tmpdir(), "credentials-"));
    try {
      const { env } = installTwin(scratch, join(__dirname, ".."), { ...ORDINARY, ...every }, 1);
      expect(onlyOrdinary(env)).toEqual([]);
      expect(env.PATH).toBe(ORDINARY.PATH);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
