import type { TerraformVariable } from "cdktf";
import { Token, TerraformIterator } from "cdktf";
import { Construct } from "constructs";
import { DataPagerdutyUser } from "../.gen/providers/pagerduty/data-pagerduty-user";
import { Schedule } from "../.gen/providers/pagerduty/schedule";
import type { Team } from "../.gen/providers/pagerduty/team";

export interface OnCallScheduleProps {
  /** The schedule's name at PagerDuty. */
  readonly name: string;
  readonly description: string;
  /** PagerDuty's name of the schedule's time zone (`Etc/UTC`). */
  readonly timeZone: string;
  /** One person's turn, in hours (PagerDuty takes 1 to 8760). */
  readonly turnLengthHours: number;
  /** When the rotation began, RFC 3339 in UTC: turns are counted from it. */
  readonly startsAt: string;
  /**
   * The people, in rotation order: a `list(string)` variable of their PagerDuty login emails. Each is looked up
   * at plan time, so nobody's identity is written in the repository.
   */
  readonly people: TerraformVariable;
  /** The team the schedule belongs to. @default none */
  readonly team?: Team;
}

/** A weekly-style PagerDuty rotation of the people a variable names, one layer, everyone in turn. */
export class OnCallSchedule extends Construct {
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: OnCallScheduleProps) {
    super(scope, id);
    const emails = TerraformIterator.fromList(props.people.listValue);
    const people = new DataPagerdutyUser(this, "people", { forEach: emails, email: emails.value });
    // In the variable's order, which is the rotation's: a for_each lookup alone would order them by email.
    const userIds = Token.asList(`\${[for email in ${props.people.fqn} : ${people.fqn}[email].id]}`);
    this.schedule = new Schedule(this, "schedule", {
      name: props.name,
      description: props.description,
      timeZone: props.timeZone,
      teams: props.team === undefined ? undefined : [props.team.id],
      layer: [{
        name: props.name,
        start: props.startsAt,
        rotationVirtualStart: props.startsAt,
        rotationTurnLengthSeconds: props.turnLengthHours * 3600,
        users: userIds,
      }],
    });
  }
}
