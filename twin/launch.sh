#!/usr/bin/env bash
# What Terraform starts as each provider plugin during a rehearsal: it checks go-plugin's handshake
# environment, asks the rehearsal's twin process (twin/plugin.ts, on a loopback port) for a gRPC server of
# its own, prints the handshake line for it, and ends when Terraform shuts that server down. Bash, whose
# /dev/tcp needs no other program: it starts in a few milliseconds, where Node takes tens, and a rehearsal
# starts a plugin a few hundred times.
#
#   twin/launch.sh <twin port> <provider name>
set -u

# go-plugin's handshake for Terraform providers: the cookie Terraform sets, and the protocol versions served.
readonly MAGIC_COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2
readonly CORE_PROTOCOL_VERSION=1
readonly PLUGIN_PROTOCOL_VERSION=6

fail() {
  printf 'provider twin: %s\n' "$1" >&2
  exit 1
}

[ $# -eq 2 ] || fail "usage: launch.sh <twin port> <provider name>"
[ "${TF_PLUGIN_MAGIC_COOKIE:-}" = "$MAGIC_COOKIE" ] \
  || fail "this is a Terraform provider plugin (the psf-estate provider twin); Terraform starts it during \`npm run rehearse\`, it is not run by hand"
case ",${PLUGIN_PROTOCOL_VERSIONS:-$PLUGIN_PROTOCOL_VERSION}," in
  *",$PLUGIN_PROTOCOL_VERSION,"*) ;;
  *) fail "Terraform offers plugin protocol ${PLUGIN_PROTOCOL_VERSIONS}; the twin speaks $PLUGIN_PROTOCOL_VERSION (Terraform 1.10 or later)" ;;
esac
[ -z "${PLUGIN_CLIENT_CERT:-}" ] || fail "Terraform asked for TLS on the plugin connection; the rehearsal runs Terraform with TF_DISABLE_PLUGIN_TLS=1 (loopback only)"

exec 3<>"/dev/tcp/127.0.0.1/$1" 2>/dev/null || fail "the rehearsal's twin is not running (nothing answers on port $1)"
printf '{"provider":"%s","pid":%d}\n' "$2" "$$" >&3
IFS= read -r answer <&3 || fail "the rehearsal's twin closed the connection without an answer"
case "$answer" in
  '' | *[!0-9]*) fail "${answer#error }" ;;
esac
printf '%d|%d|tcp|127.0.0.1:%s|grpc\n' "$CORE_PROTOCOL_VERSION" "$PLUGIN_PROTOCOL_VERSION" "$answer"
# The twin closes the connection when Terraform shuts this instance's server down, or when the rehearsal ends;
# killed first, this process takes the connection, and so the server, with it.
while IFS= read -r _ <&3; do :; done
exit 0
