import { Construct } from "constructs";
import { Pipeline } from "../.gen/providers/heroku/pipeline";
import { PipelineCoupling } from "../.gen/providers/heroku/pipeline-coupling";
import type { HerokuStage } from "../inventory/types";

export interface HerokuPipelineProps {
  readonly name: string;
  /** Id of the Heroku team that owns the pipeline. */
  readonly teamId: string;
  /** The apps of each stage: app id by app name (at most one production app, which the inventory checks). */
  readonly stages: readonly { readonly stage: HerokuStage; readonly appName: string; readonly appId: string }[];
}

/** A Heroku pipeline, coupling apps to its stages (staging promotes to production). */
export class HerokuPipeline extends Construct {
  readonly pipelineId: string;

  constructor(scope: Construct, id: string, props: HerokuPipelineProps) {
    super(scope, id);
    const pipeline = new Pipeline(this, "pipeline", { name: props.name, owner: { id: props.teamId, type: "team" } });
    for (const stage of props.stages) {
      new PipelineCoupling(this, `coupling-${stage.appName}`, { appId: stage.appId, pipeline: pipeline.id, stage: stage.stage });
    }
    this.pipelineId = pipeline.id;
  }
}
