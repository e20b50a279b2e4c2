#!/usr/bin/env bash
# CPU time and context switches per single-client write, Synod against etcd in one run: runs
# `synod bench compare` for P2 in plaintext and, every 5 s, reads each agent's, etcd member's and the load
# generator's CPU ticks and context switches (all threads) from /proc. For each system it reports the
# difference over that system's measured workload divided by the writes completed in it. Linux only.
#
# Usage: bench/scripts/per-write-cost.sh [extra `synod bench compare` options]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SYNOD="$ROOT/node/target/synod/bin/synod"
[ -x "$SYNOD" ] || { echo "error: $SYNOD not found; run ./mvnw -DskipTests package first" >&2; exit 1; }
OUT=$(mktemp -d)
HZ=$(getconf CLK_TCK)

sample() {
  while true; do
    t=$(date +%s)
    for p in $(pgrep -x etcd) $(pgrep -f 'SynodMain agent') $(pgrep -f BenchMain); do
      c=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null) || continue
      s=$(cat /proc/"$p"/task/*/status 2>/dev/null | awk '/ctxt_switches/ {s += $2} END {print s}')
      echo "$t $p $(cat "/proc/$p/comm" 2>/dev/null) $c $s"
    done
    sleep 5
  done
}
sample > "$OUT/samples" &
SAMPLER=$!
trap 'kill $SAMPLER 2>/dev/null || true' EXIT

"$SYNOD" bench compare --scenarios p2-writes-1-client --modes plaintext "$@" 2>&1 \
  | while IFS= read -r line; do echo "$(date +%s) $line"; done | tee "$OUT/compare.log" | cut -d' ' -f2-

# Each system's measured window: from its "==> <system>, plaintext, p2-writes-1-client:" line to its result line.
awk -v hz="$HZ" -v samples="$OUT/samples" '
  / ==> [a-z]+, plaintext, p2-writes-1-client:/ { sys = $3; sub(",", "", sys); start[sys] = $1 }
  sys != "" && $2 == sys":" && / ops in / { ops = $3; gsub(",", "", ops); secs = $6; end[sys] = $1; rate[sys] = ops / secs; order[++n] = sys; sys = "" }
  END {
    while ((getline line < samples) > 0) { split(line, f, " "); rows[++m] = line }
    for (i = 1; i <= n; i++) {
      s = order[i]; delete first; delete last
      for (j = 1; j <= m; j++) {
        split(rows[j], f, " ")
        # samples inside the measured window, one 5 s period in from each end
        if (f[1] < start[s] + 10 || f[1] > end[s]) continue
        if (!(f[2] in first)) first[f[2]] = rows[j]
        last[f[2]] = rows[j]
      }
      printf "%s: %.0f writes/s\n", s, rate[s]
      tc = 0; ts = 0
      for (p in first) {
        split(first[p], a, " "); split(last[p], b, " ")
        dt = b[1] - a[1]; if (dt <= 0) continue
        cpu = (b[4] - a[4]) / hz / dt; sw = (b[5] - a[5]) / dt
        tc += cpu; ts += sw
        printf "  pid %-7s %-10s CPU %4.0f %%  %6.0f us/write  %5.1f switches/write\n", p, a[3], 100 * cpu, 1e6 * cpu / rate[s], sw / rate[s]
      }
      printf "  all        %-10s CPU %4.0f %%  %6.0f us/write  %5.1f switches/write\n", "", 100 * tc, 1e6 * tc / rate[s], ts / rate[s]
    }
  }' "$OUT/compare.log"
echo "samples and log: $OUT"
