import type { AttributeValueRule, ProviderFacts, ValueRule } from "./types";

const HEROKU_REPO = "heroku/terraform-provider-heroku tag v5.3.2 (a1aa4898b3b0)";

/**
 * validation.IsUUID (terraform-plugin-sdk v2.24.1, the tag's go.mod): hashicorp/go-uuid ParseUUID, which
 * wants exactly 36 characters, hyphens at 8, 13, 18 and 23, and hex (either case) everywhere else.
 */
const UUID: ValueRule = {
  kind: "pattern",
  pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
  message: "expected a valid UUID",
};

function uuid(path: string, file: string): AttributeValueRule {
  return { path, rule: UUID, source: `${HEROKU_REPO} ${file} ${path}: validation.IsUUID` };
}

/** Replacement, import and value facts of the heroku provider's resources and data sources the estate uses. */
export const HEROKU_FACTS: ProviderFacts = {
  resources: {
    heroku_addon: {
      forcesReplacement: ["app_id", "config"],
      importId: "<live add-on id>",
      valueRules: [
        uuid("app_id", "heroku/resource_heroku_addon.go"),
        {
          path: "name",
          rule: { kind: "length", min: 1, max: 256 },
          source: `${HEROKU_REPO} heroku/resource_heroku_addon.go validateCustomAddonName: validation.StringLenBetween(1, 256)`,
        },
        {
          path: "name",
          rule: {
            kind: "pattern",
            pattern: "^[a-zA-Z][A-Za-z0-9_-]+$",
            message: "invalid custom add-on name: a letter first, then letters, digits, underscores or dashes",
          },
          source: `${HEROKU_REPO} heroku/resource_heroku_addon.go validateCustomAddonName: validation.StringMatch(^[a-zA-Z][A-Za-z0-9_-]+$)`,
        },
      ],
      source: `${HEROKU_REPO} heroku/resource_heroku_addon.go (passthrough importer; Read looks the add-on up by that id) and docs/resources/addon.md; plan and name update in place.`,
    },
    heroku_addon_attachment: {
      forcesReplacement: ["addon_id", "app_id", "name", "namespace"],
      importId: "<live id of the add-on attachment>",
      valueRules: [uuid("app_id", "heroku/resource_heroku_addon_attachment.go")],
      source: `${HEROKU_REPO} heroku/resource_heroku_addon_attachment.go (no Update: every argument is ForceNew; passthrough importer, and Read refuses an id that is not the attachment's UUID) and docs/resources/addon_attachment.md; SchemaVersion 1.`,
    },
    heroku_app: {
      reachableAt: ["heroku_hostname", "web_url"],
      forcesReplacement: ["internal_routing", "organization.name", "organization.personal", "region", "space"],
      importId: "{name}",
      valueRules: [
        {
          path: "organization.name",
          rule: { kind: "length", min: 1 },
          source: `${HEROKU_REPO} heroku/resource_heroku_app.go organization.name: validation.StringIsNotEmpty`,
        },
      ],
      source: `${HEROKU_REPO} heroku/resource_heroku_app.go (importer looks the app up by name or UUID and stores the UUID) and docs/resources/app.md. name, stack, buildpacks, acm and config vars update in place; config_vars/sensitive_config_vars are not imported and show as additions on the first plan.`,
    },
    heroku_domain: {
      reachableAt: ["cname"],
      forcesReplacement: ["app_id", "hostname"],
      importId: "{app_id}:{hostname}",
      valueRules: [uuid("app_id", "heroku/resource_heroku_domain.go")],
      source: `${HEROKU_REPO} heroku/resource_heroku_domain.go (importer splits "<app>:<domain>" at the first colon; the app part may be its name or UUID, the domain part its hostname or UUID) and docs/resources/domain.md; sni_endpoint_id updates in place.`,
    },
    heroku_formation: {
      forcesReplacement: ["app_id"],
      importId: "{app_id}:{type}",
      valueRules: [uuid("app_id", "heroku/resource_heroku_formation.go")],
      source: `${HEROKU_REPO} heroku/resource_heroku_formation.go (importer splits "<app>:<process type>"; the app part may be its name or UUID) and docs/resources/formation.md; type, quantity and size are not ForceNew.`,
    },
    heroku_pipeline: {
      forcesReplacement: ["owner.id", "owner.type"],
      importId: "<live pipeline id>",
      discovery: {
        by: ["name"],
        list: "Heroku Platform API GET /pipelines: name",
        dataSource: { kind: "lookup", dataSource: "heroku_pipeline", arguments: { name: "{name}" } },
      },
      valueRules: [
        {
          path: "name",
          rule: {
            kind: "pattern",
            pattern: "^[a-z][a-z0-9-]{2,29}$",
            message: "invalid pipeline name: a lowercase letter, then 2 to 29 lowercase letters, digits or dashes",
          },
          source: `${HEROKU_REPO} heroku/resource_heroku_pipeline.go name: validation.StringMatch(^[a-z][a-z0-9-]{2,29}$)`,
        },
        uuid("owner.id", "heroku/resource_heroku_pipeline.go"),
        {
          path: "owner.type",
          rule: { kind: "one-of", values: ["team", "user"] },
          source: `${HEROKU_REPO} heroku/resource_heroku_pipeline.go owner.type: validation.StringInSlice(..., false)`,
        },
      ],
      source: `${HEROKU_REPO} heroku/resource_heroku_pipeline.go (importer looks the pipeline up and stores its UUID) and docs/resources/pipeline.md (import by pipeline id); name updates in place.`,
    },
    heroku_pipeline_coupling: {
      forcesReplacement: ["app_id", "pipeline", "stage"],
      importId: "<live pipeline coupling id>",
      valueRules: [
        uuid("app_id", "heroku/resource_heroku_pipeline_coupling.go"),
        uuid("pipeline", "heroku/resource_heroku_pipeline_coupling.go"),
        {
          path: "stage",
          rule: { kind: "one-of", values: ["review", "development", "staging", "production"] },
          source: `${HEROKU_REPO} heroku/resource_heroku_pipeline_coupling.go stage: validation.StringInSlice(..., false)`,
        },
      ],
      source: `${HEROKU_REPO} heroku/resource_heroku_pipeline_coupling.go (no Update: every argument is ForceNew; passthrough importer on the coupling UUID) and docs/resources/pipeline_coupling.md.`,
    },
  },
  dataSources: {
    heroku_pipeline: {
      lists: {
        resource: "heroku_pipeline",
        matches: { name: "name" },
        notFound: "the Platform API's 404 for GET /pipelines/{name}: no pipeline of that name",
      },
      source: `${HEROKU_REPO} heroku/data_source_heroku_pipeline.go: name Required (PipelineInfo takes a name or an id); owner_id and owner_type computed; the API's error when there is none.`,
    },
    heroku_team: {
      source: `${HEROKU_REPO} heroku/data_source_heroku_team.go: name is Required with no validator; every other attribute is computed.`,
    },
  },
};
