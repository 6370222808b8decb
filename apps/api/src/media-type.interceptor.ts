import { CallHandler, ExecutionContext, Injectable, NestInterceptor, UnsupportedMediaTypeException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger/dist/constants';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

const JSON_ONLY = ['application/json'];

/** Express's own test counts `Content-Length: 0` as a body (an action posted with nothing to say has one). */
function carriesBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}

/**
 * A body in another media type than the route declares is refused (415) before the handler. Express
 * parses JSON and URL-encoded bodies and leaves the rest unread, so a search sent as `text/plain`
 * reached its handler with an empty body and answered the whole list unfiltered, and a form-encoded
 * body failed on keys nobody typed. A route takes JSON unless its OpenAPI declaration
 * (`@ApiConsumes`, as the CAF upload's multipart) says otherwise, so what the docs show is what is
 * enforced. A request without a body (no Content-Length, or 0) is not concerned.
 */
@Injectable()
export class MediaTypeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<Request>();
      const accepted = this.reflector.getAllAndOverride<string[] | undefined>(DECORATORS.API_CONSUMES, [context.getHandler(), context.getClass()]) ?? JSON_ONLY;
      if (carriesBody(request) && !request.is(accepted)) {
        throw new UnsupportedMediaTypeException(`Send the body as ${accepted.join(' or ')} (Content-Type)`);
      }
    }
    return next.handle();
  }
}
