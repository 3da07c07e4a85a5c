import type { ProviderFacts } from "./types";

const GANDI_REPO = "go-gandi/terraform-provider-gandi tag v2.3.0 (c38a15f10015)";
// terraform-plugin-sdk v2.16.0 (the tag's go.mod). Neither type declares a validator.

/** Replacement, import and value facts of the gandi provider's resources the estate uses. */
export const GANDI_FACTS: ProviderFacts = {
  resources: {
    gandi_dnssec_key: {
      forcesReplacement: ["algorithm", "domain", "public_key", "type"],
      importId: "{domain}/<live key id>",
      // gandi 2.3.0 has no data source for DNSSEC keys (gandi_domain reads neither their ids nor the keys): by hand.
      findByHand: "Gandi API v5 GET /domain/domains/{domain}/dnskeys: the key's id",
      source: `${GANDI_REPO} gandi/resource_dnsseckey.go: no Update, every argument is ForceNew. Create publishes the key at the registrar and polls the domain's key list for the same public_key to learn the numeric key id, which becomes the resource id. The importer is passthrough and Read splits an id holding "/" into <domain>/<key id> (a bare key id would be looked up under an empty domain). algorithm is the DNSSEC algorithm number (13 for ECDSAP256SHA256, what Route 53 key-signing keys use) and type the key type; the provider checks neither.`,
    },
    gandi_nameservers: {
      forcesReplacement: [],
      importId: "{domain}",
      source: `${GANDI_REPO} gandi/resource_nameservers.go: the resource id is the domain (FQDN) and Read looks the name servers up by id, so import takes the domain name. Nothing is ForceNew: changing domain updates the new domain's name servers while the id still names the old one. Create and Update poll until the registrar returns exactly the configured list, in order, for up to the resource timeout (Timeouts declares only Default, one minute, so the timeouts block has just default). Delete re-enables Gandi LiveDNS on the domain rather than leaving the list in place.`,
    },
  },
  dataSources: {},
};
