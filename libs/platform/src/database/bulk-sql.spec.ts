import { insertSql, updateSql } from './bulk-sql';

describe('bulk SQL', () => {
  const key = { name: 'id', type: 'uuid' };
  const columns = [
    { name: 'nom', type: 'varchar' },
    { name: 'nir_hash', type: 'varchar' },
  ];

  it('updates from a JSON recordset, with overrides and extra assignments in the SET list', () => {
    expect(updateSql('person', key, columns, { nir_hash: 'COALESCE(x."nir_hash", t."nir_hash")', updated_at: 'now()' })).toBe(
      'UPDATE person AS t SET "nom" = x."nom", "nir_hash" = COALESCE(x."nir_hash", t."nir_hash"), "updated_at" = now() ' +
        'FROM jsonb_to_recordset($1::jsonb) AS x("id" uuid, "nom" varchar, "nir_hash" varchar) WHERE t."id" = x."id"',
    );
  });

  it('inserts with an upsert clause and RETURNING', () => {
    expect(insertSql('person', [key, ...columns], { onConflict: '(id)', update: ['nom'], returning: 'id' })).toBe(
      'INSERT INTO person ("id", "nom", "nir_hash") SELECT "id", "nom", "nir_hash" FROM jsonb_to_recordset($1::jsonb) AS x("id" uuid, "nom" varchar, "nir_hash" varchar) ' +
        'ON CONFLICT (id) DO UPDATE SET "nom" = EXCLUDED."nom" RETURNING id',
    );
  });
});
