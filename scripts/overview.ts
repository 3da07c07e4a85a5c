/**
 * npm run overview: writes docs/estate.md, the estate on one page, from the inventory.
 * `--check` writes nothing and exits 1 when the committed page differs from what the inventory gives.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { loadEstate } from "../inventory";
import { renderEstatePage } from "../overview/estate-page";
import { stackGraph } from "../overview/stack-graph";

export const ESTATE_PAGE = join(__dirname, "..", "docs", "estate.md");

const { values } = parseArgs({ options: { check: { type: "boolean", default: false } } });
const estate = loadEstate();
const page = renderEstatePage(estate, stackGraph(estate));
if (values.check) {
  const current = existsSync(ESTATE_PAGE) ? readFileSync(ESTATE_PAGE, "utf8") : "";
  if (current !== page) {
    process.stderr.write("docs/estate.md is out of date: run npm run overview and commit it.\n");
    process.exit(1);
  }
} else {
  mkdirSync(dirname(ESTATE_PAGE), { recursive: true });
  writeFileSync(ESTATE_PAGE, page);
  process.stdout.write(`wrote ${ESTATE_PAGE}\n`);
}
