import type { ProviderFacts } from "./types";

const HEROKU_REPO = "heroku/terraform-provider-heroku tag v5.3.2 (a1aa4898b3b0)";

/** Replacement, import and value facts of the heroku provider's resources and data sources the estate uses. */
export const HEROKU_FACTS: ProviderFacts = {
  resources: {
    heroku_addon: {
      forcesReplacement: ["app_id", "config"],
      importId: "<live add-on id>",
      source: `${HEROKU_REPO} heroku/resource_heroku_addon.go (passthrough importer; Read looks the add-on up by that id) and docs/resources/addon.md; plan and name update in place.`,
    },
    heroku_app: {
      forcesReplacement: [
        "internal_routing",
        "organization.name",
        "organization.personal",
        "region",
        "space",
      ],
      importId: "{name}",
      source: `${HEROKU_REPO} heroku/resource_heroku_app.go (importer looks the app up by name or UUID and stores the UUID) and docs/resources/app.md. name, stack, buildpacks, acm and config vars update in place; config_vars/sensitive_config_vars are not imported and show as additions on the first plan.`,
    },
    heroku_domain: {
      forcesReplacement: ["app_id", "hostname"],
      importId: "{app_id}:{hostname}",
      source: `${HEROKU_REPO} heroku/resource_heroku_domain.go (importer splits "<app>:<domain>" at the first colon; the app part may be its name or UUID, the domain part its hostname or UUID) and docs/resources/domain.md; sni_endpoint_id updates in place.`,
    },
    heroku_formation: {
      forcesReplacement: ["app_id"],
      importId: "{app_id}:{type}",
      source: `${HEROKU_REPO} heroku/resource_heroku_formation.go (importer splits "<app>:<process type>"; the app part may be its name or UUID) and docs/resources/formation.md; type, quantity and size are not ForceNew.`,
    },
    heroku_pipeline: {
      forcesReplacement: ["owner.id", "owner.type"],
      importId: "<live pipeline id>",
      source: `${HEROKU_REPO} heroku/resource_heroku_pipeline.go (importer looks the pipeline up and stores its UUID) and docs/resources/pipeline.md (import by pipeline id); name updates in place.`,
    },
    heroku_pipeline_coupling: {
      forcesReplacement: ["app_id", "pipeline", "stage"],
      importId: "<live pipeline coupling id>",
      source: `${HEROKU_REPO} heroku/resource_heroku_pipeline_coupling.go (no Update: every argument is ForceNew; passthrough importer on the coupling UUID) and docs/resources/pipeline_coupling.md.`,
    },
  },
  dataSources: {},
};
