import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { existsSync, mkdirSync, mkdtempSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AccessDeniedError, Permission, systemActor } from '@rsa/kernel';
import { workerActor } from '@rsa/access';
import { BeneficiaryChanges, BeneficiaryFilesModule } from '@rsa/beneficiary';
import { AuditedImport, IntakeModule } from '@rsa/intake';
import { AppConfig, AppConfigModule, AuditModule, AuditTrail, ClockModule, DatabaseModule, MetricsRegistryModule, pgPoolOf } from '@rsa/platform';
import { Retention, RetentionModule } from '@rsa/retention';
import { createTestDatabase, generateCafFile, type TestDatabase } from '@rsa/testing';
import { runCli } from '../apps/cli/src/cli';
import { RetentionRunProcessor } from '../apps/worker/src/processors/retention.processor';

/** The retention job: dry run by default with its report; apply anonymises and deletes; the audit chain survives it. */
describe('retention (e2e)', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;
  let dir: string;
  let config: AppConfig;
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await pgPoolOf(app.get(DataSource)).query(text, params)).rows as T[];
  const retentionActor = workerActor('retention');
  const inFourYears = new Date(Date.now() + 4 * 365 * 24 * 3600 * 1000);

  beforeAll(async () => {
    db = await createTestDatabase({ withoutDataSource: true });
    dir = mkdtempSync(join(tmpdir(), 'rsa-retention-'));
    config = db.config.with({ intake: { ...db.config.intake, storageDir: join(dir, 'files'), dropDir: join(dir, 'drop') } });
    const moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule, ClockModule, DatabaseModule.forRoot({ applicationName: 'rsa-test' }), AuditModule, MetricsRegistryModule, IntakeModule, BeneficiaryFilesModule, RetentionModule],
    })
      .overrideProvider(AppConfig)
      .useValue(config)
      .compile();
    app = await moduleRef.init();
    // A file the intake owns (under its storage folder) and its import.
    mkdirSync(config.intake.storageDir, { recursive: true });
    const generated = await generateCafFile({ households: 40, kind: 'daily', seed: 'retention', out: join(dir, 'daily.xml'), date: '2026-11-20', faults: ['invalid-date'] });
    const stored = join(config.intake.storageDir, 'daily.xml');
    copyFileSync(generated.path, stored);
    await app.get(AuditedImport).run(workerActor('intake-import'), { path: stored, channel: 'api' });
    // The drop folder's done/: the same bytes dropped again (a duplicate, which no registry row points
    // to), and a file the registry still keeps there (its import to come).
    mkdirSync(join(config.intake.dropDir, 'done'), { recursive: true });
    copyFileSync(generated.path, join(config.intake.dropDir, 'done', 'daily-again.xml'));
    copyFileSync(generated.path, join(config.intake.dropDir, 'done', 'waiting.xml'));
    await sql(
      `INSERT INTO intake_file (id, sha256, original_name, size_bytes, storage_path, channel, status, received_at) VALUES (gen_random_uuid(), repeat('a', 64), 'waiting.xml', 1, $1, 'drop', 'received', now())`,
      [join(config.intake.dropDir, 'done', 'waiting.xml')],
    );
    // A change with a before/after in the audit trail, on someone who will be anonymised (no path).
    const [child] = await sql<{ person_id: string }>(`SELECT m.person_id FROM beneficiary_member m WHERE NOT EXISTS (SELECT 1 FROM beneficiary_path p WHERE p.person_id = m.person_id) LIMIT 1`);
    const editor = systemActor('test:editor', 'cli', [Permission.BeneficiaryRectify]);
    await app.get(BeneficiaryChanges).updateContact(editor, child.person_id, { email: 'famille@example.org' });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  let dryRun: object;

  it('reports, by default, what is past its period without changing anything', async () => {
    const before = await sql(`SELECT count(*)::int AS n FROM beneficiary_person WHERE anonymised_at IS NULL`);
    const report = await app.get(Retention).run(retentionActor, { apply: false, now: inFourYears });
    expect(report.mode).toBe('dry-run');
    expect(report.categories['intake-raw'].found).toMatchObject({ files: 1, rawBatches: 1, rejects: 1, storedFilesDeleted: 1, untrackedCopiesDeleted: 1 });
    expect(existsSync(join(config.intake.dropDir, 'done', 'daily-again.xml'))).toBe(true);
    expect(report.categories['beneficiary-inactive'].found.persons).toBeGreaterThan(0);
    dryRun = report.categories['beneficiary-inactive'].found;
    expect(report.categories['audit-sensitive'].found.entries).toBeGreaterThanOrEqual(1);
    expect(await sql(`SELECT count(*)::int AS n FROM beneficiary_person WHERE anonymised_at IS NULL`)).toEqual(before);
    expect(await sql(`SELECT count(*)::int AS n FROM intake_raw_batch`)).toEqual([{ n: 1 }]);
    const [run] = await sql<{ mode: string; report: object }>(`SELECT mode, report FROM retention_run WHERE id = $1`, [report.id]);
    expect(run.mode).toBe('dry-run');
    expect(run.report).toEqual(report.categories);
  });

  it('nothing is due today: a run now finds nothing', async () => {
    const report = await app.get(Retention).run(retentionActor, { apply: true });
    expect(report.categories['intake-raw'].found.files).toBe(0);
    expect(report.categories['beneficiary-inactive'].found.persons).toBe(0);
    expect(report.categories['audit-sensitive'].found.entries).toBe(0);
  });

  it('applies: raw data deleted, inactive identities and audit diffs anonymised, the rest kept, the chain still valid', async () => {
    const [{ n: withPath }] = await sql<{ n: number }>(`SELECT count(DISTINCT person_id)::int AS n FROM beneficiary_path WHERE status = 'open'`);
    const report = await app.get(Retention).run(retentionActor, { apply: true, now: inFourYears });
    expect(report.mode).toBe('apply');
    expect(await sql(`SELECT count(*)::int AS n FROM intake_raw_batch`)).toEqual([{ n: 0 }]);
    expect(await sql(`SELECT length(raw_xml)::int AS n FROM intake_reject`)).toEqual([{ n: 0 }]);
    expect(existsSync(join(config.intake.storageDir, 'daily.xml'))).toBe(false);
    expect(existsSync(join(config.intake.dropDir, 'done', 'daily-again.xml'))).toBe(false);
    expect(existsSync(join(config.intake.dropDir, 'done', 'waiting.xml'))).toBe(true);
    expect((await sql(`SELECT raw_purged_at IS NOT NULL AS purged, storage_path FROM intake_file WHERE original_name <> 'waiting.xml'`))[0]).toEqual({ purged: true, storage_path: null });

    const anonymised = await sql<{ nom: string; prenom: string; nir_hash: string | null; nir_encrypted: Buffer | null; dtnai: string }>(
      `SELECT nom, prenom, nir_hash, nir_encrypted, to_char(dtnai, 'MM-DD') AS dtnai FROM beneficiary_person WHERE anonymised_at IS NOT NULL`,
    );
    expect(anonymised.length).toBe(report.categories['beneficiary-inactive'].found.persons);
    // The dry run said what the apply did, dossiers and audit entries included.
    expect(report.categories['beneficiary-inactive'].found).toEqual(dryRun);
    expect(report.categories['beneficiary-inactive'].found.dossiers).toBeGreaterThan(0);
    // Each anonymised person's trail names the change.
    const named = await sql<{ n: number }>(`SELECT count(DISTINCT s)::int AS n FROM audit_event, unnest(subject_ids) s WHERE action = 'retention.anonymise'`);
    expect(named).toEqual([{ n: anonymised.length }]);
    for (const p of anonymised) expect(p).toEqual({ nom: '', prenom: '', nir_hash: null, nir_encrypted: null, dtnai: '01-01' });
    // People still in a path keep their identity.
    const [{ n: kept }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM beneficiary_person p WHERE anonymised_at IS NULL AND nom <> ''`);
    expect(kept).toBeGreaterThanOrEqual(withPath);
    expect(await sql(`SELECT count(*)::int AS n FROM beneficiary_contact`)).toEqual([{ n: 0 }]);
    const [diff] = await sql<{ sensitive: object; anonymised: boolean }>(`SELECT sensitive, anonymised_at IS NOT NULL AS anonymised FROM audit_event WHERE action = 'beneficiary.contact.update'`);
    expect(diff).toEqual({ sensitive: { anonymised: true }, anonymised: true });
    expect((await app.get(AuditTrail).verify()).ok).toBe(true);

    const again = await app.get(Retention).run(retentionActor, { apply: true, now: inFourYears });
    expect(again.categories['beneficiary-inactive'].found.persons).toBe(0);
    expect(again.categories['intake-raw'].found.files).toBe(0);
  });

  it('is refused to actors without the permission, and applying needs retention:run', async () => {
    const manager = systemActor('test:admin', 'cli', [Permission.RetentionManage]);
    await expect(app.get(Retention).run(manager, { apply: true })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(app.get(Retention).run(workerActor('intake-import'), { apply: false })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(app.get(Retention).run(manager, { apply: false })).resolves.toMatchObject({ mode: 'dry-run' });
  });

  it('refuses periods that would keep raw CAF data longer than identities', async () => {
    const manager = systemActor('test:admin', 'cli', [Permission.RetentionManage]);
    await expect(app.get(Retention).setPeriod(manager, 'intake-raw', 48)).rejects.toThrow(/longer than identities/);
    await expect(app.get(Retention).setPeriod(manager, 'nope', 12)).rejects.toThrow(/No retention category/);
    await expect(app.get(Retention).setPeriod(manager, 'audit-sensitive', 24)).resolves.toEqual({ category: 'audit-sensitive', months: 24 });
  });

  it("runs in the worker's nightly job in the configured mode, dry run by default", async () => {
    const dry = await new RetentionRunProcessor(app.get(Retention), config).process();
    expect(dry.mode).toBe('dry-run');
    const applying = await new RetentionRunProcessor(app.get(Retention), config.with({ retention: { ...config.retention, mode: 'apply' } })).process();
    expect(applying.mode).toBe('apply');
    const [entry] = await sql<{ actor_ref: string; detail: { mode: string } }>(`SELECT actor_ref, detail FROM audit_event WHERE action = 'retention.run' ORDER BY seq DESC LIMIT 1`);
    expect(entry).toMatchObject({ actor_ref: 'worker:retention', detail: { mode: 'apply' } });
  });

  it('runs from the CLI as a dry run unless --apply', async () => {
    let stdout = '';
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => undefined } };
    expect(await runCli(['retention:run', '--json'], io, config)).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ mode: 'dry-run', categories: { 'intake-raw': { applied: false } } });
  });
});
