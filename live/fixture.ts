/*
 * A live snapshot derived from a rehearsal, for tests and for trying the commands offline: the estate as the code
 * applies it (every stack rehearsed through the provider twin, its state read as `npm run live-snapshot` reads the
 * clouds'), then a list of edits that make it look like a live estate someone has touched by hand. The same
 * configuration always gives the same snapshot: the twin's values are drawn from the configuration.
 */
import { compareStrings } from "../values/string-order";
import { stableStringify } from "../review/json";
import type { RehearsalOptions, RehearsalResult } from "../twin/rehearsal/rehearse";
import { typesNeedingIdsByHand } from "./discovery";
import { importIdOfState } from "./import-id";
import { inSetOrder } from "./set-order";
import {
  formatSnapshot,
  parseSnapshot,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  sortObjects,
  type Snapshot,
  type SnapshotDataSource,
  type SnapshotObject,
} from "./snapshot";
import { importIdsByStateId, objectsOfStateFile, snapshotDataSource, snapshotObject, typeSchemas, type StateObject } from "./state-objects";

/** Finds one object of the snapshot, by type and a predicate on its values. */
export interface ObjectMatch {
  readonly type: string;
  /** Values the object has (`{ name: "wiki.nyc1.psf.io" }`). */
  readonly where: Readonly<Record<string, unknown>>;
}

/** One deliberate difference between the estate as applied and the live estate. */
export type FixtureEdit =
  /** Something changed by hand: `change` gets the object's values and returns them changed. */
  | {
      readonly kind: "change";
      readonly object: ObjectMatch;
      readonly change: (values: Record<string, unknown>) => Record<string, unknown>;
      readonly what: string;
    }
  /** An object that does not exist live (deleted by hand, or never made). */
  | { readonly kind: "remove"; readonly object: ObjectMatch; readonly what: string }
  /** An object nobody's code declares; `values` gets the snapshot so far, to read the ids it refers to (a zone's). */
  | {
      readonly kind: "add";
      readonly type: string;
      readonly values: (objects: readonly SnapshotObject[]) => Record<string, unknown>;
      readonly what: string;
    };

export interface FixtureOptions {
  /** Every stack's state after the rehearsal's apply (`terraform.<stack>.tfstate`, parsed), by stack. */
  readonly states: ReadonlyMap<string, unknown>;
  readonly terraformVersion: string;
  readonly edits: readonly FixtureEdit[];
  /** The day the snapshot says it was taken (fixed, so the file does not change with the clock). */
  readonly taken: string;
  readonly root?: string;
}

/** Whether an object's values include every value of `where`. */
export function matches(object: { readonly type: string; readonly values: Readonly<Record<string, unknown>> }, match: ObjectMatch): boolean {
  return (
    object.type === match.type && Object.entries(match.where).every(([key, value]) => stableStringify(object.values[key]) === stableStringify(value))
  );
}

export interface Fixture {
  readonly snapshot: Snapshot;
  /**
   * The import ids an adopter gives by hand (the types discovery cannot find: live/discovery.ts), by stack and address,
   * as adoption/import-ids.json holds them: for `npm run adopt -- --live <fixture> --import-ids <these>`.
   */
  readonly idsByHand: Record<string, Record<string, string>>;
}

