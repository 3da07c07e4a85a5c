import type { AttributeValueRule, ProviderFacts, ValueRule } from "./types";

const PD_REPO = "PagerDuty/terraform-provider-pagerduty tag v3.32.4 (95cf9d8b41aa)";
// A mux of two servers (main.go): the plugin-framework provider (pagerdutyplugin/, serves pagerduty_team,
// pagerduty_user, pagerduty_vendor) and the terraform-plugin-sdk v2.31.0 provider (pagerduty/, serves
// pagerduty_schedule, pagerduty_escalation_policy, pagerduty_service, pagerduty_service_integration).
// Every validator below is a ValidateFunc/ValidateDiagFunc of the SDK schema; the framework types declare none.

/**
 * util.ValidTZ (util/util.go), read by util.ValidateTZValueDiagFunc through sort.SearchStrings: the time zones
 * PagerDuty accepts, as listed at the tag (151 entries, 135 distinct). "Etc/UTC" is in it; plain "UTC" is not.
 */
const PAGERDUTY_TIME_ZONES: readonly string[] = [
  "Africa/Algiers",
  "Africa/Cairo",
  "Africa/Casablanca",
  "Africa/Harare",
  "Africa/Johannesburg",
  "Africa/Monrovia",
  "Africa/Nairobi",
  "America/Argentina/Buenos_Aires",
  "America/Bogota",
  "America/Caracas",
  "America/Chicago",
  "America/Chihuahua",
  "America/Denver",
  "America/Godthab",
  "America/Guatemala",
  "America/Guyana",
  "America/Halifax",
  "America/Indiana/Indianapolis",
  "America/Juneau",
  "America/La_Paz",
  "America/Lima",
  "America/Los_Angeles",
  "America/Mazatlan",
  "America/Mexico_City",
  "America/Monterrey",
  "America/Montevideo",
  "America/New_York",
  "America/Phoenix",
  "America/Puerto_Rico",
  "America/Regina",
  "America/Santiago",
  "America/Sao_Paulo",
  "America/St_Johns",
  "America/Tijuana",
  "Asia/Almaty",
  "Asia/Baghdad",
  "Asia/Baku",
  "Asia/Bangkok",
  "Asia/Chongqing",
  "Asia/Colombo",
  "Asia/Dhaka",
  "Asia/Hong_Kong",
  "Asia/Irkutsk",
  "Asia/Jakarta",
  "Asia/Jerusalem",
  "Asia/Kabul",
  "Asia/Kamchatka",
  "Asia/Karachi",
  "Asia/Kathmandu",
  "Asia/Kolkata",
  "Asia/Krasnoyarsk",
  "Asia/Kuala_Lumpur",
  "Asia/Kuwait",
  "Asia/Magadan",
  "Asia/Muscat",
  "Asia/Novosibirsk",
  "Asia/Rangoon",
  "Asia/Riyadh",
  "Asia/Seoul",
  "Asia/Shanghai",
  "Asia/Singapore",
  "Asia/Srednekolymsk",
  "Asia/Taipei",
  "Asia/Tashkent",
  "Asia/Tbilisi",
  "Asia/Tehran",
  "Asia/Tokyo",
  "Asia/Ulaanbaatar",
  "Asia/Urumqi",
  "Asia/Vladivostok",
  "Asia/Yakutsk",
  "Asia/Yekaterinburg",
  "Asia/Yerevan",
  "Atlantic/Azores",
  "Atlantic/Cape_Verde",
  "Atlantic/South_Georgia",
  "Australia/Adelaide",
  "Australia/Brisbane",
  "Australia/Darwin",
  "Australia/Hobart",
  "Australia/Melbourne",
  "Australia/Perth",
  "Australia/Sydney",
  "Etc/GMT+12",
  "Etc/UTC",
  "Europe/Amsterdam",
  "Europe/Athens",
  "Europe/Belgrade",
  "Europe/Berlin",
  "Europe/Bratislava",
  "Europe/Brussels",
  "Europe/Bucharest",
  "Europe/Budapest",
  "Europe/Copenhagen",
  "Europe/Dublin",
  "Europe/Helsinki",
  "Europe/Istanbul",
  "Europe/Kaliningrad",
  "Europe/Kiev",
  "Europe/Lisbon",
  "Europe/Ljubljana",
  "Europe/London",
  "Europe/Madrid",
  "Europe/Minsk",
  "Europe/Moscow",
  "Europe/Paris",
  "Europe/Prague",
  "Europe/Riga",
  "Europe/Rome",
  "Europe/Samara",
  "Europe/Sarajevo",
  "Europe/Skopje",
  "Europe/Sofia",
  "Europe/Stockholm",
  "Europe/Tallinn",
  "Europe/Vienna",
  "Europe/Vilnius",
  "Europe/Volgograd",
  "Europe/Warsaw",
  "Europe/Zagreb",
  "Europe/Zurich",
  "Pacific/Apia",
  "Pacific/Auckland",
  "Pacific/Chatham",
  "Pacific/Fakaofo",
  "Pacific/Fiji",
  "Pacific/Guadalcanal",
  "Pacific/Guam",
  "Pacific/Honolulu",
  "Pacific/Majuro",
  "Pacific/Midway",
  "Pacific/Noumea",
  "Pacific/Pago_Pago",
  "Pacific/Port_Moresby",
  "Pacific/Tongatapu",
];
const TIME_ZONE: ValueRule = { kind: "one-of", values: PAGERDUTY_TIME_ZONES };

