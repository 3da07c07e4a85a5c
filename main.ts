import { App } from "cdktf";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { knownImportIdsFromEnvironment } from "./adoption/known-import-ids";
import { loadEstate } from "./inventory";
import { ESTATE_FACTS_FILE, estateFacts } from "./inventory/estate-facts";
import { enforcePolicy } from "./policy";
import { loadConfigurations } from "./policy/configuration";
import { definePsfEstate } from "./stacks/psf-estate";
import { reportSynthFailure } from "./stacks/synth-failure";
import { stateBackendFromEnvironment } from "./stacks/state-backend";

try {
  const app = new App();
  const estate = loadEstate();
  definePsfEstate(app, estate, {
    backend: stateBackendFromEnvironment(process.env),
    importIds: knownImportIdsFromEnvironment(process.env),
    adopting: process.env.PSF_ESTATE_ADOPT === "1",
  });
  app.synth();
  // The estate's facts as data, beside the configurations, for the review to read without running this code.
  const facts = estateFacts(estate);
  writeFileSync(join(app.outdir, ESTATE_FACTS_FILE), `${JSON.stringify(facts, null, 2)}\n`);
  // The policy judges what was synthesized, from the same data the review judges: a violation stops synthesis and
  // leaves no output behind.
  for (const warning of enforcePolicy({ configurations: loadConfigurations(app.outdir), facts }, new Date().toISOString().slice(0, 10))) {
    process.stderr.write(`policy warning: ${warning}\n`);
  }
} catch (error) {
  reportSynthFailure(error);
}
