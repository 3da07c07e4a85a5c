/**
 * The PSF estate's inventory: every datacenter, host, role, service, zone and owner, as plain data.
 * To add a host, add a row to `hosts.ts`; a public name, a service to `services.ts`; a hand-written
 * record, to its zone in `zones.ts`; a Heroku app, to `heroku.ts`. `loadEstate()` validates it all once. What each
 * item may hold, and what each field means, is its shape (`shape/`), from which every type here follows.
 */
import { DATABASE_CLUSTER } from "./database";
import { DATACENTERS } from "./datacenters";
import { Estate } from "./estate";
import { EXTERNAL_SERVICES, FASTLY_SERVICES } from "./fastly";
import { HEROKU } from "./heroku";
import { EXTERNAL_HOSTS, HOSTS } from "./hosts";
import { METRIC_MONITORING, UPTIME_CHECKING } from "./monitoring";
import { ON_CALL } from "./on-call";
import { OWNERS } from "./owners";
import { PSF_CA } from "./psf-ca";
import { REGISTRAR } from "./registrar";
import { psfSalt, seed } from "./source";
import { COMMON_PORTS_POLICY_EXCEPTIONS, COMMON_WORLD_PORTS, ROLES, SERVICE_DISCOVERY } from "./roles";
import { SERVICES, STATIC_SITES } from "./services";
import { STATE_STORE } from "./state-store";
import type { EstateInventory } from "./shape";
import { CAA_POLICY, EXTERNAL_ZONES, FASTLY_EDGE, HOST_RECORDS, HOST_ZONE, ZONES } from "./zones";

export { Estate, type PolicyExceptionSubject } from "./estate";
export type { EstateHost } from "./estate-host";
export { InventoryError } from "./inventory-error";
export * from "../values/dns-names";
export * from "./dns-records";
export type * from "./monitoring-plan";
export { pagingServiceName } from "./monitoring-plan";
export * from "./ports";
export type * from "./shape";

/** The estate as the PSF runs it. */
export const PSF_INVENTORY: EstateInventory = {
  datacenters: DATACENTERS,
  owners: OWNERS,
  commonWorldPorts: COMMON_WORLD_PORTS,
  commonPortsPolicyExceptions: COMMON_PORTS_POLICY_EXCEPTIONS,
  serviceDiscovery: SERVICE_DISCOVERY,
  roles: ROLES,
  hosts: HOSTS,
  externalHosts: EXTERNAL_HOSTS,
  loadBalancerRole: "loadbalancer",
  infrastructureOwner: "infrastructure-staff",
  hostZone: HOST_ZONE,
  zones: ZONES,
  externalZones: EXTERNAL_ZONES,
  caa: CAA_POLICY,
  fastlyEdge: FASTLY_EDGE,
  hostRecords: HOST_RECORDS,
  registrar: REGISTRAR,
  services: SERVICES,
  staticSites: STATIC_SITES,
  stateStore: STATE_STORE,
  databaseCluster: DATABASE_CLUSTER,
  heroku: HEROKU,
  fastlyServices: FASTLY_SERVICES,
  externalServices: EXTERNAL_SERVICES,
  psfCa: PSF_CA,
  onCall: ON_CALL,
  uptimeChecking: UPTIME_CHECKING,
  metricMonitoring: METRIC_MONITORING,
  factSources: {
    hostZone: psfSalt("pillar/base/tls.sls"),
    commonWorldPorts: psfSalt("salt/firewall/config/iptables.jinja"),
    loadBalancerRole: psfSalt("pillar/prod/roles.sls"),
    infrastructureOwner: seed("Infrastructure Team"),
  },
};

/** Validates and returns an estate: the PSF's own unless another inventory is given (tests do). */
export function loadEstate(inventory: EstateInventory = PSF_INVENTORY): Estate {
  return Estate.load(inventory);
}