/** The snapshot of the rehearsed estate with the edits made. Throws when an edit matches no object or several. */
export function deriveFixture(options: FixtureOptions, stateObjects: (state: unknown) => StateObject[]): Fixture {
  const idsByHand: Record<string, Record<string, string>> = {};
  const schemas = typeSchemas(options.root);
  const objects = new Map<string, SnapshotObject>();
  const dataSources = new Map<string, SnapshotDataSource>();
  for (const stack of [...options.states.keys()].sort(compareStrings)) {
    const all = stateObjects(options.states.get(stack));
    const importIdOf = importIdsByStateId(all);
    for (const object of all) {
      if (object.mode === "data") {
        const read = snapshotDataSource(object, schemas.dataSources);
        if (read !== undefined) dataSources.set(stableStringify([read.type, read.arguments]), read);
        continue;
      }
      const kept = snapshotObject(object, schemas.resources, importIdOf);
      if (kept === undefined) continue;
      objects.set(`${kept.type}\0${kept.importId}`, kept);
      if (typesNeedingIdsByHand([kept.type]).length > 0) (idsByHand[stack] ??= {})[object.address] = kept.importId;
    }
  }
  // Route 53 makes a zone's SOA and NS record sets with the zone: the live zone holds them though no stack declares them.
  for (const zone of [...objects.values()].filter((o) => o.type === "aws_route53_zone")) {
    for (const values of zoneOwnRecords(zone.values)) {
      const importId = importIdOfState("aws_route53_record", values);
      if (importId !== undefined) objects.set(`aws_route53_record\0${importId}`, { type: "aws_route53_record", importId, values });
    }
  }
  for (const edit of options.edits) {
    switch (edit.kind) {
      case "change":
      case "remove": {
        const found = [...objects].filter(([, o]) => matches(o, edit.object));
        const [only] = found;
        if (found.length !== 1 || only === undefined)
          throw new Error(`fixture edit "${edit.what}": ${found.length} objects of ${edit.object.type} match ${stableStringify(edit.object.where)}`);
        const [key, object] = only;
        if (edit.kind === "remove") objects.delete(key);
        else objects.set(key, { ...object, values: edit.change(structuredClone(object.values)) });
        break;
      }
      case "add": {
        const values = edit.values([...objects.values()]);
        const importId = importIdOfState(edit.type, values);
        if (importId === undefined) throw new Error(`fixture edit "${edit.what}": no import id for a ${edit.type} with ${stableStringify(values)}`);
        objects.set(`${edit.type}\0${importId}`, { type: edit.type, importId, values });
        break;
      }
    }
  }
  // What an edit changed or added is in the snapshot's set order too, as a snapshot of the clouds writes it.
  for (const [key, object] of objects) {
    const schema = schemas.resources.get(object.type);
    if (schema === undefined) continue;
    const ordered = inSetOrder(schema.block, object.values, object.withheld);
    objects.set(key, { ...object, values: ordered.values, ...(ordered.withheld !== undefined ? { withheld: ordered.withheld } : {}) });
  }
  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    taken: options.taken,
    source: `derived from a rehearsal of the estate (the code applied through the provider twin), with ${options.edits.length} edits made by hand: ${options.edits.map((e) => e.what).join("; ")}`,
    terraformVersion: options.terraformVersion,
    providers: {},
    objects: sortObjects([...objects.values()]),
    dataSources: [...dataSources.values()],
  };
  // An object removed by an edit is not live: no id for it.
  for (const [stack, ids] of Object.entries(idsByHand)) {
    idsByHand[stack] = Object.fromEntries(
      Object.entries(ids).filter(([address, id]) => snapshot.objects.some((o) => o.importId === id && address.startsWith(`${o.type}.`))),
    );
  }
  return { snapshot, idsByHand };
}

/** A record set as the AWS provider keeps it in state: every attribute it writes, its id being its import id. */
export function recordSetState(zoneId: string, name: string, type: string, ttl: number, records: readonly string[]): Record<string, unknown> {
  return {
    alias: [],
    allow_overwrite: false,
    cidr_routing_policy: [],
    failover_routing_policy: [],
    fqdn: name,
    geolocation_routing_policy: [],
    geoproximity_routing_policy: [],
    id: `${zoneId}_${name}_${type}`,
    latency_routing_policy: [],
    name,
    records: [...records],
    ttl,
    type,
    weighted_routing_policy: [],
    zone_id: zoneId,
  };
}

/** The SOA and NS record sets Route 53 creates at a zone's apex, with Route 53's TTLs. */
function zoneOwnRecords(zone: Readonly<Record<string, unknown>>): Record<string, unknown>[] {
  const name = String(zone["name"]);
  const zoneId = String(zone["id"]);
  const servers = Array.isArray(zone["name_servers"]) ? zone["name_servers"].map(String) : [];
  const set = (type: string, ttl: number, records: readonly string[]): Record<string, unknown> => recordSetState(zoneId, name, type, ttl, records);
  return [
    set(
      "NS",
      172800,
      servers.map((s) => `${s}.`),
    ),
    set("SOA", 900, [`${servers[0] ?? "ns"}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400`]),
  ];
}

/**
 * The rehearsal a fixture is derived from: every stack planned and applied through the provider twin, each state kept.
 * Validation and the second plan are left out: they prove nothing about the state a fixture reads, and the rehearsal
 * tests run them. `npm run live-fixture` and the test that checks the committed fixture both rehearse with these.
 */
export function fixtureRehearsalOptions(
  base: Pick<RehearsalOptions, "root" | "twinBundle" | "env" | "progress"> & Partial<RehearsalOptions>,
): RehearsalOptions {
  return { stacks: [], planOnly: false, adopt: false, ...base, converge: false, validate: false, returnStates: true };
}

/** The fixture of a rehearsal made with `fixtureRehearsalOptions`; throws, naming the failed steps, when it failed. */
export function fixtureFromRehearsal(result: RehearsalResult, edits: readonly FixtureEdit[], taken: string, root?: string): Fixture {
  if (result.failures.length > 0) throw new Error(`the rehearsal failed (${result.failures.map((f) => `${f.stack}, ${f.step}`).join("; ")})`);
  const states = new Map(result.stacks.map((s) => [s.stack, s.state]));
  return deriveFixture(
    { states, terraformVersion: result.terraformVersion, edits, taken, ...(root !== undefined ? { root } : {}) },
    objectsOfStateFile,
  );
}

/** The fixture's two files as `npm run live-fixture` writes them, byte for byte: the snapshot, and the ids given by hand. */
export function fixtureFileTexts(fixture: Fixture, snapshotFile: string): { readonly snapshot: string; readonly idsByHand: string } {
  return { snapshot: formatSnapshot(parseSnapshot(fixture.snapshot, snapshotFile)), idsByHand: `${stableStringify(fixture.idsByHand, 2)}\n` };
}
