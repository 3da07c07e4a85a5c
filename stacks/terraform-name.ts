/**
 * An inventory key or name (`infrastructure-staff`, `python.org`) as part of a Terraform variable, output or
 * object attribute name, which takes letters, digits and underscores: dots and dashes become underscores.
 */
export function terraformName(text: string): string {
  return text.replace(/[.-]/g, "_");
}
