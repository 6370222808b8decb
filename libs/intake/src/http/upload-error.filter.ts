import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter, HttpException, Injectable, PayloadTooLargeException } from '@nestjs/common';
import type { Response } from 'express';
import { AppConfig } from '@rsa/platform';
import { IntakeErrorCode } from '../domain/intake-errors';

/**
 * multer's refusals of an upload, said as the intake says its own: which field, how many files,
 * how large, in the API's error shape. Anything else goes out as it came.
 */
@Catch(BadRequestException, PayloadTooLargeException)
@Injectable()
export class UploadErrorFilter implements ExceptionFilter {
  constructor(private readonly config: AppConfig) {}

  catch(exception: HttpException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, code, message] = this.explain(exception);
    if (!response.headersSent) response.status(status).json({ error: { code, message } });
  }

  private explain(exception: HttpException): [number, string, string] {
    const status = exception.getStatus();
    switch (exception.message) {
      case 'Unexpected field':
        return [400, IntakeErrorCode.UploadMissing, 'Send the file as multipart/form-data in the field "file"'];
      case 'Too many files':
      case 'Too many fields':
      case 'Too many parts':
        return [400, IntakeErrorCode.UploadInvalid, 'Send one file, in the field "file", and nothing else'];
      case 'File too large':
        return [413, 'PAYLOAD_TOO_LARGE', `The file is larger than the ${Math.round(this.config.http.maxUploadBytes / 1048576)} MB an upload may be (INTAKE_MAX_UPLOAD_MB)`];
      default:
        return [status, status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', exception.message];
    }
  }
}
