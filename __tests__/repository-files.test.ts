/*
 * The files a contributor meets first: the license the package declares, the Node version it supports, and the
 * contributing guide, which must say what the README says.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const root = join(__dirname, "..");
const read = (file: string): string => readFileSync(join(root, file), "utf8");
const pkg = JSON.parse(read("package.json")) as { license: string; engines: { node: string } };

describe("the repository's own files", () => {
  it("holds the license package.json declares: the Apache License 2.0, whole", () => {
    expect(pkg.license).toBe("Apache-2.0");
    const license = read("LICENSE");
    expect(license).toMatch(/^\s+Apache License\n\s+Version 2\.0, January 2004\n\s+http:\/\/www\.apache\.org\/licenses\//);
    // The nine sections of the terms, and the appendix that says how to apply them.
    for (let section = 1; section <= 9; section++) expect(license).toMatch(new RegExp(`\\n\\s+${section}\\. [A-Z]`));
    expect(license).toContain("END OF TERMS AND CONDITIONS");
    expect(license).toContain("APPENDIX: How to apply the Apache License to your work.");
  });

  it("names in .nvmrc the Node major the project supports, as package.json's engines and the workflows do", () => {
    const major = read(".nvmrc").trim();
    expect(major).toBe("20");
    expect(pkg.engines.node).toBe(`>=${major}`);
    for (const file of ["deploy.yml", "infrastructure-review.yml", "infrastructure-review-verdict.yml"]) {
      const versions = JSON.stringify(parse(read(join(".github", "workflows", file)))).match(/"node-version":"?(\d+)/g) ?? [];
      expect({ file, found: versions.length > 0 }).toEqual({ file, found: true });
      expect({ file, versions: versions.map((v) => v.replace(/\D/g, "")) }).toEqual({ file, versions: versions.map(() => major) });
    }
  });

  it("has a contributing guide that gives the README's two commands and points at its recipes, the review and the allowances", () => {
    const guide = read("CONTRIBUTING.md");
    const readme = read("README.md");
    for (const command of ["npm ci && npm run synth", "npm test", "npm run overview", "npx jest -u", "npm run review"]) {
      expect({ command, guide: guide.includes(command), readme: readme.includes(command) }).toEqual({ command, guide: true, readme: true });
    }
    for (const link of ["README.md#changing-the-estate", "review/README.md", "LICENSE", "review/allowances.json"]) expect(guide).toContain(link);
    expect(readme).toContain("## Changing the estate");
  });
});
