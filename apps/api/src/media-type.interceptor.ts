import { CallHandler, ExecutionContext, Injectable, NestInterceptor, UnsupportedMediaTypeException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { BODY_TYPES_KEY, DEFAULT_BODY_TYPES } from '@rsa/platform';

/** Express's own test counts `Content-Length: 0` as a body (an action posted with nothing to say has one). */
function carriesBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}

/**
 * A body in another media type than the route declares is refused (415) before the handler. Express
 * parses JSON and URL-encoded bodies and leaves the rest unread, so a search sent as `text/plain`
 * reached its handler with an empty body and answered the whole list unfiltered, and a form-encoded
 * body failed on keys nobody typed. A route takes JSON unless it declares other types with
 * `@BodyTypes` (the CAF upload's multipart), which writes the OpenAPI document too: what the docs
 * show is what is enforced. A request without a body (no Content-Length, or 0) is not concerned.
 */
@Injectable()
export class MediaTypeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<Request>();
      const accepted = this.reflector.getAllAndOverride<readonly string[] | undefined>(BODY_TYPES_KEY, [context.getHandler(), context.getClass()]) ?? DEFAULT_BODY_TYPES;
      if (carriesBody(request) && !request.is([...accepted])) {
        throw new UnsupportedMediaTypeException(`Send the body as ${accepted.join(' or ')} (Content-Type)`);
      }
    }
    return next.handle();
  }
}
