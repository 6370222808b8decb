import { INestApplication, ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig, errorCodes } from '@rsa/platform';
import { ApiErrorFilter } from './error.filter';

/** The OpenAPI UI needs its own scripts and styles; every other answer is JSON and loads nothing. */
const DOCS = /^\/docs(?:-json)?(?:\/|$)/;

function refuseNul(_key: string, value: unknown): unknown {
  if (typeof value === 'string' && value.includes('\u0000')) throw new SyntaxError('a text value holds a NUL character');
  return value;
}

/**
 * Everything main.ts does to the app besides listening, shared with e2e tests so they exercise
 * the same pipes, limits, headers, error shape and docs.
 */
export function configureApp(app: INestApplication): INestApplication {
  const config = app.get(AppConfig);
  const express = app as NestExpressApplication;
  app.useLogger(app.get(Logger));
  // JSON bodies only, and small ones: the one large payload (a CAF file) is a streamed upload.
  // A NUL character cannot be stored in PostgreSQL text: refused as a malformed body (400), not a
  // database error (500) once the handler has begun.
  express.useBodyParser('json', { limit: config.http.bodyLimitBytes, reviver: refuseNul });
  express.set('trust proxy', config.http.trustProxy);
  express.disable('x-powered-by');
  const strict = helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } }, crossOriginResourcePolicy: { policy: 'same-origin' } });
  const docs = helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'], styleSrc: ["'self'", "'unsafe-inline'"], frameAncestors: ["'none'"] } } });
  express.use((req: Request, res: Response, next: NextFunction) => {
    // Answers carry personal data: no browser or proxy keeps a copy.
    res.setHeader('Cache-Control', 'no-store');
    (DOCS.test(req.path) ? docs : strict)(req, res, next);
  });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
    }),
  );
  app.useGlobalFilters(new ApiErrorFilter(errorCodes));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('RSA parcours API')
      .setDescription('Orientation and accompaniment of RSA beneficiaries (Département du Nord). Every route but health needs an OpenID Connect bearer token.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
