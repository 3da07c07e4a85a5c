import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { PagerdutyProvider } from "../.gen/providers/pagerduty/provider";
import { Team } from "../.gen/providers/pagerduty/team";
import { ConstructPropsError } from "../constructs/construct-props-error";
import { OnCallSchedule, type OnCallScheduleProps } from "../constructs/on-call-schedule";
import { defined } from "./support/defined";

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
    people: new TerraformVariable(stack, variable, { type: "list(string)", sensitive: true }),
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
    expect(defined(json.resource.pagerduty_schedule)[schedule.schedule.friendlyUniqueId]).toMatchObject({
      name: "PSF staff",
      description: "Staff, a week each",
      time_zone: "Etc/UTC",
      teams: [`\${pagerduty_team.${team.friendlyUniqueId}.id}`],
      layer: [
        { name: "PSF staff", start: "2024-01-01T00:00:00Z", rotation_virtual_start: "2024-01-01T00:00:00Z", rotation_turn_length_seconds: 604800 },
      ],
    });
  });

  it("turns hours into seconds for any turn length", () => {
    let schedule!: OnCallSchedule;
    const json = synth((stack) => {
      schedule = new OnCallSchedule(stack, "volunteers", props(stack, "volunteer_emails", { turnLengthHours: 12 }));
    });
    const layer = defined((defined(defined(json.resource.pagerduty_schedule)[schedule.schedule.friendlyUniqueId]).layer as Block[])[0]);
    expect(layer.rotation_turn_length_seconds).toBe(12 * 3600);
  });

  it("looks up each email of the variable by position, and lists the users in the variable's order", () => {
    let schedule!: OnCallSchedule;
    const json = synth((stack) => {
      schedule = new OnCallSchedule(stack, "staff", props(stack, "staff_emails"));
    });
    const users = Object.entries(defined(json.data.pagerduty_user));
    expect(users).toHaveLength(1);
    const [lookup, user] = defined(users[0]);
    // By position: a sensitive value cannot be a for_each (its keys, the emails, would be printed in every plan).
    expect(user).toEqual({ count: "${nonsensitive(length(var.staff_emails))}", email: "${element(var.staff_emails, count.index)}" });
    const layer = defined((defined(defined(json.resource.pagerduty_schedule)[schedule.schedule.friendlyUniqueId]).layer as Block[])[0]);
    // The lookups in index order, which is the variable's.
    expect(layer.users).toBe(`\${data.pagerduty_user.${lookup}[*].id}`);
  });

  it("gives each schedule its own lookup of its own variable, and no team when none is given", () => {
    const json = synth((stack) => {
      new OnCallSchedule(stack, "staff", props(stack, "staff_emails"));
      new OnCallSchedule(stack, "volunteers", props(stack, "volunteer_emails", { name: "Volunteers" }));
    });
    const lookups = Object.entries(defined(json.data.pagerduty_user));
    expect(lookups.map(([, u]) => u.email).sort()).toEqual([
      "${element(var.staff_emails, count.index)}",
      "${element(var.volunteer_emails, count.index)}",
    ]);
    const schedules = Object.values(defined(json.resource.pagerduty_schedule));
    for (const schedule of schedules) {
      expect(schedule).not.toHaveProperty("teams");
      const users = defined((schedule.layer as Block[])[0]).users as string;
      const variable = schedule.name === "Volunteers" ? "volunteer_emails" : "staff_emails";
      const [lookup] = defined(lookups.find(([, u]) => u.email === `\${element(var.${variable}, count.index)}`));
      expect(users).toBe(`\${data.pagerduty_user.${lookup}[*].id}`);
    }
  });

  it("refuses a variable that is not sensitive: the emails would be printed in every plan", () => {
    expect(() =>
      synth((stack) => {
        new OnCallSchedule(stack, "staff", {
          ...props(stack, "staff_emails"),
          people: new TerraformVariable(stack, "plain_emails", { type: "list(string)" }),
        });
      }),
    ).toThrow(
      new ConstructPropsError(
        "OnCallSchedule",
        "staff",
        "people",
        "must be a sensitive variable: the emails would otherwise be printed in every plan",
      ),
    );
  });
});
