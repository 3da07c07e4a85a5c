import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { DatadogProvider } from "../../.gen/providers/datadog/provider";
import { PagerdutyProvider } from "../../.gen/providers/pagerduty/provider";
import { OnCallEscalation } from "../../constructs/on-call-escalation";
import { OnCallSchedule } from "../../constructs/on-call-schedule";

/** A stack with the PagerDuty and Datadog providers and a one-level escalation policy, for the paging constructs' tests. */
export function onCallFixture(): { stack: TerraformStack; escalation: OnCallEscalation } {
  const stack = new TerraformStack(Testing.app(), "test");
  new PagerdutyProvider(stack, "pagerduty", {});
  new DatadogProvider(stack, "datadog", {});
  const people = new TerraformVariable(stack, "staff_emails", { type: "list(string)", sensitive: true });
  const schedule = new OnCallSchedule(stack, "schedule", {
    name: "Staff",
    description: "",
    timeZone: "Etc/UTC",
    turnLengthHours: 168,
    startsAt: "2024-01-01T00:00:00Z",
    people,
  });
  const escalation = new OnCallEscalation(stack, "escalation", {
    name: "On call",
    description: "",
    levels: [{ schedule, escalateAfterMinutes: 15 }],
  });
  return { stack, escalation };
}
