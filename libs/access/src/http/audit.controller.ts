import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { addDays, parisInstant, Permission, type UserActor } from '@rsa/kernel';
import { Access } from '@rsa/platform';
import { AuditQueries } from '../application/audit-queries';
import { CurrentActor } from './current-actor.decorator';
import { AuditQueryDto } from './audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditQueries) {}

  @Get('events')
  @Access(Permission.AuditRead)
  @ApiOperation({ summary: 'Audit entries, oldest first, filtered by beneficiary, professional, action, outcome or period (keyset paging with afterSeq)' })
  events(@CurrentActor() actor: UserActor, @Query() query: AuditQueryDto) {
    return this.audit.list(actor, { ...query, from: query.from ? fromInstant(query.from) : undefined, to: query.to ? toInstant(query.to) : undefined });
  }

  @Get('events/:seq')
  @Access(Permission.AuditRead)
  @ApiOperation({ summary: 'One entry with its before/after diff (unless retention anonymised it)' })
  async event(@CurrentActor() actor: UserActor, @Param('seq') seq: string) {
    const entry = await this.audit.get(actor, seq);
    if (!entry) throw new NotFoundException('No audit entry with this sequence number');
    return entry;
  }

  @Get('verify')
  @Access(Permission.AuditRead)
  @ApiOperation({ summary: 'Recompute the hash chain: ok, the head (seq, hash) to keep elsewhere, or the first entry that breaks' })
  verify(@CurrentActor() actor: UserActor) {
    return this.audit.verify(actor);
  }
}

/** A day is a Paris day, as auditors count them: `from` its first moment (00:00 Paris, not UTC). */
function fromInstant(value: string): Date {
  return value.length === 10 ? parisInstant(value, '00:00') : new Date(value);
}

/** `to` a day includes that day: up to the next Paris midnight; a moment is the moment. */
function toInstant(value: string): Date {
  return value.length === 10 ? parisInstant(addDays(value, 1), '00:00') : new Date(value);
}
