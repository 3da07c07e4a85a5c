/**
 * Where a fact of the inventory comes from, so that a reviewer can tell a fact from an assumption and whoever
 * adopts the live estate knows what to check.
 */
export type Source =
  /** The article the project was created from (`shared/seeds/psf-infrastructure-overview.md`), by section. */
  | { readonly kind: "seed"; readonly section: string }
  /** A file the PSF publishes: repository (`owner/name`) and path. */
  | { readonly kind: "public"; readonly repository: string; readonly path: string }
  /** Nobody published it: the value is this project's choice or guess, to check when the live estate is adopted. */
  | { readonly kind: "assumed"; readonly reason: string };
