import { Construct } from "constructs";
import { Check } from "../.gen/providers/pingdom/check";
import { ConstructPropsError } from "./construct-props-error";

export interface UptimeCheckProps {
  /** The public name checked. */
  readonly hostName: string;
  /** `https` (TLS) or `http` (a name that serves no HTTPS). @default "https" */
  readonly protocol?: "https" | "http";
  /** The path requested, starting with "/". @default "/" */
  readonly path?: string;
  /** Whether the certificate must be valid; only over HTTPS. @default true over HTTPS */
  readonly verifyCertificate?: boolean;
  /** Minutes between checks: 1, 5, 15, 30 or 60. */
  readonly intervalMinutes: number;
  /** Failed checks in a row before Pingdom alerts. */
  readonly alertAfterFailures: number;
  /** Days before a verified certificate expires at which the name counts as down. */
  readonly certificateWarningDays: number;
  /** Pingdom integrations alerted when it goes down and comes back (PagerDuty's, by id). At least one. */
  readonly alertIntegrationIds: readonly number[];
  /** Pingdom tags: lowercase letters, digits, `-` and `_`. @default none */
  readonly tags?: readonly string[];
}

/**
 * A Pingdom check of one public name, alerting through integrations when it is down: over HTTPS with the certificate
 * verified (and its expiry watched) unless told otherwise.
 */
export class UptimeCheck extends Construct {
  readonly check: Check;

  constructor(scope: Construct, id: string, props: UptimeCheckProps) {
    super(scope, id);
    const fail = (prop: string, problem: string): never => {
      throw new ConstructPropsError("UptimeCheck", props.hostName, prop, problem);
    };
    if (props.alertIntegrationIds.length === 0) fail("alertIntegrationIds", "is empty: a check that alerts nobody is noise");
    const badTag = (props.tags ?? []).find((tag) => !/^[a-z0-9_-]+$/.test(tag));
    if (badTag !== undefined) fail("tags", `"${badTag}" is not lowercase letters, digits, "-" and "_"`);
    const tls = (props.protocol ?? "https") === "https";
    const verify = props.verifyCertificate ?? tls;
    if (!tls && verify) fail("verifyCertificate", "is true, but a plain HTTP check has no certificate to verify");
    const path = props.path ?? "/";
    if (!path.startsWith("/")) fail("path", `"${path}" does not start with "/"`);
    this.check = new Check(this, "check", {
      name: props.hostName,
      type: "http",
      host: props.hostName,
      url: path,
      encryption: tls,
      verifyCertificate: verify,
      ...(verify ? { sslDownDaysBefore: props.certificateWarningDays } : {}),
      resolution: props.intervalMinutes,
      sendnotificationwhendown: props.alertAfterFailures,
      notifywhenbackup: true,
      integrationids: [...props.alertIntegrationIds],
      tags: props.tags === undefined ? undefined : [...props.tags].sort().join(","),
    });
  }
}
