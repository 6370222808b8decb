/**
 * Error code -> HTTP status, filled by each context from its exhaustive map:
 *
 *   export const INTAKE_ERROR_STATUS: Record<IntakeErrorCode, number> = { ... };   // the compiler
 *   registerErrorCodes(INTAKE_ERROR_STATUS);   // at the top of the context's module file
 *
 * `Record<Enum, number>` makes a forgotten code a compile error; the registry makes a code claimed
 * by two contexts with different statuses a boot error. Application code never sees HTTP.
 */
export class ErrorCodeRegistry {
  private readonly statuses = new Map<string, number>();

  register(statusByCode: Readonly<Record<string, number>>): this {
    for (const [code, status] of Object.entries(statusByCode)) {
      if (!Number.isInteger(status) || status < 400 || status > 599) {
        throw new Error(`Error code ${code}: HTTP status ${status} is not an error status`);
      }
      const existing = this.statuses.get(code);
      if (existing !== undefined && existing !== status) {
        throw new Error(`Error code ${code} is already mapped to ${existing}, not ${status}`);
      }
      this.statuses.set(code, status);
    }
    return this;
  }

  statusOf(code: string): number | undefined {
    return this.statuses.get(code);
  }

  codes(): string[] {
    return [...this.statuses.keys()];
  }
}

/** The process-wide registry the API's error filter reads. */
export const errorCodes = new ErrorCodeRegistry();

export function registerErrorCodes(statusByCode: Readonly<Record<string, number>>): void {
  errorCodes.register(statusByCode);
}
