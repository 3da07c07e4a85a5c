import type { ProviderFacts } from "./types";

const PINGDOM_REPO = "DrFaust92/terraform-provider-pingdom tag v1.5.0 (4c642162815c)";
// terraform-plugin-sdk v2.35.0 (the tag's go.mod); validation.IsPortNumber is 1..65535.

/** Replacement, import and value facts of the pingdom provider's resources the estate uses. */
export const PINGDOM_FACTS: ProviderFacts = {
  resources: {
    pingdom_check: {
      forcesReplacement: ["type"],
      importId: "<live check id>",
      // pingdom 1.5.0 has no data source for checks (only contacts, teams and integrations): by hand.
      findByHand: "Pingdom API 3.1 GET /checks (or My Pingdom's check list): the check of this name",
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
      source: `${PINGDOM_REPO} pingdom/resource_pingdom_check.go (passthrough importer; Read converts the id with strconv.Atoi, a numeric check id) and docs/resources/check.md. Only type is ForceNew. url, verify_certificate and ssl_down_days_before are diff-suppressed unless type is "http"; tags are stored sorted (StateFunc). integrationids holds the ids of Pingdom-side integrations; Pingdom's API (and so the provider) can create only webhook integrations, so a PagerDuty one is made by hand and its id given.`,
    },
  },
  dataSources: {},
};
