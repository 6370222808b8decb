#!/usr/bin/env bash
# npm run migration:check: fails when the entities and the migrations disagree, i.e. when
# migration:generate would have something to write. Needs the build (npm run build) and the
# database of DATABASE_URL migrated (npm run migration:run); CI uses a throw-away rsa_ci_check.
set -euo pipefail
cd "$(dirname "$0")/.."

# Against a database not migrated (or missing), the comparison would propose the whole schema:
# say what is really wrong instead.
if ! shown=$(npx typeorm migration:show -d dist/libs/platform/src/database/data-source.js 2>&1); then
  echo "$shown" | tail -3 >&2
  echo "migration:check: cannot read the migrations of DATABASE_URL's database (does it exist? npm run db:create, then npm run migration:run)" >&2
  exit 1
fi
if echo "$shown" | grep -q '^\[ \]'; then
  echo "migration:check: the database of DATABASE_URL has migrations not applied yet; run npm run migration:run first:" >&2
  echo "$shown" | grep '^\[ \]' >&2
  exit 1
fi

if ! npx typeorm migration:generate --check \
  --dataSource dist/libs/platform/src/database/data-source.js \
  libs/platform/src/database/migrations/Unwritten; then
  echo "migration:check: entities and migrations disagree (see the SQL above): npm run migration:generate -- <Name>" >&2
  exit 1
fi
