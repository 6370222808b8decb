import { Module } from '@nestjs/common';

/**
 * Diagnostics (versioned), rule sets, target mixes and simulations, proposals, decisions,
 * orientation periods and réorientation requests.
 */
@Module({ providers: [], exports: [] })
export class OrientationCoreModule {}
