/**
 * A policy rule (policy/) an item is excused from, written beside the item: why, who answers for it, and until when.
 * Roles, hosts and zones carry them, and the ports every host opens.
 */
import { z } from "zod";
import { dayProblem, exceptionTermProblems } from "../exception-term";
import { ownerKey, text, type Shape } from "./blocks";

const day = text(dayProblem);

/**
 * An exception's term is checked by exception-term.ts, which the policy also runs on exceptions read back as data;
 * here, only between two days that are dates (the fields report those that are not).
 */
export const PolicyException = z
  .strictObject({
    /** The rule's id, e.g. `network.ssh-from-admin-sources`. */
    rule: text(),
    /** Why the item may break the rule, and what would end the exception. */
    reason: text(),
    /** Owner key of who answers for the exception and ends it: the owner of the item's hosts, or the infrastructure staff. */
    owner: ownerKey,
    /** The day (YYYY-MM-DD, UTC) it was granted: the day the change adding or renewing it is merged. */
    granted: day,
    /**
     * The last day (YYYY-MM-DD, UTC) it counts, at most 180 days after `granted` (inventory/exception-term.ts); an
     * expired exception fails synthesis.
     */
    expires: day,
  })
  .superRefine((exception, ctx) => {
    if (dayProblem(exception.granted) !== undefined || dayProblem(exception.expires) !== undefined) return;
    for (const { field, problem } of exceptionTermProblems(exception)) ctx.addIssue({ code: "custom", path: [field], message: problem });
  });
/** A policy rule (policy/) an item is excused from, written beside the item: why, who answers for it, and until when. */
export type PolicyException = Shape<typeof PolicyException>;

/** The exceptions written beside an item. */
export const policyExceptions = z.array(PolicyException).optional();
