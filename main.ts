import { loadEstate } from "./inventory";
import { reportSynthFailure } from "./synthesis/synth-failure";
import { synthesizeEstate } from "./synthesis/synthesize-estate";
import { settleSynthesisProcess } from "./synthesis/synthesis-settings";

try {
  settleSynthesisProcess(process.env);
  for (const warning of synthesizeEstate(loadEstate(), process.env, new Date().toISOString().slice(0, 10))) {
    process.stderr.write(`policy warning: ${warning}\n`);
  }
} catch (error) {
  reportSynthFailure(error);
}
