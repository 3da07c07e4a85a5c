/*
 * The estate's facts as data, for the tools that must judge a synthesized estate without running the code that
 * synthesized it (the review, which never runs a pull request's code where it decides). Synthesis writes them beside
 * the configurations (`cdktf.out/estate-facts.json`); a reader checks them with `parseEstateFacts`.
 */
import { z } from "zod";
import type { Estate, PolicyExceptionSubject } from "./estate";
import type { PolicyException, PortRange } from "./shape";
import { byString, compareStrings } from "../values/string-order";

/** The file, beside cdktf's manifest, that holds them. */
export const ESTATE_FACTS_FILE = "estate-facts.json";

/**
 * Where the estate may point its names, its CDN and its code: what it owns or has chosen. A destination outside
 * these (and outside the addresses its own resources were given by their providers) is someone else's.
 */
export interface OwnedDestinations {
  /** The zones the estate hosts, and the PSF's zones kept elsewhere: every name in them is the PSF's. */
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

/** A port or inclusive range on one protocol, as the policy compares it with a firewall rule. */
export interface PortFacts {
  readonly protocol: "tcp" | "udp";
  readonly from: number;
  readonly to: number;
}

/**
 * What the policy's rules read of the inventory (policy/), so that they judge a configuration from data alone: the
 * code that runs them is the caller's (the base revision's, in a review), the facts are the synthesized estate's.
 */
export interface PolicyFacts {
  /** Each role: the ports it declares open to the world (those every host opens included) and to Fastly's ranges. */
  readonly roles: readonly { readonly name: string; readonly worldPorts: readonly PortFacts[]; readonly fastlyPorts: readonly PortFacts[] }[];
  /** Each droplet host: its FQDN (what a finding and an exception name), its droplet's name, and whether it holds data. */
  readonly hosts: readonly { readonly fqdn: string; readonly dropletName: string; readonly holdsData: boolean }[];
  readonly zones: readonly { readonly name: string }[];
  /** Every policy exception the inventory records, with the item it is written beside, in the inventory's order. */
  readonly exceptions: readonly PolicyExceptionFacts[];
}

/** A policy exception and the item it is written beside. */
export interface PolicyExceptionFacts extends PolicyException {
  readonly subject: PolicyExceptionSubject;
}

export interface EstateFacts {
  readonly version: 1;
  readonly owned: OwnedDestinations;
  readonly policy: PolicyFacts;
}

const text = z.string().min(1).max(2048);
const list = z.array(text).max(10_000);
const port = z.number().int().min(1).max(65535);
const portFacts = z.strictObject({ protocol: z.enum(["tcp", "udp"]), from: port, to: port });
const ports = z.array(portFacts).max(10_000);
const exceptionSubject = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("common-ports") }),
  z.strictObject({ kind: z.literal("role"), name: text }),
  z.strictObject({ kind: z.literal("host"), name: text }),
  z.strictObject({ kind: z.literal("zone"), name: text }),
]);
// Dates stay strings here: the policy checks an exception's term and reports it as the exception's problem.
const exceptionFacts = z.strictObject({ subject: exceptionSubject, rule: text, reason: text, owner: text, granted: text, expires: text });
const factsSchema = z
  .object({
    version: z.literal(1),
    owned: z.object({ zones: list, names: list, addresses: list, caaIssuers: list, codeRepositories: list, buildpacks: list }).strict(),
    policy: z.strictObject({
      roles: z.array(z.strictObject({ name: text, worldPorts: ports, fastlyPorts: ports })).max(10_000),
      hosts: z.array(z.strictObject({ fqdn: text, dropletName: text, holdsData: z.boolean() })).max(10_000),
      zones: z.array(z.strictObject({ name: text })).max(10_000),
      exceptions: z.array(exceptionFacts).max(10_000),
    }),
  })
  .strict();

/** The facts of `estate`, each list sorted and without repeats, so that the same estate writes the same bytes. */
export function estateFacts(estate: Estate): EstateFacts {
  const sorted = (values: readonly string[]): string[] => [...new Set(values)].sort(compareStrings);
  return {
    version: 1,
    owned: {
      // The PSF's zones kept elsewhere (by hand) are the PSF's too: a name in them is no one else's.
      zones: sorted([...estate.zones, ...estate.externalZones].map((z) => z.name)),
      names: sorted([
        estate.fastlyEdge.dualstackCname,
        ...estate.externalHosts.map((h) => h.name),
        ...estate.externalServices.flatMap((s) => s.names),
      ]),
      addresses: sorted([...estate.fastlyEdge.apexIpv4, ...estate.fastlyEdge.apexIpv6].map((a) => a.toLowerCase())),
      caaIssuers: sorted(estate.caa.issuers),
      codeRepositories: sorted(estate.heroku.apps.map((app) => app.codeRepository)),
      buildpacks: sorted(estate.heroku.apps.flatMap((app) => app.buildpacks ?? [])),
    },
    policy: policyFacts(estate),
  };
}

function policyFacts(estate: Estate): PolicyFacts {
  const portFacts = (list: readonly PortRange[]): PortFacts[] => list.map(({ protocol, from, to }) => ({ protocol, from, to }));
  return {
    roles: estate.roles
      .map((role) => ({ name: role.name, worldPorts: portFacts(estate.worldPorts(role)), fastlyPorts: portFacts(role.fastlyPorts) }))
      .sort(byString((r) => r.name)),
    hosts: estate.hosts.map((host) => ({ fqdn: host.fqdn, dropletName: host.dropletName, holdsData: host.holdsData })).sort(byString((h) => h.fqdn)),
    zones: estate.zones.map((zone) => ({ name: zone.name })).sort(byString((z) => z.name)),
    // Field by field, in one order, so that the review can tell the head's exceptions from the base's by their JSON.
    exceptions: estate.policyExceptions().map(({ subject, exception }) => ({
      subject,
      rule: exception.rule,
      reason: exception.reason,
      owner: exception.owner,
      granted: exception.granted,
      expires: exception.expires,
    })),
  };
}

/** Checks facts read from a file; throws with every problem, each naming its field. */
export function parseEstateFacts(value: unknown, where: string): EstateFacts {
  const parsed = factsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new Error(
    `${where}: not the estate's facts: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(top level)"}: ${i.message}`).join("; ")}`,
  );
}
