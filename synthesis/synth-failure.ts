import { rmSync } from "node:fs";
import { ImportIdsError } from "../adoption/known-import-ids";
import { PolicyError } from "../policy";
import { ConstructPropsError } from "../constructs/construct-props-error";
import { InventoryError } from "../inventory";
import { AdoptionError } from "../adoption/import-known-resources";
import { BackendChoiceError } from "../stacks/state-backend";

/**
 * Ends a failed synth: bad input gets its message alone (it names the item and the field; a stack trace
 * would only bury it), anything else its stack trace. Either way the output directory is removed, so no
 * half-written Terraform is left behind looking valid.
 */
export function reportSynthFailure(error: unknown): never {
  rmSync(process.env.CDKTF_OUTDIR ?? "cdktf.out", { recursive: true, force: true });
  const badInput =
    error instanceof InventoryError ||
    error instanceof ConstructPropsError ||
    error instanceof BackendChoiceError ||
    error instanceof AdoptionError ||
    error instanceof ImportIdsError ||
    error instanceof PolicyError;
  process.stderr.write(`${badInput ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
