import { Construct } from "constructs";
import { Addon } from "../.gen/providers/heroku/addon";
import { isHerokuDataAddonPlan } from "../provider-schemas/facts/heroku-data-addons";
import { AddonAttachment } from "../.gen/providers/heroku/addon-attachment";
import { App } from "../.gen/providers/heroku/app";
import { Domain } from "../.gen/providers/heroku/domain";
import { Formation } from "../.gen/providers/heroku/formation";
import type { HerokuProcess } from "../inventory";

/** An add-on of the app. */
export interface HerokuAddonProps {
  /** `<service>:<plan>`, e.g. `heroku-redis:mini`. */
  readonly plan: string;
  /**
   * A further attachment of the add-on to its own app, under this name, so that its config vars have the names the
   * app's code reads (`HEROKU_REDIS_MAROON` gives `HEROKU_REDIS_MAROON_URL`). @default only the attachment Heroku names
   */
  readonly attachedAs?: string;
}

export interface HerokuAppProps {
  /** App name at Heroku (globally unique, 3-30 of a-z, 0-9 and dashes, starting with a letter). */
  readonly name: string;
  /** The Heroku team that owns it. */
  readonly team: string;
  readonly region: "us" | "eu";
  /** Heroku's build stack (`heroku_app.stack`; not a Terraform stack). */
  readonly buildStack: "heroku-22" | "heroku-24" | "container";
  /** Classic buildpacks, in order. @default none, which a container app requires */
  readonly buildpacks?: readonly string[];
  /** Custom domains; Automated Certificate Management is on when there is any. @default none */
  readonly customDomains?: readonly string[];
  readonly formation: readonly HerokuProcess[];
  /** Add-ons: each plan, `<service>:<plan>`, one per service. @default none */
  readonly addons?: readonly HerokuAddonProps[];
  /** Config vars that are not secret. @default none */
  readonly configVars?: Readonly<Record<string, string>>;
  /**
   * Secret config vars, name → value; the values must be references to sensitive variables, never literals.
   * @default none
   */
  readonly sensitiveConfigVars?: Readonly<Record<string, string>>;
}

/** What a construct needs of an app: its id and its name. */
export interface IHerokuApp {
  /** The app's id (UUID). */
  readonly appId: string;
  readonly appName: string;
}

/**
 * A Heroku app with its dyno formation, add-ons and custom domains. The app serves names and may hold
 * data in its add-ons: Terraform refuses to destroy it.
 */
export class HerokuApp extends Construct implements IHerokuApp {
  /** The app's id (UUID). */
  readonly appId: string;
  readonly appName: string;
  /** `<app>.herokuapp.com`. */
  readonly herokuHostname: string;
  /** Custom domain → the DNS target Heroku gives it (a CNAME target). */
  readonly domainTargets: ReadonlyMap<string, string>;

  constructor(scope: Construct, id: string, props: HerokuAppProps) {
    super(scope, id);
    const customDomains = props.customDomains ?? [];
    const app = new App(this, "app", {
      name: props.name,
      region: props.region,
      stack: props.buildStack,
      organization: { name: props.team },
      acm: customDomains.length > 0,
      ...(props.buildpacks !== undefined && props.buildpacks.length > 0 ? { buildpacks: [...props.buildpacks] } : {}),
      ...(props.configVars !== undefined ? { configVars: { ...props.configVars } } : {}),
      ...(props.sensitiveConfigVars !== undefined ? { sensitiveConfigVars: { ...props.sensitiveConfigVars } } : {}),
      lifecycle: { preventDestroy: true },
    });
    for (const process of props.formation) {
      new Formation(this, `formation-${process.type}`, { appId: app.id, type: process.type, size: process.size, quantity: process.quantity });
    }
    for (const { plan, attachedAs } of props.addons ?? []) {
      // The id is the add-on service, so changing its plan upgrades it in place instead of re-creating it.
      const service = plan.split(":")[0];
      const addon = new Addon(this, `addon-${service}`, {
        appId: app.id,
        plan,
        // A data add-on's deletion deletes its data.
        ...(isHerokuDataAddonPlan(plan) ? { lifecycle: { preventDestroy: true } } : {}),
      });
      if (attachedAs !== undefined) {
        new AddonAttachment(this, `addon-${service}-as-${attachedAs}`, { appId: app.id, addonId: addon.id, name: attachedAs });
      }
    }
    const targets = new Map<string, string>();
    for (const hostname of customDomains) {
      const domain = new Domain(this, `domain-${hostname}`, { appId: app.id, hostname });
      targets.set(hostname, domain.cname);
    }
    this.appId = app.id;
    this.appName = props.name;
    this.herokuHostname = app.herokuHostname;
    this.domainTargets = targets;
  }
}
