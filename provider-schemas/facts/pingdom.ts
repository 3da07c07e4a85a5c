import type { ProviderFacts } from "./types";

const PINGDOM_REPO = "DrFaust92/terraform-provider-pingdom tag v1.5.0 (4c642162815c)";
// terraform-plugin-sdk v2.35.0 (the tag's go.mod); validation.IsPortNumber is 1..65535.

/** Replacement, import and value facts of the pingdom provider's resources and data sources the estate uses. */
export const PINGDOM_FACTS: ProviderFacts = {
  resources: {
    pingdom_check: {
      forcesReplacement: ["type"],
      importId: "<live check id>",
      valueRules: [
        {
          path: "type",
          rule: { kind: "one-of", values: ["http", "tcp", "ping", "dns"] },
          source: `${PINGDOM_REPO} pingdom/resource_pingdom_check.go type: validation.StringInSlice([http, tcp, ping, dns], false)`,
        },
        {
          path: "resolution",
          rule: { kind: "one-of", values: [1, 5, 15, 30, 60] },
          source: `${PINGDOM_REPO} pingdom/resource_pingdom_check.go resolution: validation.IntInSlice([1, 5, 15, 30, 60])`,
        },
        {
          path: "port",
          rule: { kind: "number-range", min: 1, max: 65535, integer: true },
          source: `${PINGDOM_REPO} pingdom/resource_pingdom_check.go port: validation.IsPortNumber`,
        },
      ],
      source: `${PINGDOM_REPO} pingdom/resource_pingdom_check.go (passthrough importer; Read converts the id with strconv.Atoi, a numeric check id) and docs/resources/check.md. Only type is ForceNew. url, verify_certificate and ssl_down_days_before are diff-suppressed unless type is "http"; tags are stored sorted (StateFunc). integrationids holds the ids of Pingdom-side integrations (see pingdom_integrations).`,
    },
    pingdom_contact: {
      forcesReplacement: [],
      importId: "<live contact id>",
      valueRules: [
        {
          path: "sms_notification.provider",
          rule: { kind: "one-of", values: ["nexmo", "bulksms", "esendex", "cellsynt"] },
          source: `${PINGDOM_REPO} pingdom/resource_pingdom_contact.go sms_notification.provider: validation.StringInSlice([nexmo, bulksms, esendex, cellsynt], false)`,
        },
      ],
      source: `${PINGDOM_REPO} pingdom/resource_pingdom_contact.go (passthrough importer on the numeric contact id; nothing is ForceNew). severity has no validator in the provider.`,
    },
    pingdom_team: {
      forcesReplacement: [],
      importId: "<live team id>",
      source: `${PINGDOM_REPO} pingdom/resource_pingdom_team.go (passthrough importer on the numeric team id; nothing is ForceNew, no validators).`,
    },
  },
  dataSources: {
    pingdom_integrations: {
      source: `${PINGDOM_REPO} pingdom/data_source_pingdom_integrations.go: no arguments; ids and names are computed lists in the same order, id is the number of integrations. Read needs the provider's SolarWinds credentials (solarwinds_user and solarwinds_passwd, or SOLARWINDS_USER/SOLARWINDS_PASSWD): without them the pingdomext client is nil and Read fails ("Client not correctly configured").`,
    },
  },
};
