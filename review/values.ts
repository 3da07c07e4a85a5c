/** What the review prints in place of a sensitive value. */
export const SENSITIVE_TEXT = "(sensitive)";
