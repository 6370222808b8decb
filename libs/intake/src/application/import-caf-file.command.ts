import { CommandHandler, type ICommand, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@rsa/kernel';
import { AuditedImport } from './audited-import';
import type { ImportRequest } from './caf-file-importer';
import type { ImportReport } from './import-report';

/** Import one CAF beneficiary file: one transaction, a typed report, audited. */
export class ImportCafFileCommand implements ICommand {
  constructor(
    readonly actor: Actor,
    readonly request: ImportRequest,
  ) {}
}

@CommandHandler(ImportCafFileCommand)
export class ImportCafFileHandler implements ICommandHandler<ImportCafFileCommand, ImportReport> {
  constructor(private readonly imports: AuditedImport) {}

  execute(command: ImportCafFileCommand): Promise<ImportReport> {
    return this.imports.run(command.actor, command.request);
  }
}
