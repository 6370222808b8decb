export * from './domain/dominante';
export * from './domain/diagnostic';
export * from './domain/scoring';
export * from './domain/modality';
export * from './domain/rule-set';
export * from './domain/simulation';
export { aDiagnosticContent } from './domain/diagnostic-fixture';
export * from './domain/portfolio';
export * from './domain/contract';
