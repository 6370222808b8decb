import { Permission } from './permissions';
import { BeneficiaryScope, Role } from './roles';

/** Where an action came from: the audit trail records it with every entry. */
export type Channel = 'api' | 'worker' | 'cli';

/** A professional authenticated by the identity provider, acting under one active habilitation. */
export interface UserActor {
  readonly kind: 'user';
  /** The identity provider's subject (`sub`). */
  readonly subject: string;
  readonly professionalId: string;
  readonly habilitationId: string;
  readonly role: Role;
  readonly structureId: string;
  /** Territories the habilitation covers (its own, or its structure's). */
  readonly territoryIds: readonly string[];
  readonly permissions: ReadonlySet<Permission>;
  readonly scope: BeneficiaryScope;
  /** The token said a second factor was used (`amr`). */
  readonly mfa: boolean;
  readonly channel: Channel;
  readonly requestId: string | null;
}

/** The product acting on its own: the worker's jobs, an operator's CLI command on the server. */
export interface SystemActor {
  readonly kind: 'system';
  /** `worker:intake`, `cli:intake-import`… */
  readonly name: string;
  /** The OS account that ran a CLI command, when known. */
  readonly operator: string | null;
  readonly permissions: ReadonlySet<Permission>;
  readonly scope: BeneficiaryScope;
  readonly channel: Channel;
  readonly requestId: string | null;
}

export type Actor = UserActor | SystemActor;

export function systemActor(name: string, channel: Channel, permissions: readonly Permission[], operator: string | null = null): SystemActor {
  return Object.freeze({ kind: 'system', name, operator, permissions: new Set(permissions), scope: 'all', channel, requestId: null });
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/** For logs and error details: who, without any personal data of a beneficiary. */
export function describeActor(actor: Actor): string {
  return actor.kind === 'user' ? `${actor.role}:${actor.professionalId}` : `system:${actor.name}`;
}
