import type { App } from "cdktf";
import type { DropletHost } from "../constructs/droplet-host";
import type { Estate } from "../inventory";
import { DigitalOceanDatacenterStack } from "./digitalocean-datacenter-stack";
import { DnsStack } from "./dns-stack";
import type { StateBackend } from "./state-backend";
import { StaticSitesStack } from "./static-sites-stack";

/** Every stack of the estate, for tests and tools that look at one of them. */
export interface PsfEstateStacks {
  readonly datacenters: readonly DigitalOceanDatacenterStack[];
  readonly staticSites: StaticSitesStack;
  readonly dns: DnsStack;
}

/**
 * Declares the whole estate in `app`: a stack per DigitalOcean datacenter, the static sites, and DNS,
 * which references the others. Stack names are state names; see README "Stacks".
 */
export function definePsfEstate(app: App, estate: Estate, backend: StateBackend): PsfEstateStacks {
  const datacenters = estate.datacenters.map((dc) =>
    new DigitalOceanDatacenterStack(app, `digitalocean-${dc.key}`, { estate, datacenter: dc.key, backend }));
  const droplets = new Map<string, DropletHost>();
  for (const stack of datacenters) for (const [key, host] of stack.hosts) droplets.set(key, host);
  const staticSites = new StaticSitesStack(app, "static-sites", { estate, backend });
  const dns = new DnsStack(app, "dns", { estate, backend, droplets, staticSites: staticSites.sites });
  return { datacenters, staticSites, dns };
}
