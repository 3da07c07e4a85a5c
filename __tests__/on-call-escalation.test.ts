import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { PagerdutyProvider } from "../.gen/providers/pagerduty/provider";
import { Team } from "../.gen/providers/pagerduty/team";
import { OnCallEscalation, type OnCallEscalationProps } from "../constructs/on-call-escalation";
import { OnCallSchedule } from "../constructs/on-call-schedule";
import { defined } from "./support/defined";

type Block = Record<string, unknown>;

interface Fixture {
  readonly stack: TerraformStack;
  readonly team: Team;
  readonly staff: OnCallSchedule;
  readonly volunteers: OnCallSchedule;
}

function fixture(): Fixture {
  const stack = new TerraformStack(Testing.app(), "test");
  new PagerdutyProvider(stack, "pagerduty", {});
  const schedule = (key: string, name: string): OnCallSchedule =>
    new OnCallSchedule(stack, `schedule-${key}`, {
      name,
      description: name,
      timeZone: "Etc/UTC",
      turnLengthHours: 168,
      startsAt: "2024-01-01T00:00:00Z",
      people: new TerraformVariable(stack, `${key}_emails`, { type: "list(string)", sensitive: true }),
    });
  return {
    stack,
    team: new Team(stack, "team", { name: "PSF infrastructure" }),
    staff: schedule("staff", "Staff"),
    volunteers: schedule("volunteers", "Volunteers"),
  };
}

/** The escalation policy `props` makes in `f`'s stack. */
function synthPolicy(f: Fixture, props: Omit<OnCallEscalationProps, "name" | "description">): Block {
  const escalation = new OnCallEscalation(f.stack, "escalation", { name: "On call", description: "Staff, then volunteers", ...props });
  const json = JSON.parse(Testing.synth(f.stack)) as { resource: { pagerduty_escalation_policy: Record<string, Block> } };
  expect(Object.keys(json.resource.pagerduty_escalation_policy)).toEqual([escalation.policy.friendlyUniqueId]);
  return defined(json.resource.pagerduty_escalation_policy[escalation.policy.friendlyUniqueId]);
}

const scheduleId = (schedule: OnCallSchedule): string => `\${pagerduty_schedule.${schedule.schedule.friendlyUniqueId}.id}`;

describe("OnCallEscalation", () => {
  it("pages the levels in the given order, each the schedule it names, repeating num_loops times, in the team", () => {
    const f = fixture();
    const policy = synthPolicy(f, {
      levels: [
        { schedule: f.staff, escalateAfterMinutes: 15 },
        { schedule: f.volunteers, escalateAfterMinutes: 30 },
      ],
      repeats: 2,
      team: f.team,
    });
    expect(policy).toMatchObject({
      name: "On call",
      description: "Staff, then volunteers",
      num_loops: 2,
      teams: [`\${pagerduty_team.${f.team.friendlyUniqueId}.id}`],
    });
    expect(policy.rule).toEqual([
      { escalation_delay_in_minutes: 15, target: [{ type: "schedule_reference", id: scheduleId(f.staff) }] },
      { escalation_delay_in_minutes: 30, target: [{ type: "schedule_reference", id: scheduleId(f.volunteers) }] },
    ]);
  });

  it("keeps the levels' order, not the schedules' names' or creation order", () => {
    const f = fixture();
    const policy = synthPolicy(f, {
      levels: [
        { schedule: f.volunteers, escalateAfterMinutes: 5 },
        { schedule: f.staff, escalateAfterMinutes: 10 },
      ],
    });
    expect((policy.rule as Block[]).map((rule) => defined((rule.target as Block[])[0]).id)).toEqual([scheduleId(f.volunteers), scheduleId(f.staff)]);
  });

  it("does not repeat by default, and belongs to no team unless given one", () => {
    const f = fixture();
    const policy = synthPolicy(f, { levels: [{ schedule: f.staff, escalateAfterMinutes: 15 }] });
    expect(policy.num_loops).toBe(0);
    expect(policy).not.toHaveProperty("teams");
    expect(policy.rule).toHaveLength(1);
  });

  it("fails on no levels", () => {
    const f = fixture();
    expect(() => new OnCallEscalation(f.stack, "escalation", { name: "On call", description: "", levels: [] })).toThrow(
      /OnCallEscalation "On call" prop "levels": is empty/,
    );
  });
});
