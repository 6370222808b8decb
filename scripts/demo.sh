#!/usr/bin/env bash
# npm run demo: the main job on the local services, from a fresh clone.
# Installs if needed, builds, creates and migrates the database, generates and imports a sample
# daily CAF file, then serves the API and runs the worker until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || npm ci
bash scripts/services.sh
npm run --silent build
npm run --silent db:create
npm run --silent migration:run

today=$(date +%F)
sample="var/demo/NRSACGIM_RSABEI_${today//-/}_DEMO0001.RCV"
if [ ! -f "$sample" ]; then
  node dist/apps/cli/src/gen-caf.js --households 500 --kind daily --seed "demo-$today" --date "$today" --out "$sample"
fi
echo "==> importing $sample"
node --expose-gc dist/apps/cli/src/main.js intake:import "$sample"

echo "==> API on http://127.0.0.1:${PORT:-3000} (OpenAPI /docs, health /health/ready, metrics /metrics) and worker; Ctrl-C stops both"
node dist/apps/api/src/main.js &
api=$!
node --expose-gc dist/apps/worker/src/main.js &
worker=$!
trap 'kill $api $worker 2>/dev/null; wait $api $worker 2>/dev/null' INT TERM EXIT
wait -n $api $worker
