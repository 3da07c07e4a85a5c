// What Terraform starts as each provider plugin during a rehearsal: it checks go-plugin's handshake
// environment, asks the rehearsal's twin process (twin/plugin.ts, over a Unix socket) for a gRPC server of
// its own, prints the handshake line for it, and ends when Terraform shuts that server down. Plain
// JavaScript with Node's own modules only, so that it starts in a few tens of milliseconds.
//
//   node twin/launch.cjs <socket path> <provider name>
"use strict";
const net = require("node:net");

// go-plugin's handshake for Terraform providers: the cookie Terraform sets, and the protocol versions served.
const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
const CORE_PROTOCOL_VERSION = 1;
const PLUGIN_PROTOCOL_VERSION = 6;

function fail(message) {
  process.stderr.write(`provider twin: ${message}\n`);
  process.exit(1);
}

const [socketPath, provider] = process.argv.slice(2);
if (socketPath === undefined || provider === undefined) fail("usage: launch.cjs <socket path> <provider name>");
if (process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
  fail("this is a Terraform provider plugin (the psf-estate provider twin); Terraform starts it during `npm run rehearse`, it is not run by hand");
}
const offered = (process.env.PLUGIN_PROTOCOL_VERSIONS || String(PLUGIN_PROTOCOL_VERSION)).split(",");
if (!offered.includes(String(PLUGIN_PROTOCOL_VERSION))) fail(`Terraform offers plugin protocol ${offered.join(", ")}; the twin speaks ${PLUGIN_PROTOCOL_VERSION} (Terraform 1.10 or later)`);
if (process.env.PLUGIN_CLIENT_CERT) fail("Terraform asked for TLS on the plugin connection; the rehearsal runs Terraform with TF_DISABLE_PLUGIN_TLS=1 (loopback only)");

const connection = net.connect(socketPath);
let answered = false;
let buffer = "";
connection.on("data", (chunk) => {
  if (answered) return;
  buffer += String(chunk);
  const end = buffer.indexOf("\n");
  if (end < 0) return;
  answered = true;
  const answer = buffer.slice(0, end);
  if (!/^\d+$/.test(answer)) fail(answer.replace(/^error /, ""));
  process.stdout.write(`${CORE_PROTOCOL_VERSION}|${PLUGIN_PROTOCOL_VERSION}|tcp|127.0.0.1:${answer}|grpc\n`);
});
// The twin closes the connection when Terraform shuts this instance's server down, or when the rehearsal ends.
connection.on("close", () => process.exit(answered ? 0 : 1));
connection.on("error", (error) => fail(`the rehearsal's twin is not running (${error.message})`));
connection.write(`${JSON.stringify({ provider, pid: process.pid })}\n`);
