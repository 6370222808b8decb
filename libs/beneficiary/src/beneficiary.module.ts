import { Module } from '@nestjs/common';
import { AppConfig } from '@rsa/platform';
import { CafSnapshotApplier } from './application/caf-snapshot-applier';
import { NirVault } from './infrastructure/nir-vault';

/** People, households and rights: applies CAF snapshots and owns the NIR vault. */
@Module({
  providers: [
    {
      provide: NirVault,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new NirVault(config.nirEncryptionKey, config.nirHashKey, {
          keyId: config.nirEncryptionKeyId,
          previousKeys: config.nirPreviousEncryptionKeys,
          previousHashKey: config.nirPreviousHashKey,
        }),
    },
    { provide: CafSnapshotApplier, inject: [NirVault], useFactory: (vault: NirVault) => new CafSnapshotApplier(vault) },
  ],
  exports: [NirVault, CafSnapshotApplier],
})
export class BeneficiaryModule {}
