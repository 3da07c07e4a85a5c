// First: its load-time settings must be made before the modules below load (synthesis/synthesis-settings.ts).
import { settleSynthesisProcess } from "./synthesis/synthesis-settings";
import { loadEstate } from "./inventory";
import { reportSynthFailure } from "./synthesis/synth-failure";
import { synthesizeEstate } from "./synthesis/synthesize-estate";

try {
  settleSynthesisProcess(process.env);
  for (const warning of synthesizeEstate(loadEstate(), process.env, new Date().toISOString().slice(0, 10))) {
    process.stderr.write(`policy warning: ${warning}\n`);
  }
} catch (error) {
  reportSynthFailure(error);
}
