import { Token } from "cdktf";

/**
 * Terraform's JSON syntax reads every string as a template: `${` opens an interpolation and `%{` a
 * directive, so literal text that contains them (an Apache log format's `%{Referer}i`) must be written
 * `$${` and `%%{`. cdktf's own tokens (`${TfToken[...]}`) are references, not text, and stay as they are.
 */
export function terraformLiteral(text: string): string {
  return text.replace(/\$\{(?!TfToken\[)/g, "$$${").replace(/%\{/g, "%%{");
}

/** `value` with every string in it, however deep, written as a Terraform literal (see terraformLiteral). */
export function withTerraformLiterals<T>(value: T): T {
  if (typeof value === "string") return terraformLiteral(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => withTerraformLiterals(v)) as T;
  if (value !== null && typeof value === "object" && !Token.isUnresolved(value) && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withTerraformLiterals(v)])) as T;
  }
  return value;
}
