import { userInfo } from 'node:os';
import { Permission, systemActor, type SystemActor } from '@rsa/kernel';

/**
 * The product acting on its own, with only what each job needs. Their actions go through the same
 * handlers and the same checks as a professional's, and are audited under these names.
 */
export const SYSTEM_PERMISSIONS = {
  'intake-import': [Permission.IntakeImport],
  retention: [Permission.RetentionRun],
  'nir-rotate': [Permission.NirRotate],
  /** Plans convocations, sends messages, releases reprise campaigns; records attendance only through people. */
  convocation: [Permission.ConvocationRun, Permission.AppointmentRead],
  /** Loading an organisation (territories, structures, accounts, places and agendas): the demo and the first install. */
  'organisation-seed': [Permission.OrganisationRead, Permission.OrganisationManage, Permission.AccessGrant, Permission.AgendaManage, Permission.AppointmentRead],
} as const satisfies Record<string, readonly Permission[]>;

export type SystemJob = keyof typeof SYSTEM_PERMISSIONS;

export function workerActor(job: SystemJob): SystemActor {
  return systemActor(`worker:${job}`, 'worker', SYSTEM_PERMISSIONS[job]);
}

/** An operator's command on the server: the OS account is recorded as the operator. */
export function cliActor(job: SystemJob): SystemActor {
  let operator: string | null = null;
  try {
    operator = userInfo().username;
  } catch {
    operator = null;
  }
  return systemActor(`cli:${job}`, 'cli', SYSTEM_PERMISSIONS[job], operator);
}
