import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { AccessDeniedError, AccessErrorCode, hasPermission, maskTypedNirs, type UserActor } from '@rsa/kernel';
import { AuditTrail, ROUTE_ACCESS_KEY, ROUTE_SUBJECT_KEY, type RouteAccess, type RouteSubject } from '@rsa/platform';
import { ActorResolver } from '../application/actor-resolver';
import { AccessPolicy } from '../application/access-policy';
import { tokenRefused, TokenVerifier } from '../infrastructure/token-verifier';

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

type AuthenticatedRequest = Request & { id?: string; actor?: UserActor };

/**
 * Every API route: a valid bearer token (OpenID Connect, checked by TokenVerifier), a professional
 * with one active habilitation (ActorResolver, read on every request), and the permissions the route
 * declares with @Access. @Public routes (health) skip it; a route that declares nothing is refused
 * (fail closed). Every refusal is written to the audit trail. Handlers check again, with scope.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly resolver: ActorResolver,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (access?.kind === 'public') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const requestId = typeof request.id === 'string' ? request.id : null;
    const action = `http.${request.method} ${request.route?.path ?? 'unmatched'}`;
    if (!access) {
      this.logger.error({ msg: 'route without @Access or @Public: refused', route: action });
      throw new AccessDeniedError(AccessErrorCode.Forbidden, 'This route is not classified');
    }

    const anonymous = { kind: 'anonymous' as const, channel: 'api' as const, requestId };
    const header = request.headers.authorization;
    const bearer = typeof header === 'string' ? BEARER.exec(header) : null;
    let actor: UserActor;
    try {
      if (!bearer) throw tokenRefused(header ? 'malformed' : 'missing');
      const token = await this.verifier.verify(bearer[1]);
      try {
        actor = await this.resolver.resolve(token, { channel: 'api', requestId });
      } catch (error) {
        if (error instanceof AccessDeniedError) await this.audit.record({ actor: { ...anonymous, subject: token.subject }, action, outcome: 'denied', detail: { code: error.code } });
        throw error;
      }
    } catch (error) {
      if (error instanceof AccessDeniedError && error.code === AccessErrorCode.Unauthenticated) {
        await this.audit.record({ actor: anonymous, action, outcome: 'denied', detail: { code: error.code, ...(error.details ?? {}), ip: request.ip ?? null } });
      }
      throw error;
    }
    request.actor = actor;
    for (const permission of access.permissions) {
      if (!hasPermission(actor, permission)) {
        // A refusal on a route about a person names them, so it shows in their trail and export; and
        // it records the object asked for (the contract, the appointment), named or not.
        const { people, object } = await this.subjectOfRoute(context, request);
        const detail = object ? { object } : undefined;
        const refusal = people.length > 0 ? { action, target: { type: 'person', id: people[0] }, subjectIds: people, detail } : { action, detail };
        await this.policy.refuse(actor, refusal, new AccessDeniedError(AccessErrorCode.Forbidden, `This role may not do this (${permission})`, { permission }));
      }
    }
    return true;
  }

  /**
   * The people a route is about: the person of a `/beneficiaries/:id…` (or `:personId`) route, or
   * those its @SubjectOf row names (a contract's, an appointment's…), read from their table; and the
   * object asked for, its table and id, when the id is one (a uuid or a number, a NIR-shaped one
   * masked: nothing else a caller typed is written to the trail). None when the id is not one or
   * names nothing: the refusal is recorded all the same.
   */
  private async subjectOfRoute(context: ExecutionContext, request: AuthenticatedRequest): Promise<{ people: string[]; object?: { table: string; id: string } }> {
    const path = typeof request.route?.path === 'string' ? request.route.path : '';
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    // A beneficiary's route names its person by id: the same look-up, so an id that is no one's names no one.
    const subject = path.startsWith('/beneficiaries/:')
      ? { table: 'beneficiary_person', param: params.id !== undefined ? 'id' : 'personId', columns: ['id'] }
      : this.reflector.getAllAndOverride<RouteSubject | undefined>(ROUTE_SUBJECT_KEY, [context.getHandler(), context.getClass()]);
    const id = subject ? params[subject.param] : undefined;
    if (!subject || !id || !(isUUID(id) || /^\d{1,18}$/.test(id))) return { people: [] };
    // A number typed in the path may be a NIR: masked as the trail masks its target ids.
    const object = { table: subject.table, id: maskTypedNirs(id) };
    // Names checked by @SubjectOf. The id takes the key's type (uuid, bigint): one of the other kind names nothing.
    const columns = subject.columns.map((c) => `"${c}"::text AS "${c}"`).join(', ');
    const rows = await this.dataSource.query<Record<string, string | null>[]>(`SELECT ${columns} FROM "${subject.table}" WHERE id = $1`, [id]).catch((error: { code?: string }) => {
      if (error.code === '22P02' || error.code === '22003') return [];
      throw error;
    });
    const people = rows.flatMap((row) => subject.columns.map((c) => row[c]).filter((v): v is string => typeof v === 'string'));
    return { people: [...new Set(people)], object };
  }
}
