/** Names under which a value is treated as a secret whatever its provider schema says. */
const SECRET_NAME = /token|password|passwd|secret|api_?key|private_?key|access_?key|credential|sensitive_/i;

/** What the review prints in place of a sensitive value. */
export const SENSITIVE_TEXT = "(sensitive)";

export function isSecretName(key: string | number): boolean {
  return typeof key === "string" && SECRET_NAME.test(key);
}
