import { TerraformOutput, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { DataPagerdutyVendor } from "../.gen/providers/pagerduty/data-pagerduty-vendor";
import { PagerdutyProvider } from "../.gen/providers/pagerduty/provider";
import { Team } from "../.gen/providers/pagerduty/team";
import { OnCallEscalation } from "../constructs/on-call-escalation";
import { OnCallSchedule } from "../constructs/on-call-schedule";
import { PagingService } from "../constructs/paging-service";
import { pagingServiceName, type Estate } from "../inventory";
import { EstateStack, type EstateStackProps } from "./estate-stack";
import { terraformName } from "./terraform-name";

/** The vendors PagerDuty knows the estate's monitoring systems as, by the key their integrations go under. */
export const PAGING_VENDORS = { datadog: "Datadog", pingdom: "Pingdom" } as const;

export interface PagerDutyStackProps extends EstateStackProps {
  readonly estate: Estate;
}

/** The variable listing one rotation's people (their PagerDuty login emails), in rotation order. */
export function rotationPeopleVariableName(rotationKey: string): string {
  return `pagerduty_${terraformName(rotationKey)}_emails`;
}

/** The output holding the routing key to give Pingdom's PagerDuty integration for one owner's service. */
export function pingdomKeyOutputName(owner: string): string {
  return `pingdom_integration_key_${terraformName(owner)}`;
}

/**
 * On-call at PagerDuty: a schedule per rotation (staff, then volunteers), the escalation policy that pages them in
 * that order, and a service per owner something pages, with integrations for Datadog and Pingdom. The token comes
 * from PAGERDUTY_TOKEN; the people come from variables, one list of emails per rotation.
 */
export class PagerDutyStack extends EstateStack {
  /** The PagerDuty service of each owner something pages, by owner key. */
  readonly services: ReadonlyMap<string, PagingService>;

  constructor(scope: Construct, id: string, props: PagerDutyStackProps) {
    super(scope, id, props);
    const { estate } = props;
    const { onCall } = estate;
    new PagerdutyProvider(this, "pagerduty", {});
    const team = new Team(this, "team", {
      name: onCall.team,
      description: `Answers for the PSF estate. Managed by psf-estate; ask ${estate.owner(estate.infrastructureOwner).contact}.`,
    });

    const levels = onCall.rotations.map((rotation) => {
      const name = rotationPeopleVariableName(rotation.key);
      const people = new TerraformVariable(this, name, {
        type: "list(string)",
        nullable: false,
        // Real people's addresses: never printed in a plan or a CI log.
        sensitive: true,
        description: `PagerDuty login emails of the ${rotation.name} rotation, in turn order`,
        validation: [
          {
            condition: `\${length(var.${name}) > 0 && alltrue([for email in var.${name} : can(regex("^[^@\\\\s]+@[^@\\\\s]+$", email))])}`,
            errorMessage: `${name} must list at least one person, each by the email of their PagerDuty login.`,
          },
        ],
      });
      const schedule = new OnCallSchedule(this, `schedule-${rotation.key}`, {
        name: rotation.name,
        description: rotation.description,
        timeZone: onCall.timeZone,
        turnLengthHours: rotation.turnLengthHours,
        startsAt: rotation.startsAt,
        people,
        team,
      });
      return { schedule, escalateAfterMinutes: rotation.escalateAfterMinutes };
    });
    const escalation = new OnCallEscalation(this, "escalation", {
      name: onCall.escalationPolicy,
      description: `Pages ${onCall.rotations.map((r) => r.name).join(", then ")}. Managed by psf-estate.`,
      levels,
      repeats: onCall.policyRepeats,
      team,
    });

    const integrations = Object.entries(PAGING_VENDORS).map(([key, name]) => ({
      key,
      vendor: new DataPagerdutyVendor(this, `vendor-${key}`, { name }),
    }));
    const services = new Map<string, PagingService>();
    for (const ownerKey of estate.monitoring.pagedOwners) {
      const service = new PagingService(this, `service-${ownerKey}`, {
        name: pagingServiceName(ownerKey),
        // The owner by key: an owner's name may list people, who are not written into PagerDuty from here.
        description: `Alerts about what the owner "${ownerKey}" of the PSF estate answers for (psf-estate inventory/owners.ts). Managed by psf-estate.`,
        escalation,
        acknowledgementTimeoutSeconds: onCall.acknowledgementTimeoutSeconds,
        autoResolveTimeoutSeconds: onCall.autoResolveTimeoutSeconds,
        integrations,
      });
      services.set(ownerKey, service);
      // Pingdom's PagerDuty integration cannot be created through its API: a person enters this key in Pingdom.
      new TerraformOutput(this, pingdomKeyOutputName(ownerKey), {
        value: service.integrationKey("pingdom"),
        sensitive: true,
        description: `Routing key for Pingdom's PagerDuty integration of ${pagingServiceName(ownerKey)} (README, "Pingdom's PagerDuty integrations")`,
      });
    }
    this.services = services;
  }
}
