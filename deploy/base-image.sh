#!/usr/bin/env bash
# Builds the JRE base image for Synod containers from Debian's packages, without any container registry:
#   debootstrap --variant=minbase --include=<packages> bookworm ROOTFS
#   tar -C ROOTFS -c . | docker import - synod/base:<hash>      (also tagged synod/base:latest)
# <hash> covers this script and the package list, so an unchanged input reuses the existing image.
# The Debian mirror comes from the machine's apt configuration (/etc/apt/sources.list and
# /etc/apt/sources.list.d/*), unless SYNOD_DEBIAN_MIRROR is set. Runs as root (debootstrap needs it).
#
# Usage: deploy/base-image.sh [--force] [--print-tag]
#   --force      rebuild even when synod/base:<hash> exists
#   --print-tag  print the image tag it would produce and exit
# The last line of output is the image tag (synod/base:<hash>).
set -euo pipefail

SUITE=bookworm
PACKAGES=openjdk-17-jre-headless,iptables,iproute2,procps,libfaketime
REPO=synod/base

FORCE=0
PRINT_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --force) FORCE=1; shift ;;
    --print-tag) PRINT_ONLY=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "error: unknown option '$1' (expected: --force, --print-tag)" >&2; exit 2 ;;
  esac
done

SCRIPT="${BASH_SOURCE[0]}"
HASH=$( { cat "$SCRIPT"; echo "suite=$SUITE packages=$PACKAGES"; } | sha256sum | cut -c1-12)
TAG="$REPO:$HASH"
if [ "$PRINT_ONLY" = 1 ]; then echo "$TAG"; exit 0; fi

command -v docker >/dev/null || { echo "error: docker CLI not found (apt-get install -y docker.io)" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "error: no Docker daemon answers (start dockerd)" >&2; exit 1; }

if [ "$FORCE" = 0 ] && docker image inspect "$TAG" >/dev/null 2>&1; then
  echo "==> $TAG exists (inputs unchanged); reusing it"
  docker tag "$TAG" "$REPO:latest"
  echo "$TAG"
  exit 0
fi

command -v debootstrap >/dev/null || { echo "error: debootstrap not found (apt-get install -y debootstrap)" >&2; exit 1; }

# The first mirror that serves $SUITE in the machine's apt sources (one-line or deb822 format).
find_mirror() {
  local f
  if [ -n "${SYNOD_DEBIAN_MIRROR:-}" ]; then echo "$SYNOD_DEBIAN_MIRROR"; return; fi
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    # deb [options] URI SUITE COMPONENTS...
    awk -v suite="$SUITE" '$1 == "deb" {
        i = 2; if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
        if ($(i + 1) == suite) { print $i; exit } }' "$f"
  done | head -1 | grep . && return
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    # deb822 stanzas separated by blank lines: Types, URIs, Suites, ...
    awk -v suite="$SUITE" 'BEGIN { RS = ""; FS = "\n" } {
        uris = ""; ok = 0; deb = 0
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/) { sub(/^URIs:[ \t]*/, "", $i); split($i, u, /[ \t]+/); uris = u[1] }
          if ($i ~ /^Types:/ && $i ~ /(^|[ \t])deb([ \t]|$)/) deb = 1
          if ($i ~ /^Suites:/) { n = split($i, s, /[ \t]+/); for (j = 2; j <= n; j++) if (s[j] == suite) ok = 1 }
          if ($i ~ /^Enabled:[ \t]*no/) ok = 0
        }
        if (ok && deb && uris != "") { print uris; exit } }' "$f"
  done | head -1 | grep . && return
  echo "http://deb.debian.org/debian"
}
MIRROR=$(find_mirror)

WORK=$(mktemp -d /tmp/synod-base.XXXXXX)
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT
ROOTFS="$WORK/rootfs"

start=$(date +%s)
echo "==> building $TAG"
echo "    debootstrap --variant=minbase --include=$PACKAGES $SUITE $ROOTFS $MIRROR"
if ! debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$ROOTFS" "$MIRROR" >"$WORK/debootstrap.log" 2>&1; then
  echo "error: debootstrap failed; last lines of its log:" >&2
  tail -30 "$WORK/debootstrap.log" >&2
  [ -f "$ROOTFS/debootstrap/debootstrap.log" ] && tail -30 "$ROOTFS/debootstrap/debootstrap.log" >&2
  exit 1
fi
echo "    debootstrap done in $(( $(date +%s) - start )) s"

# Smaller image: no package caches or lists; the image is immutable.
rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/debootstrap
FAKETIME_LIB=$(cd "$ROOTFS" && ls usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1 || true)
[ -n "$FAKETIME_LIB" ] || { echo "error: libfaketime.so.1 missing from the rootfs" >&2; exit 1; }
[ -x "$ROOTFS/usr/bin/java" ] || { echo "error: /usr/bin/java missing from the rootfs" >&2; exit 1; }
JAVA_HOME_DIR=$(cd "$ROOTFS" && ls -d usr/lib/jvm/java-17-openjdk-* 2>/dev/null | head -1 || true)
[ -n "$JAVA_HOME_DIR" ] || { echo "error: no usr/lib/jvm/java-17-openjdk-* in the rootfs" >&2; exit 1; }

echo "    tar -C $ROOTFS -c . | docker import - $TAG"
tar -C "$ROOTFS" -c . | docker import \
  --change 'ENV LANG=C.UTF-8' \
  --change "ENV JAVA_HOME=/$JAVA_HOME_DIR" \
  --change 'CMD ["/bin/bash"]' \
  --message "synod base: debootstrap $SUITE minbase + $PACKAGES" \
  - "$TAG" >/dev/null
docker tag "$TAG" "$REPO:latest"
echo "==> built $TAG (+ $REPO:latest) in $(( $(date +%s) - start )) s; size $(docker image inspect -f '{{.Size}}' "$TAG") bytes"
echo "$TAG"
