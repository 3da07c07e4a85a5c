import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { PagerdutyProvider } from "../.gen/providers/pagerduty/provider";
import { Team } from "../.gen/providers/pagerduty/team";
import { OnCallSchedule, type OnCallScheduleProps } from "../constructs/on-call-schedule";

type Block = Record<string, unknown>;
type Json = { resource: Record<string, Record<string, Block>>; data: Record<string, Record<string, Block>> };

/** A stack holding the schedules `define` builds, synthesized and parsed. */
function synth(define: (stack: TerraformStack) => void): Json {
  const stack = new TerraformStack(Testing.app(), "test");
  new PagerdutyProvider(stack, "pagerduty", {});
  define(stack);
  return JSON.parse(Testing.synth(stack)) as Json;
}

function props(stack: TerraformStack, variable: string, change: Partial<OnCallScheduleProps> = {}): OnCallScheduleProps {
  return {
    name: "PSF staff",
    description: "Staff, a week each",
    timeZone: "Etc/UTC",
    turnLengthHours: 168,
    startsAt: "2024-01-01T00:00:00Z",
    people: new TerraformVariable(stack, variable, { type: "list(string)" }),
    ...change,
  };
}

describe("OnCallSchedule", () => {
  it("writes one layer: the name, the start, a turn of hours*3600 seconds, in the team", () => {
    let schedule!: OnCallSchedule;
    let team!: Team;
    const json = synth((stack) => {
      team = new Team(stack, "team", { name: "PSF infrastructure" });
      schedule = new OnCallSchedule(stack, "staff", props(stack, "staff_emails", { team }));
    });
    expect(json.resource.pagerduty_schedule![schedule.schedule.friendlyUniqueId]).toMatchObject({
      name: "PSF staff",
      description: "Staff, a week each",
      time_zone: "Etc/UTC",
      teams: [`\${pagerduty_team.${team.friendlyUniqueId}.id}`],
      layer: [{ name: "PSF staff", start: "2024-01-01T00:00:00Z", rotation_virtual_start: "2024-01-01T00:00:00Z", rotation_turn_length_seconds: 604800 }],
    });
  });

  it("turns hours into seconds for any turn length", () => {
    let schedule!: OnCallSchedule;
    const json = synth((stack) => { schedule = new OnCallSchedule(stack, "volunteers", props(stack, "volunteer_emails", { turnLengthHours: 12 })); });
    const layer = (json.resource.pagerduty_schedule![schedule.schedule.friendlyUniqueId]!.layer as Block[])[0]!;
    expect(layer.rotation_turn_length_seconds).toBe(12 * 3600);
  });

  it("looks up each email of the variable, and lists the users in the variable's order", () => {
    let schedule!: OnCallSchedule;
    const json = synth((stack) => { schedule = new OnCallSchedule(stack, "staff", props(stack, "staff_emails")); });
    const users = Object.entries(json.data.pagerduty_user!);
    expect(users).toHaveLength(1);
    const [lookup, user] = users[0]!;
    expect(user).toEqual({ for_each: "${toset(var.staff_emails)}", email: "${each.value}" });
    const layer = (json.resource.pagerduty_schedule![schedule.schedule.friendlyUniqueId]!.layer as Block[])[0]!;
    // A for expression over the variable, not over the lookup, whose keys are sorted by email.
    expect(layer.users).toBe(`\${[for email in var.staff_emails : data.pagerduty_user.${lookup}[email].id]}`);
  });

  it("gives each schedule its own lookup of its own variable, and no team when none is given", () => {
    const json = synth((stack) => {
      new OnCallSchedule(stack, "staff", props(stack, "staff_emails"));
      new OnCallSchedule(stack, "volunteers", props(stack, "volunteer_emails", { name: "Volunteers" }));
    });
    const lookups = Object.entries(json.data.pagerduty_user!);
    expect(lookups.map(([, u]) => u.for_each).sort()).toEqual(["${toset(var.staff_emails)}", "${toset(var.volunteer_emails)}"]);
    const schedules = Object.values(json.resource.pagerduty_schedule!);
    for (const schedule of schedules) {
      expect(schedule).not.toHaveProperty("teams");
      const users = (schedule.layer as Block[])[0]!.users as string;
      const variable = schedule.name === "Volunteers" ? "volunteer_emails" : "staff_emails";
      const [lookup] = lookups.find(([, u]) => u.for_each === `\${toset(var.${variable})}`)!;
      expect(users).toBe(`\${[for email in var.${variable} : data.pagerduty_user.${lookup}[email].id]}`);
    }
  });
});
