import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { NirVault } from '@rsa/beneficiary';
import type { AppConfig } from '@rsa/platform';
import { createTestDatabase, generateCafFile, type TestDatabase } from '@rsa/testing';
import { runCli } from '../apps/cli/src/cli';

/** Key rotation: `nir:rotate` re-encrypts under the new key and re-hashes under the new look-up key; imports still find everyone. */
describe('NIR key rotation (e2e)', () => {
  let db: TestDatabase;
  let dir: string;
  let sql: Client;

  beforeAll(async () => {
    db = await createTestDatabase({ withoutDataSource: true });
    dir = mkdtempSync(join(tmpdir(), 'rsa-rotate-'));
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const cli = async (config: AppConfig, ...argv: string[]) => {
    let stdout = '';
    const code = await runCli(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => undefined } }, config);
    return { code, json: stdout.trim() ? JSON.parse(stdout) : null };
  };
  const persons = async () =>
    (await sql.query<{ id: string; nir_encrypted: Buffer; nir_hash: string }>(`SELECT id, nir_encrypted, nir_hash FROM beneficiary_person WHERE nir_encrypted IS NOT NULL ORDER BY id`)).rows;

  it('re-encrypts and re-hashes every NIR, once, and the next import still matches everyone', async () => {
    const before = db.config;
    const first = await generateCafFile({ households: 30, kind: 'monthly', seed: 'rotate', out: join(dir, 'm1.xml'), date: '2026-11-04', faults: ['invalid-date'] });
    expect((await cli(before, 'intake:import', first.path, '--json')).code).toBe(0);
    // A reject stored before its XML was sealed: plain, which the rotation seals.
    const { rows: [file] } = await sql.query(`SELECT id FROM intake_file LIMIT 1`);
    await sql.query(`INSERT INTO intake_reject (file_id, ordinal, numdemrsa, matricule, path, message, raw_xml) VALUES ($1, 999, NULL, NULL, 'x', 'legacy', convert_to('<InfosFoyerRSA>legacy</InfosFoyerRSA>', 'UTF8'))`, [file.id]);
    const old = new NirVault(before.nirEncryptionKey, before.nirHashKey, { keyId: before.nirEncryptionKeyId });
    // Two NIRs asked for in rectification requests: one sealed under the old key, one stored in clear before they were sealed.
    const { rows: [someone] } = await sql.query(`SELECT id FROM beneficiary_person LIMIT 1`);
    await sql.query(
      `INSERT INTO beneficiary_rectification (id, person_id, field, requested_value, requested_nir_encrypted, reason_code, requested_by)
       VALUES (gen_random_uuid(), $1, 'nir', NULL, $2, 'caf-data-error', 'test'), (gen_random_uuid(), $1, 'nir', '2820959000435', NULL, 'caf-data-error', 'test')`,
      [someone.id, old.encrypt('1880493000123')],
    );
    const stored = await persons();
    expect(stored.length).toBeGreaterThan(20);
    const clear = new Map(stored.map((p) => [p.id, old.decrypt(p.nir_encrypted)]));
    expect(stored.every((p) => old.keyIdOf(p.nir_encrypted) === 1)).toBe(true);

    const after = before.with({
      nirEncryptionKey: randomBytes(32),
      nirEncryptionKeyId: 2,
      nirPreviousEncryptionKeys: new Map([[1, before.nirEncryptionKey]]),
      nirHashKey: randomBytes(32),
      nirPreviousHashKey: before.nirHashKey,
    });
    const rotation = await cli(after, 'nir:rotate', '--json');
    const blobs = async () =>
      (await sql.query<{ sealed: Buffer }>(`SELECT gz AS sealed FROM intake_raw_batch UNION ALL SELECT raw_xml FROM intake_reject WHERE length(raw_xml) > 0`)).rows.map((r) => r.sealed);
    const blobCount = (await blobs()).length;
    expect(blobCount).toBeGreaterThanOrEqual(3);
    expect(rotation).toEqual({
      code: 0,
      json: { persons: stored.length, reencrypted: stored.length, rehashed: stored.length, rectifications: 2, currentKeyId: 2, sealed: { rawBatches: expect.any(Number), rejects: 2, resealed: blobCount } },
    });
    const vault = new NirVault(after.nirEncryptionKey, after.nirHashKey, { keyId: 2 });
    const { rows: requested } = await sql.query<{ requested_value: string | null; sealed: Buffer }>(
      `SELECT requested_value, requested_nir_encrypted AS sealed FROM beneficiary_rectification WHERE field = 'nir'`,
    );
    expect(requested.map((r) => [r.requested_value, vault.decrypt(r.sealed)]).sort()).toEqual([[null, '1880493000123'], [null, '2820959000435']]);
    // The raw XML the intake keeps is under the new key, the old one no longer needed.
    for (const sealed of await blobs()) {
      expect(vault.isCurrentBytes(sealed)).toBe(true);
      expect(() => vault.openBytes(sealed)).not.toThrow();
    }
    const { rows: [legacy] } = await sql.query(`SELECT raw_xml FROM intake_reject WHERE ordinal = 999`);
    expect(vault.openBytes(legacy.raw_xml).toString('utf8')).toBe('<InfosFoyerRSA>legacy</InfosFoyerRSA>');
    for (const p of await persons()) {
      expect(vault.keyIdOf(p.nir_encrypted)).toBe(2);
      expect(vault.decrypt(p.nir_encrypted)).toBe(clear.get(p.id));
      expect(p.nir_hash).toBe(vault.lookupHash(clear.get(p.id) as string));
      expect(() => old.decrypt(p.nir_encrypted)).toThrow();
    }
    expect((await cli(after, 'nir:rotate', '--json')).json).toMatchObject({ reencrypted: 0, rehashed: 0, rectifications: 0, sealed: { resealed: 0 } });

    // The same households in a newer file, under the new keys: found by NIR, nobody created twice.
    const second = await generateCafFile({ households: 30, kind: 'monthly', seed: 'rotate', out: join(dir, 'm2.xml'), date: '2026-12-03', faults: ['invalid-date'] });
    const report = (await cli(after, 'intake:import', second.path, '--json')).json;
    expect(report.persons.created).toBe(0);
    const [{ n }] = (await sql.query(`SELECT count(*)::int AS n FROM beneficiary_person`)).rows;
    expect(n).toBe(report.persons.total - report.persons.rejected);
    const [audit] = (await sql.query(`SELECT actor_ref, detail FROM audit_event WHERE action = 'nir.rotate' ORDER BY seq LIMIT 1`)).rows;
    expect(audit.actor_ref).toMatch(/^cli:nir-rotate/);
    expect(audit.detail).toMatchObject({ reencrypted: stored.length });
    keys = after;
  });

  let keys: AppConfig;

  it('keeps imports waiting while the look-up key changed and the rotation has not run to the end, and leaves updated_at as it was', async () => {
    const before = keys;
    const after = before.with({ nirHashKey: randomBytes(32), nirPreviousHashKey: before.nirHashKey });
    const [{ n: people }] = (await sql.query(`SELECT count(*)::int AS n FROM beneficiary_person`)).rows;
    const next = await generateCafFile({ households: 30, kind: 'monthly', seed: 'rotate', out: join(dir, 'm3.xml'), date: '2027-01-05', faults: ['invalid-date'] });

    // The new key deployed, the rotation not run yet: the import would miss everyone by NIR; it waits, nothing applied.
    const refused = await cli(after, 'intake:import', next.path, '--json').catch((error: Error & { code?: string }) => ({ code: error.code, json: null }));
    expect(refused).toEqual({ code: 'INTAKE_NIR_NOT_ROTATED', json: null });
    const [file] = (await sql.query(`SELECT id, status, error_code FROM intake_file WHERE original_name = 'm3.xml'`)).rows;
    expect(file).toMatchObject({ status: 'failed', error_code: 'INTAKE_NIR_NOT_ROTATED' });
    expect((await sql.query(`SELECT count(*)::int AS n FROM beneficiary_person`)).rows[0].n).toBe(people);

    // Re-keying is not a change to anyone's file: the retention's inactivity clock is not reset.
    await sql.query(`UPDATE beneficiary_person SET updated_at = '2023-01-01T00:00:00Z'`);
    expect((await cli(after, 'nir:rotate', '--json')).json).toMatchObject({ rehashed: (await persons()).length });
    const { rows: touched } = await sql.query(`SELECT id FROM beneficiary_person WHERE updated_at <> '2023-01-01T00:00:00Z'`);
    expect(touched).toEqual([]);

    // A rotation stopped half-way (the last persons not re-keyed yet): imports still wait.
    const vaultBefore = new NirVault(before.nirEncryptionKey, before.nirHashKey, { keyId: before.nirEncryptionKeyId });
    const [last] = (await sql.query<{ id: string; nir_encrypted: Buffer }>(`SELECT id, nir_encrypted FROM beneficiary_person WHERE nir_encrypted IS NOT NULL ORDER BY id DESC LIMIT 1`)).rows;
    const vaultAfter = new NirVault(after.nirEncryptionKey, after.nirHashKey, { keyId: after.nirEncryptionKeyId });
    await sql.query(`UPDATE beneficiary_person SET nir_hash = $2 WHERE id = $1`, [last.id, vaultBefore.lookupHash(vaultAfter.decrypt(last.nir_encrypted))]);
    await expect(cli(after, 'intake:import', next.path, '--json')).rejects.toMatchObject({ code: 'INTAKE_NIR_NOT_ROTATED' });

    // Run to the end: the same file, kept, is imported and finds everyone.
    expect((await cli(after, 'nir:rotate', '--json')).json).toMatchObject({ rehashed: 1 });
    const report = (await cli(after, 'intake:import', next.path, '--json')).json;
    expect(report).toMatchObject({ status: 'imported', fileId: file.id, persons: { created: 0 } });
  });
});
