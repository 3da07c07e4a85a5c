import { Construct } from "constructs";
import { EscalationPolicy } from "../.gen/providers/pagerduty/escalation-policy";
import type { Team } from "../.gen/providers/pagerduty/team";
import type { OnCallSchedule } from "./on-call-schedule";
import { ConstructPropsError } from "./construct-props-error";

/** A level of the escalation: the schedule paged, and how long it has to acknowledge. */
export interface EscalationLevel {
  readonly schedule: OnCallSchedule;
  /** Minutes an unacknowledged incident stays at this level before the next is paged (at least 1). */
  readonly escalateAfterMinutes: number;
}

export interface OnCallEscalationProps {
  /** The policy's name at PagerDuty. */
  readonly name: string;
  readonly description: string;
  /** The levels in order: the first is paged first. At least one. */
  readonly levels: readonly EscalationLevel[];
  /** Times every level is paged again when nobody acknowledges (0-9). @default 0 */
  readonly repeats?: number;
  /** The team the policy belongs to. @default none */
  readonly team?: Team;
}

/** A PagerDuty escalation policy over schedules: each level pages one schedule's person on call. */
export class OnCallEscalation extends Construct {
  readonly policy: EscalationPolicy;

  constructor(scope: Construct, id: string, props: OnCallEscalationProps) {
    super(scope, id);
    if (props.levels.length === 0) throw new ConstructPropsError("OnCallEscalation", props.name, "levels", "is empty: somebody must be paged");
    this.policy = new EscalationPolicy(this, "policy", {
      name: props.name,
      description: props.description,
      numLoops: props.repeats ?? 0,
      teams: props.team === undefined ? undefined : [props.team.id],
      rule: props.levels.map((level) => ({
        escalationDelayInMinutes: level.escalateAfterMinutes,
        target: [{ type: "schedule_reference", id: level.schedule.schedule.id }],
      })),
    });
  }
}
