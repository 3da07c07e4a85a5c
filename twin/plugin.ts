/*
 * The provider twin as Terraform starts it: a go-plugin server speaking Terraform's plugin protocol 6 over
 * gRPC on a loopback port, announced by the handshake line on standard output. The rehearsal (twin/
 * rehearsal.ts) installs it through a filesystem mirror in a scratch folder; nothing else finds it.
 *
 *   node <twin bundle> <provider name> <project root>
 */
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as protobuf from "protobufjs";
import { loadProviderSchema, pinnedProvider } from "../provider-schemas/schema-file";
import { ProviderTwin } from "./provider-service";

/** go-plugin's handshake for Terraform providers: the cookie Terraform sets, and the protocol version served. */
const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
const CORE_PROTOCOL_VERSION = 1;
const PLUGIN_PROTOCOL_VERSION = 6;

function fail(message: string): never {
  process.stderr.write(`provider twin: ${message}\n`);
  process.exit(1);
}

const LOADER_OPTIONS: protoLoader.Options = { keepCase: true, longs: Number, enums: String, defaults: false, oneofs: true };

/**
 * The protocol's message definitions. Parsing the .proto files costs a noticeable part of each start, and
 * Terraform starts the twin for almost every command: the parsed form is cached beside the compiled twin,
 * keyed by the files' content.
 */
function protocolDefinitions(root: string): protoLoader.PackageDefinition {
  const files = [join(root, "twin", "plugin-protocol.proto"), join(root, "twin", "go-plugin.proto")];
  const key = createHash("sha256").update(files.map((file) => readFileSync(file, "utf8")).join("\0")).digest("hex").slice(0, 16);
  const cacheFile = join(dirname(__filename), `twin-protocol-${key}.json`);
  let descriptor: protobuf.INamespace;
  try {
    descriptor = JSON.parse(readFileSync(cacheFile, "utf8")) as protobuf.INamespace;
  } catch {
    descriptor = new protobuf.Root().loadSync(files, { keepCase: true }).toJSON();
    try {
      writeFileSync(`${cacheFile}.${process.pid}`, JSON.stringify(descriptor));
      renameSync(`${cacheFile}.${process.pid}`, cacheFile);
    } catch {
      // A cache is an optimization: without one the twin only starts slower.
    }
  }
  return protoLoader.fromJSON(descriptor, LOADER_OPTIONS);
}

function main(): void {
  const [providerName, root] = process.argv.slice(2);
  if (providerName === undefined || root === undefined) fail("usage: plugin <provider name> <project root>");
  if (process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    fail("this is a Terraform provider plugin (the psf-estate provider twin); Terraform starts it during `npm run rehearse`, it is not run by hand");
  }
  const offered = (process.env.PLUGIN_PROTOCOL_VERSIONS ?? String(PLUGIN_PROTOCOL_VERSION)).split(",");
  if (!offered.includes(String(PLUGIN_PROTOCOL_VERSION))) fail(`Terraform offers plugin protocol ${offered.join(", ")}; the twin speaks ${PLUGIN_PROTOCOL_VERSION} (Terraform 1.10 or later)`);
  if (process.env.PLUGIN_CLIENT_CERT !== undefined && process.env.PLUGIN_CLIENT_CERT !== "") {
    fail("Terraform asked for TLS on the plugin connection; the rehearsal runs Terraform with TF_DISABLE_PLUGIN_TLS=1 (loopback only)");
  }

  const twin = new ProviderTwin(pinnedProvider(providerName, root), loadProviderSchema(pinnedProvider(providerName, root), root));
  const definitions = protocolDefinitions(root);
  const loaded = grpc.loadPackageDefinition(definitions) as unknown as {
    tfplugin6: { Provider: { service: grpc.ServiceDefinition } };
    plugin: { GRPCController: { service: grpc.ServiceDefinition } };
  };

  const server = new grpc.Server();
  type Handler = (request: Record<string, unknown>) => Record<string, unknown>;
  const unary = (handler: Handler): grpc.handleUnaryCall<Record<string, unknown>, Record<string, unknown>> => (call, callback) => {
    try {
      callback(null, handler(call.request));
    } catch (error) {
      // A bug in the twin reaches Terraform as an error diagnostic it prints with the resource's address.
      callback(null, { diagnostics: [{ severity: "ERROR", summary: "Provider twin failure", detail: error instanceof Error ? (error.stack ?? error.message) : String(error) }] });
    }
  };
  server.addService(loaded.tfplugin6.Provider.service, {
    GetMetadata: unary(() => twin.getMetadata()),
    GetProviderSchema: unary(() => twin.getProviderSchema()),
    ValidateProviderConfig: unary((r) => twin.validateProviderConfig(r)),
    ValidateResourceConfig: unary((r) => twin.validateResourceConfig(r)),
    ValidateDataResourceConfig: unary((r) => twin.validateDataResourceConfig(r)),
    UpgradeResourceState: unary((r) => twin.upgradeResourceState(r)),
    ConfigureProvider: unary(() => twin.configureProvider()),
    ReadResource: unary((r) => twin.readResource(r)),
    PlanResourceChange: unary((r) => twin.planResourceChange(r)),
    ApplyResourceChange: unary((r) => twin.applyResourceChange(r)),
    ImportResourceState: unary((r) => twin.importResourceState(r)),
    ReadDataSource: unary((r) => twin.readDataSource(r)),
    GetFunctions: unary(() => ({ functions: {} })),
    StopProvider: unary(() => ({})),
    GetResourceIdentitySchemas: unary(() => ({ identity_schemas: {} })),
  });
  server.addService(loaded.plugin.GRPCController.service, {
    Shutdown: unary(() => {
      // Exit once the answer is on its way: Terraform waits up to two seconds for the process to end.
      setImmediate(() => server.tryShutdown(() => process.exit(0)));
      setTimeout(() => process.exit(0), 200).unref();
      return {};
    }),
  });
  server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => {
    if (error !== null) fail(`cannot listen on loopback: ${error.message}`);
    process.stdout.write(`${CORE_PROTOCOL_VERSION}|${PLUGIN_PROTOCOL_VERSION}|tcp|127.0.0.1:${port}|grpc\n`);
  });
}

main();
