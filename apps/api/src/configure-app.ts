import { BadRequestException, INestApplication, ValidationPipe } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig, errorCodes } from '@rsa/platform';
import { isParseFailure, parseFailureMessage, refuseBodyValue } from './body-values';
import { ApiErrorFilter } from './error.filter';
import { MediaTypeInterceptor } from './media-type.interceptor';

/** The OpenAPI UI needs its own scripts and styles; every other answer is JSON and loads nothing. */
const DOCS = /^\/docs(?:-json)?(?:\/|$)/;

/**
 * Everything main.ts does to the app besides listening, shared with e2e tests so they exercise
 * the same pipes, limits, headers, error shape and docs.
 */
export function configureApp(app: INestApplication): INestApplication {
  const config = app.get(AppConfig);
  const express = app as NestExpressApplication;
  app.useLogger(app.get(Logger));
  // JSON bodies only, and small ones: the one large payload (a CAF file) is a streamed upload.
  // A NUL character, or a key such as `constructor`: refused as a malformed body (400), not a 500
  // once the handler has begun (refuseBodyValue).
  express.useBodyParser('json', { limit: config.http.bodyLimitBytes, reviver: refuseBodyValue });
  // Nest turns the parser's SyntaxError into a 400 with JSON.parse's own message, which quotes the
  // body: answered here with where it failed only.
  express.use((error: unknown, _req: Request, _res: Response, next: NextFunction) => next(isParseFailure(error) ? new BadRequestException(parseFailureMessage(error.message)) : error));
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
  app.useGlobalInterceptors(new MediaTypeInterceptor(app.get(Reflector)));
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
