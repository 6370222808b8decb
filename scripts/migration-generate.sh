#!/usr/bin/env bash
# npm run migration:generate -- <Name>: builds, then writes
# libs/platform/src/database/migrations/<timestamp>-<Name>.ts with the SQL that takes the database
# of DATABASE_URL (migrated up to date) to the entities. Read it and tidy it before committing.
set -euo pipefail
cd "$(dirname "$0")/.."

name="${1:-}"
if [[ ! "$name" =~ ^[A-Z][A-Za-z0-9]+$ ]]; then
  echo "usage: npm run migration:generate -- <PascalCaseName>" >&2
  exit 2
fi
npm run --silent build
npx typeorm migration:generate --pretty \
  --dataSource dist/libs/platform/src/database/data-source.js \
  "libs/platform/src/database/migrations/${name}"
