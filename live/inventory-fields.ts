/*
 * Where in the inventory an attribute's value comes from, for the adoption report ("live → code, from host
 * "wiki.nyc1" size"): the inventory item that asked for the object and its field, where the estate says so. Only
 * what the inventory decides is named; what the constructs fix for every object (a check is never paused) says that.
 */
import type { Estate } from "../inventory";
import { isRecord } from "../review/json";

/** The attribute's top-level name: `inbound_rule[+]` → `inbound_rule`, `header["HSTS"].source` → `header`. */
function topAttribute(path: string): string {
  return path.split(/[.[ ]/)[0] ?? path;
}

const DROPLET_FIELDS: Readonly<Record<string, string>> = { size: "size", image: "image", backups: "holdsData", region: "datacenter", name: "name" };
const FASTLY_FIELDS: Readonly<Record<string, string>> = {
  header: "headers",
  backend: "backends",
  domain: "domains",
  condition: "conditions",
  gzip: "gzip",
  logging_s3: "s3Logging",
  logging_syslog: "syslogLogging",
  logging_datadog: "datadogLogging",
  healthcheck: "healthchecks",
};

/** `host "wiki.nyc1" size (inventory/hosts.ts)`, or undefined when the inventory does not decide the value. */
export function inventoryField(estate: Estate, type: string, values: unknown, path: string): string | undefined {
  const object = isRecord(values) ? values : {};
  const attribute = topAttribute(path);
  const name = typeof object["name"] === "string" ? object["name"] : "";
  switch (type) {
    case "aws_route53_record": {
      const record = estate.records.find((r) => r.name === name && r.type === object["type"]);
      if (record === undefined) return undefined;
      if (attribute === "ttl") {
        if (record.madeBy.startsWith("host ")) return `${record.madeBy}: hostRecords.ttlSeconds (inventory/zones.ts)`;
        return `${record.madeBy}: ttl, else zone "${record.zone}" defaultTtl (inventory/zones.ts, services.ts)`;
      }
      return `${record.madeBy} (inventory/zones.ts, services.ts, hosts.ts)`;
    }
    case "digitalocean_droplet": {
      const host = estate.hosts.find((h) => h.dropletName === name);
      const field = DROPLET_FIELDS[attribute];
      return host === undefined || field === undefined ? undefined : `host "${host.key}" ${field} (inventory/hosts.ts)`;
    }
    case "digitalocean_firewall": {
      const role = estate.roles.find((r) => name.endsWith(`-${r.name}`));
      return role === undefined || !attribute.endsWith("_rule")
        ? undefined
        : `role "${role.name}" ports (inventory/roles.ts), the common ports (COMMON_WORLD_PORTS) and the datacenter's sources`;
    }
    case "pingdom_check": {
      if (attribute === "paused") return "no inventory field: the construct never pauses a check (constructs/uptime-check.ts)";
      const service = estate.services.find((s) => s.names.includes(name));
      return service === undefined ? undefined : `service "${service.key}" check (inventory/services.ts), uptimeChecking (inventory/monitoring.ts)`;
    }
    case "fastly_service_vcl": {
      const field = FASTLY_FIELDS[attribute];
      return field === undefined ? undefined : `fastlyServices "${name}" ${field} (inventory/fastly.ts)`;
    }
    case "datadog_monitor":
      return "metricMonitoring (inventory/monitoring.ts)";
    default:
      return undefined;
  }
}
