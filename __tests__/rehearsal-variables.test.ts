import { rehearsalVariableValues } from "../twin/rehearsal/variables";
import { synthCommittedEstate } from "./support/synth-estate";

describe("the rehearsal's placeholder variables", () => {
  it("gives every variable without a default a value, for every stack of the estate", () => {
    for (const [name, stack] of synthCommittedEstate().json) {
      const declarations = (stack.variable ?? {}) as Record<string, { default?: unknown }>;
      const values = rehearsalVariableValues(declarations);
      const needed = Object.entries(declarations)
        .filter(([, d]) => d.default === undefined)
        .map(([v]) => v)
        .sort();
      expect({ name, given: Object.keys(values).sort() }).toEqual({ name, given: needed });
    }
  });

  it("names people only by addresses reserved for examples", () => {
    expect(rehearsalVariableValues({ pagerduty_volunteers_emails: { type: "list(string)" } })).toEqual({
      pagerduty_volunteers_emails: ["on-call-rehearsal@example.org"],
    });
  });

  it("fills an object type attribute by attribute, numbers with 0 and strings with a placeholder", () => {
    expect(
      rehearsalVariableValues({
        ids: { type: "object({ infrastructure_staff = number, docs = number })" },
        secrets: { type: "object({ SECRET_KEY = string })", sensitive: true },
      }),
    ).toEqual({ ids: { infrastructure_staff: 0, docs: 0 }, secrets: { SECRET_KEY: "rehearsal-placeholder-secret_key" } });
  });

  it("leaves a variable with a default alone", () => {
    expect(rehearsalVariableValues({ psf_estate_backend: { type: "string", default: "unset" } })).toEqual({});
  });
});
