/*
 * Silencing: a change after which an outage no longer reaches a person. An uptime check paused, removed or cut off
 * from its alert routes; a monitor losing a notification handle, removed, or muted by a new downtime; an escalation
 * policy losing or reordering a level or a target; an on-call schedule, a paged service or its integration removed;
 * a maintenance window opened.
 */
import { isRecord, stableStringify } from "../json";
import { recognizableName } from "./names";
import type { Finding, Judge } from "./types";

/** What deleting each of these silences. */
const SILENCED_BY_DELETE: Readonly<Record<string, string>> = {
  pingdom_check: "the uptime check is removed: an outage of its name pages nobody",
  datadog_monitor: "the monitor is removed: what it watched pages nobody",
  pagerduty_schedule: "the on-call schedule is removed: the people on it are no longer paged",
  pagerduty_escalation_policy: "the escalation policy is removed: its services page nobody",
  pagerduty_service: "the paged service is removed: alerts routed to it reach nobody",
  pagerduty_service_integration: "the service's integration is removed: the monitor or check behind it pages nobody",
  datadog_integration_pagerduty_service_object: "Datadog's route into a PagerDuty service is removed: its monitors page nobody",
};

/** Creating one of these mutes alarms for a while. */
const SILENCED_BY_CREATE: Readonly<Record<string, string>> = {
  datadog_downtime: "a Datadog downtime mutes monitors",
  datadog_downtime_schedule: "a Datadog downtime schedule mutes monitors",
  pagerduty_maintenance_window: "a PagerDuty maintenance window stops its services from paging",
};

export const judgeSilencing: Judge = ({ changes }) =>
  changes.flatMap((change): Finding[] => {
    const found = (kind: string, detail: string): Finding => ({
      class: "silencing",
      kind,
      stack: change.stack,
      subject: change.address,
      name: recognizableName(change),
      detail,
    });
    if (change.action === "delete") {
      const why = SILENCED_BY_DELETE[change.type];
      return why === undefined ? [] : [found("alarm-removed", why)];
    }
    if (change.action === "forget") return [];
    const muting = change.action === "create" ? SILENCED_BY_CREATE[change.type] : undefined;
    if (muting !== undefined) return [found("alarm-muted", muting)];
    const before = isRecord(change.before) ? change.before : {};
    const after = isRecord(change.after) ? change.after : {};
    switch (change.type) {
      case "pingdom_check":
        return pingdomSilencing(before, after, found);
      case "datadog_monitor":
        return monitorSilencing(before, after, found);
      case "pagerduty_escalation_policy":
        return escalationSilencing(before, after, found);
      default:
        return [];
    }
  });

type Found = (kind: string, detail: string) => Finding;

function pingdomSilencing(before: Record<string, unknown>, after: Record<string, unknown>, found: Found): Finding[] {
  const findings: Finding[] = [];
  if (after["paused"] === true && before["paused"] !== true)
    findings.push(found("check-paused", `the uptime check ${String(after["name"])} is paused: it no longer checks, so an outage pages nobody`));
  const routes = (side: Record<string, unknown>): string[] => (Array.isArray(side["integrationids"]) ? side["integrationids"].map(String) : []);
  const lost = routes(before).filter((id) => !routes(after).includes(id));
  if (lost.length > 0)
    findings.push(found("check-route-removed", `the uptime check ${String(after["name"])} no longer alerts integration ${lost.join(", ")}`));
  return findings;
}

/** The notification handles of a monitor's message: `@pagerduty-psf-infrastructure`, `@slack-…`, an email. */
function handles(message: unknown): string[] {
  return typeof message === "string" ? [...new Set(message.match(/@[A-Za-z0-9_.+-]+(@[A-Za-z0-9.-]+)?/g) ?? [])].sort() : [];
}

function monitorSilencing(before: Record<string, unknown>, after: Record<string, unknown>, found: Found): Finding[] {
  const lost = handles(before["message"]).filter((h) => !handles(after["message"]).includes(h));
  return lost.length === 0 ? [] : [found("notification-removed", `the monitor ${String(after["name"])} no longer notifies ${lost.join(", ")}`)];
}

/** Each level of an escalation policy: whom it pages, in order. */
function levels(side: Record<string, unknown>): string[] {
  const rules = Array.isArray(side["rule"]) ? side["rule"].filter(isRecord) : [];
  return rules.map((rule) =>
    stableStringify(
      (Array.isArray(rule["target"]) ? rule["target"].filter(isRecord) : []).map((t) => `${String(t["type"] ?? "")}:${String(t["id"] ?? "")}`).sort(),
    ),
  );
}

function escalationSilencing(before: Record<string, unknown>, after: Record<string, unknown>, found: Found): Finding[] {
  const was = levels(before);
  const now = levels(after);
  // Levels added after the last one page more people, not fewer.
  if (was.length === 0 || stableStringify(was) === stableStringify(now.slice(0, was.length))) return [];
  const targets = (list: string[]): string[] => list.flatMap((l) => JSON.parse(l) as string[]);
  const lostTargets = targets(was).filter((t) => !targets(now).includes(t));
  const detail =
    now.length < was.length
      ? `the escalation policy ${String(after["name"])} goes from ${was.length} levels to ${now.length}: whoever was on the removed level is no longer paged`
      : lostTargets.length > 0
        ? `the escalation policy ${String(after["name"])} no longer pages ${lostTargets.join(", ")}`
        : `the escalation policy ${String(after["name"])} pages its levels in another order`;
  return [found(now.length < was.length || lostTargets.length > 0 ? "escalation-reduced" : "escalation-reordered", detail)];
}
