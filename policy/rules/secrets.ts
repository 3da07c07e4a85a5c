/* Secrets: no credential sits in a value Terraform stores and shows in plain text. */
import { looksSecretValue } from "../../inventory/looks-secret";
import { inventoryCause } from "../cause";
import { resourcesOfType } from "../configuration";
import type { PolicyRule } from "../types";

export const NO_CREDENTIALS_IN_PLAIN_VALUES: PolicyRule = {
  id: "secrets.no-credentials-in-plain-values",
  rationale: "a plain Heroku config var or Fastly header is shown in every plan: a credential there is published",
  severity: "error",
  check: (context) => [
    ...resourcesOfType(context, "heroku_app").flatMap((app) =>
      Object.entries((app.body.config_vars as Record<string, unknown> | undefined) ?? {})
        .filter(([, value]) => typeof value === "string" && !value.includes("${") && looksSecretValue(value))
        .map(([name]) => ({
          rule: "secrets.no-credentials-in-plain-values",
          stack: app.stack,
          address: app.address,
          subject: { kind: "heroku-app" as const, name: String(app.body.name) },
          cause: inventoryCause(`heroku app "${String(app.body.name)}"`, `configVars.${name}`),
          message: `${app.path}: config var ${name} holds what looks like a credential; give it through the app's secret config vars`,
        })),
    ),
    ...resourcesOfType(context, "fastly_service_vcl").flatMap((service) =>
      ((service.body.header as Record<string, unknown>[] | undefined) ?? [])
        .filter((header) => typeof header.source === "string" && !header.source.includes("${") && looksSecretValue(header.source))
        .map((header) => ({
          rule: "secrets.no-credentials-in-plain-values",
          stack: service.stack,
          address: service.address,
          subject: { kind: "fastly-service" as const, name: String(service.body.name) },
          cause: inventoryCause(`fastly service "${String(service.body.name)}"`, `headers.${String(header.name)}`),
          message: `${service.path}: header "${String(header.name)}" sets what looks like a credential; take it from a sensitive variable`,
        })),
    ),
  ],
};

export const SECRET_RULES: readonly PolicyRule[] = [NO_CREDENTIALS_IN_PLAIN_VALUES];
