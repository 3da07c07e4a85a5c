import type { HerokuEstate } from "./types";

/**
 * The PSF's Heroku apps (the infrastructure overview): www.python.org and its staging twin, the PyCon
 * website, and the CPython core-workflow bots. Config vars here are not secret; secret ones are named in
 * `secretConfigVars` and their values reach Heroku from sensitive Terraform variables.
 */
export const HEROKU: HerokuEstate = {
  team: "psf",
  apps: [
    {
      name: "pythondotorg", description: "www.python.org, the Django app", owner: "pythondotorg",
      source: "https://github.com/python/pythondotorg", region: "us", stack: "heroku-24",
      buildpacks: ["heroku/nodejs", "heroku/python"],
      customDomains: ["www.python.org"],
      formation: [{ type: "web", size: "performance-m", quantity: 2 }, { type: "worker", size: "standard-2x", quantity: 1 }],
      addons: [{ plan: "heroku-postgresql:standard-2" }, { plan: "heroku-redis:premium-0" }],
      configVars: { DJANGO_SETTINGS_MODULE: "pydotorg.settings.heroku", WEB_CONCURRENCY: "4", ALLOWED_HOSTS: "www.python.org" },
      secretConfigVars: ["SECRET_KEY", "SENTRY_DSN", "FASTLY_API_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"],
      pipeline: { pipeline: "pythondotorg", stage: "production" },
    },
    {
      name: "pythondotorg-staging", description: "staging.python.org, the staging twin of www.python.org", owner: "pythondotorg",
      source: "https://github.com/python/pythondotorg", region: "us", stack: "heroku-24",
      buildpacks: ["heroku/nodejs", "heroku/python"],
      customDomains: ["staging.python.org"],
      formation: [{ type: "web", size: "standard-2x", quantity: 1 }, { type: "worker", size: "standard-1x", quantity: 1 }],
      addons: [{ plan: "heroku-postgresql:standard-0" }, { plan: "heroku-redis:premium-0" }],
      configVars: { DJANGO_SETTINGS_MODULE: "pydotorg.settings.heroku", WEB_CONCURRENCY: "2", ALLOWED_HOSTS: "staging.python.org" },
      secretConfigVars: ["SECRET_KEY", "SENTRY_DSN"],
      pipeline: { pipeline: "pythondotorg", stage: "staging" },
    },
    {
      name: "pycon-us", description: "The PyCon US website", owner: "pycon",
      source: "https://github.com/PyCon/pycon-site", region: "us", stack: "heroku-24",
      buildpacks: ["heroku/python"],
      customDomains: ["us.pycon.org"],
      formation: [{ type: "web", size: "standard-2x", quantity: 2 }],
      addons: [{ plan: "heroku-postgresql:standard-0" }],
      configVars: { DJANGO_SETTINGS_MODULE: "pycon.settings.heroku" },
      secretConfigVars: ["SECRET_KEY"],
    },
    {
      name: "bedevere", description: "CPython core-workflow bot: pull request checks", owner: "python-dev",
      source: "https://github.com/python/bedevere", region: "us", stack: "heroku-24",
      buildpacks: ["heroku/python"],
      formation: [{ type: "web", size: "basic", quantity: 1 }],
      secretConfigVars: ["GH_AUTH", "GH_SECRET"],
    },
    {
      name: "miss-islington", description: "CPython core-workflow bot: backports and automerge", owner: "python-dev",
      source: "https://github.com/python/miss-islington", region: "us", stack: "heroku-24",
      buildpacks: ["heroku/python"],
      formation: [{ type: "web", size: "basic", quantity: 1 }, { type: "worker", size: "basic", quantity: 1 }],
      addons: [{ plan: "heroku-redis:mini" }],
      secretConfigVars: ["GH_AUTH", "GH_SECRET"],
    },
    {
      name: "blurb-it", description: "CPython core-workflow bot: NEWS entries from the web", owner: "python-dev",
      source: "https://github.com/python/blurb_it", region: "us", stack: "heroku-24",
      buildpacks: ["heroku/python"],
      formation: [{ type: "web", size: "basic", quantity: 1 }],
      secretConfigVars: ["GH_CLIENT_ID", "GH_CLIENT_SECRET", "SECRET_KEY"],
    },
  ],
};
