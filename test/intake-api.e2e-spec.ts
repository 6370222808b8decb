import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { importFileJobId, IntakeModule, NightlyIntake, type ImportFileJob } from '@rsa/intake';
import { workerActor } from '@rsa/access';
import { Metrics, pgPoolOf, QUEUES, type AppConfig } from '@rsa/platform';
import { buildHeader, createTestDatabase, createTestQueues, DEMO_SUBJECTS, generateCafFile, generateHouseholds, writeVrsbFile, type GenHousehold, type TestDatabase, type TestQueues } from '@rsa/testing';
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ImportFileProcessor } from '../apps/worker/src/processors/intake.processor';
import { bearer, seedOrganisation, startApi, tokenFor } from './support/api';

/**
 * Upload through the API, the job on the real Redis queue (deterministic id), drained by the
 * worker's processor, and the report read back through the API.
 */
describe('intake API', () => {
  let db: TestDatabase;
  let queues: TestQueues;
  let app: INestApplication;
  let queue: Queue<ImportFileJob>;
  let processor: ImportFileProcessor;
  let dir: string;
  let config: AppConfig;
  /** The intake operator's headers. */
  let operator: Record<string, string>;
  const api = () => request(app.getHttpServer());
  const get = (path: string) => api().get(path).set(operator);

  beforeAll(async () => {
    db = await createTestDatabase({ withoutDataSource: true });
    dir = mkdtempSync(join(tmpdir(), 'rsa-intake-api-'));
    queues = createTestQueues({ config: db.config });
    config = queues.config.with({ intake: { ...db.config.intake, storageDir: join(dir, 'files'), dropDir: join(dir, 'drop') } });
    app = await startApi(config, { imports: [IntakeModule], providers: [ImportFileProcessor] });
    await seedOrganisation(app);
    operator = bearer(await tokenFor(config, DEMO_SUBJECTS.intakeOperator));
    queue = app.get(getQueueToken(QUEUES.intake));
    processor = app.get(ImportFileProcessor);
  });

  afterAll(async () => {
    await app?.close();
    await queues?.cleanup();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const drain = async (fileId: string) => {
    const job = (await queue.getJob(importFileJobId(fileId))) as Job<ImportFileJob> | undefined;
    expect(job).toBeDefined();
    return processor.process(job!);
  };

  it('accepts an upload, queues it once, and serves its report once the worker has run', async () => {
    const manifest = await generateCafFile({ households: 40, kind: 'daily', seed: 'api-1', out: join(dir, 'daily.xml'), date: '2026-11-20', faults: ['invalid-date'] });
    // Its name, as whoever saved it chose, carries a NIR: the registry keeps it masked, for good.
    const upload = await api().post('/intake/files').set(operator).attach('file', manifest.path, 'dupont_jean_1880459000073.xml').expect(202);
    expect(upload.body).toEqual({ fileId: expect.any(String), status: 'received' });
    const fileId: string = upload.body.fileId;

    const before = await get(`/intake/files/${fileId}`).expect(200);
    expect(before.body).toMatchObject({ status: 'received', originalName: 'dupont_jean_18804••••••••.xml' });
    expect(await app.get(DataSource).query(`SELECT count(*)::int AS n FROM intake_file WHERE original_name LIKE '%1880459000073%'`)).toEqual([{ n: 0 }]);

    const result = await drain(fileId);
    expect(result).toMatchObject({ fileId, status: 'imported' });

    const file = await get(`/intake/files/${fileId}`).expect(200);
    expect(file.body).toMatchObject({ id: fileId, status: 'imported', kind: 'daily', sha256: manifest.sha256 });
    expect(file.body.report.households.rejected).toBe(1);
    expect(file.body.report.entrants).toBe(manifest.totals.expectedEntrants);

    const rejects = await get(`/intake/files/${fileId}/rejects`).expect(200);
    expect(rejects.body.total).toBe(1);
    expect(rejects.body.items[0]).not.toHaveProperty('rawXml');
    const one = await get(`/intake/files/${fileId}/rejects/${rejects.body.items[0].id}`).expect(200);
    expect(one.body.rawXml).toMatch(/^<InfosFoyerRSA/);
    // NIRs masked in the answer, as everywhere (the stored XML is sealed and complete).
    const nirs = [...(one.body.rawXml as string).matchAll(/<NIR>([^<]*)<\/NIR>/g)].map((m) => m[1]);
    expect(nirs.length).toBeGreaterThan(0);
    for (const nir of nirs) expect(nir).toMatch(/^[0-9AB]{5}•{8}$|^•+$/);

    const list = await get('/intake/files?status=imported').expect(200);
    expect(list.body.items.map((f: { id: string }) => f.id)).toContain(fileId);
    expect(list.body.total).toBe(list.body.items.length);
  });

  it('answers the same bytes again with the first file id, and queues nothing', async () => {
    const manifest = await generateCafFile({ households: 10, kind: 'daily', seed: 'api-dup', out: join(dir, 'dup.xml'), date: '2026-11-21' });
    const first = await api().post('/intake/files').set(operator).attach('file', manifest.path).expect(202);
    const waiting = await queue.getWaitingCount();
    const second = await api().post('/intake/files').set(operator).attach('file', manifest.path, 'other-name.xml').expect(202);
    // Still waiting for the worker: the same bytes are the same file (status stays received, one job).
    expect(second.body.fileId).toBe(first.body.fileId);
    expect(await queue.getWaitingCount()).toBe(waiting);
    await drain(first.body.fileId);
    const third = await api().post('/intake/files').set(operator).attach('file', manifest.path).expect(202);
    expect(third.body).toEqual({ fileId: first.body.fileId, status: 'duplicate' });
  });

  it('says when an upload could not be imported, and a re-send of its bytes takes its place and is imported', async () => {
    const manifest = await generateCafFile({ households: 8, kind: 'daily', seed: 'api-lost-copy', out: join(dir, 'lost-copy.xml'), date: '2026-11-19' });
    const upload = await api().post('/intake/files').set(operator).attach('file', manifest.path).expect(202);
    const pool = pgPoolOf(app.get(DataSource));
    const { rows: [row] } = await pool.query(`SELECT storage_path FROM intake_file WHERE id = $1`, [upload.body.fileId]);
    rmSync(row.storage_path);
    // Retrying cannot bring the bytes back: the job ends (UnrecoverableError), the registry says what to do.
    const failure = await drain(upload.body.fileId).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UnrecoverableError);
    const failed = (await get(`/intake/files/${upload.body.fileId}`).expect(200)).body;
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'STORED_COPY_GONE', errorMessage: 'the stored copy of this upload is gone: send the file again' });

    const again = await api().post('/intake/files').set(operator).attach('file', manifest.path, 'lost-copy-again.xml').expect(202);
    expect(again.body).toEqual({ fileId: upload.body.fileId, status: 'received' });
    const { rows: [adopted] } = await pool.query(`SELECT storage_path FROM intake_file WHERE id = $1`, [upload.body.fileId]);
    expect(adopted.storage_path).not.toBe(row.storage_path);
    expect(existsSync(adopted.storage_path)).toBe(true);
    expect(await drain(upload.body.fileId)).toMatchObject({ status: 'imported' });
    expect((await get(`/intake/files/${upload.body.fileId}`).expect(200)).body).toMatchObject({ status: 'imported', errorCode: null });
  });

  it('reports a rejected file with its reason', async () => {
    const manifest = await generateCafFile({ households: 10, kind: 'daily', seed: 'api-bad', out: join(dir, 'bad.xml'), faults: ['count-mismatch'] });
    const upload = await api().post('/intake/files').set(operator).attach('file', manifest.path).expect(202);
    await drain(upload.body.fileId);
    const file = await get(`/intake/files/${upload.body.fileId}`).expect(200);
    expect(file.body).toMatchObject({ status: 'rejected', errorCode: 'COUNT_MISMATCH' });
    expect(file.body.report.fileError.code).toBe('COUNT_MISMATCH');
    // The same bad bytes again: rejected again, with the first fault, not a "duplicate" that reads as a success.
    const again = await api().post('/intake/files').set(operator).attach('file', manifest.path, 'resent.xml').expect(202);
    expect(again.body).toEqual({ fileId: upload.body.fileId, status: 'rejected', fileError: { code: 'COUNT_MISMATCH', message: expect.any(String) } });
  });

  it('gives clear errors for bad requests', async () => {
    const missing = await api().post('/intake/files').set(operator).expect(400);
    expect(missing.body.error.code).toBe('INTAKE_UPLOAD_MISSING');
    const sample = (await generateCafFile({ households: 2, kind: 'daily', seed: 'api-multipart', out: join(dir, 'multipart.xml'), date: '2026-11-18' })).path;
    const otherField = await api().post('/intake/files').set(operator).attach('upload', sample).expect(400);
    expect(otherField.body.error).toEqual({ code: 'INTAKE_UPLOAD_MISSING', message: 'Send the file as multipart/form-data in the field "file"' });
    for (const extra of [
      (r: request.Test) => r.attach('file', sample).attach('file', sample, 'second.xml'),
      (r: request.Test) => r.field('note', 'x').attach('file', sample),
    ]) {
      const refused = await extra(api().post('/intake/files').set(operator)).expect(400);
      expect(refused.body.error.code).toBe('INTAKE_UPLOAD_INVALID');
    }
    const unknownFileReject = await get('/intake/files/8a1f1f5e-2d6c-4a8e-9a55-6b0c1f1e2a3b/rejects/1').expect(404);
    expect(unknownFileReject.body.error.code).toBe('INTAKE_FILE_NOT_FOUND');
    // A name typed on a French keyboard stays as it was written.
    const named = await api().post('/intake/files').set(operator).attach('file', sample, 'réédition.xml').expect(202);
    expect((await get(`/intake/files/${named.body.fileId}`).expect(200)).body.originalName).toBe('réédition.xml');
    const unknown = await get('/intake/files/8a1f1f5e-2d6c-4a8e-9a55-6b0c1f1e2a3b').expect(404);
    expect(unknown.body.error.code).toBe('INTAKE_FILE_NOT_FOUND');
    for (const list of ['rejects', 'anomalies']) {
      const missingFile = await get(`/intake/files/8a1f1f5e-2d6c-4a8e-9a55-6b0c1f1e2a3b/${list}`).expect(404);
      expect(missingFile.body.error.code).toBe('INTAKE_FILE_NOT_FOUND');
    }
    await get('/intake/files/not-a-uuid').expect(400);
    await get('/intake/files?limit=0').expect(400);
    // One message per field, whatever the constraints it fails.
    const abc = await get('/intake/files?limit=abc&offset=-1').expect(400);
    expect(abc.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { errors: ['limit must be a whole number from 1 to 500', 'offset must be a whole number, 0 or more'] } });
  });

  it("shows an administrator the report's counts, not its list of rejects, which names dossiers", async () => {
    const admin = bearer(await tokenFor(config, DEMO_SUBJECTS.administrator));
    const [file] = (await get('/intake/files?status=imported').expect(200)).body.items.filter((f: { households: number }) => f.households === 40);
    const asOperator = (await get(`/intake/files/${file.id}`).expect(200)).body.report;
    expect(asOperator.rejects).toHaveLength(1);
    expect(asOperator.rejects[0].numdemrsa).toEqual(expect.any(String));
    const asAdmin = (await api().get(`/intake/files/${file.id}`).set(admin).expect(200)).body.report;
    expect(asAdmin).not.toHaveProperty('rejects');
    expect(asAdmin.households).toEqual(asOperator.households);
    expect(JSON.stringify(asAdmin)).not.toContain(asOperator.rejects[0].numdemrsa);
    await api().get(`/intake/files/${file.id}/rejects`).set(admin).expect(403);
  });

  it('counts the imports of the process in its metrics, and reads the registry for the gauges an operator alerts on', async () => {
    const { body } = await app.get(Metrics).render();
    const sample = (series: string): number | undefined => {
      const line = body.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    // Above: three daily files imported through the API (one with a rejected household, one after its first attempt failed), one rejected;
    // the duplicate upload never reached the worker.
    expect(sample('intake_files_total{kind="daily",status="imported",channel="api"}')).toBe(3);
    expect(sample('intake_files_total{kind="unknown",status="failed",channel="api"}')).toBe(1);
    expect(sample('intake_files_total{kind="daily",status="rejected",channel="api"}')).toBe(1);
    expect(sample('intake_households_total{kind="daily",outcome="rejected"}')).toBe(1);
    const files = await get('/intake/files?status=imported').expect(200);
    const reports = await Promise.all(files.body.items.map((f: { id: string }) => get(`/intake/files/${f.id}`).then((r) => r.body.report)));
    const created = reports.reduce((n: number, r: { households: { created: number } }) => n + r.households.created, 0);
    expect(created).toBeGreaterThan(48);
    expect(sample('intake_households_total{kind="daily",outcome="created"}')).toBe(created);
    expect(sample('intake_entrants_total{kind="daily"}')).toBe(reports.reduce((n: number, r: { entrants: number }) => n + r.entrants, 0));
    expect(sample('intake_import_duration_seconds_count{kind="daily",status="imported"}')).toBe(3);
    // The gauges: the newest daily file applied is the one of 21 November (Paris), and the registry's files by status.
    const newest = sample('intake_newest_flux_timestamp_seconds{kind="daily"}')!;
    expect(new Date(newest * 1000).toISOString() > '2026-11-20T23:00:00.000Z' && new Date(newest * 1000).toISOString() < '2026-11-21T23:00:00.000Z').toBe(true);
    expect(sample('intake_files{status="imported"}')).toBe(3);
    expect(sample('intake_files{status="rejected"}')).toBe(1);
    expect(sample('intake_files{status="failed"}')).toBe(0);
    // Bounded labels only: no file id, no NUMDEMRSA.
    expect(body).not.toMatch(/intake_[a-z_]+\{[^}]*[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('keeps a review queue of anomalies across files: each resolved once, with a code, audited', async () => {
    const manifest = await generateCafFile({ households: 30, kind: 'daily', seed: 'api-anomalies', out: join(dir, 'anomalies.xml'), date: '2026-11-22', faults: ['nir-conflict', 'unknown-etatdosrsa'] });
    const upload = await api().post('/intake/files').set(operator).attach('file', manifest.path).expect(202);
    await drain(upload.body.fileId);
    const report = (await get(`/intake/files/${upload.body.fileId}`).expect(200)).body.report;
    const own = (await get(`/intake/files/${upload.body.fileId}/anomalies`).expect(200)).body.items as { id: string; kind: string; personId: string | null; otherPersonId: string | null }[];
    expect(own.length).toBe(report.anomalies);
    expect(own.map((a) => a.kind)).toEqual(expect.arrayContaining(['nir-birthdate-conflict', 'unknown-code']));

    const queue = await get('/intake/anomalies?limit=500').expect(200);
    expect(queue.body.items.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining(own.map((a) => a.id)));
    expect(new Set(queue.body.items.map((a: { status: string }) => a.status))).toEqual(new Set(['open']));

    const conflict = own.find((a) => a.kind === 'nir-birthdate-conflict')!;
    const resolved = await api().post(`/intake/anomalies/${conflict.id}/resolve`).set(operator).send({ resolution: 'distinct-persons' }).expect(200);
    expect(resolved.body).toEqual({ id: conflict.id, status: 'resolved', resolution: 'distinct-persons', resolvedAt: expect.any(String), resolvedBy: expect.stringMatching(/^professional:/), sameHuman: null });
    const again = await api().post(`/intake/anomalies/${conflict.id}/resolve`).set(operator).send({ resolution: 'not-an-anomaly' }).expect(409);
    expect(again.body.error.code).toBe('INTAKE_ANOMALY_ALREADY_RESOLVED');
    // The first review stands.
    const after = (await get(`/intake/files/${upload.body.fileId}/anomalies`).expect(200)).body.items.find((a: { id: string }) => a.id === conflict.id);
    expect(after).toMatchObject({ status: 'resolved', resolution: 'distinct-persons' });

    const open = (await get('/intake/anomalies?limit=500').expect(200)).body.items.map((a: { id: string }) => a.id);
    expect(open).not.toContain(conflict.id);
    const closed = (await get('/intake/anomalies?status=resolved').expect(200)).body.items;
    expect(closed).toEqual([expect.objectContaining({ id: conflict.id, resolution: 'distinct-persons', fileId: upload.body.fileId })]);
    const codes = (await get('/intake/anomalies?kind=unknown-code').expect(200)).body.items;
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((a: { kind: string }) => a.kind === 'unknown-code')).toBe(true);

    // The review is in the audit trail, with its code and the persons the anomaly names.
    const pool = pgPoolOf(app.get(DataSource));
    const audit = (await pool.query(`SELECT reason_code, subject_ids::text[] AS subjects, outcome FROM audit_event WHERE action = 'intake.anomaly.resolve' AND target_id = $1`, [conflict.id])).rows;
    expect(audit).toEqual([{ reason_code: 'distinct-persons', subjects: [conflict.personId, conflict.otherPersonId].filter(Boolean), outcome: 'allowed' }]);

    const code = codes[0] as { id: string };
    // One human twice, for an anomaly that names no two records: refused, and the anomaly stays open.
    const notApplicable = await api().post(`/intake/anomalies/${code.id}/resolve`).set(operator).send({ resolution: 'same-person-caf-notified' }).expect(422);
    expect(notApplicable.body.error.code).toBe('INTAKE_ANOMALY_RESOLUTION_NOT_APPLICABLE');
    expect((await get('/intake/anomalies?status=open&kind=unknown-code').expect(200)).body.items.map((a: { id: string }) => a.id)).toContain(code.id);
    // A finding about something else ("two different people" about an unknown code): refused, with the ones that fit.
    const misfit = await api().post(`/intake/anomalies/${code.id}/resolve`).set(operator).send({ resolution: 'distinct-persons' }).expect(422);
    expect(misfit.body.error).toMatchObject({ code: 'INTAKE_ANOMALY_RESOLUTION_NOT_APPLICABLE', details: { fitting: ['corrected-by-later-file', 'code-noted', 'not-an-anomaly'] } });
    // Two operators on the same anomaly at once: one resolves it, the other is told.
    const both = await Promise.all(['code-noted', 'not-an-anomaly'].map((resolution) => api().post(`/intake/anomalies/${code.id}/resolve`).set(operator).send({ resolution })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);

    // Clear errors.
    const unknownCode = await api().post(`/intake/anomalies/${own[0].id}/resolve`).set(operator).send({ resolution: 'merged' }).expect(400);
    expect(unknownCode.body.error.code).toBe('INTAKE_ANOMALY_RESOLUTION_UNKNOWN');
    await api().post(`/intake/anomalies/${own[0].id}/resolve`).set(operator).send({}).expect(400);
    for (const id of ['987654321', 'not-an-id']) {
      const missing = await api().post(`/intake/anomalies/${id}/resolve`).set(operator).send({ resolution: 'code-noted' }).expect(404);
      expect(missing.body.error.code).toBe('INTAKE_ANOMALY_NOT_FOUND');
    }
    await get('/intake/anomalies?status=closed').expect(400);
  });

  it('sweeps at night the uploads the queue lost and those whose import died under way, not the fresh ones', async () => {
    const pool = pgPoolOf(app.get(DataSource));
    const uploadOf = async (seed: string) => {
      const manifest = await generateCafFile({ households: 12, kind: 'daily', seed, out: join(dir, `${seed}.xml`), date: '2026-11-23' });
      const { body } = await api().post('/intake/files').set(operator).attach('file', manifest.path).expect(202);
      // The queue lost it (Redis flushed): only the registry row remains.
      await (await queue.getJob(importFileJobId(body.fileId)))?.remove();
      return { fileId: body.fileId as string, manifest };
    };
    const lost = await uploadOf('api-sweep-lost');
    const died = await uploadOf('api-sweep-died');
    const fresh = await uploadOf('api-sweep-fresh');
    await pool.query(`UPDATE intake_file SET received_at = now() - interval '40 minutes' WHERE id = ANY($1::uuid[])`, [[lost.fileId, died.fileId]]);
    // A worker killed in the middle of this one: left `processing` since 20 minutes.
    await pool.query(`UPDATE intake_file SET status = 'processing', started_at = now() - interval '20 minutes' WHERE id = $1`, [died.fileId]);

    // Leftovers of refused or aborted uploads in the storage folder, an hour old: no registry row names them.
    const storage = join(dir, 'files');
    const old = new Date(Date.now() - 2 * 3600_000);
    writeFileSync(join(storage, 'a'.repeat(32)), '<InfosFoyerRSA>partial');
    writeFileSync(join(storage, 'notes.txt'), 'not an upload');
    for (const name of ['a'.repeat(32), 'notes.txt', ...readdirSync(storage)]) utimesSync(join(storage, name), old, old);

    const result = await app.get(NightlyIntake).run(workerActor('intake-import'));
    expect(result.uploads.map((u) => [u.fileId, u.status]).sort()).toEqual([[died.fileId, 'imported'], [lost.fileId, 'imported']].sort());
    // Ours, and whatever the refused multipart requests above left (a second file, an extra field: multer may or may not have written it).
    expect(result.leftoversDeleted).toBeGreaterThanOrEqual(1);
    expect(existsSync(join(storage, 'a'.repeat(32)))).toBe(false);
    expect(existsSync(join(storage, 'notes.txt'))).toBe(true);
    // Every file a registry row names is still there, and no other upload.
    const { rows: kept } = await pool.query<{ path: string }>(`SELECT storage_path AS path FROM intake_file WHERE channel = 'api' AND storage_path IS NOT NULL`);
    expect(kept.length).toBeGreaterThan(3);
    for (const { path } of kept) expect(existsSync(path)).toBe(true);
    expect(readdirSync(storage).filter((name) => name !== 'notes.txt').map((name) => join(storage, name)).sort()).toEqual(kept.map((k) => k.path).filter((p) => p.startsWith(storage)).sort());
    const status = async (id: string) => (await get(`/intake/files/${id}`).expect(200)).body;
    expect(await status(lost.fileId)).toMatchObject({ status: 'imported', report: { entrants: lost.manifest.totals.expectedEntrants } });
    expect(await status(died.fileId)).toMatchObject({ status: 'imported', report: { entrants: died.manifest.totals.expectedEntrants } });
    expect((await status(fresh.fileId)).status).toBe('received');
  });

  it("puts in each person's audit trail the imports that changed their file, and the reads of rejects that name them", async () => {
    const pool = pgPoolOf(app.get(DataSource));
    const households: GenHousehold[] = [...generateHouseholds('api-writes', 12, { kind: 'daily', referenceDate: '2026-11-24' })];
    const write = async (name: string, list: GenHousehold[], date: string) => {
      await writeVrsbFile(join(dir, name), buildHeader('api-writes', 'daily', date, { date, time: '20:00:00.0000' }), list);
      const { body } = await api().post('/intake/files').set(operator).attach('file', join(dir, name)).expect(202);
      await drain(body.fileId);
      return body.fileId as string;
    };
    const subjectsOf = async (fileId: string) =>
      (await pool.query<{ id: string }>(`SELECT DISTINCT unnest(subject_ids)::text AS id FROM audit_event WHERE action = 'intake.import.write' AND target_id = $1`, [fileId])).rows.map((r) => r.id).sort();
    const personsOf = async (numdemrsas: string[]) =>
      (await pool.query<{ id: string }>(
        `SELECT DISTINCT m.person_id::text AS id FROM beneficiary_member m JOIN beneficiary_dossier d ON d.id = m.dossier_id WHERE d.numdemrsa = ANY($1::varchar[])`,
        [numdemrsas],
      )).rows.map((r) => r.id).sort();

    const first = await write('writes-1.xml', households, '2026-11-24');
    const everyone = await personsOf(households.map((h) => h.demandeRsa.numdemrsa));
    expect(everyone.length).toBeGreaterThan(12);
    expect(await subjectsOf(first)).toEqual(everyone);

    // The next day: one household changes, the others are sent again as they were.
    const [changed, , broken] = households;
    const next = households.map((h) => (h === changed ? { ...h, etatdosrsa: h.etatdosrsa === '6' ? '2' : '6' } : h === broken ? { ...h, persons: h.persons.map((p, i) => (i === 0 ? { ...p, dtnai: '1980-02-31' } : p)) } : h));
    const second = await write('writes-2.xml', next, '2026-11-25');
    expect(await subjectsOf(second)).toEqual(await personsOf([changed.demandeRsa.numdemrsa]));
    // A person's trail shows both imports.
    const auditor = bearer(await tokenFor(config, DEMO_SUBJECTS.auditor, { mfa: true }));
    const someone = (await personsOf([changed.demandeRsa.numdemrsa]))[0];
    const trail = await api().get(`/audit/events?subjectId=${someone}&action=intake.import.write`).set(auditor).expect(200);
    expect(trail.body.items.map((e: { targetId: string }) => e.targetId)).toEqual(expect.arrayContaining([first, second]));

    // The rejected household is a known dossier: listing and reading its reject is recorded against its people.
    const rejects = (await get(`/intake/files/${second}/rejects`).expect(200)).body.items;
    expect(rejects).toEqual([expect.objectContaining({ numdemrsa: broken.demandeRsa.numdemrsa })]);
    await get(`/intake/files/${second}/rejects/${rejects[0].id}`).expect(200);
    for (const action of ['intake.reject.list', 'intake.reject.read']) {
      const { rows: [entry] } = await pool.query(`SELECT subject_ids::text[] AS subjects FROM audit_event WHERE action = $1 ORDER BY seq DESC LIMIT 1`, [action]);
      expect([...entry.subjects].sort()).toEqual(await personsOf([broken.demandeRsa.numdemrsa]));
    }
  });

  it('tells at night an upload whose stored copy is gone, without failing the run over it', async () => {
    const pool = pgPoolOf(app.get(DataSource));
    const manifest = await generateCafFile({ households: 5, kind: 'daily', seed: 'api-copy-gone', out: join(dir, 'copy-gone.xml'), date: '2026-11-17' });
    const { body } = await api().post('/intake/files').set(operator).attach('file', manifest.path).expect(202);
    const { rows: [row] } = await pool.query(`UPDATE intake_file SET received_at = now() - interval '1 hour' WHERE id = $1 RETURNING storage_path`, [body.fileId]);
    rmSync(row.storage_path);
    const result = await app.get(NightlyIntake).run(workerActor('intake-import'));
    expect(result.uploads).toEqual([{ fileId: body.fileId, status: 'missing', error: 'the stored copy of this upload is gone: send the file again' }]);
    expect((await get(`/intake/files/${body.fileId}`).expect(200)).body).toMatchObject({ status: 'failed', errorCode: 'STORED_COPY_GONE' });
  });

  it('says failed, not processing, for an upload whose worker stopped under its import more often than BullMQ allows', async () => {
    const manifest = await generateCafFile({ households: 6, kind: 'daily', seed: 'api-stalled', out: join(dir, 'stalled.xml'), date: '2026-11-18' });
    const upload = await api().post('/intake/files').set(operator).attach('file', manifest.path).expect(202);
    const pool = pgPoolOf(app.get(DataSource));
    // The worker took it, then died (killed, out of memory) under it.
    await pool.query(`UPDATE intake_file SET status = 'processing', started_at = now() WHERE id = $1`, [upload.body.fileId]);
    const job = (await queue.getJob(importFileJobId(upload.body.fileId))) as Job<ImportFileJob>;
    // A failure process() saw is its own to record: nothing changes.
    await processor.onFailed(job, new Error('connection terminated'));
    expect((await get(`/intake/files/${upload.body.fileId}`).expect(200)).body).toMatchObject({ status: 'processing' });
    await processor.onFailed(job, new Error('job stalled more than allowable limit'));
    expect((await get(`/intake/files/${upload.body.fileId}`).expect(200)).body).toMatchObject({
      status: 'failed',
      errorCode: 'WORKER_STOPPED',
      errorMessage: expect.stringContaining('the worker stopped during this import (killed or out of memory)'),
    });
    // Re-sent, or taken up by the nightly run, it is imported.
    expect(await drain(upload.body.fileId)).toMatchObject({ status: 'imported' });
  });
});
