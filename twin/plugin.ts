/*
 * The provider twin's server: one process per rehearsal that serves every pinned provider. Terraform starts a
 * provider plugin for almost every command; what it starts is `twin/launch.sh`, a bash launcher of a few lines
 * that asks this process for a gRPC server of its own (plugin protocol 6 on a loopback port), prints
 * go-plugin's handshake line for it, and lives until Terraform shuts that server down. Starting the whole
 * twin (gRPC, the protocol, the schemas) once per rehearsal instead of once per command is what keeps a
 * rehearsal fast.
 *
 *   node <twin bundle> <project root> [<live answers file>]   (started by twin/rehearsal/rehearse.ts; prints "ready <launcher port>")
 *
 * With a live answers file (a snapshot of the live estate, written by live/), imports and reads are answered from it.
 */
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { loadProviderSchema, pinnedProvider } from "../provider-schemas/schema-file";
import { LiveAnswers } from "./live-answers";
import { ProviderTwin } from "./provider-service";
import type { Diagnostic, GoPluginProtocol, GRPCControllerHandlers, PluginProtocol, ProviderHandlers } from "./protocol";

function fail(message: string): never {
  process.stderr.write(`provider twin: ${message}\n`);
  process.exit(1);
}

/** The protocol's message definitions, from the .proto files written for this project. */
function protocolDefinitions(root: string): protoLoader.PackageDefinition {
  return protoLoader.loadSync([join(root, "twin", "plugin-protocol.proto"), join(root, "twin", "go-plugin.proto")], {
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: false,
    oneofs: true,
  });
}

/** Both .proto files, loaded: the types proto-loader-gen-types writes for them (twin/protocol.ts). */
type LoadedProtocol = PluginProtocol & GoPluginProtocol;

/**
 * A call answered by `handler`. A bug in the twin reaches Terraform as an error diagnostic it prints with the
 * resource's address, for every call whose answer carries diagnostics.
 */
function unary<Request, Response extends object>(handler: (request: Request) => Response): grpc.handleUnaryCall<Request, Response> {
  return (call, callback) => {
    let response: Response | { diagnostics: Diagnostic[] };
    try {
      response = handler(call.request);
    } catch (error) {
      response = {
        diagnostics: [
          { severity: "ERROR", summary: "Provider twin failure", detail: error instanceof Error ? (error.stack ?? error.message) : String(error) },
        ],
      };
    }
    // Every answer these calls give has diagnostics, and every field of an answer is optional: diagnostics alone is one.
    callback(null, response as Response);
  };
}

/** A call whose answer carries no diagnostics (stopping, shutting down): it cannot fail. */
function answered<Request, Response>(handler: () => Response): grpc.handleUnaryCall<Request, Response> {
  return (_call, callback) => callback(null, handler());
}

/** A gRPC server for one plugin instance; `onShutdown` runs when Terraform stops it. Resolves with it and its port. */
function serveInstance(twin: ProviderTwin, protocol: LoadedProtocol, onShutdown: () => void): Promise<{ server: grpc.Server; port: number }> {
  const server = new grpc.Server();
  const provider: ProviderHandlers = {
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
    StopProvider: answered(() => ({})),
    GetResourceIdentitySchemas: unary(() => ({ identity_schemas: {} })),
  };
  server.addService(protocol.tfplugin6.Provider.service, provider);
  const controller: GRPCControllerHandlers = {
    Shutdown: answered(() => {
      // Once the answer is on its way: Terraform waits up to two seconds for the plugin process to end.
      setImmediate(() => {
        server.tryShutdown(() => undefined);
        onShutdown();
      });
      return {};
    }),
  };
  server.addService(protocol.plugin.GRPCController.service, controller);
  return new Promise((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) =>
      error === null ? resolve({ server, port }) : reject(error),
    );
  });
}

function main(): void {
  const [root, liveFile] = process.argv.slice(2);
  if (root === undefined) fail("usage: plugin <project root> [<live answers file>]");
  let live: LiveAnswers | undefined;
  try {
    live = liveFile === undefined ? undefined : LiveAnswers.read(liveFile);
  } catch (error) {
    fail(`cannot read the live answers ${liveFile}: ${(error as Error).message}`);
  }
  // grpc-js loads any package as an untyped GrpcObject; what these .proto files load as is what proto-loader-gen-types wrote.
  const protocol = grpc.loadPackageDefinition(protocolDefinitions(root)) as unknown as LoadedProtocol;
  const twins = new Map<string, ProviderTwin>();
  const twinFor = (name: string): ProviderTwin => {
    let twin = twins.get(name);
    if (twin === undefined) {
      twin = new ProviderTwin(pinnedProvider(name, root), loadProviderSchema(pinnedProvider(name, root), root), live);
      twins.set(name, twin);
    }
    return twin;
  };
  // A launcher writes one line, {"provider": …, "pid": …}, and reads back the port of its own server.
  const launchers = createServer((connection) => {
    let buffer = "";
    connection.on("data", (chunk) => {
      buffer += String(chunk);
      const end = buffer.indexOf("\n");
      if (end < 0) return;
      const request = JSON.parse(buffer.slice(0, end)) as { provider: string; pid: number };
      buffer = "";
      let twin: ProviderTwin;
      try {
        twin = twinFor(request.provider);
      } catch (error) {
        connection.end(`error ${(error as Error).message}\n`);
        return;
      }
      serveInstance(twin, protocol, () => connection.end()).then(
        ({ server, port }) => {
          // A launcher killed without a shutdown (Terraform gives up on a plugin) takes its server with it.
          connection.once("close", () => server.tryShutdown(() => undefined));
          connection.write(`${port}\n`);
        },
        (error: Error) => connection.end(`error cannot listen on loopback: ${error.message}\n`),
      );
    });
    connection.on("error", () => undefined);
  });
  // Loopback only; a launcher (twin/launch.sh) reaches it with bash's /dev/tcp, which knows no Unix sockets.
  launchers.listen(0, "127.0.0.1", () => process.stdout.write(`ready ${(launchers.address() as AddressInfo).port}\n`));
  // The rehearsal holds this process's standard input: when the rehearsal ends, however it ends, so does the twin.
  process.stdin.on("end", () => process.exit(0));
  process.stdin.resume();
}

main();
