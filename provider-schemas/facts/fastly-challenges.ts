/**
 * The name of the DNS record that proves control of a domain to Fastly's certificate authority: Fastly's
 * managed DNS challenges (`managed_dns_challenges` of fastly_tls_subscription) are named
 * `_acme-challenge.<domain>`. Source: fastly/terraform-provider-fastly v9.5.1,
 * docs/resources/tls_subscription.md (the example keys its Route 53 records by domain and picks each
 * domain's challenge by this name).
 */
export const ACME_CHALLENGE_PREFIX = "_acme-challenge.";
