import { resolveReference } from "./support/references";
import { resourcesOf, stackJson, synthCommittedEstate } from "./support/synth-estate";
import { defined } from "./support/defined";

const synth = synthCommittedEstate();
const { estate } = synth;
const heroku = stackJson(synth, "heroku");
const dns = stackJson(synth, "dns");

function appAddress(name: string): string {
  const entry = Object.entries(resourcesOf(heroku, "heroku_app")).find(([, app]) => app.name === name);
  if (entry === undefined) throw new Error(`no heroku_app ${name}`);
  return entry[0];
}

describe("Heroku", () => {
  it("runs every app of the inventory in the PSF team, protected, with ACM where it has custom domains", () => {
    const apps = resourcesOf(heroku, "heroku_app");
    expect(
      Object.values(apps)
        .map((a) => a.name)
        .sort(),
    ).toEqual(estate.heroku.apps.map((a) => a.name).sort());
    for (const spec of estate.heroku.apps) {
      const app = defined(apps[appAddress(spec.name)]);
      expect(app).toMatchObject({
        region: spec.region,
        stack: spec.buildStack,
        organization: { name: estate.heroku.team },
        lifecycle: { prevent_destroy: true },
      });
      expect(app.acm).toBe((spec.customDomains ?? []).length > 0);
      expect(app.buildpacks).toEqual(spec.buildpacks);
    }
  });

  it("gives every app its dyno formation and add-ons", () => {
    for (const spec of estate.heroku.apps) {
      const ref = `\${heroku_app.${appAddress(spec.name)}.id}`;
      const formation = Object.values(resourcesOf(heroku, "heroku_formation")).filter((f) => f.app_id === ref);
      expect(formation.map((f) => [f.type, f.size, f.quantity]).sort()).toEqual(spec.formation.map((p) => [p.type, p.size, p.quantity]).sort());
      const addons = Object.values(resourcesOf(heroku, "heroku_addon"))
        .filter((a) => a.app_id === ref)
        .map((a) => a.plan)
        .sort();
      expect(addons).toEqual((spec.addons ?? []).map((a) => a.plan).sort());
    }
  });

  it("attaches an add-on again under the name its app's code reads, to the same app and add-on", () => {
    const attachments = Object.values(resourcesOf(heroku, "heroku_addon_attachment"));
    const expected = estate.heroku.apps.flatMap((spec) =>
      (spec.addons ?? []).flatMap((a) => (a.attachedAs === undefined ? [] : [[spec.name, a.plan, a.attachedAs]])),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(
      attachments
        .map((attachment) => {
          const addon = resolveReference(synth, "heroku", attachment.addon_id as string);
          const app = Object.values(resourcesOf(heroku, "heroku_app")).find(
            (a) => attachment.app_id === `\${heroku_app.${appAddress(String(a.name))}.id}`,
          );
          expect(addon?.resource.app_id).toBe(attachment.app_id);
          return [app?.name, addon?.resource.plan, attachment.name];
        })
        .sort(),
    ).toEqual(expected.sort());
  });

  it("feeds secret config vars only from sensitive variables, and no non-secret var looks secret", () => {
    for (const spec of estate.heroku.apps) {
      const app = defined(resourcesOf(heroku, "heroku_app")[appAddress(spec.name)]);
      const secrets = (app.sensitive_config_vars ?? {}) as Record<string, string>;
      expect(Object.keys(secrets).sort()).toEqual([...(spec.sensitiveConfigVars ?? [])].sort());
      for (const value of Object.values(secrets)) {
        const variable = /^\$\{var\.([a-z0-9_]+)\.[A-Z0-9_]+\}$/.exec(value)?.[1];
        expect(variable).toBeDefined();
        // An object type naming every secret: Terraform refuses a value that lacks one.
        expect(heroku.variable?.[defined(variable)]).toMatchObject({
          sensitive: true,
          type: `object({ ${(spec.sensitiveConfigVars ?? []).map((n) => `${n} = string`).join(", ")} })`,
        });
      }
      expect(Object.keys((app.config_vars ?? {}) as object).filter((name) => /TOKEN|KEY|SECRET|PASSWORD/i.test(name))).toEqual([]);
    }
  });

  it("couples each app to its stage of its pipeline", () => {
    const pipelines = Object.entries(resourcesOf(heroku, "heroku_pipeline"));
    const named = [...new Set(estate.heroku.apps.flatMap((a) => (a.pipeline === undefined ? [] : [a.pipeline.pipeline])))].sort();
    expect(pipelines.map(([, p]) => p.name).sort()).toEqual(named);
    for (const [address, pipeline] of pipelines) {
      const couplings = Object.values(resourcesOf(heroku, "heroku_pipeline_coupling"))
        .filter((c) => c.pipeline === `\${heroku_pipeline.${address}.id}`)
        .map((c) => [c.stage, c.app_id])
        .sort();
      const expected = estate.heroku.apps
        .filter((a) => a.pipeline?.pipeline === pipeline.name)
        .map((a) => [defined(a.pipeline).stage, `\${heroku_app.${appAddress(a.name)}.id}`])
        .sort();
      expect(couplings).toEqual(expected);
    }
  });

  it("points every custom domain served by Heroku at its heroku_domain's DNS target", () => {
    let checked = 0;
    for (const service of estate.services) {
      if (service.origin.kind !== "heroku") continue;
      for (const name of service.names) {
        const records = Object.values(resourcesOf(dns, "aws_route53_record")).filter((r) => r.name === name);
        expect(records).toHaveLength(1);
        expect(defined(records[0]).type).toBe("CNAME");
        const target = resolveReference(synth, "dns", (defined(records[0]).records as string[])[0]);
        expect(target).toMatchObject({ stack: "heroku", type: "heroku_domain", attribute: "cname" });
        expect(defined(target).resource.hostname).toBe(name);
        expect(defined(target).resource.app_id).toBe(`\${heroku_app.${appAddress(service.origin.app)}.id}`);
        checked++;
      }
    }
    expect(checked).toBe(estate.services.filter((s) => s.origin.kind === "heroku").reduce((n, s) => n + s.names.length, 0));
    expect(checked).toBeGreaterThan(0);
  });
});
