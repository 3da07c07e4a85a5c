/*
 * `npm run synth` runs the app without the cdktf CLI; `cdktf synth` runs it through the CLI. Both must
 * write the same bytes, or a reviewer's synth and a deployer's would differ.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileTexts } from "./support/folder-files";

const root = join(__dirname, "..");

it("npm run synth writes byte for byte what `cdktf synth` writes", () => {
  const direct = join(mkdtempSync(join(tmpdir(), "synth-direct-")), "out");
  const viaCli = join(mkdtempSync(join(tmpdir(), "synth-cli-")), "out");
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1" };
  delete env.CDKTF_OUTDIR;
  execFileSync(process.execPath, [join(root, "scripts", "synth-app.mjs"), "--output", direct], { cwd: root, env, stdio: "pipe" });
  execFileSync(join(root, "node_modules", ".bin", "cdktf"), ["synth", "--output", viaCli], { cwd: root, env, stdio: "pipe" });
  const a = fileTexts(direct);
  const b = fileTexts(viaCli);
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  for (const [name, text] of a) expect({ name, same: text === b.get(name) }).toEqual({ name, same: true });
}, 60_000);
