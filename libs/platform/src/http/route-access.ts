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
