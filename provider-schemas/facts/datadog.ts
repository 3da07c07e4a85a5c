import type { AttributeValueRule, ProviderFacts, ValueRule } from "./types";

const DD_REPO = "DataDog/terraform-provider-datadog tag v3.91.0 (58cf82b87f68)";
const DD_CLIENT = "DataDog/datadog-api-client-go commit 6642a9e9c984 (the tag's go.mod pin v2.55.1-0.20260224120422-6642a9e9c984)";
// A mux of the plugin-framework provider (datadog/fwprovider) and the terraform-plugin-sdk v2.37.0 provider
// (datadog/). All three types here are SDK v2: datadog_monitor is the SDK resource unless the environment variable
// TERRAFORM_MONITOR_FRAMEWORK_PROVIDER=true swaps in the framework one (utils.UseMonitorFrameworkProvider).
// validators.ValidateEnumValue(datadogV1.New<Enum>FromValue) accepts exactly the enum's allowed values
// (IsValid compares with ==), listed below from the client library at the pinned commit.

const MONITOR = "datadog/resource_datadog_monitor.go";

function rule(path: string, valueRule: ValueRule, file: string, validator: string): AttributeValueRule {
  return { path, rule: valueRule, source: `${DD_REPO} ${file} ${path}: ${validator}` };
}
/** A ValidateEnumValue rule: the values of datadogV1.<enumType> (api/datadogV1/model_<file>.go). */
function enumRule(path: string, enumType: string, values: readonly string[]): AttributeValueRule {
  return {
    path,
    rule: { kind: "one-of", values },
    source: `${DD_REPO} ${MONITOR} ${path}: validators.ValidateEnumValue(datadogV1.New${enumType}FromValue); values from ${DD_CLIENT} allowed${enumType}EnumValues`,
  };
}

const EVENT_AGGREGATION = ["count", "cardinality", "median", "pc75", "pc90", "pc95", "pc98", "pc99", "sum", "min", "max", "avg"];

