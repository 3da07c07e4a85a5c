/*
 * What the estate owns, for judging where a change points: the base revision's facts (its zones, Fastly's edge
 * names and addresses it points at, its CAA issuers, its code repositories and buildpacks) and the places the
 * clouds gave the estate's own objects (a droplet's address, a Heroku domain's DNS target, a zone's name servers:
 * the attributes `reachableAt` names in provider-schemas/facts), as Terraform's plans and states show them. Moving
 * a name between two of these is the estate's business; pointing it anywhere else hands it to someone else.
 */
import { isIPv4, isIPv6 } from "node:net";
import { formatAddress, parseAddress } from "../../values/address-ranges";
import { isInZone } from "../../values/dns-names";
import type { OwnedDestinations } from "../../inventory/estate-facts";
import { RESOURCE_TYPE_FACTS } from "../../provider-schemas/facts";
import { resourceBody, type Configurations } from "../configuration";
import { isRecord } from "../json";

export interface Ownership {
  /** A host name in the estate's zones, one it records, or one the clouds gave its objects. */
  ownsName(name: string): boolean;
  /** An address the estate points at by choice, or one the clouds gave its objects. */
  ownsAddress(address: string): boolean;
  /** A name or an address the estate owns. */
  ownsDestination(destination: string): boolean;
  /** An AWS account the estate's own providers run as. */
  ownsAccount(account: string): boolean;
  /** A certificate authority the estate's zones allow. */
  ownsIssuer(issuer: string): boolean;
  /** A repository of an organization whose code the estate already runs. */
  ownsRepository(url: string): boolean;
  /** A buildpack the estate uses, one of Heroku's own (`heroku/…`), or one from a repository it owns. */
  ownsBuildpack(buildpack: string): boolean;
  /** Every zone the estate hosts. */
  readonly zones: readonly string[];
}

/** An object as a plan or a state shows it. */
export interface KnownObject {
  readonly stack: string;
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly values: unknown;
}

/** A host name as DNS compares it: lower case, without the root's dot. */
export function canonicalName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, "");
}

/** An address in one spelling (RFC 5952 for IPv6: lower case, zeros compressed), or the text as it is when it is none. */
export function canonicalAddress(address: string): string {
  const parsed = parseAddress(address.trim());
  return parsed === undefined ? address.trim().toLowerCase() : formatAddress(parsed);
}

/** The host of a URL (`https://x.herokuapp.com/` → `x.herokuapp.com`), or undefined. */
export function urlHost(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.hostname === "" ? undefined : canonicalName(url.hostname.replace(/^\[|\]$/g, ""));
  } catch {
    return undefined;
  }
}

/** `owner/repo` of a GitHub-like URL, lower case, or undefined. */
function repositoryPath(url: string): { host: string; owner: string } | undefined {
  const [, host, owner] = /^(?:https?:\/\/|git@|ssh:\/\/git@)([^/:]+)[/:]([^/]+)\//i.exec(`${url.trim()}/`) ?? [];
  return host === undefined || owner === undefined ? undefined : { host: host.toLowerCase(), owner: owner.toLowerCase() };
}

/**
 * The estate's ownership: `facts` from the base revision, `objects` as the review's plans and states show them.
 * A `reachableAt` value counts only where the object's configuration leaves it to the cloud.
 */
export function ownership(facts: OwnedDestinations, objects: readonly KnownObject[], configurations: readonly Configurations[]): Ownership {
  const names = new Set(facts.names.map(canonicalName));
  const addresses = new Set(facts.addresses.map(canonicalAddress));
  const accounts = new Set<string>();
  const zones = facts.zones.map(canonicalName);
  const add = (value: unknown): void => {
    if (typeof value !== "string" || value === "") return;
    if (isIPv4(value) || isIPv6(value)) addresses.add(canonicalAddress(value));
    else names.add(canonicalName(urlHost(value) ?? value));
  };
  for (const object of objects) {
    if (!isRecord(object.values)) continue;
    if (object.mode === "data") {
      if (object.type === "aws_caller_identity" && typeof object.values["account_id"] === "string") accounts.add(object.values["account_id"]);
      continue;
    }
    for (const attribute of RESOURCE_TYPE_FACTS[object.type]?.reachableAt ?? []) {
      const configured = configurations.some((c) => resourceBody(c.get(object.stack), object.address)?.[attribute] !== undefined);
      if (configured) continue;
      const value = object.values[attribute];
      // A place may be a block's field (a TLS subscription's challenges: `record_value`), once the plan knows it.
      for (const one of Array.isArray(value) ? value : [value]) {
        if (isRecord(one)) for (const field of Object.values(one)) add(field);
        else add(one);
      }
    }
  }
  const owners = new Set(
    facts.codeRepositories.flatMap((url) => {
      const path = repositoryPath(url);
      return path === undefined ? [] : [`${path.host}/${path.owner}`];
    }),
  );
  const ownsName = (name: string): boolean => {
    const canonical = canonicalName(name);
    return names.has(canonical) || zones.some((zone) => isInZone(canonical, zone));
  };
  const ownsAddress = (address: string): boolean => addresses.has(canonicalAddress(address));
  const ownsRepository = (url: string): boolean => {
    const path = repositoryPath(url);
    return path !== undefined && owners.has(`${path.host}/${path.owner}`);
  };
  return {
    zones,
    ownsName,
    ownsAddress,
    ownsDestination: (destination) => (isIPv4(destination.trim()) || isIPv6(destination.trim()) ? ownsAddress(destination) : ownsName(destination)),
    ownsAccount: (account) => accounts.has(account),
    ownsIssuer: (issuer) => facts.caaIssuers.map(canonicalName).includes(canonicalName(issuer)),
    ownsRepository,
    ownsBuildpack: (buildpack) => facts.buildpacks.includes(buildpack) || /^heroku\/[a-z0-9-]+$/.test(buildpack) || ownsRepository(buildpack),
  };
}
