/**
 * The inventory's shape: every item and field the inventory writes, with its documentation, its default and the rules of
 * its values, defined once as a zod schema. The types the rest of the project reads (`Host`, `Zone`,
 * `FastlyServiceSpec`, `EstateInventory`…) are what the schema accepts (`Shape`), so that a field is written in one
 * place: the schema of its item, in the file of its part of the estate, which also lists that part's fields of the
 * inventory. Each kind of item says there what messages call it (item-kinds.ts), each reference what it names
 * (references.ts). Parsing an inventory with it turns every issue into a line naming the item and the field
 * (problems.ts); validate.ts then checks what lies between items. Cross-references (a host's datacenter, role and
 * owner; a service's origin) are plain strings, the way a server list writes them: validate.ts looks every one up once,
 * when the inventory is loaded, and the estate the constructs read holds only an inventory that passed.
 */
import { z } from "zod";
import type { Shape } from "./blocks";
import { databaseFields } from "./database";
import { dnsFields } from "./dns";
import { fastlyFields } from "./fastly-services";
import { herokuFields } from "./heroku";
import { monitoringFields } from "./monitoring";
import { serverListFields } from "./servers";
import { serviceFields } from "./services";
import { Source } from "./sources";

export type * from "./database";
export type * from "./dns";
export type * from "./fastly";
export type * from "./fastly-services";
export type * from "./heroku";
export type * from "./monitoring";
export type * from "./policy-exceptions";
export type * from "./servers";
export type * from "./services";
export type * from "./sources";
export type { Shape } from "./blocks";

/** Sources of the inventory's single values, which are not items of a list. */
export const EstateFactSources = z.strictObject({
  hostZone: Source,
  commonWorldPorts: Source,
  loadBalancerRole: Source,
  infrastructureOwner: Source,
});
export type EstateFactSources = Shape<typeof EstateFactSources>;

/** Every fact of the estate, as written in the inventory files: each part's fields, in the order messages list them. */
export const EstateInventory = z.strictObject({
  ...serverListFields,
  ...dnsFields,
  ...serviceFields,
  ...databaseFields,
  ...herokuFields,
  ...fastlyFields,
  ...monitoringFields,
  /** Where the estate-wide facts come from: the host zone, the common ports, the roles named here. */
  factSources: EstateFactSources,
});
/** Every fact of the estate, as written in the inventory files. */
export type EstateInventory = Shape<typeof EstateInventory>;
