/*
 * Values for the variables a stack asks for, so a rehearsal plans without anyone's secrets: every value is
 * a placeholder that passes the variable's validation, drawn from the ranges and formats reserved for
 * examples (RFC 5737 addresses, an all-zero account). The driver writes them to a *.auto.tfvars.json in
 * the scratch copy of the stack, never into the project.
 */

/** A variable as a synthesized stack declares it. */
export interface VariableDeclaration {
  readonly type?: string;
  readonly default?: unknown;
  readonly sensitive?: boolean;
  readonly validation?: readonly { readonly condition?: string }[];
}

/** Placeholders by what a variable's name says it holds. */
const BY_NAME: readonly { readonly pattern: RegExp; readonly value: unknown }[] = [
  { pattern: /_fingerprints$/, value: ["00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00"] },
  { pattern: /_ranges$/, value: ["198.51.100.0/24", "2001:db8::/32"] },
  { pattern: /_ipv4$/, value: "192.0.2.10" },
  { pattern: /_arn$/, value: "arn:aws:iam::000000000000:role/psf-estate-rehearsal" },
  { pattern: /_certificate$/, value: "-----BEGIN CERTIFICATE-----\nUkVIRUFSU0FM\n-----END CERTIFICATE-----\n" },
  // RFC 2606 reserves example.org: no person is paged by a rehearsal.
  { pattern: /_emails$/, value: ["on-call-rehearsal@example.org"] },
];

/**
 * The values to give a stack's variables that have no default: by name where the name says what it
 * holds, else a placeholder of the declared type.
 */
export function rehearsalVariableValues(declarations: Readonly<Record<string, VariableDeclaration>>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, declaration] of Object.entries(declarations)) {
    if (declaration.default !== undefined) continue;
    values[name] = BY_NAME.find((entry) => entry.pattern.test(name))?.value ?? placeholderOf(declaration, name);
  }
  return values;
}

function placeholderOf(declaration: VariableDeclaration, name: string): unknown {
  const type = declaration.type ?? "string";
  if (type.startsWith("list(") || type.startsWith("set(")) return [];
  if (type.startsWith("map(")) {
    // Earlier revisions declared a secret map with a validation naming its keys: `for name in ["A", "B"] : contains(keys(var.x), name)`.
    const keys = (declaration.validation ?? []).flatMap((v) => /for \w+ in (\[[^\]]*\])\s*:\s*contains\(keys\(/.exec(v.condition ?? "")?.[1] ?? []);
    return Object.fromEntries(keys.flatMap((list) => JSON.parse(list) as string[]).map((key) => [key, `rehearsal-placeholder-${key.toLowerCase()}`]));
  }
  // object({ A = string, b = number }): every attribute, so Terraform's type check passes.
  if (type.startsWith("object(")) {
    return Object.fromEntries(
      [...type.matchAll(/(\w+)\s*=\s*(string|number)/g)].map(([, name = "", type]) => [
        name,
        type === "number" ? 0 : `rehearsal-placeholder-${name.toLowerCase()}`,
      ]),
    );
  }
  if (type === "number") return 0;
  if (type === "bool") return false;
  return `rehearsal-${name}`;
}
