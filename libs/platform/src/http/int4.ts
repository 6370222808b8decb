import { BadRequestException, type ArgumentMetadata, Injectable, ParseIntPipe } from '@nestjs/common';

/**
 * The largest PostgreSQL `integer`: versions, counts and offsets in requests are held to it, so a
 * number too large is a 400, not a database error.
 */
export const INT4_MAX = 2_147_483_647;

/** ParseIntPipe held to PostgreSQL's `integer` (a version in a path). */
@Injectable()
export class ParseInt4Pipe extends ParseIntPipe {
  override async transform(value: string, metadata: ArgumentMetadata): Promise<number> {
    const parsed = await super.transform(value, metadata);
    if (Math.abs(parsed) > INT4_MAX) throw new BadRequestException(`${metadata.data ?? 'The value'} must be an integer of at most ${INT4_MAX}`);
    return parsed;
  }
}
