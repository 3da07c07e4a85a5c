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
 * Exit status: 0 written; 2 could not run (bad arguments, a folder that is not a synthesis, an estate that does not
 * synthesize, a malformed adoption/import-ids.json).
 */
import { Option } from "commander";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ImportPlanEntry, planImports, type SynthesizedStack } from "../adoption/import-plan";
import { ImportIdsError, loadKnownImportIds } from "../adoption/known-import-ids";
import { COULD_NOT_RUN, commandLine, existingFolder, oneLine, parseCommandLine } from "../command-line/program.cjs";
import { compareStrings } from "../values/string-order";

const root = join(__dirname, "..");

/** Why the import plan could not be made: said in one line, exit 2. */
class ImportPlanStop extends Error {}

/** Synthesizes the estate (never in adoption mode) into a new scratch folder. */
function synthesize(): string {
  const outDir = mkdtempSync(join(tmpdir(), "psf-estate-import-plan-"));
  const app = (JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8")) as { app: string }).app;
  const result = spawnSync(app, { cwd: root, shell: true, encoding: "utf8", env: { ...process.env, CDKTF_OUTDIR: outDir, PSF_ESTATE_ADOPT: "0" } });
  if (result.status !== 0) {
    rmSync(outDir, { recursive: true, force: true });
    // The synthesis said why (one message per problem, naming the item and the field).
    process.stderr.write(result.stderr);
    throw new ImportPlanStop("the estate does not synthesize (its messages are above)");
  }
  return outDir;
}

/** A synthesized cdktf.out folder's stacks; a folder that is not one stops the command. */
function readStacks(outDir: string): Map<string, SynthesizedStack> {
  let manifest: { stacks: Record<string, { synthesizedStackPath: string }> };
  try {
    manifest = JSON.parse(readFileSync(join(outDir, "manifest.json"), "utf8")) as typeof manifest;
  } catch (error) {
    throw new ImportPlanStop(
      `--out-dir ${outDir} is not a synthesized cdktf.out (its manifest.json: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); run npm run synth, or leave --out-dir out to synthesize`,
    );
  }
  return new Map(
    Object.entries(manifest.stacks).map(([name, stack]) => [
      name,
      JSON.parse(readFileSync(join(outDir, stack.synthesizedStackPath), "utf8")) as SynthesizedStack,
    ]),
  );
}

function markdown(entries: readonly ImportPlanEntry[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.status, (counts.get(e.status) ?? 0) + 1);
  const lines = [
    "# Import plan",
    "",
    [...counts]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([status, n]) => `${status}: ${n}`)
      .join(", "),
    "",
    "| stack | address | status | import id |",
    "|---|---|---|---|",
    ...entries.map((e) => `| ${e.stack} | \`${e.address}\` | ${e.status} | ${e.importId === "" ? "" : `\`${e.importId}\``} |`),
  ];
  return `${lines.join("\n")}\n`;
}

/** The command: `argv` without node and the script. Returns the exit status. */
export function main(argv: readonly string[]): number {
  const program = commandLine("import-plan", {
    description:
      "List, for every resource of the estate, the id `terraform import` needs: derived from the configuration and adoption/import-ids.json, or a placeholder naming what to look up live.",
    exitStatuses: [
      "0  the plan is written",
      "2  could not run: bad arguments, a folder that is not a synthesis, an estate that does not synthesize, a malformed adoption/import-ids.json",
    ],
  })
    .addOption(new Option("--format <format>", "output format").choices(["markdown", "json"]).default("markdown"))
    .option("--output <file>", "write to a file instead of standard output")
    .option("--out-dir <dir>", "read an existing synthesized cdktf.out instead of synthesizing", existingFolder);
  const parsed = parseCommandLine(program, argv);
  if (parsed !== undefined) return parsed;
  const options = program.opts<{ format: "markdown" | "json"; output?: string; outDir?: string }>();
  let outDir: string | undefined;
  try {
    outDir = options.outDir ?? synthesize();
    const entries = planImports(readStacks(outDir), loadKnownImportIds());
    const text = options.format === "json" ? `${JSON.stringify(entries, null, 2)}\n` : markdown(entries);
    if (options.output === undefined) process.stdout.write(text);
    else {
      try {
        writeFileSync(options.output, text);
      } catch (error) {
        throw new ImportPlanStop(`cannot write --output ${options.output} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      }
    }
    return 0;
  } catch (error) {
    if (!(error instanceof ImportPlanStop || error instanceof ImportIdsError)) throw error;
    process.stderr.write(`import-plan: could not run: ${oneLine(error.message)}\n`);
    return COULD_NOT_RUN;
  } finally {
    if (options.outDir === undefined && outDir !== undefined) rmSync(outDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `import-plan: could not run: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = COULD_NOT_RUN;
  }
}
