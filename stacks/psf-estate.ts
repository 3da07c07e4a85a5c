import type { App } from "cdktf";
import type { DropletHost } from "../constructs/droplet-host";
import type { Estate } from "../inventory";
import { compareStrings } from "../values/string-order";
import { DatabaseStack } from "./database-stack";
import { DatadogStack } from "./datadog-stack";
import { DigitalOceanDatacenterStack } from "./digitalocean-datacenter-stack";
import { DnsStack } from "./dns-stack";
import { FastlyStack } from "./fastly-stack";
import { GandiStack } from "./gandi-stack";
import { HerokuStack } from "./heroku-stack";
import type { EstateStackProps } from "./estate-stack";
import { PagerDutyStack } from "./pagerduty-stack";
import { PingdomStack } from "./pingdom-stack";
import { StateStack } from "./state-stack";
import { StaticSitesStack } from "./static-sites-stack";

/** Every stack of the estate, for tests and tools that look at one of them. */
export interface PsfEstateStacks {
  readonly datacenters: readonly DigitalOceanDatacenterStack[];
  readonly database: DatabaseStack;
  readonly staticSites: StaticSitesStack;
  readonly heroku: HerokuStack;
  readonly dns: DnsStack;
  readonly fastly: FastlyStack;
  readonly gandi: GandiStack;
  readonly pagerduty: PagerDutyStack;
  readonly datadog: DatadogStack;
  readonly pingdom: PingdomStack;
  /** The S3 backend's state bucket, when the inventory declares one. */
  readonly state: StateStack | undefined;
}

/**
 * Declares the whole estate in `app`: a stack per DigitalOcean datacenter; the managed database cluster in a
 * stack of its own, which reads its datacenter's (its state holds the database credentials, so no stack that
 * others read holds them); the static sites, Heroku, and DNS, which references the datacenters, the sites and
 * Heroku; then Fastly, whose certificates' challenge records go into the zones, and Gandi, the registrar, which
 * publishes the zones' name servers and keys. On-call at PagerDuty comes before the monitoring that pages it:
 * Datadog reads the PagerDuty services' routing keys, Pingdom alerts through integrations made from them. Stack
 * names are state names; see README "Stacks".
 */
export function definePsfEstate(app: App, estate: Estate, common: EstateStackProps): PsfEstateStacks {
  const datacenters = estate.datacenters.map(
    (dc) => new DigitalOceanDatacenterStack(app, `digitalocean-${dc.key}`, { ...common, estate, datacenter: dc.key }),
  );
  const droplets = new Map<string, DropletHost>();
  for (const stack of datacenters) for (const [key, host] of stack.hosts) droplets.set(key, host);
  // A host moved from another datacenter of the same region keeps its droplet: the old stack hands its state over.
  for (const host of estate.hosts) {
    const previousDatacenter = host.previously?.datacenter;
    if (previousDatacenter === undefined || previousDatacenter === host.datacenter) continue;
    const from = datacenters.find((stack) => stack.datacenter === previousDatacenter);
    const to = datacenters.find((stack) => stack.datacenter === host.datacenter);
    if (from === undefined || to === undefined) throw new Error(`definePsfEstate: no datacenter stack for the move of host "${host.key}"`);
    from.handOver(to.hostAddresses(host.key), to.stackName);
  }
  // Salt admits every host of the estate: a datacenter's firewalls read the others' droplets.
  for (const stack of datacenters) {
    stack.protectRoles(
      [...droplets]
        .filter(([key]) => !stack.hosts.has(key))
        .sort(([a], [b]) => compareStrings(a, b))
        .map(([, host]) => host),
    );
  }
  const databaseDatacenter = datacenters.find((stack) => stack.datacenter === estate.databaseCluster.datacenter);
  if (databaseDatacenter === undefined)
    throw new Error(`definePsfEstate: no datacenter stack for the database cluster's datacenter "${estate.databaseCluster.datacenter}"`);
  const database = new DatabaseStack(app, `${databaseDatacenter.stackName}-database`, { ...common, estate, datacenter: databaseDatacenter });
  const staticSites = new StaticSitesStack(app, "static-sites", { ...common, estate });
  const heroku = new HerokuStack(app, "heroku", { ...common, estate });
  const dns = new DnsStack(app, "dns", { ...common, estate, droplets, staticSites: staticSites.sites, herokuApps: heroku.apps });
  const fastly = new FastlyStack(app, "fastly", { ...common, estate, herokuApps: heroku.apps, zones: dns.zones, staticSites: staticSites.sites });
  const gandi = new GandiStack(app, "gandi", { ...common, estate, zones: dns.zones });
  const pagerduty = new PagerDutyStack(app, "pagerduty", { ...common, estate });
  const datadog = new DatadogStack(app, "datadog", { ...common, estate, pagingServices: pagerduty.services });
  const pingdom = new PingdomStack(app, "pingdom", { ...common, estate });
  // The S3 backend's bucket: the state of the others, for whoever keeps it there (PSF_ESTATE_BACKEND=s3).
  const state = estate.stateStore !== undefined ? new StateStack(app, "state", { ...common, estate, store: estate.stateStore }) : undefined;
  return { datacenters, database, staticSites, heroku, dns, fastly, gandi, pagerduty, datadog, pingdom, state };
}
