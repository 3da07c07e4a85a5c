/*
 * The estate's facts as data, for the tools that must judge a synthesized estate without running the code that
 * synthesized it (the review, which never runs a pull request's code where it decides). Synthesis writes them beside
 * the configurations (`cdktf.out/estate-facts.json`); a reader checks them with `parseEstateFacts`.
 */
import { z } from "zod";
import type { Estate } from "./estate";

/** The file, beside cdktf's manifest, that holds them. */
export const ESTATE_FACTS_FILE = "estate-facts.json";

/**
 * Where the estate may point its names, its CDN and its code: what it owns or has chosen. A destination outside
 * these (and outside the addresses its own resources were given by their providers) is someone else's.
 */
export interface OwnedDestinations {
  /** The zones the estate hosts: every name in them is the estate's. */
  readonly zones: readonly string[];
  /** Names outside those zones the estate points at: Fastly's edge name for python.org, hosts and services it records. */
  readonly names: readonly string[];
  /** Addresses the estate points at that no resource of its own holds: Fastly's anycast addresses for python.org. */
  readonly addresses: readonly string[];
  /** The certificate authorities the zones allow (CAA). */
  readonly caaIssuers: readonly string[];
  /** The repositories whose code runs on the estate's Heroku apps. */
  readonly codeRepositories: readonly string[];
  /** The buildpacks the estate's Heroku apps are built with. */
  readonly buildpacks: readonly string[];
}

export interface EstateFacts {
  readonly version: 1;
  readonly owned: OwnedDestinations;
}

const list = z.array(z.string().min(1).max(2048)).max(10_000);
const factsSchema = z.object({
  version: z.literal(1),
  owned: z.object({ zones: list, names: list, addresses: list, caaIssuers: list, codeRepositories: list, buildpacks: list }).strict(),
}).strict();

/** The facts of `estate`, each list sorted and without repeats, so that the same estate writes the same bytes. */
export function estateFacts(estate: Estate): EstateFacts {
  const sorted = (values: readonly string[]): string[] => [...new Set(values)].sort();
  return {
    version: 1,
    owned: {
      zones: sorted(estate.zones.map((z) => z.name)),
      names: sorted([
        estate.fastlyEdge.dualstackCname,
        ...estate.externalHosts.map((h) => h.fqdn),
        ...estate.externalServices.flatMap((s) => s.names),
      ]),
      addresses: sorted([...estate.fastlyEdge.apexIpv4, ...estate.fastlyEdge.apexIpv6].map((a) => a.toLowerCase())),
      caaIssuers: sorted(estate.caa.issuers),
      codeRepositories: sorted(estate.heroku.apps.map((app) => app.codeRepository)),
      buildpacks: sorted(estate.heroku.apps.flatMap((app) => app.buildpacks ?? [])),
    },
  };
}

/** Checks facts read from a file; throws with every problem, each naming its field. */
export function parseEstateFacts(value: unknown, where: string): EstateFacts {
  const parsed = factsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new Error(`${where}: not the estate's facts: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(top level)"}: ${i.message}`).join("; ")}`);
}
