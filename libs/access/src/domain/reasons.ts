/**
 * Reasons are codes, not free text ("no free text where a checkbox does", DOMAIN.md §11): each
 * action that needs a why has its list. The audit trail records the code.
 */
export const REASONS = {
  /** Seeing a NIR in clear. */
  nirRead: ['france-travail-registration', 'caf-exchange', 'identity-check', 'data-subject-request', 'legal-obligation'],
  /** Exporting everything held on a person. */
  export: ['data-subject-request', 'legal-obligation'],
  /** Sharing a file with a professional or a structure. */
  grant: ['portfolio', 'orientation', 'co-diagnostic', 'operator-assignment', 'france-travail-registration', 'temporary-absence', 'ep-review'],
  /** Ending a share. */
  grantRevoke: ['end-of-accompaniment', 'reorientation', 'error', 'end-of-absence'],
  /** Ending a habilitation. */
  habilitationRevoke: ['left-post', 'role-change', 'end-of-mission', 'security', 'error'],
  /** Correcting contact details or asking the CAF to rectify its data. */
  rectification: ['data-subject-request', 'contact-update', 'caf-data-error'],
} as const satisfies Record<string, readonly string[]>;

export type ReasonCatalogue = keyof typeof REASONS;

export function isReason(catalogue: ReasonCatalogue, code: string | null | undefined): boolean {
  return code !== null && code !== undefined && (REASONS[catalogue] as readonly string[]).includes(code);
}
