import { assumed, seed } from "./source";
import type { HerokuEstate } from "./types";

/** The seed names the apps; how each runs at Heroku is not published. */
const UNPUBLISHED_APP = {
  formation: assumed("dyno sizes and counts are not published"),
  addons: assumed("add-on plans are not published"),
  buildpacks: assumed("the buildpacks follow the app's language"),
  stack: assumed("Heroku's current stack"),
  region: assumed("Heroku's default region"),
  configVars: assumed("what the app's settings module needs; not published"),
  secretConfigVars: assumed("what the app's settings module needs; not published"),
};
const coreWorkflowBot = { source: seed("Infrastructure Providers > Heroku"), fieldSources: { ...UNPUBLISHED_APP, name: assumed("the seed says Heroku runs CPython's core-workflow bots; which ones, and their names, are the bots' repositories'") } };

/**
 * The PSF's Heroku apps (the infrastructure overview): www.python.org and its staging twin, the PyCon
 * website, and the CPython core-workflow bots. Config vars here are not secret; secret ones are named in
 * `secretConfigVars` and their values reach Heroku from sensitive Terraform variables.
 */
export const HEROKU: HerokuEstate = {
  team: "psf",
  source: seed("Infrastructure Providers > Heroku"),
  fieldSources: { team: assumed("the Heroku team's name is not published") },
  apps: [
    {
      name: "pythondotorg", description: "www.python.org, the Django app", owner: "pythondotorg",
      codeRepository: "https://github.com/python/pythondotorg", region: "us", stack: "heroku-24",
      buildpacks: ["heroku/nodejs", "heroku/python"],
      customDomains: ["www.python.org"],
      formation: [{ type: "web", size: "performance-m", quantity: 2 }, { type: "worker", size: "standard-2x", quantity: 1 }],
      addons: [{ plan: "heroku-postgresql:standard-2" }, { plan: "heroku-redis:premium-0" }],
      configVars: { DJANGO_SETTINGS_MODULE: "pydotorg.settings.heroku", WEB_CONCURRENCY: "4", ALLOWED_HOSTS: "www.python.org" },
      secretConfigVars: ["SECRET_KEY", "SENTRY_DSN", "FASTLY_API_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"],
      pipeline: { pipeline: "pythondotorg", stage: "production" },
      source: seed("Details of Various Services > www.python.org"),
      fieldSources: { ...UNPUBLISHED_APP, pipeline: assumed("a pipeline from staging to production is this project's reading of the staging twin") },
    },
    {
      name: "pythondotorg-staging", description: "staging.python.org, the staging twin of www.python.org", owner: "pythondotorg",
      codeRepository: "https://github.com/python/pythondotorg", region: "us", stack: "heroku-24",
      buildpacks: ["heroku/nodejs", "heroku/python"],
      customDomains: ["staging.python.org"],
      formation: [{ type: "web", size: "standard-2x", quantity: 1 }, { type: "worker", size: "standard-1x", quantity: 1 }],
      addons: [{ plan: "heroku-postgresql:standard-0" }, { plan: "heroku-redis:premium-0" }],
      configVars: { DJANGO_SETTINGS_MODULE: "pydotorg.settings.heroku", WEB_CONCURRENCY: "2", ALLOWED_HOSTS: "staging.python.org" },
      secretConfigVars: ["SECRET_KEY", "SENTRY_DSN"],
      pipeline: { pipeline: "pythondotorg", stage: "staging" },
      source: seed("Details of Various Services > www.python.org"),
      fieldSources: { ...UNPUBLISHED_APP, pipeline: assumed("a pipeline from staging to production is this project's reading of the staging twin") },
    },
    {
      name: "pycon-us", description: "The PyCon US website", owner: "pycon",
      codeRepository: "https://github.com/PyCon/pycon-site", region: "us", stack: "heroku-24",
      buildpacks: ["heroku/python"],
      customDomains: ["us.pycon.org"],
      formation: [{ type: "web", size: "standard-2x", quantity: 2 }],
      addons: [{ plan: "heroku-postgresql:standard-0" }],
      configVars: { DJANGO_SETTINGS_MODULE: "pycon.settings.heroku" },
      secretConfigVars: ["SECRET_KEY"],
      source: seed("Details of Various Services > PyCon"),
      fieldSources: { ...UNPUBLISHED_APP, name: assumed("the app's name at Heroku is not published"), customDomains: assumed("the seed names no domain for the PyCon site; us.pycon.org is PyCon US's") },
    },
    {
      name: "bedevere", description: "CPython core-workflow bot: pull request checks", owner: "python-dev",
      codeRepository: "https://github.com/python/bedevere", region: "us", stack: "heroku-24",
      buildpacks: ["heroku/python"],
      formation: [{ type: "web", size: "basic", quantity: 1 }],
      secretConfigVars: ["GH_AUTH", "GH_SECRET"],
      ...coreWorkflowBot,
    },
    {
      name: "miss-islington", description: "CPython core-workflow bot: backports and automerge", owner: "python-dev",
      codeRepository: "https://github.com/python/miss-islington", region: "us", stack: "heroku-24",
      buildpacks: ["heroku/python"],
      formation: [{ type: "web", size: "basic", quantity: 1 }, { type: "worker", size: "basic", quantity: 1 }],
      addons: [{ plan: "heroku-redis:mini" }],
      secretConfigVars: ["GH_AUTH", "GH_SECRET"],
      ...coreWorkflowBot,
    },
    {
      name: "blurb-it", description: "CPython core-workflow bot: NEWS entries from the web", owner: "python-dev",
      codeRepository: "https://github.com/python/blurb_it", region: "us", stack: "heroku-24",
      buildpacks: ["heroku/python"],
      formation: [{ type: "web", size: "basic", quantity: 1 }],
      secretConfigVars: ["GH_CLIENT_ID", "GH_CLIENT_SECRET", "SECRET_KEY"],
      ...coreWorkflowBot,
    },
  ],
};
