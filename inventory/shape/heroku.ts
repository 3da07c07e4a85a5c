/** The PSF's Heroku team and its apps: their code, dynos, add-ons, config vars, domains and pipelines. */
import { z } from "zod";
import { looksSecretName } from "../looks-secret";
import { domainName, matching, noRepeats, ownerKey, slug, text, wholeNumber, type Shape } from "./blocks";
import { asString, ITEM_KINDS } from "./item-kinds";
import { sourcedObject } from "./sources";

const CONFIG_VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A Heroku dyno type of an app's formation. */
export const HerokuProcess = z.strictObject({
  /** Process type from the Procfile: `web`, `worker`, ... */
  type: matching(/^[a-z][a-z0-9_-]*$/, "is not a Procfile process type"),
  /** Dyno size: `basic`, `standard-1x`, `standard-2x`, `performance-m`, ... */
  size: text(),
  quantity: wholeNumber(0, 10000, (n) => `${n} is not a whole number of dynos`),
});
export type HerokuProcess = Shape<typeof HerokuProcess>;

/** A Heroku add-on attached to an app. */
export const HerokuAddonSpec = z.strictObject({
  /** `<service>:<plan>`, e.g. `heroku-postgresql:standard-0`. */
  plan: matching(/^[a-z0-9-]+:[a-z0-9-]+$/, "is not an add-on plan <service>:<plan>"),
  /**
   * The name of a further attachment to its app, upper case, so that its config vars are named as the app's code reads
   * them (`HEROKU_REDIS_MAROON` gives `HEROKU_REDIS_MAROON_URL`). @default only the attachment Heroku names
   */
  attachedAs: matching(
    /^[A-Z][A-Z0-9_]*$/,
    'is not an attachment name Heroku takes (an upper-case letter, then upper-case letters, digits and "_")',
  ).optional(),
});
export type HerokuAddonSpec = Shape<typeof HerokuAddonSpec>;

/** The add-on service of a plan, `<service>:<tier>` or the service alone: `heroku-postgresql` of `heroku-postgresql:essential-0`. */
function addonService(plan: string): string {
  const colon = plan.indexOf(":");
  return colon === -1 ? plan : plan.slice(0, colon);
}

/** A stage of a Heroku pipeline. */
export const HerokuStage = z.enum(["review", "development", "staging", "production"]);
export type HerokuStage = Shape<typeof HerokuStage>;

/** Where an app sits in a Heroku pipeline. */
export const HerokuPipelineStage = z.strictObject({ pipeline: slug, stage: HerokuStage });
export type HerokuPipelineStage = Shape<typeof HerokuPipelineStage>;

/** Heroku's rule for app names. */
const HEROKU_APP_NAME = /^[a-z][a-z0-9-]{2,29}$/;

/** A Heroku app. */
export const HerokuAppSpec = sourcedObject({
  /** The app's name at Heroku: 3-30 characters, lowercase letters, digits and dashes, starting with a letter. */
  name: matching(HEROKU_APP_NAME, "is not a name Heroku accepts (3-30 lowercase letters, digits and dashes, starting with a letter)"),
  description: text(),
  owner: ownerKey,
  /** Where its code lives. */
  codeRepository: text(),
  region: z.enum(["us", "eu"]),
  /** Heroku's build stack (the app's `stack` at Heroku, not a Terraform stack): `heroku-24` and kin use buildpacks; `container` builds from a Dockerfile. */
  buildStack: z.enum(["heroku-22", "heroku-24", "container"]),
  /** Classic buildpacks, in order. @default none (a container app must have none) */
  buildpacks: z.array(text()).optional(),
  /**
   * Custom domains the app answers to; each gets a `heroku_domain`, and Automated Certificate Management
   * is on when there is any. A name fronted by Fastly keeps its DNS at Fastly; Fastly reaches the app
   * through that domain's DNS target.
   * @default none
   */
  customDomains: z.array(domainName).optional(),
  formation: z.array(HerokuProcess),
  /** @default none */
  addons: z.array(HerokuAddonSpec).optional(),
  /** Config vars that are not secret. Names that look secret are refused here. @default none */
  configVars: z.record(z.string(), z.string()).optional(),
  /**
   * Names of secret config vars; their values come from one sensitive Terraform variable per app, a map.
   * @default none
   */
  sensitiveConfigVars: z.array(matching(CONFIG_VAR_NAME, "is not a config var name")).optional(),
  /** @default not in a pipeline */
  pipeline: HerokuPipelineStage.optional(),
})
  .superRefine((app, ctx) => {
    if (app.buildStack === "container" && (app.buildpacks ?? []).length > 0) {
      ctx.addIssue({ code: "custom", path: ["buildpacks"], message: "a container app builds from its Dockerfile and takes no buildpacks" });
    }
    for (const name of Object.keys(app.configVars ?? {})) {
      const field = ["configVars", name];
      if (!CONFIG_VAR_NAME.test(name)) ctx.addIssue({ code: "custom", path: field, message: `"${name}" is not a config var name` });
      else if (looksSecretName(name))
        ctx.addIssue({
          code: "custom",
          path: field,
          message: `"${name}" looks secret: name it in sensitiveConfigVars so its value comes from a sensitive variable`,
        });
      else if ((app.sensitiveConfigVars ?? []).includes(name))
        ctx.addIssue({ code: "custom", path: field, message: `"${name}" is also a secret config var` });
    }
    // Two names that differ only in case are two variables, of which the app reads one: the other is a typo that looks set.
    const names = [
      ...Object.keys(app.configVars ?? {}).map((name) => ({ name, path: ["configVars", name] })),
      ...(app.sensitiveConfigVars ?? []).map((name, index) => ({ name, path: ["sensitiveConfigVars", index] })),
    ];
    names.forEach(({ name, path }, index) => {
      const other = names.slice(0, index).find((n) => n.name !== name && n.name.toUpperCase() === name.toUpperCase());
      if (other !== undefined)
        ctx.addIssue({
          code: "custom",
          path,
          message: `"${name}" differs from the config var "${other.name}" only in case: Heroku would set both, and the app reads one of them`,
        });
    });
    // Each is a construct of its own, named after it: a repeat would be two resources with one name.
    noRepeats(app.formation, (p) => p.type, ctx, ["formation"], "process type");
    noRepeats(app.addons ?? [], (a) => addonService(a.plan), ctx, ["addons"], "add-on service");
    noRepeats(app.customDomains ?? [], (d) => d, ctx, ["customDomains"], "custom domain");
    noRepeats(app.sensitiveConfigVars ?? [], (v) => v, ctx, ["sensitiveConfigVars"], "secret config var");
  })
  .register(ITEM_KINDS, { noun: "heroku app", name: (i) => asString(i?.name) });
export type HerokuAppSpec = Shape<typeof HerokuAppSpec>;

/** The PSF's Heroku team and its apps. */
export const HerokuEstate = sourcedObject({
  /** The Heroku team that owns every app. */
  team: slug,
  apps: z.array(HerokuAppSpec),
}).register(ITEM_KINDS, { noun: "heroku" });
export type HerokuEstate = Shape<typeof HerokuEstate>;

/** Heroku's field of the inventory. */
export const herokuFields = {
  heroku: HerokuEstate,
};
