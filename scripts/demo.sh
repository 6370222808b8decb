#!/usr/bin/env bash
# npm run demo: the main job on the local services, from a fresh clone.
# Installs if needed, builds, creates and migrates the database, creates the local token issuer's
# key, generates and imports a sample daily CAF file, loads the demo organisation (seven Maisons Nord
# Emploi, one account per role, agendas with open slots, a few files shared; in Roubaix-Tourcoing, twelve
# people along the path: co-diagnostic, orientation, referent and first appointment, six signed
# contracts, one réorientation request pending for the coordinator), then starts the local
# SMTP relay and SMS provider simulator, serves the API and runs the worker until Ctrl-C. The worker
# convenes the sample's entrants within a minute: letters as PDF under var/convocation/letters/,
# emails as .eml under var/demo/mail/, SMS in the simulator (/__control/messages).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || npm ci
bash scripts/services.sh
npm run --silent build
npm run --silent db:create
npm run --silent migration:run
node dist/apps/cli/src/main.js auth:init

today=$(date +%F)
sample="var/demo/NRSACGIM_RSABEI_${today//-/}_DEMO0001.RCV"
# Made early today: a header later than now is refused (FUTURE_DATED).
if [ ! -f "$sample" ]; then
  node dist/apps/cli/src/gen-caf.js --households 500 --kind daily --seed "demo-$today" --date "$today" --time 00:30:00.0000 --out "$sample"
fi
echo "==> importing $sample"
node --expose-gc dist/apps/cli/src/main.js intake:import "$sample"
echo "==> demo organisation, and the path of twelve people of Roubaix-Tourcoing (diagnostics, orientations, portfolios, contracts)"
node dist/apps/cli/src/main.js org:seed-demo

port="${PORT:-3000}"
metrics="${METRICS_PORT:-9464}"
cat <<TOKENS
==> a token for a demo account (valid one hour), e.g. a referent of Roubaix-Tourcoing:
    TOKEN=\$(npm run --silent cli -- auth:token --user demo.referent.roubaix)
    curl -s -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' -d '{}' http://127.0.0.1:$port/beneficiaries/search
    curl -s -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:$port/portfolio/me    # the referent's portfolio: people, first appointments, load
  other accounts: demo.coordinator.roubaix, demo.project-team.roubaix, demo.ft.roubaix, demo.operator.iod,
  demo.admin, demo.auditor, demo.intake, demo.call-centre, demo.dpo (data-subject exports), demo.referent.lille
TOKENS

echo "==> local peers: SMTP relay and SMS provider simulator (where SMTP_URL and SMS_PROVIDER_URL point)"
node dist/apps/cli/src/peers.js &
peers=$!
echo "==> API on http://127.0.0.1:$port (OpenAPI /docs, health /health/ready), metrics on 127.0.0.1:$metrics (API) and :$((metrics + 1)) (worker); Ctrl-C stops everything"
node dist/apps/api/src/main.js &
api=$!
METRICS_PORT=$((metrics + 1)) node --expose-gc dist/apps/worker/src/main.js &
worker=$!
trap 'kill $api $worker $peers 2>/dev/null; wait $api $worker $peers 2>/dev/null' INT TERM EXIT
wait -n $api $worker $peers
