#!/usr/bin/env bash
# Builds the Synod distribution and runs an N-node cluster of `synod agent` processes on loopback, secured
# with a throwaway CA: mutual TLS on the API, Raft and gossip. Waits for a leader, bootstraps the ACLs, writes
# a key through a follower with a client token, reads it back linearizably from every node with the admin
# certificate, prints the members and the leader, then keeps running until Ctrl-C, which stops every process.
#
# Usage: deploy/local-cluster.sh [--nodes N] [--no-build] [--dir DIR] [--insecure-dev]
#   --nodes N        number of translation nodes (default 3, 1..7)
#   --no-build       reuse node/target/synod instead of running ./mvnw package
#   --dir DIR        where data, logs and certificates go (default ./.synod-local); wiped at start
#   --insecure-dev   plaintext and no authentication (a loud warning in every log)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
NODES=3
BUILD=1
WORK="$ROOT/.synod-local"
INSECURE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) NODES="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --dir) WORK="$2"; shift 2 ;;
    --insecure-dev) INSECURE=1; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "error: unknown option '$1' (expected: --nodes N, --no-build, --dir DIR, --insecure-dev)" >&2; exit 2 ;;
  esac
done
if ! [[ "$NODES" =~ ^[0-9]+$ ]] || [ "$NODES" -lt 1 ] || [ "$NODES" -gt 7 ]; then
  echo "error: --nodes: '$NODES' (expected: 1..7)" >&2; exit 2
fi

if [ "$BUILD" = 1 ]; then
  echo "==> building the distribution (./mvnw -DskipTests package)"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package)
fi
SYNOD="$ROOT/node/target/synod/bin/synod"
[ -x "$SYNOD" ] || { echo "error: $SYNOD not found; run without --no-build" >&2; exit 1; }

api_port() { echo $((7400 + 10 * $1)); }
raft_port() { echo $((7401 + 10 * $1)); }
gossip_port() { echo $((7402 + 10 * $1)); }

rm -rf "$WORK"
mkdir -p "$WORK"
PKI="$WORK/pki"
if [ "$INSECURE" = 1 ]; then
  export SYNOD_INSECURE_DEV=true
  CLI_AUTH=(--insecure-dev)
else
  echo "==> creating a throwaway CA and certificates in $PKI"
  "$SYNOD" tls ca create --cluster-id local --validity 30d --out-dir "$PKI" >/dev/null
  for i in $(seq 1 "$NODES"); do
    "$SYNOD" tls cert create --role server --name "node-$i" --cluster-id local --ip 127.0.0.1 --validity 30d \
      --out-dir "$PKI" >/dev/null
  done
  "$SYNOD" tls cert create --role admin --name operator --cluster-id local --validity 30d --out-dir "$PKI" >/dev/null
  CLI_AUTH=(--cluster-id local --ca-file "$PKI/local-ca.pem" --cert-file "$PKI/local-admin-operator.pem"
    --key-file "$PKI/local-admin-operator-key.pem")
fi
PIDS=()
ENDPOINTS=""
SEEDS=""
for i in $(seq 1 "$NODES"); do
  ENDPOINTS="${ENDPOINTS:+$ENDPOINTS,}127.0.0.1:$(api_port "$i")"
  SEEDS="${SEEDS:+$SEEDS,}127.0.0.1:$(gossip_port "$i")"
done

