import { App } from "cdktf";
import { loadEstate } from "./inventory";
import { definePsfEstate } from "./stacks/psf-estate";
import { reportSynthFailure } from "./stacks/synth-failure";
import { stateBackendFromEnvironment } from "./stacks/state-backend";

try {
  const app = new App();
  definePsfEstate(app, loadEstate(), stateBackendFromEnvironment(process.env));
  app.synth();
} catch (error) {
  reportSynthFailure(error);
}
