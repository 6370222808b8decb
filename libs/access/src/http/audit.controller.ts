import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type UserActor } from '@rsa/kernel';
import { Access, AuditTrail } from '@rsa/platform';
import { AccessPolicy } from '../application/access-policy';
import { CurrentActor } from './current-actor.decorator';
import { AuditQueryDto } from './audit.dto';

/**
 * The audit trail, for auditors: read-only (nothing in the product edits it), and reading it is
 * itself recorded.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditTrail,
    private readonly policy: AccessPolicy,
  ) {}

  @Get('events')
  @Access(Permission.AuditRead)
  @ApiOperation({ summary: 'Audit entries, oldest first, filtered by beneficiary, professional, action, outcome or period (keyset paging with afterSeq)' })
  async events(@CurrentActor() actor: UserActor, @Query() query: AuditQueryDto) {
    await this.policy.require(actor, Permission.AuditRead, { action: 'audit.list' });
    const items = await this.audit.list({ ...query, from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined });
    await this.audit.record({ actor, action: 'audit.list', outcome: 'allowed', detail: { filter: { ...query }, returned: items.length } });
    return { items, nextAfterSeq: items.length === query.limit ? items[items.length - 1].seq : null };
  }

  @Get('events/:seq')
  @Access(Permission.AuditRead)
  @ApiOperation({ summary: 'One entry with its before/after diff (unless retention anonymised it)' })
  async event(@CurrentActor() actor: UserActor, @Param('seq') seq: string) {
    await this.policy.require(actor, Permission.AuditRead, { action: 'audit.read' });
    const entry = /^\d{1,18}$/.test(seq) ? await this.audit.get(seq) : null;
    if (!entry) throw new NotFoundException('No audit entry with this sequence number');
    await this.audit.record({ actor, action: 'audit.read', outcome: 'allowed', target: { type: 'audit-event', id: seq } });
    return entry;
  }

  @Get('verify')
  @Access(Permission.AuditRead)
  @ApiOperation({ summary: 'Recompute the hash chain: ok, the head (seq, hash) to keep elsewhere, or the first entry that breaks' })
  async verify(@CurrentActor() actor: UserActor) {
    await this.policy.require(actor, Permission.AuditRead, { action: 'audit.verify' });
    const result = await this.audit.verify();
    await this.audit.record({ actor, action: 'audit.verify', outcome: 'allowed', detail: { ok: result.ok, checked: result.checked, head: result.head, firstBreak: result.firstBreak } });
    return result;
  }
}
