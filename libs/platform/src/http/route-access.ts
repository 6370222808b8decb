import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@rsa/kernel';

export const ROUTE_ACCESS_KEY = 'rsa:route-access';

/** What a route requires: `public` (health), or an authenticated actor holding every listed permission. */
export type RouteAccess = { kind: 'public' } | { kind: 'authenticated'; permissions: readonly Permission[] };

/**
 * Every route says who may call it. The API's guard refuses a route that says nothing (fail closed),
 * and the "who may see this" test fails when a route is missing from its matrix. The handler behind
 * it checks again, with the beneficiary's scope: the same rules hold in the worker.
 */
export const Access = (...permissions: Permission[]) => SetMetadata(ROUTE_ACCESS_KEY, { kind: 'authenticated', permissions } satisfies RouteAccess);

/** Reachable without a token: only health (and the OpenAPI page, which is not a Nest route). */
export const Public = () => SetMetadata(ROUTE_ACCESS_KEY, { kind: 'public' } satisfies RouteAccess);

export const ROUTE_SUBJECT_KEY = 'rsa:route-subject';

/** Where the people a route is about are read: `columns` of `table`'s row whose `id` is the route's `param`. */
export interface RouteSubject {
  readonly table: string;
  readonly param: string;
  readonly columns: readonly string[];
}

const SQL_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * The people a route named by another id is about (a contract, an appointment, an anomaly): `/beneficiaries/:id…`
 * routes name their person; these say where to find theirs. A refusal of the caller's role (before
 * any handler runs) reads them, so the attempt shows in the person's trail and export. The table is
 * the owning context's; its `columns` (default `person_id`) hold person ids.
 */
export function SubjectOf(table: string, options: { param?: string; columns?: string[] } = {}) {
  const subject: RouteSubject = { table, param: options.param ?? 'id', columns: options.columns ?? ['person_id'] };
  for (const name of [subject.table, ...subject.columns]) {
    if (!SQL_NAME.test(name)) throw new Error(`@SubjectOf: "${name}" is not a table or column name`);
  }
  return SetMetadata(ROUTE_SUBJECT_KEY, subject);
}
