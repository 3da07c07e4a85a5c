/**
 * Prints a skeleton of a prebuilt binding's schema, in the shape of `terraform providers schema -json` (keys sorted,
 * 2-space indent), read by provider-schemas/prebuilt-binding.ts (provider-schemas/README.md says how to use it):
 *
 *   node --require tsx/cjs scripts/extract-prebuilt-schema.ts aws provider
 *   node --require tsx/cjs scripts/extract-prebuilt-schema.ts aws resource aws_s3_bucket aws_kms_key
 *   node --require tsx/cjs scripts/extract-prebuilt-schema.ts digitalocean data digitalocean_vpc
 */
import { PREBUILT, readBinding, skeletonBlock, sortKeysDeep } from "../provider-schemas/prebuilt-binding";

function main(args: string[]): void {
  const [providerName, kind, ...types] = args;
  const provider = providerName === undefined ? undefined : PREBUILT[providerName];
  if (!provider || (kind !== "provider" && kind !== "resource" && kind !== "data") || (kind !== "provider" && types.length === 0)) {
    process.stderr.write("usage: extract-prebuilt-schema.ts <aws|digitalocean> provider | resource TYPE… | data TYPE…\n");
    process.exitCode = 2;
    return;
  }
  const schema = (type: string) => ({ version: 0, block: skeletonBlock(readBinding(provider, kind, type)) });
  const body =
    kind === "provider"
      ? { provider: schema(provider.name) }
      : { [kind === "data" ? "data_source_schemas" : "resource_schemas"]: Object.fromEntries(types.map((t) => [t, schema(t)])) };
  const out = { format_version: "1.0", provider_schemas: { [provider.fqpn]: body } };
  process.stdout.write(`${JSON.stringify(sortKeysDeep(out), null, 2)}\n`);
}

if (require.main === module) main(process.argv.slice(2));
