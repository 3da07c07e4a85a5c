import { spelledOut } from "../values/remote-state-locals";
import { synthCommittedEstate } from "./support/synth-estate";
import { defined } from "./support/defined";

const synth = synthCommittedEstate();

/** Shapes of credentials the estate's providers take. */
const SECRET_SHAPES: readonly [string, RegExp][] = [
  ["DigitalOcean token", /dop_v1_[0-9a-f]{20,}/],
  ["AWS access key", /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ["private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["Heroku API key", /\bHRKU-[0-9A-Za-z_-]{20,}/],
];
// A credential is a variable's value, or another stack's output read from its state (a PagerDuty routing key), read
// through a local of the remote state's outputs (spelled out: values/remote-state-locals.ts).
const CREDENTIAL_ATTRIBUTES =
  /"(token|api_key|access_key|secret_key|password|spaces_secret_key|service_key|integration_key)"\s*:\s*"(?!\$\{(var\.|data\.terraform_remote_state\.))/;

describe("no secret in any synthesized stack", () => {
  it.each([...synth.text.keys()])("%s carries no credential", (name) => {
    const text = defined(synth.text.get(name));
    for (const [what, shape] of SECRET_SHAPES) expect({ what, found: shape.test(text) }).toEqual({ what, found: false });
    expect(spelledOut(text, synth.json.get(name))).not.toMatch(CREDENTIAL_ATTRIBUTES);
  });

  it("configures providers without credentials: they come from the environment", () => {
    for (const json of synth.json.values()) {
      for (const configs of Object.values(json.provider ?? {})) {
        for (const config of configs as Record<string, unknown>[]) {
          expect(Object.keys(config).filter((k) => /token|key|secret|password/.test(k))).toEqual([]);
        }
      }
    }
  });
});
