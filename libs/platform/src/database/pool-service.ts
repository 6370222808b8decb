import type { FactoryProvider } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { pgPoolOf } from './pg-pool';

/** A class used as an injection token for a value of type T (abstract classes included). */
type TokenOf<T> = abstract new (...args: never[]) => T;

/**
 * The provider of an application service built on the pg pool, `new Service(pool, ...deps)`, its
 * other dependencies injected in the order of its constructor. The tokens are checked against the
 * constructor's parameter types, which a hand-written factory does not do.
 */
export function poolService<T, D extends unknown[]>(service: new (pool: Pool, ...deps: D) => T, ...deps: { [K in keyof D]: TokenOf<D[K]> }): FactoryProvider<T> {
  return {
    provide: service,
    inject: [DataSource, ...deps],
    useFactory: (dataSource: DataSource, ...resolved: D) => new service(pgPoolOf(dataSource), ...resolved),
  };
}
