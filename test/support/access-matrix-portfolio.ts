import type { RouteCase } from './access-matrix';

/** The portfolio routes of the access matrix (spread into ROUTE_MATRIX). Only a type import from access-matrix.ts: no cycle at run time. */
export const PORTFOLIO_ROUTES: Record<string, RouteCase> = {};
