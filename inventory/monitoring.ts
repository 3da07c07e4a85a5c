import { psfSalt } from "./source";
import type { MetricMonitoring, UptimeChecking } from "./shape";

/**
 * How Pingdom checks the public names (seed: "Pingdom provides monitoring and alerts us when services are
 * down"). Which names are checked is not listed here: every name of every public service is (monitoring-plan.ts).
 */
export const UPTIME_CHECKING: UptimeChecking = {
  intervalMinutes: 1,
  alertAfterFailures: 2,
  certificateWarningDays: 14,
  source: { kind: "assumed", reason: "the seed names Pingdom only; interval, failures before an alert and the certificate margin are this project's choice" },
};

/**
 * How Datadog's monitors read what the agents report (seed: "DataDog provides metrics, dashboards, and
 * alerting"). Which monitors exist is not listed here: they follow from the hosts, volumes and the database
 * cluster (monitoring-plan.ts).
 */
export const METRIC_MONITORING: MetricMonitoring = {
  site: "datadoghq.com",
  roleTag: "role",
  silentAfterMinutes: 10,
  diskInUseWarning: 0.8,
  diskInUseCritical: 0.9,
  databaseTag: "database_cluster",
  source: {
    kind: "assumed",
    reason: "the agents' tags are set by psf-salt's Datadog state, whose values are not published with the pillar; the role and database tags, the silence window and the disk thresholds are this project's choice; a volume's monitor reads the disk check's device tag as the mount point, which needs the check's use_mount option",
  },
  // The agents report to app.datadoghq.com (psf-salt salt/datadog/config/datadog.yaml.jinja dd_url), the US site; the
  // PSF's Fastly Datadog logger says US too (pythondotorg infra/cdn/main.tf logging_datadog region).
  fieldSources: { site: psfSalt("salt/datadog/config/datadog.yaml.jinja") },
};
