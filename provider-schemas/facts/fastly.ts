import type { ProviderFacts } from "./types";

const FASTLY_REPO = "fastly/terraform-provider-fastly tag v9.5.1 (fc03ffc31495)";

/** Replacement, import and value facts of the fastly provider's resources and data sources the estate uses. */
export const FASTLY_FACTS: ProviderFacts = {
  resources: {
    fastly_service_vcl: {
      forcesReplacement: [],
      importId: "<live service id>",
      source: `${FASTLY_REPO} fastly/resource_fastly_service_vcl.go, fastly/base_fastly_service.go and fastly/block_fastly_service_*.go: no ForceNew in the service or any nested block; changes clone and activate a new service version. Importer accepts "<service id>" or "<service id>@<version>" (docs/resources/service_vcl.md).`,
    },
    fastly_tls_subscription: {
      forcesReplacement: ["certificate_authority"],
      importId: "<live tls subscription id>",
      source: `${FASTLY_REPO} fastly/resource_fastly_tls_subscription.go (passthrough importer) and docs/resources/tls_subscription.md. Conditional: CustomizeDiff forces replacement on changes to domains, common_name or configuration_id when the subscription's state is neither "issued" nor "pending".`,
    },
    fastly_tls_subscription_validation: {
      forcesReplacement: ["subscription_id"],
      importId: "",
      source: `${FASTLY_REPO} fastly/resource_fastly_tls_subscription_validation.go (no Importer, no Update). Create only waits for the subscription to reach "issued", so creating it for a live subscription changes nothing.`,
    },
  },
  dataSources: {},
};
