/*
 * Reading Terraform's plan (review/terraform-plan.ts): each list of actions Terraform writes becomes the action the
 * verdict judges. An action list it did not read would drop the change from the verdict altogether, so each is here,
 * with what must never be dropped: moves, imports, forgets, and the replacement that creates before it destroys.
 */
import { plannedChanges } from "../../review/terraform-plan";

describe("Terraform's plan", () => {
  const plan = (actions: string[]): unknown => ({
    resource_changes: [
      { address: "aws_route53_zone.z", mode: "managed", type: "aws_route53_zone", name: "z", change: { actions, before: {}, after: {} } },
    ],
  });
  it.each([
    [["delete", "create"], "replace", false],
    [["create", "delete"], "replace", true],
    [["delete"], "delete", false],
    [["update"], "update", false],
    [["create"], "create", false],
    [["forget"], "forget", false],
  ])("reads %j as %s", (actions, action, createBeforeDestroy) => {
    const [change] = plannedChanges("dns", plan(actions) as Parameters<typeof plannedChanges>[1]);
    expect(change?.action).toBe(action);
    expect(change?.createBeforeDestroy === true).toBe(createBeforeDestroy);
  });
});

describe("Terraform's plan: what is not a change", () => {
  it("leaves out no-ops and data sources, keeps a move and an import that change nothing else", () => {
    const rc = (address: string, actions: string[], extra: Record<string, unknown> = {}) => ({
      address,
      mode: "managed",
      type: "aws_route53_record",
      name: "r",
      change: { actions, before: {}, after: {}, ...extra },
      ...("previous_address" in extra ? { previous_address: extra.previous_address } : {}),
    });
    const plan = {
      resource_changes: [
        rc("aws_route53_record.same", ["no-op"]),
        {
          address: "data.aws_route53_zone.z",
          mode: "data",
          type: "aws_route53_zone",
          name: "z",
          change: { actions: ["read"], before: null, after: {} },
        },
        { ...rc("aws_route53_record.moved", ["no-op"]), previous_address: "aws_route53_record.old" },
        rc("aws_route53_record.imported", ["no-op"], { importing: { id: "Z123_www.python.org_A" } }),
      ],
    };
    const changes = plannedChanges("dns", plan as Parameters<typeof plannedChanges>[1]);
    expect(changes.map((c) => [c.address, c.action])).toEqual([
      ["aws_route53_record.moved", "move"],
      ["aws_route53_record.imported", "import"],
    ]);
  });
});
