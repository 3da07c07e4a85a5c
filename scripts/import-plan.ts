/**
 * Lists, for every resource of the estate, the id `terraform import` needs: derived from the
 * configuration and adoption/import-ids.json, or a placeholder naming what to look up live.
 *
 *   npm run import-plan                              # synthesize, then a Markdown table on stdout
 *   npm run import-plan -- --format json --output import-plan.json
 *   npm run import-plan -- --out-dir cdktf.out       # use an existing synth
 *
 * Record the live ids in adoption/import-ids.json; synth then gives those resources `import`
 * blocks. PSF_ESTATE_ADOPT=1 makes synth refuse while any importable resource has no id.
 */
import { Command, Option } from "commander";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ImportPlanEntry, planImports, type SynthesizedStack } from "../adoption/import-plan";
import { loadKnownImportIds } from "../adoption/known-import-ids";
import { compareStrings } from "../inventory/string-order";

const root = join(__dirname, "..");

function synthesize(): string {
  const outDir = mkdtempSync(join(tmpdir(), "psf-estate-import-plan-"));
  const app = (JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8")) as { app: string }).app;
  const result = spawnSync(app, { cwd: root, shell: true, encoding: "utf8", env: { ...process.env, CDKTF_OUTDIR: outDir, PSF_ESTATE_ADOPT: "0" } });
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    process.exit(2);
  }
  return outDir;
}

function readStacks(outDir: string): Map<string, SynthesizedStack> {
  const manifest = JSON.parse(readFileSync(join(outDir, "manifest.json"), "utf8")) as { stacks: Record<string, { synthesizedStackPath: string }> };
  return new Map(Object.entries(manifest.stacks).map(([name, stack]) => [name, JSON.parse(readFileSync(join(outDir, stack.synthesizedStackPath), "utf8")) as SynthesizedStack]));
}

function markdown(entries: readonly ImportPlanEntry[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.status, (counts.get(e.status) ?? 0) + 1);
  const lines = [
    "# Import plan",
    "",
    [...counts].sort(([a], [b]) => compareStrings(a, b)).map(([status, n]) => `${status}: ${n}`).join(", "),
    "",
    "| stack | address | status | import id |",
    "|---|---|---|---|",
    ...entries.map((e) => `| ${e.stack} | \`${e.address}\` | ${e.status} | ${e.importId === "" ? "" : `\`${e.importId}\``} |`),
  ];
  return `${lines.join("\n")}\n`;
}

const program = new Command("import-plan")
  .description("List the import id of every resource, for adopting the live estate")
  .addOption(new Option("--format <format>", "output format").choices(["markdown", "json"]).default("markdown"))
  .option("--output <file>", "write to a file instead of stdout")
  .option("--out-dir <dir>", "read an existing synthesized cdktf.out instead of synthesizing")
  .action((options: { format: "markdown" | "json"; output?: string; outDir?: string }) => {
    const outDir = options.outDir ?? synthesize();
    try {
      const entries = planImports(readStacks(outDir), loadKnownImportIds());
      const text = options.format === "json" ? `${JSON.stringify(entries, null, 2)}\n` : markdown(entries);
      if (options.output !== undefined) writeFileSync(options.output, text);
      else process.stdout.write(text);
    } finally {
      if (options.outDir === undefined) rmSync(outDir, { recursive: true, force: true });
    }
  });

program.parse();
