/*
 * The FastlyService construct, in four pieces:
 * - types.ts: the props, in the service's vocabulary, which the inventory defines (inventory/shape/fastly.ts):
 *   the inventory writes `FastlyServiceRules` as they are, and the stack passes them through.
 * - expand.ts: host redirects, HSTS and forced TLS (and the stack's origin token header) as the plain
 *   conditions, headers, response objects and request settings they stand for.
 * - checks.ts: the props, and what they expand to, checked where the inventory cannot (references and
 *   names between blocks, what the stack computes); the first problem throws.
 * - blocks.ts: the plain blocks as the provider's nested blocks, sorted, their text as Terraform literals.
 * A new block type the inventory writes is a schema and a field of `FastlyServiceRules` in
 * inventory/shape/fastly.ts, with the rules of its values (one the inventory does not write: a type and a props
 * field in types.ts); its references are checked in checks.ts, its mapping is in blocks.ts, and its data in the
 * inventory.
 */
import { Construct } from "constructs";
import { ServiceVcl } from "../../.gen/providers/fastly/service-vcl";
import { terraformLiteral } from "../terraform-literal";
import { serviceVclBlocks } from "./blocks";
import { checkFastlyService } from "./checks";
import { expandFastlyService } from "./expand";
import type { FastlyServiceProps } from "./types";

export type * from "./types";
export { fastlyBackendVclName } from "./blocks";
export { originTokenHeader } from "./expand";

/**
 * A Fastly VCL service that always forces TLS, sends HSTS, reaches every origin over TLS with certificate
 * checking (but an origin that has no TLS, which must say why) and logs somewhere (the types require each; the inventory checks that the lists are not empty). Every reference by name (conditions, health checks, backends in header
 * rules) is checked, including the condition's type for the field naming it; VCL itself is not. Every
 * nested block is a Terraform set, so blocks are emitted sorted by name: the output does not depend on the
 * order of the props. The service is protected from destruction because it serves live names.
 */
export class FastlyService extends Construct {
  readonly serviceId: string;
  readonly activeVersion: number;
  readonly name: string;
  /** The served domains, sorted. */
  readonly domainNames: string[];
  /** The resource itself, e.g. for `dependsOn` of a TLS subscription that needs the domains in place. */
  readonly serviceVcl: ServiceVcl;

  constructor(scope: Construct, id: string, props: FastlyServiceProps) {
    super(scope, id);
    // Expanded first, so that the checks see every name and reference the service will have.
    const expanded = expandFastlyService(props);
    checkFastlyService(props, expanded);

    this.name = props.name;
    this.domainNames = props.domains.map((d) => d.name).sort();
    this.serviceVcl = new ServiceVcl(this, "service", {
      name: props.name,
      comment: terraformLiteral(props.comment),
      activate: props.activate ?? true,
      defaultTtl: props.defaultTtl,
      staleIfError: props.staleIfError,
      staleIfErrorTtl: props.staleIfErrorTtl,
      http3: props.http3,
      ...serviceVclBlocks(expanded),
      lifecycle: { preventDestroy: true },
    });
    this.serviceId = this.serviceVcl.id;
    this.activeVersion = this.serviceVcl.activeVersion;
  }
}
