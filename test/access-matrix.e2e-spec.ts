import request from 'supertest';
import { ALL_ROLES, Role } from '@rsa/kernel';
import { createTestDatabase, type TestDatabase } from '@rsa/testing';
import { bearer } from './support/api';
import { buildAccessFixture, closeAccessFixture, type AccessFixture } from './support/access-fixture';
import { PUBLIC_ROUTES, ROUTE_MATRIX } from './support/access-matrix';

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route the running API serves, as `METHOD /path` (express's router: Nest routes and the docs alike). */
function servedRoutes(f: AccessFixture): string[] {
  const router = (f.app.getHttpAdapter().getInstance() as { _router: { stack: ExpressLayer[] } })._router;
  const routes = new Set<string>();
  for (const layer of router.stack) {
    // Nest's catch-all answering 404 for unknown routes, on every method.
    if (!layer.route || layer.route.path === '/*') continue;
    for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') routes.add(`${method.toUpperCase()} ${layer.route.path}`);
  }
  return [...routes].sort();
}

/** Personal routes about no single person: a territory's lists, a place's day, a professional's portfolio, a CAF file, the audit trail. */
const ABOUT_NO_ONE = /^[A-Z]+ \/(audit\/|intake\/files|[a-z-]+\/territories\/:territoryId|convocation\/places\/:placeId|portfolio\/referents\/:professionalId)/;

describe('who may see this: the access matrix of every route (e2e)', () => {
  let db: TestDatabase;
  let f: AccessFixture;

  beforeAll(async () => {
    db = await createTestDatabase({ withoutDataSource: true });
    f = await buildAccessFixture(db);
  });
  afterAll(async () => {
    await closeAccessFixture(f);
    await db?.drop();
  });

  it('classifies every route the API serves, and only those', () => {
    const classified = [...PUBLIC_ROUTES, ...Object.keys(ROUTE_MATRIX)].sort();
    const served = servedRoutes(f);
    expect(served.filter((r) => !classified.includes(r))).toEqual([]);
    expect(classified.filter((r) => !served.includes(r))).toEqual([]);
  });

  it('serves public routes without a token, and nothing else', async () => {
    for (const route of ['GET /health/live', 'GET /health/ready', 'GET /docs-json']) {
      await request(f.app.getHttpServer()).get(route.split(' ')[1]).expect(200);
    }
    for (const [route, c] of Object.entries(ROUTE_MATRIX)) {
      const [method, path] = route.split(' ');
      const { path: concrete } = await c.request(f, Role.Administrator);
      const res = await request(f.app.getHttpServer())[method.toLowerCase() as 'get'](concrete);
      expect([route, res.status]).toEqual([route, 401]);
      expect(path.startsWith('/')).toBe(true);
    }
  });

  describe.each(Object.entries(ROUTE_MATRIX))('%s', (route, c) => {
    const [method] = route.split(' ');
    it.each(ALL_ROLES.map((role) => [role, c.allowed.includes(role)] as const))('as %s: allowed=%s', async (role, allowed) => {
      const r = await c.request(f, role);
      let call = request(f.app.getHttpServer())[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch'](r.path).set(bearer(f.tokens[role]));
      if (r.upload) call = call.attach('file', r.upload);
      else if (r.body) call = call.send(r.body);
      const res = await call;
      if (allowed) {
        expect({ route, role, status: res.status, error: res.body?.error?.code }).toEqual({ route, role, status: c.status, error: undefined });
      } else {
        expect({ route, role, status: res.status }).toEqual({ route, role, status: 403 });
      }
    });
  });

  it('records every refusal of a route with personal data in the audit trail', async () => {
    const [denied] = await f.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE outcome = 'denied' AND actor_kind = 'user'`);
    const expected = Object.values(ROUTE_MATRIX).reduce((n, c) => n + ALL_ROLES.length - c.allowed.length, 0);
    expect(denied.n).toBeGreaterThanOrEqual(expected);
  });

  it("names the person and the object asked for in every refusal of a route about one person, whatever id the route names them by", async () => {
    const about = Object.entries(ROUTE_MATRIX)
      .filter(([route, c]) => c.personal && route.includes('/:') && !ABOUT_NO_ONE.test(route) && c.allowed.length < ALL_ROLES.length)
      .map(([route]) => `http.${route}`)
      .sort();
    expect(about).toEqual(expect.arrayContaining(['http.GET /contracts/:id', 'http.POST /convocation/appointments/:id/move', 'http.POST /intake/anomalies/:anomalyId/resolve']));
    const refusals = await f.sql<{ action: string; named: number; unnamed: number; withoutObject: number }>(
      `SELECT action,
              count(*) FILTER (WHERE cardinality(subject_ids) > 0 AND subject_ids <@ (SELECT array_agg(id) FROM beneficiary_person))::int AS named,
              count(*) FILTER (WHERE cardinality(subject_ids) = 0 OR NOT subject_ids <@ (SELECT array_agg(id) FROM beneficiary_person))::int AS unnamed,
              count(*) FILTER (WHERE detail->'object'->>'id' IS NULL OR detail->'object'->>'table' IS NULL)::int AS "withoutObject"
         FROM audit_event WHERE outcome = 'denied' AND actor_kind = 'user' AND action = ANY($1::text[]) GROUP BY action ORDER BY action`,
      [about],
    );
    expect(refusals.filter((r) => r.unnamed > 0 || r.named === 0)).toEqual([]);
    // And each records the object asked for (the contract, the appointment), by its table and id.
    expect(refusals.filter((r) => r.withoutObject > 0)).toEqual([]);
    expect(refusals.map((r) => r.action)).toEqual(about);
  });
});
