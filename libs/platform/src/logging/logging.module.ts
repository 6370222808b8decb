import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule, Params } from 'nestjs-pino';
import { maskTypedNirs } from '@rsa/kernel';
import { AppConfig } from '../config/app-config';
import { REDACTED_PATHS, REDACTION_CENSOR } from './redaction';
import { requestIdOf } from './request-id';

/** Probes and scrapes would be most of the log: not logged per request. */
const QUIET_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

function pathOf(url: string | undefined): string {
  // The query string may carry personal data (?nom=...): log the path only, and a NIR typed into
  // it masked, also when written in its groups and URL-encoded (`2%2088%2004…`).
  return maskTypedNirs((url ?? '').split('?')[0] ?? '');
}

/** pino-pretty is a dev nicety, not a dependency: used only if someone installed it. */
function prettyTransport(config: AppConfig): Params['pinoHttp'] {
  if (config.nodeEnv !== 'development') return {};
  try {
    require.resolve('pino-pretty');
    return { transport: { target: 'pino-pretty', options: { singleLine: true } } };
  } catch {
    return {};
  }
}

export function pinoParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: [...REDACTED_PATHS], censor: REDACTION_CENSOR },
      genReqId: (req: IncomingMessage, res: ServerResponse) => requestIdOf(req, res),
      customAttributeKeys: { reqId: 'requestId' },
      // Lines logged during a request carry its id, not the whole request again.
      quietReqLogger: true,
      // One line per request, when it ends.
      autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.has(pathOf(req.url)) },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: pathOf(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      ...prettyTransport(config),
    },
  };
}

/**
 * Structured JSON logs (pino) for Nest and for every request, with a request id and personal data
 * redacted (see redaction.ts). Use Nest's `Logger` or inject nestjs-pino's `PinoLogger`.
 */
@Module({
  imports: [LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: pinoParams })],
})
export class LoggingModule {}
