import { App } from "cdktf";
import { knownImportIdsFromEnvironment } from "./adoption/known-import-ids";
import { loadEstate } from "./inventory";
import { definePsfEstate } from "./stacks/psf-estate";
import { reportSynthFailure } from "./stacks/synth-failure";
import { stateBackendFromEnvironment } from "./stacks/state-backend";

try {
  const app = new App();
  definePsfEstate(app, loadEstate(), {
    backend: stateBackendFromEnvironment(process.env),
    importIds: knownImportIdsFromEnvironment(process.env),
    adopting: process.env.PSF_ESTATE_ADOPT === "1",
  });
  app.synth();
} catch (error) {
  reportSynthFailure(error);
}
