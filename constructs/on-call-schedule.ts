import type { TerraformVariable } from "cdktf";
import { Fn, TerraformCount, Token } from "cdktf";
import { Construct } from "constructs";
import { DataPagerdutyUser } from "../.gen/providers/pagerduty/data-pagerduty-user";
import { Schedule } from "../.gen/providers/pagerduty/schedule";
import type { Team } from "../.gen/providers/pagerduty/team";
import { ConstructPropsError } from "./construct-props-error";

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
   * The people, in rotation order: a sensitive `list(string)` variable of their PagerDuty login emails. Each is
   * looked up at plan time, so nobody's identity is written in the repository, and, the variable being sensitive,
   * none is printed in a plan or a CI log either.
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
    if (props.people.sensitive !== true) {
      throw new ConstructPropsError(
        "OnCallSchedule",
        id,
        "people",
        "must be a sensitive variable: the emails would otherwise be printed in every plan",
      );
    }
    // One lookup per position, not per email: Terraform refuses a sensitive value as for_each (its keys are printed
    // in every plan), and positions keep the rotation's order. How many people there are is not a secret.
    const turns = TerraformCount.of(Token.asNumber(Fn.nonsensitive(Fn.lengthOf(props.people.listValue))));
    const people = new DataPagerdutyUser(this, "people", { count: turns, email: Token.asString(Fn.element(props.people.listValue, turns.index)) });
    const userIds = Token.asList(`\${${people.fqn}[*].id}`);
    this.schedule = new Schedule(this, "schedule", {
      name: props.name,
      description: props.description,
      timeZone: props.timeZone,
      teams: props.team === undefined ? undefined : [props.team.id],
      layer: [
        {
          name: props.name,
          start: props.startsAt,
          rotationVirtualStart: props.startsAt,
          rotationTurnLengthSeconds: props.turnLengthHours * 3600,
          users: userIds,
        },
      ],
    });
  }
}
