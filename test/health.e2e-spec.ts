/**
 * The API shell on the real PostgreSQL and Redis: health, metrics, docs, error shape, request id.
 * Each run has its own database clone and BullMQ prefix (@rsa/testing, libs/testing/src/database).
 */
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { MetricsServer, QUEUE_NAMES, redisOptionsFromUrl } from '@rsa/platform';
import { createTestDatabase, createTestQueues, TestDatabase, TestQueues } from '@rsa/testing';
import { startApi } from './support/api';

describe('API shell (e2e)', () => {
  let db: TestDatabase;
  let queues: TestQueues;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase({ withoutDataSource: true });
    queues = createTestQueues({ config: db.config });
    app = await startApi(queues.config);
  });

  afterAll(async () => {
    await app?.close();
    await queues?.cleanup();
    await db?.drop();
  });

  it('GET /health/live answers while the process is up', async () => {
    const res = await request(app.getHttpServer()).get('/health/live').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /health/ready checks PostgreSQL, Redis and every queue, with its counts', async () => {
    const res = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.details.database).toEqual({ status: 'up' });
    expect(res.body.details.redis).toEqual({ status: 'up' });
    for (const name of QUEUE_NAMES) {
      expect(res.body.details[`queue:${name}`]).toMatchObject({ status: 'up', waiting: 0, active: 0, failed: 0, delayed: 0 });
    }
    expect(res.body.details.schedules).toMatchObject({ status: 'up' });
    expect(res.body.details.migrations).toEqual({ status: 'up' });
  });

  it('GET /health/ready is not ready while a migration this build knows is not applied', async () => {
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    try {
      const { rows: [last] } = await sql.query(`DELETE FROM migrations WHERE id = (SELECT max(id) FROM migrations) RETURNING id, "timestamp", name`);
      try {
        const res = await request(app.getHttpServer()).get('/health/ready').expect(503);
        expect(res.body.details.migrations).toEqual({ status: 'down', message: 'migrations pending: run npm run migration:run' });
      } finally {
        await sql.query(`INSERT INTO migrations (id, "timestamp", name) VALUES ($1, $2, $3)`, [last.id, last.timestamp, last.name]);
      }
      await request(app.getHttpServer()).get('/health/ready').expect(200);
    } finally {
      await sql.end();
    }
  });

  it('counts jobs per queue', async () => {
    const reporting = new Queue('reporting', { connection: redisOptionsFromUrl(queues.config.redisUrl), prefix: queues.prefix });
    await reporting.add('test:count-me', {});
    await reporting.close();
    const res = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(res.body.details['queue:reporting'].waiting).toBe(1);
  });

  it('echoes the request id, or gives one', async () => {
    const given = await request(app.getHttpServer()).get('/health/live').set('x-request-id', 'req-42').expect(200);
    expect(given.headers['x-request-id']).toBe('req-42');
    const generated = await request(app.getHttpServer()).get('/health/live').expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exposes Prometheus metrics on a listener of its own, with request durations by route template, not on the API port', async () => {
    await request(app.getHttpServer()).get('/metrics').expect(404);
    const address = app.get(MetricsServer).address();
    expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
    const res = await request(`http://${address}`).get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toContain('process_cpu_user_seconds_total');
    expect(res.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/health\/live",status_code="200"\} \d+/);
    await request(`http://${address}`).get('/other').expect(404);
  });

  it('sends security headers, and asks that no answer be cached', async () => {
    const res = await request(app.getHttpServer()).get('/health/live').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-powered-by']).toBeUndefined();
    const docs = await request(app.getHttpServer()).get('/docs').expect(200);
    expect(docs.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('serves the OpenAPI document at /docs-json and the UI at /docs', async () => {
    const json = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready']));
    // The intake's routes say what they take and answer, errors included.
    const list = json.body.paths['/intake/files/{id}/rejects'].get;
    expect(list.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`).sort()).toEqual(['path:id', 'query:limit', 'query:offset']);
    expect(list.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/RejectPage' });
    expect(Object.keys(list.responses).sort()).toEqual(['200', '400', '401', '403', '404']);
    const upload = json.body.paths['/intake/files'].post;
    expect(upload.responses['202'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/UploadAnswer' });
    expect(upload.responses['413'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ApiErrorResponse' });
    expect(Object.keys(json.body.components.schemas.ImportReportView.properties)).toEqual(expect.arrayContaining(['households', 'entrants', 'fileError', 'sameHeaderAs']));
    await request(app.getHttpServer()).get('/docs').expect(200);
  });

  it('answers unknown routes in the common error shape', async () => {
    const res = await request(app.getHttpServer()).get('/no-such-route').expect(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: 'Cannot GET /no-such-route' } });
  });
});

describe('API shell with Redis unreachable (e2e)', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase({ withoutDataSource: true });
    app = await startApi(db.config.with({ redisUrl: 'redis://127.0.0.1:6390', queuePrefix: 'rsa-test-down' }));
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('stays alive but not ready', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200);
    const res = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(res.body.status).toBe('error');
    expect(res.body.details.database).toEqual({ status: 'up' });
    expect(res.body.details.redis.status).toBe('down');
  });
});