cleanup() {
  trap - INT TERM EXIT
  if [ ${#PIDS[@]} -gt 0 ]; then
    echo
    echo "==> stopping ${#PIDS[@]} agents (SIGTERM: leadership hand-off, drain, leave)"
    kill -TERM "${PIDS[@]}" 2>/dev/null || true
    wait "${PIDS[@]}" 2>/dev/null || true
  fi
  echo "==> stopped; data and logs kept in $WORK"
}
trap cleanup INT TERM EXIT

echo "==> starting $NODES agents; data and logs in $WORK/node-N/{data,agent.log}"
for i in $(seq 1 "$NODES"); do
  dir="$WORK/node-$i"
  mkdir -p "$dir"
  tls=()
  if [ "$INSECURE" = 0 ]; then
    tls=(--tls-ca-file "$PKI/local-ca.pem" --tls-ca-key-file "$PKI/local-ca-key.pem"
      --tls-cert-file "$PKI/local-server-node-$i.pem" --tls-key-file "$PKI/local-server-node-$i-key.pem")
  fi
  "$SYNOD" agent --node-id "node-$i" --cluster-id local --data-dir "$dir/data" \
    --bind-host 127.0.0.1 --api-port "$(api_port "$i")" --raft-port "$(raft_port "$i")" \
    --gossip-port "$(gossip_port "$i")" --seeds "$SEEDS" --bootstrap-expect "$NODES" \
    --gossip-preset local ${tls[@]+"${tls[@]}"} >"$dir/agent.log" 2>&1 &
  PIDS+=($!)
  echo "    node-$i  api 127.0.0.1:$(api_port "$i")  raft :$(raft_port "$i")  gossip :$(gossip_port "$i")  pid $!"
done

cli() { "$SYNOD" "$@" "${CLI_AUTH[@]}"; }

echo "==> waiting for a leader"
leader=""
for _ in $(seq 1 120); do
  for i in $(seq 1 "$NODES"); do
    kill -0 "${PIDS[$((i - 1))]}" 2>/dev/null || { echo "error: node-$i exited; see $WORK/node-$i/agent.log" >&2; tail -20 "$WORK/node-$i/agent.log" >&2; exit 1; }
  done
  out=$(cli status --endpoints "127.0.0.1:$(api_port 1)" --json 2>/dev/null || true)
  leader=$(printf '%s' "$out" | sed -n 's/.*"leaderId": *"\([^"]*\)".*/\1/p' | head -1)
  serving=$(printf '%s' "$out" | grep -c '"serving": *true' || true)
  [ -n "$leader" ] && [ "$serving" -gt 0 ] && break
  sleep 1
done
[ -n "$leader" ] || { echo "error: no leader after 120 s; see $WORK/node-*/agent.log" >&2; exit 1; }
echo "    leader: $leader"

follower=""
for i in $(seq 1 "$NODES"); do
  if [ "node-$i" != "$leader" ]; then follower=$i; break; fi
done
follower=${follower:-1}
value="hello from node-$follower at $(date -u +%H:%M:%S)"
if [ "$INSECURE" = 0 ]; then
  echo "==> bootstrapping ACLs (the first admin token is shown once; kept in $PKI/bootstrap-token.json)"
  "$SYNOD" acl bootstrap --json --endpoints "127.0.0.1:$(api_port 1)" --cluster-id local \
    --ca-file "$PKI/local-ca.pem" >"$PKI/bootstrap-token.json"
  chmod 600 "$PKI/bootstrap-token.json"
  echo "==> creating a client token with the admin certificate"
  token=$(cli acl token create --role client --description demo --ttl 24h --json \
    --endpoints "127.0.0.1:$(api_port "$follower")" | sed -n 's/.*"secret": *"\([^"]*\)".*/\1/p' | head -1)
  [ -n "$token" ] || { echo "error: no token secret in the acl token create output" >&2; exit 1; }
  echo "==> writing demo/greeting through node-$follower (a follower when N > 1) with the client token"
  "$SYNOD" kv put demo/greeting "$value" --endpoints "127.0.0.1:$(api_port "$follower")" --cluster-id local \
    --ca-file "$PKI/local-ca.pem" --token "$token"
else
  echo "==> writing demo/greeting through node-$follower (a follower when N > 1)"
  cli kv put demo/greeting "$value" --endpoints "127.0.0.1:$(api_port "$follower")"
fi
echo "==> reading it back linearizably from every node"
for i in $(seq 1 "$NODES"); do
  got=$(cli kv get demo/greeting --endpoints "127.0.0.1:$(api_port "$i")")
  if printf '%s' "$got" | grep -qF "$value"; then
    echo "    node-$i: ok"
  else
    echo "error: node-$i returned $got" >&2; exit 1
  fi
done

echo "==> members"
cli members --endpoints "$ENDPOINTS"
echo "==> raft peers"
cli raft peers --endpoints "$ENDPOINTS"
echo
echo "Cluster is up. Try:  $SYNOD kv get demo/greeting --endpoints $ENDPOINTS ${CLI_AUTH[*]}"
echo "Logs: $WORK/node-N/agent.log   Data: $WORK/node-N/data"
echo "Press Ctrl-C to stop every agent."
wait "${PIDS[@]}"
