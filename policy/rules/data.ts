/*
 * Data rules: what holds data or a name cannot be destroyed by a plan, data droplets are backed up, the
 * website bucket keeps old versions, the DNSSEC key keeps its deletion window.
 */
import { constructCause, hostItem, inventoryCause } from "../cause";
import { resourcesOfType, type ResourceEntry } from "../configuration";
import { preventsDestroy, PROTECTED_RESOURCE_TYPES, protectionOf } from "../protected-resources";
import type { PolicyCause, PolicyContext, PolicyFinding, PolicyRule, PolicySubject } from "../types";

/** The host a droplet was made for, by its name (the droplet name the inventory gives it). */
function hostOf(context: PolicyContext, droplet: ResourceEntry): { subject: PolicySubject; holdsData: boolean; cause: PolicyCause } {
  const host = context.facts.policy.hosts.find((h) => h.dropletName === droplet.body.name);
  return host === undefined
    ? { subject: { kind: "estate" }, holdsData: false, cause: constructCause(droplet.path) }
    : { subject: { kind: "host", name: host.fqdn }, holdsData: host.holdsData, cause: inventoryCause(hostItem(host.fqdn), "holdsData") };
}

export const PREVENT_DESTROY: PolicyRule = {
  id: "data.prevent-destroy",
  rationale: "what holds data or a name the world resolves is prevent_destroy, so no plan can destroy it",
  severity: "error",
  check: (context) => {
    const findings: PolicyFinding[] = [];
    const types = [...Object.keys(PROTECTED_RESOURCE_TYPES), "heroku_addon", "digitalocean_droplet"];
    for (const type of types) {
      for (const entry of resourcesOfType(context, type)) {
        const droplet = type === "digitalocean_droplet" ? hostOf(context, entry) : undefined;
        const why =
          droplet !== undefined ? (droplet.holdsData ? "its host holds data" : null) : protectionOf(type, { ...entry.body, lifecycle: undefined });
        if (why === null || preventsDestroy(entry.body)) continue;
        findings.push({
          rule: "data.prevent-destroy",
          stack: entry.stack,
          address: entry.address,
          subject: droplet?.subject ?? { kind: "estate" },
          cause: droplet?.cause ?? constructCause(entry.path),
          message: `${entry.path}: not prevent_destroy, though ${why}`,
        });
      }
    }
    return findings;
  },
};

export const DROPLET_BACKUPS: PolicyRule = {
  id: "data.droplet-backups",
  rationale: "a droplet whose host holds data has DigitalOcean's backups on",
  severity: "error",
  check: (context) =>
    resourcesOfType(context, "digitalocean_droplet").flatMap((entry) => {
      const host = hostOf(context, entry);
      return host.holdsData && entry.body.backups !== true
        ? [
            {
              rule: "data.droplet-backups",
              stack: entry.stack,
              address: entry.address,
              subject: host.subject,
              cause: host.cause,
              message: `${entry.path}: ${String(entry.body.name)} holds data but has no backups`,
            },
          ]
        : [];
    }),
};

export const BUCKET_VERSIONING: PolicyRule = {
  id: "data.bucket-versioning",
  rationale: "a website bucket keeps earlier versions, so an overwritten or deleted page can be restored",
  severity: "error",
  check: (context) => {
    const versionings = resourcesOfType(context, "aws_s3_bucket_versioning");
    return resourcesOfType(context, "aws_s3_bucket").flatMap((bucket) => {
      const references = [`\${${bucket.address}.id}`, `\${${bucket.address}.bucket}`, bucket.body.bucket];
      const enabled = versionings.some(
        (v) =>
          v.stack === bucket.stack &&
          references.includes(v.body.bucket) &&
          (v.body.versioning_configuration as { status?: string } | undefined)?.status === "Enabled",
      );
      return enabled
        ? []
        : [
            {
              rule: "data.bucket-versioning",
              stack: bucket.stack,
              address: bucket.address,
              subject: { kind: "estate" as const },
              cause: constructCause(bucket.path),
              message: `${bucket.path}: bucket ${String(bucket.body.bucket)} has no versioning enabled`,
            },
          ];
    });
  },
};

/** AWS's own bounds for a KMS key's waiting period before deletion. */
const KMS_DELETION_WINDOW_DAYS = { min: 7, max: 30 };

export const KMS_DELETION_WINDOW: PolicyRule = {
  id: "data.kms-deletion-window",
  rationale:
    "a KMS key (DNSSEC, state) keeps the longest deletion window, time to cancel a deletion before the zones stop validating or the state cannot be read",
  severity: "error",
  check: (context) =>
    resourcesOfType(context, "aws_kms_key").flatMap((key) => {
      const days = key.body.deletion_window_in_days;
      return days === KMS_DELETION_WINDOW_DAYS.max
        ? []
        : [
            {
              rule: "data.kms-deletion-window",
              stack: key.stack,
              address: key.address,
              subject: { kind: "estate" as const },
              cause: constructCause(key.path),
              message: `${key.path}: deletion window is ${days === undefined ? "AWS's default" : `${String(days)} days`}, not the longest (${KMS_DELETION_WINDOW_DAYS.max} days; AWS allows ${KMS_DELETION_WINDOW_DAYS.min}-${KMS_DELETION_WINDOW_DAYS.max})`,
            },
          ];
    }),
};

export const DATA_RULES: readonly PolicyRule[] = [PREVENT_DESTROY, DROPLET_BACKUPS, BUCKET_VERSIONING, KMS_DELETION_WINDOW];
