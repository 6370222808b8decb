import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';

/**
 * A yes/no in a query string: `true` or `false`, nothing else. class-transformer's
 * `@Type(() => Boolean)` reads any non-empty text as true (`?withRoom=false` meant "with room"),
 * and Nest's conversion of a boolean parameter reads anything but `true` as false (`?unread=yes`
 * listed the read ones too); here any other text stays text, and IsBoolean refuses it (400).
 */
export const QueryBoolean = (): PropertyDecorator =>
  applyDecorators(
    Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
      const raw = obj[key];
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    }),
    IsBoolean({ message: '$property must be true or false' }),
  );
