/** Validates destruction allowances, which may come from a file in the change under review. */
import type { DestructionAllowance } from "./types";
import { compareStrings, isRecord } from "./json";

export class AllowanceError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid destruction allowances:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "AllowanceError";
  }
}

/** Returns the allowances sorted, or throws an AllowanceError listing every problem at once. */
export function validateAllowances(input: unknown): DestructionAllowance[] {
  if (!Array.isArray(input)) throw new AllowanceError(["DESTRUCTION_ALLOWANCES must be an array"]);
  const problems: string[] = [];
  const seen = new Set<string>();
  const valid: DestructionAllowance[] = [];
  input.forEach((entry: unknown, index: number) => {
    const where = `entry ${index}`;
    if (!isRecord(entry)) {
      problems.push(`${where}: must be an object { stack, address, reason }`);
      return;
    }
    const stack = entry["stack"];
    const address = entry["address"];
    const reason = entry["reason"];
    const entryProblems: string[] = [];
    if (typeof stack !== "string" || stack.trim() === "") entryProblems.push(`${where}: "stack" must be a non-empty string`);
    if (typeof address !== "string" || !/^(data\.)?[A-Za-z][\w-]*\.[A-Za-z_][\w-]*$/.test(address)) {
      entryProblems.push(`${where}: "address" must be a Terraform address such as aws_s3_bucket.site`);
    }
    if (typeof reason !== "string" || reason.trim() === "") {
      entryProblems.push(`${where}: "reason" must say why destroying ${typeof address === "string" ? address : "it"} is intended`);
    }
    problems.push(...entryProblems);
    if (entryProblems.length > 0 || typeof stack !== "string" || typeof address !== "string" || typeof reason !== "string") return;
    const key = `${stack}\u0000${address}`;
    if (seen.has(key)) {
      problems.push(`${where}: ${stack} ${address} is allowed twice`);
      return;
    }
    seen.add(key);
    valid.push({ stack, address, reason: reason.trim() });
  });
  if (problems.length > 0) throw new AllowanceError(problems);
  return valid.sort((a, b) => compareStrings(a.stack, b.stack) || compareStrings(a.address, b.address));
}
