#!/usr/bin/env bash
# npm run migration:check: fails when the entities and the migrations disagree, i.e. when
# migration:generate would have something to write. Needs the build (npm run build) and the
# database of DATABASE_URL migrated (npm run migration:run); CI uses a throw-away rsa_ci_check.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! npx typeorm migration:generate --check \
  --dataSource dist/libs/platform/src/database/data-source.js \
  libs/platform/src/database/migrations/Unwritten; then
  echo "migration:check: entities and migrations disagree (see the SQL above): npm run migration:generate -- <Name>" >&2
  exit 1
fi
