import { assumed, psfSalt, publicFile, seed } from "./source";
import type { HerokuEstate, Source } from "./shape";

/** How an app runs at Heroku, which nobody published. */
const UNPUBLISHED_APP = {
  addons: assumed("add-on plans are not published"),
  buildpacks: assumed("the buildpacks follow the app's language"),
  buildStack: assumed("Heroku's current stack"),
  region: assumed("Heroku's default region"),
};

/**
 * A formation: its process types are the Procfile's (`procfile`, a public file); the dynos' sizes and counts are not
 * published.
 */
const formationFrom = (procfile: Source, counts = "dyno counts are not published") => ({
  "formation.type": procfile,
  "formation.size": assumed("dyno sizes are not published"),
  "formation.quantity": assumed(counts),
});

const PYTHONDOTORG = (path: string): Source => publicFile("python/pythondotorg", path);

/**
 * What the www.python.org app reads (python/pythondotorg pydotorg/settings/cabotage.py, the one production settings
 * module left): ALLOWED_HOSTS is written here; the rest have no default there, so the app does not start without
 * them, and come from the sensitive variable, the secrets and the unpublished values alike.
 */
const PYTHONDOTORG_SETTINGS = [
  "SECRET_KEY", "SENTRY_DSN", "SOURCE_COMMIT", "FASTLY_API_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_STORAGE_BUCKET_NAME",
  "SEARCHBOX_SSL_URL", "EMAIL_HOST", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "EMAIL_PORT", "DEFAULT_FROM_EMAIL",
];

/** The www.python.org app's sources, production and staging alike. */
const PYTHONDOTORG_SOURCES = {
  ...UNPUBLISHED_APP,
  ...formationFrom(PYTHONDOTORG("Procfile"), "dyno counts are not published; one worker-beat, since a celery beat that runs twice runs its tasks twice"),
  configVars: PYTHONDOTORG("pydotorg/settings/cabotage.py"),
  sensitiveConfigVars: PYTHONDOTORG("pydotorg/settings/cabotage.py"),
  pipeline: assumed("a pipeline from staging to production is this project's reading of the staging twin"),
};

/** Where the www.python.org app, as the seed has it on Heroku, departs from how the PSF runs it. */
const PYTHONDOTORG_DIFFERENCES = [{
  feature: "the platform and its settings module",
  published: "the app runs on cabotage, the PSF's Kubernetes platform (Dockerfile.cabotage), with pydotorg.settings.cabotage; the heroku settings module was deleted in pythondotorg d94b133c (2024-03-08), leaving base, cabotage, local, pipeline and static",
  reason: "the seed has www.python.org on Heroku, so it runs here with the one production module left, cabotage, and every value that module reads without a default. Three of its assumptions are cabotage's and must be met before a deploy here: SOURCE_COMMIT (cabotage's build commit) is given as a config var, gunicorn.conf binds cabotage's nginx socket (/var/run/cabotage/nginx.sock), and search is handed cabotage's CA file (/var/run/secrets/cabotage.io/ca.crt)",
}];

/** A core-workflow bot: the seed names them as a group; which ones, and their names, are the bots' repositories'. */
const coreWorkflowBot = (repository: string, readsSecrets: string) => ({
  source: seed("Infrastructure Providers > Heroku"),
  fieldSources: {
    ...UNPUBLISHED_APP,
    ...formationFrom(publicFile(repository, "Procfile")),
    sensitiveConfigVars: publicFile(repository, readsSecrets),
    name: assumed("the seed says Heroku runs CPython's core-workflow bots; which ones, and their names, are the bots' repositories'"),
  },
});

/**
 * The PSF's Heroku apps (the infrastructure overview): www.python.org and its staging twin, the PyCon
 * website, and the CPython core-workflow bots. Config vars here are not secret; secret ones are named in
 * `sensitiveConfigVars` and their values reach Heroku from sensitive Terraform variables.
 */
