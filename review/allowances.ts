import type { DestructionAllowance } from "./types";

/**
 * Deliberate destruction of protected resources, reviewed like any other code. The review reads
 * this list from the change under review itself, so a pull request that destroys a zone, a bucket,
 * a database or a service must also say here, with a reason, that it means to.
 *
 * Example entry (the address is the base-side Terraform address shown by `npm run review`):
 *   { stack: "dns", address: "aws_route53_zone.old_example_org", reason: "example.org was transferred to ... (issue #123)" }
 */
export const DESTRUCTION_ALLOWANCES: readonly DestructionAllowance[] = [];
