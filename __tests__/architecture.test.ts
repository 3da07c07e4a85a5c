/*
 * Where things belong (README, "Layout"): each folder imports only the folders below it, so the import graph between
 * folders has no cycle, and the folders everyone shares (values/, provider-schemas/) import nothing of the project.
 * The table is the architecture; a new edge is a decision, made here with its reason, not by an import that slipped in.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { defined } from "./support/defined";

const ROOT = join(__dirname, "..");

/** Each folder (or top-level file) and what it may import of the project. */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  values: [],
  "provider-schemas": [],
  "command-line": [],
  bundling: [],
  "state-store": [],
  // The clouds' lists (DigitalOcean's regions, sizes, images) are provider facts, which the inventory checks against.
  inventory: ["values", "provider-schemas"],
  adoption: ["values", "provider-schemas"],
  constructs: [".gen", "inventory", "values", "provider-schemas"],
  stacks: [".gen", "constructs", "inventory", "values", "provider-schemas", "adoption"],
  policy: ["inventory", "values", "provider-schemas"],
  synthesis: ["stacks", "constructs", "policy", "inventory", "values", "adoption"],
  "main.ts": ["synthesis", "inventory"],
  overview: ["stacks", "policy", "inventory", "values"],
  // The twin reads the plugin protocol's message types, generated into .gen/twin-protocol/ (npm run protocol-types).
  twin: [".gen", "values", "provider-schemas"],
  // The review reads the state backend's convention (stacks/state-backend.ts) and the estate's facts' schema.
  review: ["twin", "policy", "inventory", "values", "provider-schemas", "stacks", "bundling"],
  live: ["review", "twin", "adoption", "inventory", "values", "provider-schemas", "bundling", "command-line"],
  deploy: ["review", "twin", "stacks", "provider-schemas"],
  bench: ["synthesis", "twin", "inventory", "values", "bundling"],
  // live-fixture writes the live tests' fixture, from the edits the fixture is made of.
  scripts: [
    "deploy",
    "live",
    "review",
    "overview",
    "synthesis",
    "stacks",
    "policy",
    "adoption",
    "twin",
    "inventory",
    "values",
    "provider-schemas",
    "state-store",
    "command-line",
    "bundling",
    "bench",
    "__tests__",
  ],
};

const SOURCE = /\.(ts|mjs|cjs)$/;
const IMPORT = /(?:\bfrom\s+|\brequire\(\s*|\bimport\(\s*)["'](\.{1,2}\/[^"']+)["']/g;

function sourceFiles(path: string): string[] {
  if (statSync(path).isFile()) return SOURCE.test(path) ? [path] : [];
  return readdirSync(path)
    .sort()
    .flatMap((entry) => sourceFiles(join(path, entry)));
}

/** The top-level folder (or file) a path of the project lies in. */
const placeOf = (path: string): string => defined(normalize(relative(ROOT, path)).split("/")[0]);

/** Every import between places: [from file, its place, the place it imports]. */
const imports = Object.keys(MAY_IMPORT).flatMap((place) =>
  sourceFiles(join(ROOT, place)).flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(IMPORT)]
      .map((match) => ({ file: relative(ROOT, file), from: place, to: placeOf(join(dirname(file), defined(match[1]))) }))
      .filter((edge) => edge.to !== edge.from),
  ),
);

describe("the folders' imports", () => {
  it("are each allowed by the table", () => {
    const forbidden = imports.filter((edge) => !(MAY_IMPORT[edge.from] ?? []).includes(edge.to)).map((edge) => `${edge.file} imports ${edge.to}/`);
    expect(forbidden).toEqual([]);
  });

  it("cover every top-level folder of source code: a new one takes its place in the table", () => {
    const places = readdirSync(ROOT).filter(
      (entry) =>
        !entry.startsWith(".") &&
        !["node_modules", "__tests__", "cdktf.out", "docs"].includes(entry) &&
        (statSync(join(ROOT, entry)).isDirectory() ? sourceFiles(join(ROOT, entry)).length > 0 : SOURCE.test(entry)) &&
        !/\.config\.[cm]?js$/.test(entry),
    );
    expect(places.filter((place) => MAY_IMPORT[place] === undefined)).toEqual([]);
  });

  it("have no cycle between folders", () => {
    const cycles: string[] = [];
    const visit = (place: string, path: readonly string[]): void => {
      if (path.includes(place)) {
        cycles.push([...path.slice(path.indexOf(place)), place].join(" → "));
        return;
      }
      for (const next of MAY_IMPORT[place] ?? []) visit(next, [...path, place]);
    };
    for (const place of Object.keys(MAY_IMPORT)) visit(place, []);
    expect(cycles).toEqual([]);
  });

  it("find imports at all (the scan reads the files it should)", () => {
    expect(imports.some((edge) => edge.file === "main.ts" && edge.to === "synthesis")).toBe(true);
    expect(imports.some((edge) => edge.from === "review" && edge.to === "twin")).toBe(true);
  });
});