/**
 * Go's time.Parse(time.RFC3339, v): date, "T", time, an optional fractional second ("." or ","), then "Z" or a
 * numeric offset. Go also range-checks the fields (month 13 fails there, not here).
 */
const RFC3339: ValueRule = {
  kind: "pattern",
  pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}([.,]\\d+)?(Z|[+-]\\d{2}:\\d{2})$",
  message: "expected an RFC3339 time such as 2025-01-01T09:00:00Z",
};
/** util.ValidateRFC3339 (util/util.go): time.Parse(time.RFC3339) and then t.Second() must be 0. */
const RFC3339_FULL_MINUTE: ValueRule = {
  kind: "pattern",
  pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:00([.,]\\d+)?(Z|[+-]\\d{2}:\\d{2})$",
  message: "expected an RFC3339 time on a full minute (seconds 00), such as 2025-01-01T09:00:00Z",
};

/**
 * Characters Go's unicode.IsPrint rejects, as far as spelled out here: the C0 and C1 controls, DEL, no-break
 * space, soft hyphen, and the Unicode space, separator and format characters of U+1680, U+180E, U+2000-U+200F,
 * U+2028-U+202F, U+205F-U+206F, U+3000, U+FEFF and U+FFF9-U+FFFB (IsPrint accepts only the ASCII space among the
 * spaces). Unassigned and private-use code points, which IsPrint also rejects, are not listed.
 */
const NON_PRINTABLE = "\\u0000-\\u001f\\u007f-\\u00a0\\u00ad\\u1680\\u180e\\u2000-\\u200f\\u2028-\\u202f\\u205f-\\u206f\\u3000\\ufeff\\ufff9-\\ufffb";
/** util.ValidateIsAllowedString(NoNonPrintableChars): not empty, printable, no trailing ASCII space. */
const ALLOWED_NAME: ValueRule = {
  kind: "pattern",
  pattern: `^[^${NON_PRINTABLE}]*[^${NON_PRINTABLE} ]$`,
  message: "name can not be blank, nor contain non-printable characters, nor end with a space",
};
/** util.ValidateIsAllowedString(NoNonPrintableCharsOrSpecialChars): ALLOWED_NAME, and none of \ / & < >. */
const ALLOWED_NAME_NO_SPECIALS: ValueRule = {
  kind: "pattern",
  pattern: `^[^\\\\/&<>${NON_PRINTABLE}]*[^\\\\/&<>${NON_PRINTABLE} ]$`,
  message: "name can not be blank, nor contain \\, /, &, <, > or non-printable characters, nor end with a space",
};

function rule(path: string, valueRule: ValueRule, file: string, validator: string): AttributeValueRule {
  return { path, rule: valueRule, source: `${PD_REPO} ${file} ${path}: ${validator}` };
}
function oneOf(
  path: string,
  values: readonly (string | number)[],
  file: string,
  validator = "validateValueDiagFunc (util.ValidateValueDiagFunc, exact match)",
): AttributeValueRule {
  return rule(path, { kind: "one-of", values }, file, validator);
}

const SCHEDULE = "pagerduty/resource_pagerduty_schedule.go";
const POLICY = "pagerduty/resource_pagerduty_escalation_policy.go";
const SERVICE = "pagerduty/resource_pagerduty_service.go";
const INTEGRATION = "pagerduty/resource_pagerduty_service_integration.go";
const MATCH_MODES = ["always", "match", "no-match"];

