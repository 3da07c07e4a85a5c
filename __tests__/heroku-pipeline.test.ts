import { DataHerokuTeam } from "../.gen/providers/heroku/data-heroku-team";
import type { IHerokuApp } from "../constructs/heroku-app";
import { HerokuPipeline, type HerokuPipelineProps } from "../constructs/heroku-pipeline";
import { blocksOf, newStack, onlyBlock, outputs, synthJson, type SynthJson } from "./support/construct-synth";

const production: IHerokuApp = { appId: "0f3c9a1e-stand-in-prod", appName: "pydotorg-prod" };
const staging: IHerokuApp = { appId: "7b2d44c0-stand-in-stage", appName: "pydotorg-stage" };

/** A pipeline owned by a real team data source (the prop's type is the provider's class), synthesized. */
function synthPipeline(stages: HerokuPipelineProps["stages"]): { json: SynthJson; pipelineName: string } {
  const stack = newStack();
  const team = new DataHerokuTeam(stack, "team", { name: "psf-stand-in-team" });
  const pipeline = new HerokuPipeline(stack, "pipeline-pydotorg", { name: "pydotorg", team, stages });
  const json = synthJson(stack, { pipelineId: pipeline.pipelineId });
  return { json, pipelineName: onlyBlock(json, "heroku_pipeline").name };
}

describe("HerokuPipeline", () => {
  const { json, pipelineName } = synthPipeline([
    { stage: "production", app: production },
    { stage: "staging", app: staging },
  ]);
  const pipelineId = `\${heroku_pipeline.${pipelineName}.id}`;

  it("is a pipeline of the name given, owned by the team", () => {
    expect(onlyBlock(json, "heroku_pipeline").block).toEqual({
      name: "pydotorg",
      owner: { id: `\${data.heroku_team.${onlyBlock(json, "heroku_team", "data").name}.id}`, type: "team" },
    });
  });

  it("couples each app to its stage", () => {
    const couplings = Object.values(blocksOf(json, "heroku_pipeline_coupling")).sort((a, b) => (String(a.stage) < String(b.stage) ? -1 : 1));
    expect(couplings).toEqual([
      { app_id: "0f3c9a1e-stand-in-prod", pipeline: pipelineId, stage: "production" },
      { app_id: "7b2d44c0-stand-in-stage", pipeline: pipelineId, stage: "staging" },
    ]);
  });

  it("gives its id", () => {
    expect(outputs(json)).toEqual({ pipelineId });
  });

  it("names each coupling by its app, whatever the order of the stages", () => {
    const reversed = synthPipeline([
      { stage: "staging", app: staging },
      { stage: "production", app: production },
    ]).json;
    expect(blocksOf(reversed, "heroku_pipeline_coupling")).toEqual(blocksOf(json, "heroku_pipeline_coupling"));
  });

  it("couples nothing without stages", () => {
    expect(Object.keys(synthPipeline([]).json.resource ?? {})).toEqual(["heroku_pipeline"]);
  });
});
