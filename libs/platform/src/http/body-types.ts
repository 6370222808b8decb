import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiConsumes } from '@nestjs/swagger';

export const BODY_TYPES_KEY = 'rsa:body-types';
/** What a route takes when it says nothing: JSON. */
export const DEFAULT_BODY_TYPES: readonly string[] = ['application/json'];

/**
 * The media types a route's body may come in, other than JSON (the CAF upload's multipart): one
 * declaration for the OpenAPI document and for the API's check of the `Content-Type` (415 otherwise).
 */
export const BodyTypes = (...types: string[]) => applyDecorators(SetMetadata(BODY_TYPES_KEY, types), ApiConsumes(...types));
