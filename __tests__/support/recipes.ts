/*
 * The README's "Changing the estate" recipes, each as the data edit a volunteer makes by following it: what
 * estate-recipes.test.ts applies to a copy of the inventory, and holds to what the suite holds the committed estate to.
 * Each recipe's `readme` is the bold heading of its entry in the README, so that the two stay together.
 */
import { PSF_INVENTORY } from "../../inventory";
import type { EstateInventory, Host, PublicService, Role, Zone } from "../../inventory";
import { assumed, psfSalt } from "../../inventory/source";

export interface Recipe {
  /** The README entry's bold heading (`**A host**`), without the asterisks. */
  readonly readme: string;
  /** What this instance of the recipe does. */
  readonly change: string;
  /** The inventory after the change: made from a copy, never touching the committed one. */
  readonly apply: (inventory: EstateInventory) => EstateInventory;
}

const copy = (inventory: EstateInventory): EstateInventory => JSON.parse(JSON.stringify(inventory)) as EstateInventory;

/** Where the rows of a change come from, as the README asks every row to say. */
const RECIPE = assumed("a change made as the README's recipe says, by the recipes' test");

export const RECIPES: readonly Recipe[] = [
  {
    readme: "A host",
    change: "a second mail host, mail-2 in ams1",
    apply: (inventory) => {
      const mail: Host = {
        name: "mail-2",
        datacenter: "ams1",
        role: "mail",
        owner: "postmaster",
        purpose: "mail.python.org: Mailman and Postfix, second host",
        image: "ubuntu-24-04-x64",
        size: "s-4vcpu-8gb",
        holdsData: true,
        source: RECIPE,
        fieldSources: { holdsData: psfSalt("pillar/prod/backup/mail.sls") },
      };
      return { ...copy(inventory), hosts: [...inventory.hosts, mail] };
    },
  },
  {
    readme: "A role with public ports",
    change: "a role jabber opening XMPP to the world, and its host",
    apply: (inventory) => {
      const jabber: Role = {
        name: "jabber",
        purpose: "XMPP for the infrastructure team",
        source: RECIPE,
        worldPorts: [
          { protocol: "tcp", from: 5222, to: 5222, service: "xmpp client" },
          { protocol: "tcp", from: 5269, to: 5269, service: "xmpp server" },
        ],
        internalPorts: [],
        fastlyPorts: [],
      };
      const host: Host = {
        name: "jabber",
        datacenter: "nyc1",
        role: "jabber",
        owner: "infrastructure-staff",
        purpose: "XMPP for the infrastructure team",
        image: "ubuntu-24-04-x64",
        size: "s-1vcpu-2gb",
        holdsData: false,
        source: RECIPE,
        fieldSources: { holdsData: psfSalt("pillar/prod/top.sls") },
      };
      return { ...copy(inventory), roles: [...inventory.roles, jabber], hosts: [...inventory.hosts, host] };
    },
  },
  {
    readme: "A public name",
    change: "blurb-it.python.org, a new name of the blurb-it Heroku app",
    apply: (inventory) => {
      const changed = copy(inventory);
      const service: PublicService = {
        key: "blurb-it",
        description: "blurb_it, the NEWS entry bot",
        owner: "python-dev",
        names: ["blurb-it.python.org"],
        origin: { kind: "heroku", app: "blurb-it" },
        source: RECIPE,
      };
      return {
        ...changed,
        services: [...changed.services, service],
        heroku: {
          ...changed.heroku,
          apps: changed.heroku.apps.map((app) =>
            app.name === "blurb-it" ? { ...app, customDomains: [...(app.customDomains ?? []), "blurb-it.python.org"] } : app,
          ),
        },
      };
    },
  },
  {
    readme: "A zone",
    change: "a zone pyladies-example.org that sends no mail",
    apply: (inventory) => {
      const zone: Zone = { name: "pyladies-example.org", purpose: "An example zone", spf: "v=spf1 -all", defaultTtl: 300, source: RECIPE };
      return { ...copy(inventory), zones: [...inventory.zones, zone] };
    },
  },
  {
    readme: "Retiring a host",
    change: "the GNU Mailman host gnumailman.nyc1 gone, with its role and its owner",
    apply: (inventory) => {
      const changed = copy(inventory);
      return {
        ...changed,
        hosts: changed.hosts.filter((h) => !(h.name === "gnumailman" && h.datacenter === "nyc1")),
        roles: changed.roles.filter((r) => r.name !== "gnumailman"),
        owners: changed.owners.filter((o) => o.key !== "gnu-mailman"),
      };
    },
  },
  {
    readme: "A host's new name",
    change: "codespeed.nyc1 renamed speed.nyc1, keeping its droplet",
    apply: (inventory) => {
      const changed = copy(inventory);
      return {
        ...changed,
        hosts: changed.hosts.map((h) =>
          h.name === "codespeed" && h.datacenter === "nyc1" ? { ...h, name: "speed", previously: { name: "codespeed" } } : h,
        ),
      };
    },
  },
];

/** The committed inventory after `recipe`. */
export const inventoryAfter = (recipe: Recipe): EstateInventory => recipe.apply(PSF_INVENTORY);