/** Replacement, import and value facts of the datadog provider's resources the estate uses. */
export const DATADOG_FACTS: ProviderFacts = {
  resources: {
    datadog_dashboard_json: {
      forcesReplacement: [],
      importId: "<live dashboard id>",
      valueRules: [rule("dashboard", { kind: "json" }, "datadog/resource_datadog_dashboard_json.go", "validation.StringIsJSON")],
      source: `${DD_REPO} datadog/resource_datadog_dashboard_json.go (passthrough importer; Read fetches /api/v1/dashboard/<id>, an id such as "abc-def-ghi") and docs/resources/dashboard_json.md. Nothing is ForceNew. The StateFunc drops the server-computed keys (id, author_handle, author_name, created_at, modified_at, url) and widget ids before storing the JSON.`,
    },
    datadog_integration_pagerduty_service_object: {
      forcesReplacement: ["service_name"],
      importId: "{service_name}",
      source: `${DD_REPO} datadog/resource_datadog_integration_pagerduty_service_object.go (resourceDatadogIntegrationPagerdutySO; Create sets the id to service_name, and the importer reads the service by that name) and docs/resources/integration_pagerduty_service_object.md. Only service_name is ForceNew; a service_key change is an in-place update. No validators. The API never returns service_key: Read keeps the configured value (a "*****" placeholder if none is in state), so a key changed outside Terraform is not seen as drift, and the importer takes service_key from the SERVICE_KEY environment variable (empty when unset, which the next plan shows as an in-place update). The Datadog-PagerDuty integration must already be active in Datadog.`,
    },
    datadog_monitor: {
      forcesReplacement: ["type"],
      importId: "<live monitor id>",
      discovery: { by: ["name"], list: "Datadog API GET /api/v1/monitor: name", dataSource: { kind: "list", dataSource: "datadog_monitors" } },
      valueRules: [
        enumRule("type", "MonitorType", [
          "composite",
          "event alert",
          "log alert",
          "metric alert",
          "process alert",
          "query alert",
          "rum alert",
          "service check",
          "synthetics alert",
          "trace-analytics alert",
          "slo alert",
          "event-v2 alert",
          "audit alert",
          "ci-pipelines alert",
          "ci-tests alert",
          "error-tracking alert",
          "database-monitoring alert",
          "network-performance alert",
          "cost alert",
          "data-quality alert",
          "network-path alert",
        ]),
        enumRule("renotify_statuses", "MonitorRenotifyStatusType", ["alert", "warn", "no data"]),
        enumRule("notification_preset_name", "MonitorOptionsNotificationPresets", [
          "show_all",
          "hide_query",
          "hide_handles",
          "hide_all",
          "hide_query_and_handles",
          "show_only_snapshot",
          "hide_handles_and_footer",
        ]),
        enumRule("draft_status", "MonitorDraftStatus", ["draft", "published"]),
        enumRule("assets.category", "MonitorAssetCategory", ["runbook"]),
        enumRule("assets.resource_type", "MonitorAssetResourceType", ["notebook"]),
        enumRule("variables.event_query.data_source", "MonitorFormulaAndFunctionEventsDataSource", [
          "rum",
          "ci_pipelines",
          "ci_tests",
          "audit",
          "events",
          "logs",
          "spans",
          "database_queries",
          "network",
          "network_path",
        ]),
        enumRule("variables.event_query.compute.aggregation", "MonitorFormulaAndFunctionEventAggregation", EVENT_AGGREGATION),
        enumRule("variables.event_query.group_by.sort.aggregation", "MonitorFormulaAndFunctionEventAggregation", EVENT_AGGREGATION),
        enumRule("variables.event_query.group_by.sort.order", "QuerySortOrder", ["asc", "desc"]),
        enumRule("variables.cloud_cost_query.data_source", "MonitorFormulaAndFunctionCostDataSource", ["metrics", "cloud_cost", "datadog_usage"]),
        enumRule("variables.cloud_cost_query.aggregator", "MonitorFormulaAndFunctionCostAggregator", [
          "avg",
          "sum",
          "max",
          "min",
          "last",
          "area",
          "l2norm",
          "percentile",
          "stddev",
        ]),
        enumRule("variables.data_quality_query.data_source", "MonitorFormulaAndFunctionDataQualityDataSource", ["data_quality_metrics"]),
      ],
      crossRules: [
        {
          kind: "conflicts-with",
          block: "",
          attributes: ["notify_no_data", "on_missing_data"],
          source: `${DD_REPO} ${MONITOR}: notify_no_data ConflictsWith ["on_missing_data"]; on_missing_data ConflictsWith ["notify_no_data", "no_data_timeframe"]`,
        },
        {
          kind: "conflicts-with",
          block: "",
          attributes: ["on_missing_data", "no_data_timeframe"],
          source: `${DD_REPO} ${MONITOR}: on_missing_data ConflictsWith ["notify_no_data", "no_data_timeframe"]; no_data_timeframe ConflictsWith ["on_missing_data"]`,
        },
        {
          kind: "conflicts-with",
          block: "",
          attributes: ["locked", "restricted_roles"],
          source: `${DD_REPO} ${MONITOR}: locked (deprecated) ConflictsWith ["restricted_roles"]; restricted_roles ConflictsWith ["locked"]`,
        },
      ],
      source: `${DD_REPO} ${MONITOR} (passthrough importer; Read parses the id as a 64-bit integer) and docs/resources/monitor.md. Only type is ForceNew, and a change between "query alert" and "metric alert" is diff-suppressed, so it neither updates nor replaces. The monitor_thresholds values use validators.ValidateFloatString, an unanchored \\d*(\\.\\d*)? that matches every string, so no rule. The CustomizeDiff asks the Datadog API to validate the monitor at plan time unless validate = false or query/type are unknown, and adds the provider's default_tags to tags. restricted_roles is Optional only (not Computed) unless TERRAFORM_MONITOR_EXPLICIT_RESTRICTED_ROLES=true.`,
    },
  },
  dataSources: {
    datadog_monitors: {
      lists: { resource: "datadog_monitor", elements: "monitors" },
      source: `${DD_REPO} datadog/data_source_datadog_monitors.go: name_filter, tags_filter and monitor_tags_filter optional; monitors (id, a number; name; type) from ListMonitors with no page, which the API answers with every monitor.`,
    },
  },
  providerValueRules: [
    rule(
      "validate",
      { kind: "one-of", values: ["true", "false"], ignoreCase: true },
      "datadog/provider.go",
      "validation.StringInSlice([true, false], ignoreCase)",
    ),
    rule(
      "http_client_retry_enabled",
      { kind: "one-of", values: ["true", "false"], ignoreCase: true },
      "datadog/provider.go",
      "validation.StringInSlice([true, false], ignoreCase)",
    ),
    rule(
      "http_client_retry_backoff_multiplier",
      { kind: "number-range", min: 1, integer: true },
      "datadog/provider.go",
      "inline ValidateDiagFunc: value <= 0 is an error",
    ),
    rule(
      "http_client_retry_backoff_base",
      { kind: "number-range", min: 1, integer: true },
      "datadog/provider.go",
      "inline ValidateDiagFunc: value <= 0 is an error",
    ),
    rule(
      "http_client_retry_max_retries",
      { kind: "number-range", min: 1, max: 5, integer: true },
      "datadog/provider.go",
      "inline ValidateDiagFunc: value <= 0 or > 5 is an error",
    ),
  ],
};
