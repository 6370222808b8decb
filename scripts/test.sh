#!/usr/bin/env bash
# npm test [-- <jest args>]: dependencies if missing, PostgreSQL and Redis if down, then jest.
# jest's global setup (test/global-setup.ts) migrates the template database once per run.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ]; then
  npm ci
fi
bash scripts/services.sh
# Some end-to-end tests run the worker as a process of its own (killed mid-batch): from the build.
node scripts/ensure-built.js

# Two workers: test files are isolated (own database clone, own BullMQ prefix) but share one
# PostgreSQL; more workers mostly contend for it.
exec npx jest --maxWorkers=2 "$@"
