/**
 * The schema's issues as the inventory's problems: each a line in the house style, `<item> field "<field>": <problem>`,
 * naming the item (item-kinds.ts) and the field, and saying what is wrong in words, with the value.
 */
import type { z } from "zod";
import type { ProblemList } from "../inventory-error";
import { quote } from "./blocks";
import { EstateInventory } from "./index";
import { asRecord, locate } from "./item-kinds";

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  record: "an object",
};

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  return `${quote(value)}, ${typeof value === "string" ? "a string" : typeof value === "number" ? "a number" : typeof value === "boolean" ? "a boolean" : typeof value}`;
}

/** The problem an issue stands for, in words; `input` is the value the issue is about. */
function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      if (input === undefined) return `is missing (${TYPE_NAMES[issue.expected] ?? issue.expected})`;
      if (issue.expected === "int") return `${quote(input)} is not a whole number`;
      return `is ${describeValue(input)}, where ${TYPE_NAMES[issue.expected] ?? issue.expected} is wanted`;
    case "invalid_value":
      return `${input === undefined ? "is missing" : `${quote(input)} is not`} ${issue.values.length === 1 ? quote(issue.values[0]) : `one of ${issue.values.map(quote).join(", ")}`}`;
    case "invalid_union":
      if (issue.discriminator !== undefined) {
        const options = ("options" in issue ? (issue.options ?? []) : []).map(quote).join(", ");
        return input === undefined ? `is missing (one of ${options})` : `${quote(input)} is not one of ${options}`;
      }
      return `${quote(input)} is none of the forms the field takes`;
    case "too_small":
      return issue.origin === "array" ? "is empty" : `${quote(input)} is below ${String(issue.minimum)}`;
    case "too_big":
      return `${quote(input)} is above ${String(issue.maximum)}`;
    default:
      return issue.message;
  }
}

/** The value at `path` in `input`. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((value, key) => (Array.isArray(value) ? value[key as number] : asRecord(value)?.[String(key)]), input);
}

/**
 * Parses `input` with the inventory's shape. Returns the parsed inventory, or undefined after adding a problem
 * for each issue to `problems`: one per wrong value, missing field and unknown field.
 */
export function parseInventory(input: unknown, problems: ProblemList): EstateInventory | undefined {
  const result = EstateInventory.safeParse(input);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    // The discriminator's issue points at the union; the field is its discriminator.
    const path =
      issue.code === "invalid_union" && issue.discriminator !== undefined && issue.path[issue.path.length - 1] !== issue.discriminator
        ? [...issue.path, issue.discriminator]
        : issue.path;
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const { item, field } = locate(EstateInventory, input, [...path, key]);
        problems.add(item, field, "is not a field the inventory knows (a typo?)");
      }
      continue;
    }
    const { item, field } = locate(EstateInventory, input, path);
    problems.add(item, field, describeIssue(issue, valueAt(input, path)));
  }
  return undefined;
}
