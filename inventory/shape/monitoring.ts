/**
 * Monitoring and on-call: who PagerDuty pages and in which order, how Pingdom checks the public names, and what the
 * Datadog agents report and when that pages someone.
 */
import { z } from "zod";
import { ESCALATION_DELAY_MINUTES } from "../../provider-schemas/facts/pagerduty";
import { matching, nonEmptyList, positive, providerRange, quote, slug, text, wholeNumber, type Shape } from "./blocks";
import { asString, ITEM_KINDS } from "./item-kinds";
import { Source, sourcedObject } from "./sources";

/** An instant as PagerDuty takes it here: RFC 3339 in UTC, whole seconds. */
const utcInstant = text((v) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(v) && !Number.isNaN(Date.parse(v))
    ? undefined
    : `"${v}" is not an instant in UTC written YYYY-MM-DDThh:mm:ssZ`,
);

/** A rotation of people on call, one level of the escalation policy; its people come from a Terraform variable. */
export const OnCallRotation = z
  .strictObject({
    /** Inventory key (a slug): names the schedule's construct and the variable listing its people's emails. */
    key: slug,
    /** The schedule's name at PagerDuty. */
    name: text(),
    description: text(),
    /** How long one person's turn lasts, in hours: PagerDuty takes one hour to one year. */
    turnLengthHours: wholeNumber(1, 365 * 24, (n) => `${n} hours is outside PagerDuty's 1-8760`),
    /** When the rotation began (RFC 3339, UTC, whole seconds): turns are counted from it. */
    startsAt: utcInstant,
    /** Minutes an unacknowledged incident stays at this level before it escalates to the next. */
    escalateAfterMinutes: providerRange(ESCALATION_DELAY_MINUTES, "minutes", "PagerDuty"),
    source: Source,
  })
  .register(ITEM_KINDS, { noun: "on-call rotation", name: (i) => asString(i?.key) });
export type OnCallRotation = Shape<typeof OnCallRotation>;

/** PagerDuty: who is paged, in which order, for the services the estate monitors. */
export const OnCall = z
  .strictObject({
    /** The PagerDuty team that owns the schedules, the policy and the services. */
    team: text(),
    /** PagerDuty's time zone name for the schedules (PagerDuty's own list: `Etc/UTC`, not `UTC`). */
    timeZone: matching(/^[A-Za-z]+(\/[A-Za-z0-9_+-]+)+$/, "is not a time zone name such as Etc/UTC or Europe/Amsterdam"),
    /** The escalation policy's name at PagerDuty. */
    escalationPolicy: text(),
    /** The rotations in escalation order: the first is paged first, the next when it does not acknowledge. */
    rotations: nonEmptyList(OnCallRotation, "is empty: somebody must be paged"),
    /** Times PagerDuty runs through every level again when nobody acknowledges. */
    policyRepeats: wholeNumber(0, 9, (n) => `${n} is outside PagerDuty's 0-9`),
    /** Seconds after an acknowledgement at which an unresolved incident pages again. */
    acknowledgementTimeoutSeconds: positive,
    /** Seconds after which PagerDuty resolves an incident nobody resolved. */
    autoResolveTimeoutSeconds: positive,
    source: Source,
  })
  .superRefine((spec, ctx) => {
    // The key names a variable and a schedule's construct: two rotations with one key would share both.
    spec.rotations.forEach((rotation, index) => {
      if (spec.rotations.findIndex((r) => r.key === rotation.key) < index) {
        ctx.addIssue({ code: "custom", path: ["rotations", index, "key"], message: `"${rotation.key}" is the key of an earlier rotation too` });
      }
    });
  })
  .register(ITEM_KINDS, { noun: "on-call" });
export type OnCall = Shape<typeof OnCall>;

/** Pingdom: how every public HTTPS name is checked from outside. */
export const UptimeChecking = z
  .strictObject({
    /** Minutes between checks: Pingdom takes 1, 5, 15, 30 or 60. */
    intervalMinutes: z.union([z.literal(1), z.literal(5), z.literal(15), z.literal(30), z.literal(60)]),
    /** Failed checks in a row before Pingdom alerts. */
    alertAfterFailures: positive,
    /** Days before the certificate expires at which the check counts as down. */
    certificateWarningDays: positive,
    source: Source,
  })
  .register(ITEM_KINDS, { noun: "uptime checking" });
export type UptimeChecking = Shape<typeof UptimeChecking>;

/** Datadog sites (where an organization's data lives), which Fastly's Datadog logger can send to too. */
export const DatadogSite = z.enum(["datadoghq.com", "datadoghq.eu"]);
export type DatadogSite = Shape<typeof DatadogSite>;

const fraction = z.number().refine((n) => n > 0 && n < 1, { error: (issue) => `${quote(issue.input)} is not a fraction between 0 and 1` });
const tagKey = matching(/^[a-z][a-z0-9_.-]*$/, "is not a Datadog tag key");

/** Datadog: what the agents on the droplets report, and when that pages someone. */
export const MetricMonitoring = sourcedObject({
  /** The Datadog site of the PSF's organization (`datadoghq.com`, `datadoghq.eu`). */
  site: DatadogSite,
  /** The host tag the agent gives each host's metrics for its Salt role: `<roleTag>:<role>`. */
  roleTag: tagKey,
  /** Minutes without a report from a host's agent before its role's monitor alerts. */
  silentAfterMinutes: positive,
  /** Fraction of a disk in use (0-1) that warns, and that pages. */
  diskInUseWarning: fraction,
  diskInUseCritical: fraction,
  /** The tag the agent's PostgreSQL check gives the managed cluster's metrics: `<databaseTag>:<cluster name>`. */
  databaseTag: tagKey,
})
  .superRefine((spec, ctx) => {
    if (spec.diskInUseWarning >= spec.diskInUseCritical) {
      ctx.addIssue({
        code: "custom",
        path: ["diskInUseWarning"],
        message: `${spec.diskInUseWarning} is not below diskInUseCritical (${spec.diskInUseCritical}): the warning must come first`,
      });
    }
  })
  .register(ITEM_KINDS, { noun: "metric monitoring" });
export type MetricMonitoring = Shape<typeof MetricMonitoring>;

/** Monitoring's and on-call's fields of the inventory. */
export const monitoringFields = {
  onCall: OnCall,
  uptimeChecking: UptimeChecking,
  metricMonitoring: MetricMonitoring,
};
