import { Token, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { PingdomProvider } from "../.gen/providers/pingdom/provider";
import { UptimeCheck } from "../constructs/uptime-check";
import type { Estate } from "../inventory";
import { EstateStack, type EstateStackProps } from "./estate-stack";
import { terraformName } from "./terraform-name";

export interface PingdomStackProps extends EstateStackProps {
  readonly estate: Estate;
}

/** The variable holding, per owner, the id of Pingdom's PagerDuty integration for the owner's service. */
export const PINGDOM_INTEGRATIONS_VARIABLE = "pingdom_pagerduty_integration_ids";

/** An owner key as an attribute of that variable's object type. */
export function pingdomIntegrationAttribute(owner: string): string {
  return terraformName(owner);
}

/**
 * An uptime check of every public name that serves the web (over HTTPS unless its service says why not), alerting
 * the PagerDuty service of the name's owner. Pingdom's PagerDuty
 * integrations cannot be created through Pingdom's API, so each is created once by hand with the routing key
 * the PagerDuty stack outputs, and its id given here (README, "Pingdom's PagerDuty integrations"). The token
 * comes from PINGDOM_API_TOKEN.
 */
export class PingdomStack extends EstateStack {
  readonly checks: ReadonlyMap<string, UptimeCheck>;

  constructor(scope: Construct, id: string, props: PingdomStackProps) {
    super(scope, id, props);
    const { estate } = props;
    const settings = estate.uptimeChecking;
    new PingdomProvider(this, "pingdom", {});

    const owners = estate.monitoring.checkedOwners;
    // An object type names every owner, so Terraform itself refuses a value that lacks one.
    const integrationIds = new TerraformVariable(this, PINGDOM_INTEGRATIONS_VARIABLE, {
      type: `object({ ${owners.map((owner) => `${pingdomIntegrationAttribute(owner)} = number`).join(", ")} })`,
      nullable: false,
      description: "Id of Pingdom's PagerDuty integration for each owner's PagerDuty service (README, \"Pingdom's PagerDuty integrations\")",
    });

    const checks = new Map<string, UptimeCheck>();
    for (const planned of estate.monitoring.uptimeChecks) {
      checks.set(
        planned.name,
        new UptimeCheck(this, planned.name, {
          hostName: planned.name,
          protocol: planned.protocol,
          path: planned.path,
          verifyCertificate: planned.verifyCertificate,
          intervalMinutes: settings.intervalMinutes,
          alertAfterFailures: settings.alertAfterFailures,
          certificateWarningDays: settings.certificateWarningDays,
          alertIntegrationIds: [Token.asNumber(`\${${integrationIds.fqn}.${pingdomIntegrationAttribute(planned.owner)}}`)],
          tags: ["psf-estate", `owner-${planned.owner}`, `service-${planned.service}`],
        }),
      );
    }
    this.checks = checks;
  }
}