export const HEROKU: HerokuEstate = {
  team: "psf",
  source: seed("Infrastructure Providers > Heroku"),
  fieldSources: { team: assumed("the Heroku team's name is not published") },
  apps: [
    {
      name: "pythondotorg", description: "www.python.org, the Django app", owner: "pythondotorg",
      codeRepository: "https://github.com/python/pythondotorg", region: "us", buildStack: "heroku-24",
      buildpacks: ["heroku/nodejs", "heroku/python"],
      customDomains: ["www.python.org"],
      // The Procfile's processes: release (Heroku's release phase, no dyno), web, worker and worker-beat.
      formation: [
        { type: "web", size: "performance-m", quantity: 2 },
        { type: "worker", size: "standard-2x", quantity: 1 },
        { type: "worker-beat", size: "standard-1x", quantity: 1 },
      ],
      addons: [{ plan: "heroku-postgresql:standard-2" }, { plan: "heroku-redis:premium-0" }],
      configVars: { DJANGO_SETTINGS_MODULE: "pydotorg.settings.cabotage", WEB_CONCURRENCY: "4", ALLOWED_HOSTS: "www.python.org" },
      sensitiveConfigVars: PYTHONDOTORG_SETTINGS,
      pipeline: { pipeline: "pythondotorg", stage: "production" },
      source: seed("Details of Various Services > www.python.org"),
      fieldSources: PYTHONDOTORG_SOURCES,
      differences: PYTHONDOTORG_DIFFERENCES,
    },
    {
      name: "pythondotorg-staging", description: "staging.python.org, the staging twin of www.python.org", owner: "pythondotorg",
      codeRepository: "https://github.com/python/pythondotorg", region: "us", buildStack: "heroku-24",
      buildpacks: ["heroku/nodejs", "heroku/python"],
      customDomains: ["staging.python.org"],
      formation: [
        { type: "web", size: "standard-2x", quantity: 1 },
        { type: "worker", size: "standard-1x", quantity: 1 },
        { type: "worker-beat", size: "standard-1x", quantity: 1 },
      ],
      addons: [{ plan: "heroku-postgresql:standard-0" }, { plan: "heroku-redis:premium-0" }],
      configVars: { DJANGO_SETTINGS_MODULE: "pydotorg.settings.cabotage", WEB_CONCURRENCY: "2", ALLOWED_HOSTS: "staging.python.org" },
      sensitiveConfigVars: PYTHONDOTORG_SETTINGS,
      pipeline: { pipeline: "pythondotorg", stage: "staging" },
      source: seed("Details of Various Services > www.python.org"),
      fieldSources: PYTHONDOTORG_SOURCES,
      differences: PYTHONDOTORG_DIFFERENCES,
    },
    {
      name: "pycon-us", description: "The PyCon US website", owner: "pycon",
      codeRepository: "https://github.com/PyCon/pycon-site", region: "us", buildStack: "heroku-24",
      buildpacks: ["heroku/python"],
      customDomains: ["us.pycon.org"],
      formation: [{ type: "web", size: "standard-2x", quantity: 2 }],
      addons: [{ plan: "heroku-postgresql:standard-0" }],
      configVars: { DJANGO_SETTINGS_MODULE: "pycon.settings.heroku" },
      sensitiveConfigVars: ["SECRET_KEY"],
      source: seed("Details of Various Services > PyCon"),
      fieldSources: {
        ...UNPUBLISHED_APP,
        formation: assumed("the PyCon site's processes, dyno sizes and counts are not published"),
        configVars: assumed("what the app's settings module needs; not published"),
        sensitiveConfigVars: assumed("what the app's settings module needs; not published"),
        name: assumed("the app's name at Heroku is not published"),
        // psf-salt's overview links the PyCon site at https://us.pycon.org.
        customDomains: psfSalt("docs/overview.rst"),
      },
    },
    {
      name: "bedevere", description: "CPython core-workflow bot: pull request checks", owner: "python-dev",
      codeRepository: "https://github.com/python/bedevere", region: "us", buildStack: "heroku-24",
      buildpacks: ["heroku/python"],
      formation: [{ type: "web", size: "basic", quantity: 1 }],
      // What bedevere/__main__.py reads: the webhook secret, the GitHub App's id and key, Sentry.
      sensitiveConfigVars: ["GH_SECRET", "GH_APP_ID", "GH_PRIVATE_KEY", "SENTRY_DSN"],
      ...coreWorkflowBot("python/bedevere", "bedevere/__main__.py"),
    },
    {
      name: "miss-islington", description: "CPython core-workflow bot: backports and automerge", owner: "python-dev",
      codeRepository: "https://github.com/python/miss-islington", region: "us", buildStack: "heroku-24",
      buildpacks: ["heroku/python"],
      formation: [{ type: "web", size: "basic", quantity: 1 }, { type: "worker", size: "basic", quantity: 1 }],
      // The worker's broker and result store: miss_islington/tasks.py reads HEROKU_REDIS_MAROON_URL, the name of the
      // live add-on's attachment; a new add-on gets another colour, so the attachment is named here. (Adopting the live
      // add-on imports its attachment rather than making a second one of that name.)
      addons: [{ plan: "heroku-redis:mini", attachedAs: "HEROKU_REDIS_MAROON" }],
      // What miss_islington/__main__.py and tasks.py read: the webhook secret, the GitHub App's id and key, Sentry, and
      // GH_AUTH, the token the worker clones and pushes the CPython fork with (tasks.py setup_cpython_repo).
      sensitiveConfigVars: ["GH_SECRET", "GH_APP_ID", "GH_PRIVATE_KEY", "SENTRY_DSN", "GH_AUTH"],
      ...coreWorkflowBot("python/miss-islington", "miss_islington/"),
    },
    {
      name: "blurb-it", description: "CPython core-workflow bot: NEWS entries from the web", owner: "python-dev",
      codeRepository: "https://github.com/python/blurb_it", region: "us", buildStack: "heroku-24",
      buildpacks: ["heroku/python"],
      formation: [{ type: "web", size: "basic", quantity: 1 }],
      // What blurb_it/__main__.py reads: its own URL, the GitHub App's id and key, the OAuth app's client id and
      // secret, Sentry. Its session key is made at start (Fernet.generate_key), so there is no SECRET_KEY.
      sensitiveConfigVars: ["APP_URL", "GH_APP_ID", "GH_PRIVATE_KEY", "GH_CLIENT_ID", "GH_CLIENT_SECRET", "SENTRY_DSN"],
      ...coreWorkflowBot("python/blurb_it", "blurb_it/__main__.py"),
    },
  ],
};
