import { loadEstate } from "./inventory";
import { reportSynthFailure } from "./stacks/synth-failure";
import { synthesizeEstate } from "./stacks/synthesize-estate";
import { settleSynthesisProcess } from "./stacks/synthesis-settings";

try {
  settleSynthesisProcess(process.env);
  for (const warning of synthesizeEstate(loadEstate(), process.env, new Date().toISOString().slice(0, 10))) {
    process.stderr.write(`policy warning: ${warning}\n`);
  }
} catch (error) {
  reportSynthFailure(error);
}
