import { pagingServiceName } from "../inventory";
import { pingdomKeyOutputName, rotationPeopleVariableName } from "../stacks/pagerduty-stack";
import { resolveReference } from "./support/references";
import { resourcesOf, stackJson, synthCommittedEstate } from "./support/synth-estate";
import { defined } from "./support/defined";

const synth = synthCommittedEstate();
const { estate } = synth;
const pagerduty = stackJson(synth, "pagerduty");

/** The schedule a target id points at, by its name at PagerDuty. */
function scheduleNamed(reference: unknown): unknown {
  const resolved = resolveReference(synth, "pagerduty", reference);
  expect(resolved?.type).toBe("pagerduty_schedule");
  return resolved?.resource.name;
}

describe("PagerDuty", () => {
  it("has one escalation policy, paging the rotations in the inventory's order (staff, then volunteers)", () => {
    const policies = Object.values(resourcesOf(pagerduty, "pagerduty_escalation_policy"));
    expect(policies).toHaveLength(1);
    const rules = defined(policies[0]).rule as { escalation_delay_in_minutes: number; target: { type: string; id: string }[] }[];
    expect(rules.map((r) => [scheduleNamed(defined(r.target[0]).id), r.escalation_delay_in_minutes, defined(r.target[0]).type])).toEqual(
      estate.onCall.rotations.map((r) => [r.name, r.escalateAfterMinutes, "schedule_reference"]),
    );
    expect(defined(policies[0]).num_loops).toBe(estate.onCall.policyRepeats);
  });

  it("fills each rotation with the people its sensitive variable lists, looked up by email, in the variable's order", () => {
    const schedules = Object.entries(resourcesOf(pagerduty, "pagerduty_schedule"));
    expect(schedules.map(([, s]) => s.name)).toEqual(estate.onCall.rotations.map((r) => r.name));
    for (const rotation of estate.onCall.rotations) {
      const variable = rotationPeopleVariableName(rotation.key);
      // Sensitive: real people's addresses never print in a plan or a CI log.
      expect(pagerduty.variable?.[variable]).toMatchObject({ type: "list(string)", nullable: false, sensitive: true });
      const [, schedule] = defined(schedules.find(([, s]) => s.name === rotation.name));
      const layer = defined((schedule.layer as Record<string, unknown>[])[0]);
      expect(layer).toMatchObject({
        start: rotation.startsAt,
        rotation_virtual_start: rotation.startsAt,
        rotation_turn_length_seconds: rotation.turnLengthHours * 3600,
      });
      const lookup = /^\$\{data\.pagerduty_user\.([A-Za-z0-9_-]+)\[\*\]\.id\}$/.exec(String(layer.users));
      expect(pagerduty.data?.pagerduty_user?.[defined(defined(lookup)[1])]).toMatchObject({
        count: `\${nonsensitive(length(var.${variable}))}`,
        email: `\${element(var.${variable}, count.index)}`,
      });
      expect(schedule.time_zone).toBe(estate.onCall.timeZone);
    }
  });

  it("writes no person's email into the configuration, only the owners' published role addresses", () => {
    const text = defined(synth.text.get("pagerduty"));
    const roleAddresses = new Set(estate.owners.map((o) => o.contact));
    expect((text.match(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}/g) ?? []).filter((email) => !roleAddresses.has(email))).toEqual([]);
  });

  it("gives every paged owner a service on the policy, with a Datadog and a Pingdom integration", () => {
    const services = Object.entries(resourcesOf(pagerduty, "pagerduty_service"));
    expect(services.map(([, s]) => s.name).sort()).toEqual(estate.monitoring.pagedOwners.map(pagingServiceName).sort());
    const policy = Object.keys(resourcesOf(pagerduty, "pagerduty_escalation_policy"))[0];
    const vendors = pagerduty.data?.pagerduty_vendor ?? {};
    for (const [address, service] of services) {
      expect(service.escalation_policy).toBe(`\${pagerduty_escalation_policy.${policy}.id}`);
      const integrations = Object.values(resourcesOf(pagerduty, "pagerduty_service_integration")).filter(
        (i) => i.service === `\${pagerduty_service.${address}.id}`,
      );
      const vendorNames = integrations
        .map((i) => defined(vendors[defined(defined(/^\$\{data\.pagerduty_vendor\.([a-z-]+)\.id\}$/.exec(String(i.vendor)))[1])]).name)
        .sort();
      expect(vendorNames).toEqual(["Datadog", "Pingdom"]);
    }
  });

  it("outputs, sensitive, the routing key to enter in Pingdom for each owner a check pages", () => {
    const checked = [...new Set(estate.monitoring.uptimeChecks.map((c) => c.owner))];
    for (const owner of checked) {
      const output = pagerduty.output?.[pingdomKeyOutputName(owner)];
      expect(output).toMatchObject({ sensitive: true });
      const resolved = resolveReference(synth, "pagerduty", defined(output).value);
      expect(resolved?.attribute).toBe("integration_key");
      expect(resolveReference(synth, "pagerduty", defined(resolved).resource.service)?.resource.name).toBe(pagingServiceName(owner));
    }
  });
});
