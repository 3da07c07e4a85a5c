import { Construct } from "constructs";
import { Pipeline } from "../.gen/providers/heroku/pipeline";
import { PipelineCoupling } from "../.gen/providers/heroku/pipeline-coupling";
import type { DataHerokuTeam } from "../.gen/providers/heroku/data-heroku-team";
import type { HerokuStage } from "../inventory";
import type { IHerokuApp } from "./heroku-app";

export interface HerokuPipelineProps {
  readonly name: string;
  /** The Heroku team that owns the pipeline. */
  readonly team: DataHerokuTeam;
  /** The app of each stage (at most one production app, which the inventory checks). */
  readonly stages: readonly { readonly stage: HerokuStage; readonly app: IHerokuApp }[];
}

/** A Heroku pipeline, coupling apps to its stages (staging promotes to production). */
export class HerokuPipeline extends Construct {
  readonly pipelineId: string;

  constructor(scope: Construct, id: string, props: HerokuPipelineProps) {
    super(scope, id);
    const pipeline = new Pipeline(this, "pipeline", { name: props.name, owner: { id: props.team.id, type: "team" } });
    for (const { stage, app } of props.stages) {
      new PipelineCoupling(this, `coupling-${app.appName}`, { appId: app.appId, pipeline: pipeline.id, stage });
    }
    this.pipelineId = pipeline.id;
  }
}
