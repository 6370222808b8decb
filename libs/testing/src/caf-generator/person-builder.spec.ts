import { identityKey } from '@rsa/beneficiary';
import { NirAllocator } from './identifiers';
import { makeIdentity, type IdentityRequest } from './person-builder';
import { Rng } from './prng';

describe('identities of generated people', () => {
  const request: IdentityRequest = { sexe: '2', age: 34, referenceDate: '2026-11-01', nomnai: 'MARTIN', adult: true };
  const keyOf = (p: { nomnai: string; prenom: string; dtnai: string }) => identityKey({ ...p, rgnai: null });

  it('claims each identity key once per file', () => {
    const allocator = new NirAllocator('claims');
    expect(allocator.claimIdentity('MARTIN|CAMILLE|1990-04-02|1')).toBe(true);
    expect(allocator.claimIdentity('MARTIN|CAMILLE|1990-04-02|1')).toBe(false);
    expect(allocator.claimIdentity('MARTIN|CAMILLE|1990-04-03|1')).toBe(true);
  });

  it('draws another first name when someone of the file already has the same birth name, first name and birth date', () => {
    const first = makeIdentity(Rng.of('identity', 1), new NirAllocator('a'), request);
    const allocator = new NirAllocator('b');
    allocator.claimIdentity(keyOf(first));
    const again = makeIdentity(Rng.of('identity', 1), allocator, request);
    expect(again.dtnai).toBe(first.dtnai);
    expect(again.prenom).not.toBe(first.prenom);
    // Its own key is taken now, for whoever comes next.
    expect(allocator.claimIdentity(keyOf(again))).toBe(false);
  });

  it('lets a twin share its sibling first name: the rank tells them apart', () => {
    const sibling = makeIdentity(Rng.of('twin', 7), new NirAllocator('c'), { ...request, dtnai: '2010-05-06' });
    const allocator = new NirAllocator('d');
    allocator.claimIdentity(keyOf(sibling));
    const twin = makeIdentity(Rng.of('twin', 7), allocator, { ...request, dtnai: '2010-05-06' });
    expect(twin.prenom).toBe(sibling.prenom);
  });
});
