/*
 * The import id of an object Terraform's state holds, from its provider's importer template
 * (provider-schemas/facts: `importId`): `{attribute}` is the state's attribute, `<live …>` the object's own id. A
 * record's `{zone_id}_{name}_{type}`, a droplet's id, a PagerDuty integration's `{service}.<its id>`.
 */
import { RESOURCE_TYPE_FACTS, type ResourceTypeFacts } from "../provider-schemas/facts";

/**
 * The id `terraform import` takes for this object, or undefined when its type has no importer (or no facts).
 * `importIdOf` names, for the state id of another object, the id it is imported by where the two differ (a Heroku app
 * is imported by its name and keeps its UUID): a domain's `{app_id}` is then the app's name, as adoption derives it.
 */
export function importIdOfState(
  type: string,
  values: Readonly<Record<string, unknown>>,
  importIdOf: (stateId: string) => string | undefined = () => undefined,
  facts: Readonly<Record<string, ResourceTypeFacts>> = RESOURCE_TYPE_FACTS,
): string | undefined {
  const template = facts[type]?.importId ?? "";
  if (template === "") return undefined;
  let missing = false;
  const text = (value: unknown): string => {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
    missing = true;
    return "";
  };
  const id = template
    .replace(/\{([a-z0-9_]+)\}/g, (_match, attribute: string) => {
      const value = values[attribute];
      return typeof value === "string" && attribute !== "id" ? (importIdOf(value) ?? value) : text(value);
    })
    .replace(/<live [^>]+>/g, () => text(values["id"]));
  return missing || id === "" ? undefined : id;
}
