import { Construct } from "constructs";
import { Check } from "../.gen/providers/pingdom/check";

export interface UptimeCheckProps {
  /** The public name checked: Pingdom requests `https://<hostName>/` and verifies its certificate. */
  readonly hostName: string;
  /** Minutes between checks: 1, 5, 15, 30 or 60. */
  readonly intervalMinutes: number;
  /** Failed checks in a row before Pingdom alerts. */
  readonly alertAfterFailures: number;
  /** Days before the certificate expires at which the name counts as down. */
  readonly certificateWarningDays: number;
  /** Pingdom integrations alerted when it goes down and comes back (PagerDuty's, by id). At least one. */
  readonly alertIntegrationIds: readonly number[];
  /** Pingdom tags: lowercase letters, digits, `-` and `_`. @default none */
  readonly tags?: readonly string[];
}

/** A Pingdom HTTPS check of one public name, alerting through integrations when it is down. */
export class UptimeCheck extends Construct {
  readonly check: Check;

  constructor(scope: Construct, id: string, props: UptimeCheckProps) {
    super(scope, id);
    if (props.alertIntegrationIds.length === 0) throw new Error(`UptimeCheck "${props.hostName}" alertIntegrationIds: is empty: a check that alerts nobody is noise`);
    const badTag = (props.tags ?? []).find((tag) => !/^[a-z0-9_-]+$/.test(tag));
    if (badTag !== undefined) throw new Error(`UptimeCheck "${props.hostName}" tags: "${badTag}" is not lowercase letters, digits, "-" and "_"`);
    this.check = new Check(this, "check", {
      name: props.hostName,
      type: "http",
      host: props.hostName,
      url: "/",
      encryption: true,
      verifyCertificate: true,
      sslDownDaysBefore: props.certificateWarningDays,
      resolution: props.intervalMinutes,
      sendnotificationwhendown: props.alertAfterFailures,
      notifywhenbackup: true,
      integrationids: [...props.alertIntegrationIds],
      tags: props.tags === undefined ? undefined : [...props.tags].sort().join(","),
    });
  }
}
