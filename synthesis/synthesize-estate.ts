import { App } from "cdktf";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { knownImportIdsFromEnvironment } from "../adoption/known-import-ids";
import type { Estate } from "../inventory";
import { ESTATE_FACTS_FILE, estateFacts } from "../inventory/estate-facts";
import { enforcePolicy } from "../policy";
import { loadConfigurations } from "../policy/configuration";
import { definePsfEstate } from "../stacks/psf-estate";
import { stateBackendFromEnvironment } from "../stacks/state-backend";

/**
 * Synthesizes `estate` into cdktf's output folder (CDKTF_OUTDIR) with the environment's PSF_ESTATE_* choices, writes
 * its facts beside the configurations, and judges them by the policy as of `today` (YYYY-MM-DD): a violation throws
 * PolicyError; the warnings are returned.
 */
export function synthesizeEstate(estate: Estate, env: NodeJS.ProcessEnv, today: string): readonly string[] {
  const app = new App();
  definePsfEstate(app, estate, {
    backend: stateBackendFromEnvironment(env),
    importIds: knownImportIdsFromEnvironment(env),
    adopting: env.PSF_ESTATE_ADOPT === "1",
  });
  app.synth();
  // The estate's facts as data, beside the configurations, for the review to read without running this code.
  const facts = estateFacts(estate);
  writeFileSync(join(app.outdir, ESTATE_FACTS_FILE), `${JSON.stringify(facts, null, 2)}\n`);
  // The policy judges what was synthesized, from the same data the review judges: a violation stops synthesis and
  // leaves no output behind.
  return enforcePolicy({ configurations: loadConfigurations(app.outdir), facts }, today);
}
