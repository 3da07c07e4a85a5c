import { TerraformVariable, type TerraformStack } from "cdktf";
import { HerokuApp, type HerokuAppProps } from "../constructs/heroku-app";
import { blocksOf, newStack, onlyBlock, outputs, synthJson, type Block, type SynthJson } from "./support/construct-synth";

/** An app with nothing optional. */
const bare: HerokuAppProps = { name: "psf-stand-in", team: "psf-stand-in-team", region: "eu", buildStack: "heroku-22", formation: [] };

function synthApp(props: HerokuAppProps, stack: TerraformStack = newStack()): { json: SynthJson; appId: string } {
  new HerokuApp(stack, "app", props);
  const json = synthJson(stack);
  return { json, appId: `\${heroku_app.${onlyBlock(json, "heroku_app").name}.id}` };
}

/** The blocks of `type` sorted by `key`, for comparing with a literal list. */
const sortedBy = (json: SynthJson, type: string, key: string): Block[] =>
  Object.values(blocksOf(json, type)).sort((a, b) => (String(a[key]) < String(b[key]) ? -1 : 1));

describe("HerokuApp", () => {
  it("is an app of the name, region and stack given, owned by the team, without ACM, never destroyed; nothing else by default", () => {
    const { json } = synthApp(bare);
    expect(Object.keys(json.resource ?? {})).toEqual(["heroku_app"]);
    expect(onlyBlock(json, "heroku_app").block).toEqual({
      name: "psf-stand-in",
      region: "eu",
      stack: "heroku-22",
      organization: { name: "psf-stand-in-team" },
      acm: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  it("builds with the buildpacks given, in order, and none when given none", () => {
    expect(onlyBlock(synthApp({ ...bare, buildpacks: ["heroku/nodejs", "heroku/python"] }).json, "heroku_app").block.buildpacks).toEqual([
      "heroku/nodejs",
      "heroku/python",
    ]);
    expect(onlyBlock(synthApp({ ...bare, buildStack: "container", buildpacks: [] }).json, "heroku_app").block).not.toHaveProperty("buildpacks");
  });

  it("sets the config vars given, and the secret ones as the references given", () => {
    const stack = newStack();
    const secretKey = new TerraformVariable(stack, "secret_key", { type: "string", sensitive: true }).stringValue;
    const { json } = synthApp(
      { ...bare, configVars: { DJANGO_SETTINGS_MODULE: "pydotorg.settings.heroku" }, sensitiveConfigVars: { SECRET_KEY: secretKey } },
      stack,
    );
    expect(onlyBlock(json, "heroku_app").block).toMatchObject({
      config_vars: { DJANGO_SETTINGS_MODULE: "pydotorg.settings.heroku" },
      sensitive_config_vars: { SECRET_KEY: "${var.secret_key}" },
    });
  });

  it("runs each process type at the size and quantity given", () => {
    const { json, appId } = synthApp({
      ...bare,
      formation: [
        { type: "web", size: "standard-2x", quantity: 3 },
        { type: "worker", size: "basic", quantity: 1 },
      ],
    });
    expect(sortedBy(json, "heroku_formation", "type")).toEqual([
      { app_id: appId, type: "web", size: "standard-2x", quantity: 3 },
      { app_id: appId, type: "worker", size: "basic", quantity: 1 },
    ]);
  });

  it("adds each add-on, protecting those that hold data, attached under the name given", () => {
    const { json, appId } = synthApp({
      ...bare,
      addons: [
        { plan: "heroku-postgresql:essential-0" },
        { plan: "heroku-redis:mini", attachedAs: "HEROKU_REDIS_MAROON" },
        { plan: "papertrail:choklad" },
      ],
    });
    const addons = blocksOf(json, "heroku_addon");
    expect(sortedBy(json, "heroku_addon", "plan")).toEqual([
      { app_id: appId, plan: "heroku-postgresql:essential-0", lifecycle: { prevent_destroy: true } },
      { app_id: appId, plan: "heroku-redis:mini", lifecycle: { prevent_destroy: true } },
      { app_id: appId, plan: "papertrail:choklad" },
    ]);
    const redis = Object.keys(addons).find((name) => addons[name]?.plan === "heroku-redis:mini");
    expect(onlyBlock(json, "heroku_addon_attachment").block).toEqual({
      app_id: appId,
      addon_id: `\${heroku_addon.${redis}.id}`,
      name: "HEROKU_REDIS_MAROON",
    });
  });

  it("keeps an add-on's address when its plan changes, so Heroku upgrades it in place", () => {
    const addressOf = (plan: string): string[] => Object.keys(blocksOf(synthApp({ ...bare, addons: [{ plan }] }).json, "heroku_addon"));
    expect(addressOf("heroku-postgresql:standard-0")).toEqual(addressOf("heroku-postgresql:essential-0"));
    expect(addressOf("heroku-postgresql:essential-0")).toHaveLength(1);
  });

  it("serves each custom domain with ACM on, and gives DNS each domain's target", () => {
    const stack = newStack();
    const app = new HerokuApp(stack, "app", { ...bare, customDomains: ["www.example.org", "example.org"] });
    const json = synthJson(stack, {
      www: app.domainTargets.get("www.example.org"),
      apex: app.domainTargets.get("example.org"),
      appId: app.appId,
      appName: app.appName,
      herokuHostname: app.herokuHostname,
    });
    const name = onlyBlock(json, "heroku_app").name;
    const appId = `\${heroku_app.${name}.id}`;
    expect(onlyBlock(json, "heroku_app").block.acm).toBe(true);
    const domains = blocksOf(json, "heroku_domain");
    expect(sortedBy(json, "heroku_domain", "hostname")).toEqual([
      { app_id: appId, hostname: "example.org" },
      { app_id: appId, hostname: "www.example.org" },
    ]);
    const domainNamed = (hostname: string): string | undefined => Object.keys(domains).find((domain) => domains[domain]?.hostname === hostname);
    expect([...app.domainTargets.keys()]).toEqual(["www.example.org", "example.org"]);
    expect(outputs(json)).toEqual({
      www: `\${heroku_domain.${domainNamed("www.example.org")}.cname}`,
      apex: `\${heroku_domain.${domainNamed("example.org")}.cname}`,
      appId,
      appName: "psf-stand-in",
      herokuHostname: `\${heroku_app.${name}.heroku_hostname}`,
    });
  });
});
