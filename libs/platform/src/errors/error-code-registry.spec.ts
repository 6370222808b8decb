import { ErrorCodeRegistry } from './error-code-registry';

describe('ErrorCodeRegistry', () => {
  it('maps codes to statuses, accepting the same map twice', () => {
    const registry = new ErrorCodeRegistry().register({ A_NOT_FOUND: 404 }).register({ A_NOT_FOUND: 404, B_CONFLICT: 409 });
    expect(registry.statusOf('A_NOT_FOUND')).toBe(404);
    expect(registry.statusOf('B_CONFLICT')).toBe(409);
    expect(registry.statusOf('UNKNOWN')).toBeUndefined();
  });

  it('refuses a code claimed with another status, and non-error statuses', () => {
    const registry = new ErrorCodeRegistry().register({ A_NOT_FOUND: 404 });
    expect(() => registry.register({ A_NOT_FOUND: 410 })).toThrow('already mapped to 404');
    expect(() => registry.register({ B_OK: 200 })).toThrow('not an error status');
  });
});
