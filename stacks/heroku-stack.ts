import { Fn, TerraformVariable, Token } from "cdktf";
import type { Construct } from "constructs";
import { DataHerokuTeam } from "../.gen/providers/heroku/data-heroku-team";
import { HerokuProvider } from "../.gen/providers/heroku/provider";
import { HerokuApp } from "../constructs/heroku-app";
import { HerokuPipeline } from "../constructs/heroku-pipeline";
import type { Estate } from "../inventory";
import { EstateStack, type EstateStackProps } from "./estate-stack";
import { terraformName } from "./terraform-name";

export interface HerokuStackProps extends EstateStackProps {
  readonly estate: Estate;
}

/**
 * The PSF's Heroku apps, their formations, add-ons, custom domains and pipelines. The API key comes from
 * HEROKU_API_KEY; each app's secret config vars come from one sensitive map variable,
 * `heroku_<app>_secret_config_vars`.
 */
/** The sensitive map variable that holds one app's secret config vars. */
function herokuSecretVariableName(appName: string): string {
  return `heroku_${terraformName(appName)}_secret_config_vars`;
}

export class HerokuStack extends EstateStack {
  /** The apps by name. */
  readonly apps: ReadonlyMap<string, HerokuApp>;

  constructor(scope: Construct, id: string, props: HerokuStackProps) {
    super(scope, id, props);
    const { heroku } = props.estate;
    new HerokuProvider(this, "heroku", {});
    const team = new DataHerokuTeam(this, "team", { name: heroku.team });

    const apps = new Map<string, HerokuApp>();
    for (const spec of heroku.apps) {
      const secretNames = spec.sensitiveConfigVars ?? [];
      let sensitiveConfigVars: Record<string, string> | undefined;
      if (secretNames.length > 0) {
        const variableName = herokuSecretVariableName(spec.name);
        // An object type names every secret, so Terraform itself refuses a value that lacks one.
        const secrets = new TerraformVariable(this, variableName, {
          type: `object({ ${secretNames.map((name) => `${name} = string`).join(", ")} })`,
          sensitive: true,
          nullable: false,
          description: `Secret config vars of the Heroku app ${spec.name}: ${secretNames.join(", ")}`,
        });
        sensitiveConfigVars = Object.fromEntries(secretNames.map((name) => [name, Token.asString(Fn.lookupNested(secrets.value, [name]))]));
      }
      apps.set(
        spec.name,
        new HerokuApp(this, spec.name, {
          name: spec.name,
          team: heroku.team,
          region: spec.region,
          buildStack: spec.buildStack,
          formation: spec.formation,
          ...(spec.buildpacks !== undefined ? { buildpacks: spec.buildpacks } : {}),
          ...(spec.customDomains !== undefined ? { customDomains: spec.customDomains } : {}),
          ...(spec.addons !== undefined ? { addons: spec.addons } : {}),
          ...(spec.configVars !== undefined ? { configVars: spec.configVars } : {}),
          ...(sensitiveConfigVars !== undefined ? { sensitiveConfigVars } : {}),
        }),
      );
    }
    this.apps = apps;

    const pipelines = [...new Set(heroku.apps.flatMap((a) => (a.pipeline !== undefined ? [a.pipeline.pipeline] : [])))].sort();
    for (const pipeline of pipelines) {
      new HerokuPipeline(this, `pipeline-${pipeline}`, {
        name: pipeline,
        team,
        stages: heroku.apps.flatMap((a) => {
          if (a.pipeline?.pipeline !== pipeline) return [];
          const app = apps.get(a.name);
          if (app === undefined) throw new Error(`HerokuStack: pipeline "${pipeline}" has the app "${a.name}", which this stack has not made`);
          return [{ stage: a.pipeline.stage, app }];
        }),
      });
    }
  }
}
