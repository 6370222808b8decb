import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, throwError, type Observable } from 'rxjs';
import { AppConfig } from '@rsa/platform';
import { IntakeError, IntakeErrorCode } from '../domain/intake-errors';

/**
 * multer's refusals of an upload (it runs in the file interceptor, before the handler) turned into
 * the intake's own errors: which field, how many files, how large. The API's error filter then
 * answers them as any other. Declared before the file interceptor, so that it wraps it.
 */
@Injectable()
export class UploadRefusals implements NestInterceptor {
  constructor(private readonly config: AppConfig) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => this.explain(error))));
  }

  private explain(error: unknown): unknown {
    if (!(error instanceof HttpException)) return error;
    switch (error.message) {
      case 'Unexpected field':
        return new IntakeError(IntakeErrorCode.UploadMissing, 'Send the file as multipart/form-data in the field "file"');
      case 'Too many files':
      case 'Too many fields':
      case 'Too many parts':
        return new IntakeError(IntakeErrorCode.UploadInvalid, 'Send one file, in the field "file", and nothing else');
      case 'File too large': {
        const maxMb = Math.round(this.config.http.maxUploadBytes / 1048576);
        return new IntakeError(IntakeErrorCode.UploadTooLarge, `The file is larger than the ${maxMb} MB an upload may be (INTAKE_MAX_UPLOAD_MB)`, { maxMb });
      }
      default:
        return error;
    }
  }
}
