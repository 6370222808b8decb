import { INestApplication, ValidationPipe } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { errorCodes } from '@rsa/platform';
import { ApiErrorFilter } from './error.filter';

/**
 * Everything main.ts does to the app besides listening, shared with e2e tests so they exercise
 * the same pipes, error shape and docs.
 */
export function configureApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(Logger));
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
      .setDescription('Orientation and accompaniment of RSA beneficiaries (Département du Nord)')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
