#!/usr/bin/env bash
# docs/api/ is generated from src/index.ts by TypeDoc (`npm run docs:api`): fail when it is out of date, or when an
# exported function, class, interface, type or constant has no doc comment (typedoc.json's validation).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
npx typedoc --logLevel Warn --out "$out"
if ! diff -r docs/api "$out" >/dev/null; then
  echo "docs/api/ is out of date with src/index.ts: run npm run docs:api and commit docs/api/"
  diff -r docs/api "$out" | head -20
  exit 1
fi
