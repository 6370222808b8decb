import { Module } from '@nestjs/common';
import { AppConfig } from '@rsa/platform';
import { CafSnapshotApplier } from './application/caf-snapshot-applier';
import { ContactFollowers } from './application/contact-followers';
import { PathProgress } from './application/path-progress';
import { PersonData } from './application/person-data';
import { NirVault } from './infrastructure/nir-vault';

/** People, households and rights: applies CAF snapshots, owns the NIR vault and the registries the later contexts fill (PathProgress, PersonData, ContactFollowers). */
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
    ContactFollowers,
    { provide: CafSnapshotApplier, inject: [NirVault], useFactory: (vault: NirVault) => new CafSnapshotApplier(vault) },
  ],
  exports: [NirVault, CafSnapshotApplier, PathProgress, PersonData, ContactFollowers],
})
export class BeneficiaryModule {}
