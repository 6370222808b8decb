import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { UserActor } from '@rsa/kernel';

/** The actor the AuthGuard resolved for this request. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): UserActor => {
  const actor = context.switchToHttp().getRequest<{ actor?: UserActor }>().actor;
  // The guard runs before any handler; reaching here without an actor is a wiring bug, not a user error.
  if (!actor) throw new Error('No actor on the request: is the route public, or the AuthGuard missing?');
  return actor;
});
