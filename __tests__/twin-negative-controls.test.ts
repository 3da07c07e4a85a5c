/*
 * Negative controls: configurations Terraform must refuse, each run through the real Terraform and the
 * provider twin. Each test names the stack and the address in Terraform's verdict, so a twin that served
 * a loose schema, skipped the providers' validators or planned unknowns as known would let one through.
 */
import type { RehearsalFailure, RehearsalResult } from "../twin/rehearsal/rehearse";
import { rehearseFixture, type FixtureStack } from "./support/rehearsal";

const heroku = { required_providers: { heroku: { source: "heroku/heroku", version: "~> 5.3" } } };
const fastlyAndAws = {
  required_providers: { fastly: { source: "fastly/fastly", version: "~> 9.5" }, aws: { source: "hashicorp/aws", version: "6.25.0" } },
};
const app = { name: "psf-rehearsal", region: "us" };

const FIXTURES: Readonly<Record<string, FixtureStack>> = {
  "unknown-argument": { config: { terraform: heroku, resource: { heroku_app: { web: { ...app, colour: "blue" } } } } },
  "missing-argument": { config: { terraform: heroku, resource: { heroku_app: { web: { region: "us" } } } } },
  "block-as-string": { config: { terraform: heroku, resource: { heroku_app: { web: { ...app, organization: "psf" } } } } },
  "outside-enum": {
    config: {
      terraform: heroku,
      resource: {
        heroku_app: { web: app },
        heroku_pipeline: { site: { name: "psf-rehearsal" } },
        heroku_pipeline_coupling: { web: { app_id: "${heroku_app.web.id}", pipeline: "${heroku_pipeline.site.id}", stage: "canary" } },
      },
    },
  },
  "template-directive": {
    config: { terraform: heroku, resource: { heroku_app: { web: { ...app, config_vars: { LOG_FORMAT: '%h "%{Referer}i"' } } } } },
  },
  "validation-of-another-variable": {
    config: {
      terraform: heroku,
      variable: {
        address: {
          type: "string",
          default: "192.0.2.1",
          validation: [{ condition: '${can(cidrhost("${var.value}/32", 0))}', error_message: "needs an IPv4 address" }],
        },
      },
      resource: { heroku_app: { web: app } },
    },
  },
  "for-each-unknown": {
    config: {
      terraform: fastlyAndAws,
      resource: {
        fastly_tls_subscription: { cert: { domains: ["www.example.org"], certificate_authority: "lets-encrypt" } },
        aws_route53_record: {
          challenge: {
            for_each: "${{ for c in fastly_tls_subscription.cert.managed_dns_challenges : c.record_name => c }}",
            zone_id: "Z0000000000000000000",
            name: "${each.value.record_name}",
            type: "${each.value.record_type}",
            records: ["${each.value.record_value}"],
            ttl: 60,
          },
        },
      },
    },
  },
  "reads-state": { config: { terraform: heroku, resource: { heroku_app: { web: app } }, output: { app_id: { value: "${heroku_app.web.id}" } } } },
  "reads-missing-output": {
    dependencies: ["reads-state"],
    config: {
      terraform: heroku,
      data: { terraform_remote_state: { upstream: { backend: "local", config: { path: "../../../terraform.reads-state.tfstate" } } } },
      resource: { heroku_app: { web: { ...app, name: "${data.terraform_remote_state.upstream.outputs.app_name}" } } },
    },
  },
};

let result: RehearsalResult;
beforeAll(async () => {
  result = await rehearseFixture(FIXTURES, { planOnly: true, concurrency: 4 });
}, 120_000);

function failureOf(stack: string): RehearsalFailure {
  const failure = result.failures.find((f) => f.stack === stack);
  if (failure === undefined)
    throw new Error(
      `Terraform accepted the negative control "${stack}"; its outcome: ${JSON.stringify(result.stacks.find((s) => s.stack === stack))}`,
    );
  return failure;
}

describe("Terraform through the provider twin refuses", () => {
  it("an argument the schema does not have", () => {
    const failure = failureOf("unknown-argument");
    expect(failure.step).toBe("validate");
    expect(failure.message).toMatch(/Unsupported argument|No argument or block type is named/);
    expect(failure.message).toMatch(/"colour"/);
    expect(failure.message).toMatch(/resource "heroku_app" "web"|heroku_app\.web/);
  });

  it("a missing required argument", () => {
    const failure = failureOf("missing-argument");
    expect(failure.step).toBe("validate");
    expect(failure.message).toMatch(/Missing required argument/);
    expect(failure.message).toMatch(/"name"/);
    expect(failure.message).toMatch(/resource "heroku_app" "web"|heroku_app\.web/);
  });

  it("a block given as a string", () => {
    const failure = failureOf("block-as-string");
    expect(failure.step).toBe("validate");
    expect(failure.message).toMatch(/organization/);
    expect(failure.message).toMatch(/resource "heroku_app" "web"|heroku_app\.web/);
  });

  it("a value outside the provider's enum, with the provider's own validator", () => {
    const failure = failureOf("outside-enum");
    expect(failure.step).toBe("validate");
    expect(failure.message).toMatch(/"stage"/);
    expect(failure.message).toMatch(/canary/);
    expect(failure.message).toMatch(/heroku_pipeline_coupling\.web|resource "heroku_pipeline_coupling" "web"/);
  });

  it("a literal %{ in a string, which Terraform's JSON syntax reads as a template directive", () => {
    const failure = failureOf("template-directive");
    expect(["init", "validate"]).toContain(failure.step);
    expect(failure.message).toMatch(/Invalid template (control )?keyword|template/i);
    expect(failure.message).toMatch(/heroku_app|config_vars/);
  });

  it("a variable validation that refers to another variable than its own", () => {
    const failure = failureOf("validation-of-another-variable");
    expect(["init", "validate"]).toContain(failure.step);
    expect(failure.message).toMatch(/must refer to var\.address|undeclared input variable/);
  });

  it("for_each over values known only after apply", () => {
    const failure = failureOf("for-each-unknown");
    expect(failure.step).toBe("plan");
    expect(failure.message).toMatch(/Invalid for_each argument/);
    expect(failure.message).toMatch(/aws_route53_record\.challenge|resource "aws_route53_record" "challenge"/);
  });

  it("a reference to an output another stack does not declare", () => {
    expect(result.failures.find((f) => f.stack === "reads-state")).toBeUndefined();
    const failure = failureOf("reads-missing-output");
    expect(failure.step).toBe("plan");
    expect(failure.message).toMatch(/Unsupported attribute/);
    expect(failure.message).toMatch(/app_name/);
  });

  it("nothing else: every control failed for its own reason only", () => {
    const controls = Object.keys(FIXTURES).filter((name) => name !== "reads-state");
    expect(result.failures.map((f) => f.stack).sort()).toEqual(controls.sort());
  });
});
