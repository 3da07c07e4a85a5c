/*
 * Destruction: Terraform deletes or replaces (either way round) what holds data or a name the world resolves
 * (policy/protected-resources.ts), or what the base's code protects with lifecycle.prevent_destroy.
 */
import { protectionOf } from "../../policy/protected-resources";
import { resourceBody } from "../configuration";
import { describeReason } from "../terraform-plan";
import { recognizableName } from "./names";
import type { Finding, Judge } from "./types";

export const judgeDestruction: Judge = ({ changes, base }) =>
  changes.flatMap((change): Finding[] => {
    if (change.action !== "delete" && change.action !== "replace") return [];
    const body = resourceBody(base.get(change.stack), change.address) ?? change.before;
    const protection = protectionOf(change.type, body) ?? protectionOf(change.type, change.before);
    if (protection === null) return [];
    const reason = describeReason(change.reason);
    const how =
      change.action === "delete"
        ? `Terraform destroys it (${reason ?? "deleted"})`
        : `Terraform replaces it, ${change.createBeforeDestroy === true ? "creating the new one before destroying the old" : "destroying it first"} (${reason ?? "replacement"}${change.replacePaths.length > 0 ? `: ${change.replacePaths.join(", ")}` : ""})`;
    return [
      {
        class: "destruction",
        kind: change.action === "delete" ? "destroys-protected" : "replaces-protected",
        stack: change.stack,
        subject: change.address,
        name: recognizableName(change),
        detail: `${how}; protected because ${protection}`,
      },
    ];
  });
