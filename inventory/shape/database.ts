/** The managed PostgreSQL cluster and its databases. */
import { z } from "zod";
import {
  DIGITALOCEAN_DEFAULT_DATABASE,
  DIGITALOCEAN_POSTGRES_SIZES,
  DIGITALOCEAN_POSTGRES_VERSIONS,
} from "../../provider-schemas/facts/digitalocean";
import { datacenterKey, offeredProblem, ownerKey, portNumber, slug, text, wholeNumber, type Shape } from "./blocks";
import { asString, ITEM_KINDS } from "./item-kinds";
import { sourcedObject } from "./sources";

/** A database name the managed cluster takes. */
const DATABASE_NAME = /^[a-z][a-z0-9_-]{0,62}$/;

/** A database of the managed PostgreSQL cluster, owned by a user of the same name. */
export const ManagedDatabase = z
  .strictObject({
    name: text((v) =>
      !DATABASE_NAME.test(v)
        ? `"${v}" is not a database name (a lowercase letter, then letters, digits, "_" and "-")`
        : v === DIGITALOCEAN_DEFAULT_DATABASE.name
          ? `"${v}" is the database DigitalOcean makes in every cluster: it exists already, so creating it fails (${DIGITALOCEAN_DEFAULT_DATABASE.source}); name the database after what uses it`
          : undefined,
    ),
    /** The role whose hosts connect to it; only they pass the database firewall. @default none: kept for its data, no host connects */
    usedByRole: slug.optional(),
  })
  .register(ITEM_KINDS, { noun: "database", name: (i) => asString(i?.name) });
export type ManagedDatabase = Shape<typeof ManagedDatabase>;

/** The managed PostgreSQL cluster. */
export const DatabaseCluster = sourcedObject({
  name: slug,
  datacenter: datacenterKey,
  engine: z.literal("pg"),
  /** Major version of PostgreSQL. */
  version: text((v) =>
    /^[0-9]{1,2}$/.test(v)
      ? offeredProblem(v, DIGITALOCEAN_POSTGRES_VERSIONS, "a PostgreSQL version", "DIGITALOCEAN_POSTGRES_VERSIONS", "all")
      : `"${v}" is not a PostgreSQL major version (e.g. 16)`,
  ),
  size: text(),
  // A primary and at most two standby nodes.
  nodeCount: wholeNumber(1, 3, (n) => `${n} is not a node count DigitalOcean runs (1-3: a primary and up to two standbys)`),
  /** Port the cluster listens on; clients connect with TLS verify-full. */
  port: portNumber,
  /**
   * The pooled endpoint on the cluster's host (DigitalOcean's PgBouncer), as Salt names it, and its port. Recorded, not
   * created here: what it pools is not published. @default none
   */
  connectionPool: z.strictObject({ name: slug, port: portNumber }).optional(),
  /** The role whose hosts administer the cluster (create its users and databases): its firewall admits them. */
  administeredByRole: slug,
  owner: ownerKey,
  databases: z.array(ManagedDatabase),
})
  .superRefine((cluster, ctx) => {
    // The sizes DigitalOcean offers depend on the node count (a standby needs more than the smallest plans): checked once
    // the count is one it runs, which its own field reports otherwise.
    const offered = DIGITALOCEAN_POSTGRES_SIZES[cluster.nodeCount];
    const problem =
      offered === undefined
        ? undefined
        : offeredProblem(
            cluster.size,
            offered,
            `a PostgreSQL size of ${cluster.nodeCount} node${cluster.nodeCount === 1 ? "" : "s"}`,
            "DIGITALOCEAN_POSTGRES_SIZES",
            "none",
          );
    if (problem !== undefined) ctx.addIssue({ code: "custom", path: ["size"], message: problem });
  })
  .register(ITEM_KINDS, { noun: "database cluster", name: (i) => asString(i?.name) });
export type DatabaseCluster = Shape<typeof DatabaseCluster>;

/** The managed database's field of the inventory. */
export const databaseFields = {
  databaseCluster: DatabaseCluster,
};
