/*
 * The benchmark's synthesis of the grown estate (bench/scaled-inventory.ts): main.ts with `BENCH_EXTRA_HOSTS` more
 * hosts. Run by scripts/bench.mjs into CDKTF_OUTDIR, never by the estate's own commands.
 */
// First, as in main.ts: its settings must be made before the modules below load.
import { settleSynthesisProcess } from "../synthesis/synthesis-settings";
import { loadEstate, PSF_INVENTORY } from "../inventory";
import { reportSynthFailure } from "../synthesis/synth-failure";
import { synthesizeEstate } from "../synthesis/synthesize-estate";
import { scaledInventory } from "./scaled-inventory";

try {
  settleSynthesisProcess(process.env);
  const extraHosts = Number(process.env.BENCH_EXTRA_HOSTS ?? "180");
  synthesizeEstate(loadEstate(scaledInventory(PSF_INVENTORY, extraHosts)), process.env, new Date().toISOString().slice(0, 10));
} catch (error) {
  reportSynthFailure(error);
}
