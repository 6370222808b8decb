import type { RouteCase } from './access-matrix';

/** The orientation routes of the access matrix (spread into ROUTE_MATRIX). Only a type import from access-matrix.ts: no cycle at run time. */
export const ORIENTATION_ROUTES: Record<string, RouteCase> = {};
