/*
 * A Terraform state file (format version 4, as `terraform.<stack>.tfstate` holds it), read into the objects it
 * records: what the review knows the estate's resources hold after the base, or a stack of the head, was applied.
 */
import { isRecord } from "./json";
import type { KnownObject } from "./verdict/ownership";

/** Every object a state records, with its attributes; nothing when the text is not a version-4 state. */
export function stateObjects(stack: string, state: unknown): KnownObject[] {
  if (!isRecord(state) || state["version"] !== 4 || !Array.isArray(state["resources"])) return [];
  return state["resources"].filter(isRecord).flatMap((resource) => {
    const mode = resource["mode"] === "data" ? "data" : "managed";
    const type = String(resource["type"] ?? "");
    const base = `${mode === "data" ? "data." : ""}${type}.${String(resource["name"] ?? "")}`;
    const instances = Array.isArray(resource["instances"]) ? resource["instances"].filter(isRecord) : [];
    return instances.map((instance) => {
      const key = instance["index_key"];
      const address = key === undefined ? base : `${base}[${typeof key === "number" ? key : JSON.stringify(key)}]`;
      return { stack, address, mode, type, values: instance["attributes"] ?? {} } satisfies KnownObject;
    });
  });
}
