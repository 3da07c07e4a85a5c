/*
 * What looks like a secret: the one definition the inventory's checks, the constructs, the policy and the
 * review's masking share.
 */

/** Names under which a value is a secret whatever it looks like (config vars, attributes, headers). */
const SECRET_NAME = /token|passw(or)?d|secret|key|credential|sensitive_/i;

export function looksSecretName(name: string | number): boolean {
  return typeof name === "string" && SECRET_NAME.test(name);
}

/** Prefixes of credentials that announce themselves: GitHub, GitLab, Slack, AWS, Stripe, DigitalOcean, Heroku, SendGrid. */
const TOKEN_PREFIX =
  /^(gh[pousr]_|github_pat_|glpat-|xox[abprs]-|AKIA[0-9A-Z]{12}|ASIA[0-9A-Z]{12}|[sr]k_live_|dop_v1_|doo_v1_|HRKU-|SG\.[\w-]{10,}\.)/;
/** A URL that carries a password: `scheme://user:password@host`. */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
/** A long run of key-like characters with no structure a person would write. */
const RANDOM_RUN = /^[A-Za-z0-9+/=_-]{32,}$/;
/**
 * A hex token (an API key, a GitHub classic token): at most 4 bits a character, so the entropy test below misses it;
 * a random one uses most of the sixteen digits.
 */
const HEX_TOKEN = /^[0-9a-f]{32,}$/i;
const HEX_TOKEN_DIGITS = 10;

function entropyBitsPerChar(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts.values()].reduce((bits, n) => bits - (n / text.length) * Math.log2(n / text.length), 0);
}

/** Whether a value looks like a credential, whatever it is called. */
export function looksSecretValue(value: string): boolean {
  const text = value.trim().replace(/^"|"$/g, "");
  if (TOKEN_PREFIX.test(text) || URL_WITH_PASSWORD.test(text) || PRIVATE_KEY.test(text)) return true;
  if (HEX_TOKEN.test(text) && new Set(text.toLowerCase()).size >= HEX_TOKEN_DIGITS) return true;
  return RANDOM_RUN.test(text) && entropyBitsPerChar(text) > 4;
}
