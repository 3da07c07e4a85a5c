/**
 * Where a fact of the inventory comes from, so that a reviewer can tell a fact from an assumption and whoever adopts the
 * live estate knows what to check: every item says so (`sourcedObject`), and `fieldSources` where a field comes from
 * elsewhere. inventory/source.ts has the helpers the data writes them with (`seed`, `psfSalt`, `assumed`).
 */
import { z } from "zod";
import { matching, text, type Shape } from "./blocks";

export const Source = z.discriminatedUnion("kind", [
  /** The article the project was created from (`shared/seeds/psf-infrastructure-overview.md`), by section. */
  z.strictObject({ kind: z.literal("seed"), section: text() }),
  /** A file the PSF publishes: repository (`owner/name`) and path. */
  z.strictObject({
    kind: z.literal("public"),
    repository: matching(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, "is not a repository's owner/name"),
    path: text(),
  }),
  /** Nobody published it: the value is this project's choice or guess, to check when the live estate is adopted. */
  z.strictObject({ kind: z.literal("assumed"), reason: text(undefined, "is empty: an assumed value says why it was assumed") }),
]);
/** Where a fact of the inventory comes from: a section of the seed article, a file the PSF publishes, or an assumption and why. */
export type Source = Shape<typeof Source>;

/** A knowing difference between an item and the published configuration it comes from. */
export const SourceDifference = z.strictObject({
  /** The field or feature that differs. */
  feature: text(),
  /** What the published configuration has. */
  published: text(),
  /** What the estate has instead, and why. */
  reason: text(),
});
export type SourceDifference = Shape<typeof SourceDifference>;

/**
 * Where an item's values come from: `source` covers each of its fields, unless `fieldSources` names another source for
 * that field.
 */
export const Sourced = z.strictObject({
  /** Where the item's values come from: each of its fields, but those `fieldSources` names. */
  source: Source,
  /**
   * Sources of the fields that come from elsewhere than `source`, by field name, or by a part of a field
   * (`formation.size`: the size of each process; `volume.name`). @default none
   */
  fieldSources: z.record(z.string(), Source).optional(),
  /** Where the item knowingly differs from what its source publishes, and why. @default none */
  differences: z.array(SourceDifference).optional(),
});
export type Sourced = Shape<typeof Sourced>;

/**
 * An item of the inventory: its own fields, and where they come from; a field source must name one of them, or a part
 * of one (`formation.size`: the size of each of its processes).
 */
export function sourcedObject<S extends z.ZodRawShape>(shape: S) {
  const fields = Object.keys(shape);
  return z.strictObject({ ...Sourced.shape, ...shape }).superRefine((item, ctx) => {
    for (const field of Object.keys((item as { fieldSources?: object }).fieldSources ?? {})) {
      const [topField = field] = field.split(".");
      if (!fields.includes(topField))
        ctx.addIssue({ code: "custom", path: ["fieldSources", field], message: `names no field of the item (its fields: ${fields.join(", ")})` });
    }
  });
}
