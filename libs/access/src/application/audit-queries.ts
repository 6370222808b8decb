import { Permission, type Actor } from '@rsa/kernel';
import type { AuditFilter, AuditTrail } from '@rsa/platform';
import type { AccessPolicy } from './access-policy';

/**
 * The audit trail for auditors: read-only (nothing in the product edits it), and reading it is
 * itself recorded.
 */
export class AuditQueries {
  constructor(
    private readonly audit: AuditTrail,
    private readonly policy: AccessPolicy,
  ) {}

  async list(actor: Actor, filter: AuditFilter) {
    await this.policy.require(actor, Permission.AuditRead, { action: 'audit.list' });
    const items = await this.audit.list(filter);
    await this.audit.record({ actor, action: 'audit.list', outcome: 'allowed', detail: { filter: { ...filter }, returned: items.length } });
    return { items, nextAfterSeq: items.length === filter.limit ? items[items.length - 1].seq : null };
  }

  /** One entry with its diff, or null. */
  async get(actor: Actor, seq: string) {
    await this.policy.require(actor, Permission.AuditRead, { action: 'audit.read' });
    const entry = /^\d{1,18}$/.test(seq) ? await this.audit.get(seq) : null;
    // An entry's diff is the persons' own data (a phone, an email): reading it shows in their trail.
    if (entry) {
      await this.audit.record({ actor, action: 'audit.read', outcome: 'allowed', target: { type: 'audit-event', id: seq }, subjectIds: entry.sensitive ? entry.subjectIds : [] });
    }
    return entry;
  }

  async verify(actor: Actor) {
    await this.policy.require(actor, Permission.AuditRead, { action: 'audit.verify' });
    const result = await this.audit.verify();
    await this.audit.record({ actor, action: 'audit.verify', outcome: 'allowed', detail: { ok: result.ok, checked: result.checked, head: result.head, firstBreak: result.firstBreak } });
    return result;
  }
}
