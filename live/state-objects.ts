/*
 * From what Terraform's state holds to a live snapshot's objects: the state as `terraform show -json` writes it (what
 * `npm run live-snapshot` reads after importing into scratch state), or a state file (version 4, as a rehearsal leaves
 * it, for the test fixture). Each managed object gets its import id (live/import-id.ts), loses its secrets
 * (live/withheld.ts) and its null attributes, and has its sets in the snapshot's order (live/set-order.ts); each data
 * source that asks a cloud keeps its arguments and values.
 */
import { isRecord } from "../review/json";
import { loadProviderSchema, pinnedProviders, type Schema, type SchemaBlock } from "../provider-schemas/schema-file";
import { importIdOfState } from "./import-id";
import { withoutNulls, type SnapshotDataSource, type SnapshotObject } from "./snapshot";
import { inSetOrder } from "./set-order";
import { withholdSecrets } from "./withheld";

/** An object of a state, managed or data. */
export interface StateObject {
  /** Its address in its stack (`digitalocean_droplet.web`). */
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/** Data sources the provider answers without asking the cloud: nothing live to record. */
export const LOCAL_DATA_SOURCES: ReadonlySet<string> = new Set(["aws_iam_policy_document", "terraform_remote_state"]);

/** The objects of `terraform show -json`'s state (its root module and child modules). */
export function objectsOfShownState(shown: unknown): StateObject[] {
  const walk = (module: unknown): StateObject[] => {
    if (!isRecord(module)) return [];
    const resources = Array.isArray(module["resources"]) ? module["resources"].filter(isRecord) : [];
    const children = Array.isArray(module["child_modules"]) ? module["child_modules"] : [];
    return [
      ...resources.map((r): StateObject => ({
        address: String(r["address"]),
        mode: r["mode"] === "data" ? "data" : "managed",
        type: String(r["type"]),
        values: isRecord(r["values"]) ? r["values"] : {},
      })),
      ...children.flatMap(walk),
    ];
  };
  return walk(isRecord(shown) && isRecord(shown["values"]) ? shown["values"]["root_module"] : undefined);
}

/** The objects of a version-4 state file. */
export function objectsOfStateFile(state: unknown): StateObject[] {
  if (!isRecord(state) || state["version"] !== 4 || !Array.isArray(state["resources"])) return [];
  return state["resources"].filter(isRecord).flatMap((resource) => {
    const instances = Array.isArray(resource["instances"]) ? resource["instances"].filter(isRecord) : [];
    return instances.map((instance): StateObject => ({
      address: `${resource["mode"] === "data" ? "data." : ""}${String(resource["type"])}.${String(resource["name"])}${instance["index_key"] === undefined ? "" : `[${JSON.stringify(instance["index_key"])}]`}`,
      mode: resource["mode"] === "data" ? "data" : "managed",
      type: String(resource["type"]),
      values: isRecord(instance["attributes"]) ? instance["attributes"] : {},
    }));
  });
}

/** Every pinned provider's resource and data source schemas, by type. */
export function typeSchemas(root?: string): { resources: ReadonlyMap<string, Schema>; dataSources: ReadonlyMap<string, Schema> } {
  const resources = new Map<string, Schema>();
  const dataSources = new Map<string, Schema>();
  for (const provider of pinnedProviders(root)) {
    const schema = loadProviderSchema(provider, root);
    for (const [type, s] of Object.entries(schema.resource_schemas ?? {})) resources.set(type, s);
    for (const [type, s] of Object.entries(schema.data_source_schemas ?? {})) dataSources.set(type, s);
  }
  return { resources, dataSources };
}

/**
 * For the objects of a state, the import id of each object whose import id is not its state id (a Heroku app's name),
 * by state id: what a domain's or a formation's `{app_id}` becomes in its import id.
 */
export function importIdsByStateId(objects: readonly StateObject[]): (stateId: string) => string | undefined {
  const ids = new Map<string, string>();
  for (const object of objects.filter((o) => o.mode === "managed")) {
    const stateId = object.values["id"];
    const importId = importIdOfState(object.type, object.values);
    if (typeof stateId === "string" && importId !== undefined && importId !== stateId) ids.set(stateId, importId);
  }
  return (stateId) => ids.get(stateId);
}

/** A managed object as the snapshot keeps it; undefined when its type has no importer or no schema here. */
export function snapshotObject(
  object: StateObject,
  schemas: ReadonlyMap<string, Schema>,
  importIdOf?: (stateId: string) => string | undefined,
): SnapshotObject | undefined {
  const schema = schemas.get(object.type);
  const importId = importIdOfState(object.type, object.values, importIdOf);
  if (schema === undefined || importId === undefined) return undefined;
  const { values, withheld } = withholdSecrets(object.type, schema.block, object.values);
  const ordered = inSetOrder(schema.block, withoutNulls(values) as Record<string, unknown>, withheld);
  return { type: object.type, importId, values: ordered.values, ...(ordered.withheld !== undefined ? { withheld: ordered.withheld } : {}) };
}

/** A data source as the snapshot keeps it: the arguments it was read with (what the configuration can set) and what it read. */
export function snapshotDataSource(object: StateObject, schemas: ReadonlyMap<string, Schema>): SnapshotDataSource | undefined {
  const schema = schemas.get(object.type);
  if (schema === undefined || LOCAL_DATA_SOURCES.has(object.type)) return undefined;
  const argumentsOf = (block: SchemaBlock): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(block.attributes ?? {})
        .filter(
          ([name, a]) =>
            (a.required === true || (a.optional === true && a.computed !== true)) &&
            object.values[name] !== null &&
            object.values[name] !== undefined,
        )
        .map(([name]) => [name, object.values[name]]),
    );
  const { values } = withholdSecrets(object.type, schema.block, object.values);
  return {
    type: object.type,
    arguments: argumentsOf(schema.block),
    values: inSetOrder(schema.block, withoutNulls(values) as Record<string, unknown>).values,
  };
}
