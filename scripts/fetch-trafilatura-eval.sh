#!/usr/bin/env bash
# Copies trafilatura's public evaluation set (github.com/adbar/trafilatura:
# tests/evaldata.json and the pages it names, in tests/eval/ and
# tests/cache/) into .cache/trafilatura-eval/ at the repository root, for
# the extractor's second development corpus (BENCHMARKS.md, issue 13):
#
#   scripts/fetch-trafilatura-eval.sh [GIT_DIR]
#   go run -C eval ./evalextract -trafilatura ../.cache/trafilatura-eval
#
# GIT_DIR is a clone of adbar/trafilatura (a work tree or a bare
# repository, or a directory holding one as repo/); its HEAD is copied,
# or TRAFILATURA_REF when set. Without GIT_DIR the first
# /work/.mirror/adbar+trafilatura* is used, and without one of those a
# shallow clone of https://github.com/adbar/trafilatura (network needed).
# The pages belong to their publishers: .cache/ is git-ignored, never
# commit them.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.cache/trafilatura-eval
ref=${TRAFILATURA_REF:-HEAD}
src=${1:-}
if [ -z "$src" ]; then
  for d in /work/.mirror/adbar+trafilatura*; do
    if [ -e "$d" ]; then src=$d; break; fi
  done
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$src" ]; then
  echo "no git directory given and no mirror found: cloning https://github.com/adbar/trafilatura (shallow)" >&2
  git clone --quiet --depth 1 --no-checkout https://github.com/adbar/trafilatura "$tmp/clone"
  src=$tmp/clone
fi
git_dir() {
  git -C "$1" cat-file -e "$ref:tests/evaldata.json" 2>/dev/null
}
if ! git_dir "$src"; then
  if [ -d "$src/repo" ] && git_dir "$src/repo"; then
    src=$src/repo
  else
    echo "$src: not a git directory of adbar/trafilatura with $ref" >&2
    exit 1
  fi
fi
commit=$(git -C "$src" rev-parse "$ref^{commit}")
mkdir -p "$tmp/x"
git -C "$src" archive --format=tar "$commit" tests/evaldata.json tests/eval tests/cache | tar -x -C "$tmp/x"
mkdir -p "$tmp/set"
mv "$tmp/x/tests/evaldata.json" "$tmp/x/tests/eval" "$tmp/x/tests/cache" "$tmp/set/"
echo "adbar/trafilatura $commit" >"$tmp/set/SOURCE"
rm -rf "$out"
mkdir -p "$(dirname "$out")"
mv "$tmp/set" "$out"
pages=$(find "$out/eval" "$out/cache" -type f | wc -l)
echo "$out: $pages pages and evaldata.json from adbar/trafilatura $commit"
