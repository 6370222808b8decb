import { Module } from '@nestjs/common';

/** Contrats d'engagement (CER, PPAE): action plan, weekly intensity, bilan, renewal, reminders; exit from the path. */
@Module({ providers: [], exports: [] })
export class ContractModule {}
