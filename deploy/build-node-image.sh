#!/usr/bin/env bash
# Builds the node image synod/node:<hash> (also tagged synod/node:latest) from deploy/Dockerfile on top of the
# base image, where <hash> covers the distribution tarball, the Dockerfile and the base image's id. An existing
# image with the same hash is reused.
#
# Usage: deploy/build-node-image.sh [--tarball FILE] [--base IMAGE] [--force] [--print-tag]
#   --tarball FILE  the distribution (default node/target/synod.tar.gz; build it with
#                   `mvn -pl node -am package -DskipTests`)
#   --base IMAGE    base image with a JRE (default: synod/base:<hash> from deploy/base-image.sh, built if absent)
#   --force         rebuild even if synod/node:<hash> exists
#   --print-tag     print the tag it would produce and exit (needs the base image to exist)
# The last line of output is the image tag.
set -euo pipefail

DEPLOY=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$DEPLOY/.." && pwd)
REPO=synod/node
TARBALL="$ROOT/node/target/synod.tar.gz"
BASE=""
FORCE=0
PRINT_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --tarball) TARBALL="$2"; shift 2 ;;
    --base) BASE="$2"; shift 2 ;;
    --force) FORCE=1; shift ;;
    --print-tag) PRINT_ONLY=1; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "error: unknown option '$1' (expected: --tarball FILE, --base IMAGE, --force, --print-tag)" >&2; exit 2 ;;
  esac
done

[ -f "$TARBALL" ] || { echo "error: distribution $TARBALL not found; build it with: mvn -pl node -am package -DskipTests" >&2; exit 1; }
command -v docker >/dev/null || { echo "error: docker CLI not found (apt-get install -y docker.io)" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "error: no Docker daemon answers (start dockerd)" >&2; exit 1; }

if [ -z "$BASE" ]; then
  BASE=$("$DEPLOY/base-image.sh" --print-tag)
  if ! docker image inspect "$BASE" >/dev/null 2>&1; then
    [ "$PRINT_ONLY" = 1 ] && { echo "error: base image $BASE does not exist yet; run deploy/base-image.sh" >&2; exit 1; }
    "$DEPLOY/base-image.sh" | sed 's/^/    [base] /'
  fi
fi
BASE_ID=$(docker image inspect -f '{{.Id}}' "$BASE" 2>/dev/null) \
  || { echo "error: base image $BASE not found" >&2; exit 1; }

HASH=$( { sha256sum <"$TARBALL"; sha256sum <"$DEPLOY/Dockerfile"; echo "$BASE_ID"; } | sha256sum | cut -c1-12)
TAG="$REPO:$HASH"
if [ "$PRINT_ONLY" = 1 ]; then echo "$TAG"; exit 0; fi

if [ "$FORCE" = 0 ] && docker image inspect "$TAG" >/dev/null 2>&1; then
  echo "==> $TAG exists (inputs unchanged); reusing it"
  docker tag "$TAG" "$REPO:latest"
  echo "$TAG"
  exit 0
fi

start=$(date +%s)
CONTEXT=$(mktemp -d /tmp/synod-node-image.XXXXXX)
trap 'rm -rf "$CONTEXT"' EXIT
# A minimal build context: the Dockerfile and the tarball only (hard link when possible, else copy).
cp "$DEPLOY/Dockerfile" "$CONTEXT/Dockerfile"
ln "$TARBALL" "$CONTEXT/synod.tar.gz" 2>/dev/null || cp "$TARBALL" "$CONTEXT/synod.tar.gz"

PREVIOUS=$(docker image inspect -f '{{.Id}}' "$REPO:latest" 2>/dev/null || true)
echo "==> building $TAG from $TARBALL on $BASE"
echo "    docker build --build-arg BASE_IMAGE=$BASE -t $TAG $CONTEXT"
# The classic builder works with every engine and CLI, with or without the buildx plugin.
if ! DOCKER_BUILDKIT=0 docker build -q --build-arg "BASE_IMAGE=$BASE" --label "dev.synod.inputs=$HASH" \
      -t "$TAG" "$CONTEXT" >"$CONTEXT/build.log" 2>&1; then
  echo "error: docker build failed:" >&2
  cat "$CONTEXT/build.log" >&2
  exit 1
fi
docker tag "$TAG" "$REPO:latest"
# Keep the 3 newest node builds; drop the tags of older ones (`docker images` lists newest first; an image still
# used by a container or a variant stays, untagged).
for old in $(docker images --format '{{.Repository}}:{{.Tag}}' "$REPO" | grep -v -e ":latest$" -e ":<none>$" \
    | grep -v ":$HASH$" | tail -n +3 || true); do
  docker rmi "$old" >/dev/null 2>&1 && echo "    removed old tag $old" || true
done
echo "==> built $TAG (+ $REPO:latest) in $(( $(date +%s) - start )) s"
echo "$TAG"
