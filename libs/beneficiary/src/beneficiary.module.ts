import { Module } from '@nestjs/common';
import { AppConfig } from '@rsa/platform';
import { CafSnapshotApplier } from './application/caf-snapshot-applier';
import { PathProgress } from './application/path-progress';
import { PersonData } from './application/person-data';
import { NirVault } from './infrastructure/nir-vault';

/** People, households and rights: applies CAF snapshots, owns the NIR vault and the registry of path stages (PathProgress). */
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
    PathProgress,
    PersonData,
    { provide: CafSnapshotApplier, inject: [NirVault], useFactory: (vault: NirVault) => new CafSnapshotApplier(vault) },
  ],
  exports: [NirVault, CafSnapshotApplier, PathProgress, PersonData],
})
export class BeneficiaryModule {}
