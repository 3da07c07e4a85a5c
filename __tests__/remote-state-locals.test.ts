/*
 * How the readers of a synthesized stack (the policy, the review, adoption, the tests) follow `local.<read>.<output>`
 * (values/remote-state-locals.ts): as the remote state's output only when the local is exactly that remote state's
 * outputs, for a remote state the stack declares. Any other local stays as written, so that a pull request cannot hide
 * an outside address or an open firewall behind a local the readers would take for the estate's own.
 */
import { remoteStateLocals, remoteStateOutputsLocal, spelledOut, type ReadingConfiguration } from "../values/remote-state-locals";
import { synthCommittedEstate } from "./support/synth-estate";
import { defined } from "./support/defined";

const READ = "cross-stack-reference-input-digitalocean-nyc1";
const DECLARED = { terraform_remote_state: { [READ]: { backend: "local", config: { path: "x" } } } };
const OUTPUT = "cross-stack-output-digitalocean_dropletlb_droplet_ABCDipv4_address";

/** A stack reading `READ` through `locals`. */
const reading = (locals: unknown, data: unknown = DECLARED): ReadingConfiguration => ({ locals, data });

describe("spelledOut", () => {
  it("writes a local holding a declared remote state's outputs as that remote state's outputs", () => {
    const configuration = reading({ [READ]: remoteStateOutputsLocal(READ) });
    expect(spelledOut(`\${local.${READ}.${OUTPUT}}`, configuration)).toBe(`\${data.terraform_remote_state.${READ}.outputs.${OUTPUT}}`);
    expect(spelledOut(`\${sort(local.${READ}.names)} and \${local.${READ}.b}`, configuration)).toBe(
      `\${sort(data.terraform_remote_state.${READ}.outputs.names)} and \${data.terraform_remote_state.${READ}.outputs.b}`,
    );
    expect([...remoteStateLocals(configuration)]).toEqual([READ]);
  });

  it.each([
    ["a literal address", { [READ]: "93.184.216.34" }],
    ["a literal list of sources", { [READ]: ["0.0.0.0/0"] }],
    ["the outputs merged with an outside value", { [READ]: `\${merge(data.terraform_remote_state.${READ}.outputs, { evil = "0.0.0.0/0" })}` }],
    ["another remote state's outputs", { [READ]: "${data.terraform_remote_state.other.outputs}" }],
    ["the outputs with anything after them", { [READ]: `${remoteStateOutputsLocal(READ)} ` }],
  ])("leaves a local that is not exactly the remote state's outputs as written: %s", (_what, locals) => {
    const text = `\${local.${READ}.${OUTPUT}}`;
    expect(spelledOut(text, reading(locals))).toBe(text);
    expect([...remoteStateLocals(reading(locals))]).toEqual([]);
  });

  it("leaves a local holding the outputs of a remote state the stack does not declare as written", () => {
    const text = `\${local.${READ}.${OUTPUT}}`;
    expect(spelledOut(text, reading({ [READ]: remoteStateOutputsLocal(READ) }, {}))).toBe(text);
    expect(spelledOut(text, reading({ [READ]: remoteStateOutputsLocal(READ) }, { terraform_remote_state: { [READ]: "not a block" } }))).toBe(text);
    expect(spelledOut(text, undefined)).toBe(text);
  });

  it("reads locals only in the form the stacks write them: an object, not a list of blocks", () => {
    const text = `\${local.${READ}.${OUTPUT}}`;
    expect(spelledOut(text, reading([{ [READ]: remoteStateOutputsLocal(READ) }]))).toBe(text);
  });

  it("spells out a name only where it is the whole name of a local", () => {
    const configuration = reading(
      { [READ]: remoteStateOutputsLocal(READ), nyc1: remoteStateOutputsLocal("nyc1") },
      { terraform_remote_state: { [READ]: {}, nyc1: {} } },
    );
    // Longer names, other objects' attributes, and a local read by index are not the local `nyc1`.
    for (const text of ["${local.nyc1x.a}", "${var.local.nyc1.a}", "${data.local.nyc1.a}", "${mylocal.nyc1.a}", '${local["nyc1"].a}']) {
      expect(spelledOut(text, configuration)).toBe(text);
    }
    expect(spelledOut("${local.nyc1.a}", configuration)).toBe("${data.terraform_remote_state.nyc1.outputs.a}");
  });
});

describe("the synthesized estate", () => {
  const synth = synthCommittedEstate();

  it("reads every remote state it declares through a local of the same name holding exactly its outputs, and names the remote state nowhere else", () => {
    for (const [name, json] of synth.json) {
      const declared = Object.keys(json.data?.terraform_remote_state ?? {}).sort();
      expect({ name, locals: [...remoteStateLocals(json)].sort() }).toEqual({ name, locals: declared });
      expect({ name, locals: Object.keys(json.locals ?? {}).sort() }).toEqual({ name, locals: declared });
      const text = defined(synth.text.get(name));
      expect({ name, named: (text.match(/data\.terraform_remote_state\./g) ?? []).length }).toEqual({ name, named: declared.length });
    }
  });

  it("reads other stacks at all (the check above has something to check)", () => {
    expect([...synth.json.values()].filter((json) => remoteStateLocals(json).size > 0).length).toBeGreaterThan(3);
  });
});