/**
 * How long an escalation rule waits before the next is paged: read by the inventory too, which refuses an on-call
 * rotation's delay outside it (inventory/shape/monitoring.ts), so that the rule and its citation live here once.
 */
export const ESCALATION_DELAY_MINUTES: AttributeValueRule = rule(
  "rule.escalation_delay_in_minutes",
  { kind: "number-range", min: 1, integer: true },
  POLICY,
  "validation.IntAtLeast(1)",
);

/** Replacement, import and value facts of the pagerduty provider's resources and data sources the estate uses. */
export const PAGERDUTY_FACTS: ProviderFacts = {
  resources: {
    pagerduty_escalation_policy: {
      forcesReplacement: [],
      importId: "<live escalation policy id>",
      discovery: {
        by: ["name"],
        list: "PagerDuty REST API GET /escalation_policies: name",
        dataSource: { kind: "lookup", dataSource: "pagerduty_escalation_policy", arguments: { name: "{name}" } },
      },
      valueRules: [
        rule("name", ALLOWED_NAME_NO_SPECIALS, POLICY, "validateIsAllowedString(NoNonPrintableCharsOrSpecialChars)"),
        rule("num_loops", { kind: "number-range", min: 0, max: 9, integer: true }, POLICY, "validation.IntBetween(0, 9)"),
        ESCALATION_DELAY_MINUTES,
        oneOf("rule.escalation_rule_assignment_strategy.type", ["assign_to_everyone", "round_robin"], POLICY),
        oneOf("rule.target.type", ["user_reference", "schedule_reference"], POLICY),
      ],
      source: `${PD_REPO} ${POLICY} (passthrough importer on the policy id; no ForceNew, every argument updates in place) and website/docs/r/escalation_policy.html.markdown. Not expressible as rules here: teams is a list attribute with MaxItems 1 (at most one team). rule.target.type defaults to "user_reference", so a schedule target must say "schedule_reference".`,
    },
    pagerduty_schedule: {
      forcesReplacement: [],
      importId: "<live schedule id>",
      discovery: {
        by: ["name"],
        list: "PagerDuty REST API GET /schedules: name",
        dataSource: { kind: "lookup", dataSource: "pagerduty_schedule", arguments: { name: "{name}" } },
      },
      valueRules: [
        rule("time_zone", TIME_ZONE, SCHEDULE, "util.ValidateTZValueDiagFunc (util.ValidTZ)"),
        rule("layer.start", RFC3339, SCHEDULE, "inline ValidateFunc: time.Parse(time.RFC3339)"),
        rule("layer.end", RFC3339_FULL_MINUTE, SCHEDULE, "validateRFC3339 (util.ValidateRFC3339)"),
        rule("layer.rotation_virtual_start", RFC3339_FULL_MINUTE, SCHEDULE, "validateRFC3339 (util.ValidateRFC3339)"),
        rule(
          "layer.rotation_turn_length_seconds",
          { kind: "number-range", min: 3600, max: 31536000, integer: true },
          SCHEDULE,
          "validation.IntBetween(3600, 365*24*3600)",
        ),
        oneOf("layer.restriction.type", ["daily_restriction", "weekly_restriction"], SCHEDULE),
        rule(
          "layer.restriction.start_time_of_day",
          { kind: "pattern", pattern: "([0-1][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]", message: "must be of 00:00:00 format" },
          SCHEDULE,
          "validation.StringMatch(([0-1][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]), unanchored as in the provider",
        ),
        rule("layer.restriction.start_day_of_week", { kind: "number-range", min: 0, max: 7, integer: true }, SCHEDULE, "validation.IntBetween(0, 7)"),
        rule(
          "layer.restriction.duration_seconds",
          { kind: "number-range", min: 1, max: 604799, integer: true },
          SCHEDULE,
          "validation.IntBetween(1, 7*24*3600-1)",
        ),
      ],
      source: `${PD_REPO} ${SCHEDULE} (passthrough importer on the schedule id; no ForceNew) and website/docs/r/schedule.html.markdown. The resource carries a DeprecationMessage at this tag ("Use pagerduty_schedulev2 instead"), so its schema block is deprecated and Terraform warns on use. Not expressible as rules here: layer.users is a required list attribute with MinItems 1; the CustomizeDiff checks that start_day_of_week is set (non-zero) exactly for weekly_restriction and that a daily_restriction lasts less than 86400 seconds (plan time).`,
    },
    pagerduty_service: {
      forcesReplacement: [],
      importId: "<live service id>",
      discovery: {
        by: ["name"],
        list: "PagerDuty REST API GET /services: name",
        dataSource: { kind: "lookup", dataSource: "pagerduty_service", arguments: { name: "{name}" } },
      },
      valueRules: [
        rule("name", ALLOWED_NAME, SERVICE, "validateIsAllowedString(NoNonPrintableChars)"),
        oneOf("alert_creation", ["create_alerts_and_incidents", "create_incidents"], SERVICE),
        oneOf("alert_grouping", ["time", "intelligent", "rules"], SERVICE),
        oneOf("alert_grouping_parameters.type", ["time", "intelligent", "content_based"], SERVICE),
        oneOf("alert_grouping_parameters.config.aggregate", ["all", "any"], SERVICE),
        oneOf("auto_pause_notifications_parameters.timeout", [120, 180, 300, 600, 900], SERVICE, "validation.IntInSlice(120, 180, 300, 600, 900)"),
        rule("support_hours.time_zone", TIME_ZONE, SERVICE, "util.ValidateTZValueDiagFunc (util.ValidTZ)"),
      ],
      crossRules: [
        {
          kind: "conflicts-with",
          block: "",
          attributes: ["alert_grouping", "alert_grouping_parameters"],
          source: `${PD_REPO} ${SERVICE}: alert_grouping ConflictsWith ["alert_grouping_parameters"]; alert_grouping_parameters ConflictsWith ["alert_grouping", "alert_grouping_timeout"]`,
        },
        {
          kind: "conflicts-with",
          block: "",
          attributes: ["alert_grouping_timeout", "alert_grouping_parameters"],
          source: `${PD_REPO} ${SERVICE}: alert_grouping_timeout ConflictsWith ["alert_grouping_parameters"]`,
        },
      ],
      source: `${PD_REPO} ${SERVICE} (passthrough importer on the service id; no ForceNew, support_hours and scheduled_actions say ForceNew false) and website/docs/r/service.html.markdown. alert_creation is diff-suppressed (always create_alerts_and_incidents now). Not expressible as rules here: alert_grouping_parameters.config.time_window must be 300-3600 or exactly 86400 (validateTimeWindow); support_hours.days_of_week holds at most 7 items; and the CustomizeDiff checks (plan time) that a use_support_hours incident_urgency_rule has no urgency and comes with exactly one support_hours block, and the alert_grouping_parameters type/config combinations.`,
    },
    pagerduty_service_integration: {
      forcesReplacement: ["email_filter", "service", "type", "vendor"],
      importId: "{service}.<live integration id>",
      discovery: {
        by: ["service", "name"],
        list: "PagerDuty REST API GET /services/{id}?include[]=integrations: its service and name",
        // The data source finds an integration by its service's name and its summary, which PagerDuty's API writes as the
        // integration's name ("in many cases identical to name"): one whose summary differs is not found, and given by hand.
        dataSource: {
          kind: "lookup",
          dataSource: "pagerduty_service_integration",
          arguments: { service_name: "{service.name}", integration_summary: "{name}" },
        },
        importId: "{service}.{id}",
      },
      valueRules: [
        oneOf(
          "type",
          [
            "app_event_transform_inbound_integration",
            "aws_cloudwatch_inbound_integration",
            "cloudkick_inbound_integration",
            "event_transformer_api_inbound_integration",
            "events_api_v2_inbound_integration",
            "generic_email_inbound_integration",
            "generic_events_api_inbound_integration",
            "keynote_inbound_integration",
            "nagios_inbound_integration",
            "pingdom_inbound_integration",
            "sql_monitor_inbound_integration",
          ],
          INTEGRATION,
          "validateValueDiagFunc(getAllowedIntegrationTypesList()) (the keys of allowedIntegrationTypes)",
        ),
        oneOf("email_parser.action", ["resolve", "trigger"], INTEGRATION),
        oneOf("email_parser.match_predicate.type", ["all", "any"], INTEGRATION),
        oneOf("email_parser.match_predicate.predicate.part", ["body", "from_addresses", "subject"], INTEGRATION),
        oneOf("email_parser.match_predicate.predicate.type", ["contains", "exactly", "not", "regex"], INTEGRATION),
        oneOf("email_parser.match_predicate.predicate.predicate.part", ["body", "from_addresses", "subject"], INTEGRATION),
        oneOf("email_parser.match_predicate.predicate.predicate.type", ["contains", "exactly", "regex"], INTEGRATION),
        oneOf("email_parser.value_extractor.part", ["body", "subject"], INTEGRATION),
        oneOf("email_parser.value_extractor.type", ["between", "entire", "regex"], INTEGRATION),
        oneOf("email_filter.body_mode", MATCH_MODES, INTEGRATION),
        oneOf("email_filter.from_email_mode", MATCH_MODES, INTEGRATION),
        oneOf("email_filter.subject_mode", MATCH_MODES, INTEGRATION),
      ],
      crossRules: [
        {
          kind: "conflicts-with",
          block: "",
          attributes: ["type", "vendor"],
          source: `${PD_REPO} ${INTEGRATION}: type ConflictsWith ["vendor"] and vendor ConflictsWith ["type"]`,
        },
      ],
      source: `${PD_REPO} ${INTEGRATION}: resourcePagerDutyServiceIntegrationImport splits the import id at "." into <service id>.<integration id> (anything else is rejected) and keeps the integration id as the resource id. service, type, vendor and the email_filter list are ForceNew; name and email settings update in place. integration_key only warns when set (read-only at the API). The CustomizeDiff requires integration_email for type generic_email_inbound_integration (plan time). A Pingdom integration is type "pingdom_inbound_integration" or vendor = data.pagerduty_vendor "Pingdom".`,
    },
    pagerduty_team: {
      forcesReplacement: [],
      importId: "<live team id>",
      discovery: {
        by: ["name"],
        list: "PagerDuty REST API GET /teams: name",
        dataSource: { kind: "lookup", dataSource: "pagerduty_team", arguments: { name: "{name}" } },
      },
      source: `${PD_REPO} pagerdutyplugin/resource_pagerduty_team.go (plugin framework: ImportStatePassthroughID on id; no RequiresReplace plan modifier and no validators; description defaults to "Managed by Terraform").`,
    },
  },
  dataSources: {
    pagerduty_escalation_policy: {
      lists: {
        resource: "pagerduty_escalation_policy",
        matches: { name: "name" },
        notFound: "Unable to locate any escalation policy with the name: %s",
      },
      source: `${PD_REPO} pagerdutyplugin/data_source_pagerduty_escalation_policy.go (plugin framework; the SDK's is dropped from the mux): name Required; id, description and teams computed.`,
    },
    pagerduty_schedule: {
      lists: { resource: "pagerduty_schedule", matches: { name: "name" }, notFound: "Unable to locate any schedule with the name: %s" },
      source: `${PD_REPO} pagerdutyplugin/data_source_pagerduty_schedule.go (plugin framework): name Required, id computed.`,
    },
    pagerduty_service: {
      lists: { resource: "pagerduty_service", matches: { name: "name" }, notFound: "Unable to locate any service with the name: %s" },
      source: `${PD_REPO} pagerdutyplugin/data_source_pagerduty_service.go (plugin framework; the SDK's is dropped from the mux): name Required; id, timeouts, alert_creation, description, escalation_policy, type and teams computed.`,
    },
    pagerduty_service_integration: {
      lists: {
        resource: "pagerduty_service_integration",
        matches: { service_name: { via: "service", of: "pagerduty_service", attribute: "name" }, integration_summary: "name" },
        notFound: "Unable to locate any integration of type %s on service %s",
      },
      source: `${PD_REPO} pagerdutyplugin/data_source_pagerduty_integration.go (plugin framework; the SDK's is dropped from the mux): service_name and integration_summary Required; the service of that exact name, then its integration whose summary equals integration_summary ignoring case; id is the integration's id, integration_key (Sensitive) its routing key.`,
    },
    pagerduty_team: {
      lists: { resource: "pagerduty_team", matches: { name: "name" }, notFound: "Unable to locate any team with name: %s" },
      source: `${PD_REPO} pagerduty/data_source_pagerduty_team.go (SDK v2, served by the mux): name Required, parent and default_role Optional, description computed, the implicit id.`,
    },
    pagerduty_user: {
      source: `${PD_REPO} pagerdutyplugin/data_source_pagerduty_user.go (plugin framework): email is Required with no validator; Read lists users with that query and keeps the one whose email equals it exactly.`,
    },
    pagerduty_vendor: {
      source: `${PD_REPO} pagerdutyplugin/data_source_pagerduty_vendor.go (plugin framework): name is Required with no validator; Read takes a case-insensitive exact match, else the first vendor whose name matches (?i)<name> as a regexp.`,
    },
  },
};
