// First: its settings must be made before the modules below load (stacks/synthesis-settings.ts).
import "./stacks/synthesis-settings";
import { loadEstate } from "./inventory";
import { reportSynthFailure } from "./stacks/synth-failure";
import { synthesizeEstate } from "./stacks/synthesize-estate";

try {
  for (const warning of synthesizeEstate(loadEstate(), process.env, new Date().toISOString().slice(0, 10))) {
    process.stderr.write(`policy warning: ${warning}\n`);
  }
} catch (error) {
  reportSynthFailure(error);
}
