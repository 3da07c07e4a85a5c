import { App } from "cdktf";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Estate } from "../inventory";
import { definePsfEstate } from "../stacks/psf-estate";
import type { StackGraph } from "./estate-page";

/**
 * The estate's stacks and the stacks each reads, as cdktf's manifest records them after a synthesis (cross-stack
 * references become dependencies only then), in the order cdktf applies them.
 */
export function stackGraph(estate: Estate): StackGraph {
  const outdir = mkdtempSync(join(tmpdir(), "psf-estate-overview-"));
  try {
    const app = new App({ outdir, skipValidation: true });
    definePsfEstate(app, estate, { backend: { kind: "local" } });
    app.synth();
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, { dependencies: string[] }> };
    return new Map(Object.entries(manifest.stacks).map(([name, stack]) => [name, [...stack.dependencies].sort()]));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
