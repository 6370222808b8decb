import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadAppConfig } from '../config/load-app-config';
import { pinoParams } from './logging.module';
import { REDACTED_PATHS, REDACTION_CENSOR } from './redaction';
import { requestIdOf } from './request-id';

function capture(): { lines: string[]; logger: pino.Logger } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: pino({ redact: { paths: [...REDACTED_PATHS], censor: REDACTION_CENSOR } }, sink) };
}

describe('log redaction', () => {
  it('hides personal fields at any depth up to four, in any of their spellings', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        nir: '1880493000123',
        person: { nomnai: 'DUPONT', prenom: 'Marie', dtnai: '1988-04-01' },
        household: { members: [{ NIR: '2890693000456', email: 'm@example.fr', telephone: '0600000000' }] },
        file: { rawXml: '<NOMNAI>DUPONT</NOMNAI>', id: 'f-1' },
        req: { headers: { authorization: 'Bearer abc', cookie: 'sid=1', accept: 'json' } },
      },
      'person imported',
    );
    const line = lines.join('');
    for (const secret of ['1880493000123', 'DUPONT', 'Marie', '1988-04-01', '2890693000456', 'm@example.fr', '0600000000', 'Bearer abc', 'sid=1']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('"id":"f-1"');
    expect(line).toContain('"accept":"json"');
    expect(line).toContain(REDACTION_CENSOR);
  });

  it('configures pino-http from AppConfig: level, redaction, request id, path without query', () => {
    const params = pinoParams(loadAppConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }));
    const http = params.pinoHttp as { level: string; redact: { paths: string[] }; serializers: { req: (r: unknown) => unknown } };
    expect(http.level).toBe('debug');
    expect(http.redact.paths).toEqual(expect.arrayContaining(['req.headers.authorization', '*.nir']));
    expect(http.serializers.req({ id: 'r1', method: 'GET', url: '/beneficiaries?nom=DUPONT' })).toEqual({ id: 'r1', method: 'GET', url: '/beneficiaries' });
    // A NIR typed into a path is masked; ids are not.
    expect(http.serializers.req({ id: 'r2', method: 'GET', url: '/beneficiaries/288045900007345/nir' })).toEqual({ id: 'r2', method: 'GET', url: '/beneficiaries/28804••••••••/nir' });
    // Written in its groups and URL-encoded, decoded first, then masked; a malformed escape is masked as it is.
    expect(http.serializers.req({ id: 'r4', method: 'GET', url: '/intake/files/1/rejects/2%2088%2004%2059%20000%20073' })).toEqual({ id: 'r4', method: 'GET', url: '/intake/files/1/rejects/2 88 04 ••••••••' });
    expect(http.serializers.req({ id: 'r5', method: 'GET', url: '/x/%E0/1880459000073' })).toEqual({ id: 'r5', method: 'GET', url: '/x/%E0/18804••••••••' });
    // A malformed escape beside an encoded grouped NIR does not keep it in clear.
    expect(http.serializers.req({ id: 'r6', method: 'GET', url: '/x/1%2088%2004%2059%20000%20073/places%' })).toEqual({ id: 'r6', method: 'GET', url: '/x/1 88 04 ••••••••/places%' });
    const uuid = '/beneficiaries/8dde8bfe-76f4-4fb8-981a-a63dd3e4384e';
    expect(http.serializers.req({ id: 'r3', method: 'GET', url: uuid })).toEqual({ id: 'r3', method: 'GET', url: uuid });
  });
});

describe('request id', () => {
  function exchange(header?: string): { id: string; echoed: unknown } {
    const req = new IncomingMessage(new Socket());
    if (header !== undefined) req.headers['x-request-id'] = header;
    const res = new ServerResponse(req);
    const id = requestIdOf(req, res);
    return { id, echoed: res.getHeader('x-request-id') };
  }

  it('keeps a sane caller id and echoes it', () => {
    expect(exchange('abc-123')).toEqual({ id: 'abc-123', echoed: 'abc-123' });
  });

  it('replaces a missing or suspicious one with a uuid', () => {
    expect(exchange().id).toMatch(/^[0-9a-f-]{36}$/);
    const forged = exchange('x\n{"level":60}');
    expect(forged.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(forged.echoed).toBe(forged.id);
  });

  it('keeps a UUID, and replaces one that carries a NIR or another long number, however grouped', () => {
    const uuid = '4f1a2b3c-1234-5678-9012-345678901234';
    expect(exchange(uuid).id).toBe(uuid);
    for (const personal of ['2940559000003-BENAISSA', 'req-2-94-05-59-000-003-83', 'caf-1234567']) expect(exchange(personal).id).toMatch(/^[0-9a-f-]{36}$/);
    expect(exchange('DSR-2026-0042').id).toBe('DSR-2026-0042');
  });
});
