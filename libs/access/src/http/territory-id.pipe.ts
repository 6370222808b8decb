import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { TERRITORY_ID } from './organisation.dto';

/** A territory code in a path: lower case, digits and dashes. */
@Injectable()
export class TerritoryIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!TERRITORY_ID.test(value)) throw new BadRequestException('A territory id is lower case letters, digits and dashes (e.g. roubaix-tourcoing)');
    return value;
  }
}
