/**
 * npm run overview: writes docs/estate.md, the estate on one page, from the inventory.
 * `--check` writes nothing and exits 1 when the committed page differs from what the inventory gives.
 * Exit status: 0 written (or current); 1 out of date (--check); 2 could not run (bad arguments, an invalid inventory,
 * a page that cannot be written).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { COULD_NOT_RUN, commandLine, oneLine, parseCommandLine } from "../command-line/program.cjs";
import { InventoryError, loadEstate } from "../inventory";
import { renderEstatePage } from "../overview/estate-page";
import { stackGraph } from "../overview/stack-graph";

export const ESTATE_PAGE = join(__dirname, "..", "docs", "estate.md");

/** The command: `argv` without node and the script. Returns the exit status. */
export function main(argv: readonly string[]): number {
  const program = commandLine("overview", {
    description: "Write docs/estate.md, the estate on one page, from the inventory.",
    exitStatuses: [
      "0  written (with --check: the committed page is current)",
      "1  --check: the committed page is out of date",
      "2  could not run: bad arguments, an invalid inventory, a page that cannot be written",
    ],
  }).option("--check", "write nothing; exit 1 when the committed page differs from what the inventory gives");
  const parsed = parseCommandLine(program, argv);
  if (parsed !== undefined) return parsed;
  try {
    const estate = loadEstate();
    const page = renderEstatePage(estate, stackGraph(estate));
    if (program.opts<{ check?: boolean }>().check === true) {
      const current = existsSync(ESTATE_PAGE) ? readFileSync(ESTATE_PAGE, "utf8") : "";
      if (current === page) return 0;
      process.stderr.write("docs/estate.md is out of date: run npm run overview and commit it.\n");
      return 1;
    }
    mkdirSync(dirname(ESTATE_PAGE), { recursive: true });
    writeFileSync(ESTATE_PAGE, page);
    process.stdout.write(`wrote ${ESTATE_PAGE}\n`);
    return 0;
  } catch (error) {
    // An invalid inventory says what is wrong, item and field, one line each: no stack trace would help.
    if (error instanceof InventoryError) process.stderr.write(`${error.message}\n`);
    else {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === undefined) throw error;
      process.stderr.write(`overview: could not run: cannot write ${ESTATE_PAGE} (${code}): ${oneLine((error as Error).message)}\n`);
    }
    return COULD_NOT_RUN;
  }
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`overview: could not run: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = COULD_NOT_RUN;
  }
}
