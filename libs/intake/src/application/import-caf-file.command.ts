import { CommandHandler, type ICommand, type ICommandHandler } from '@nestjs/cqrs';
import { CafFileImporter, type ImportRequest } from './caf-file-importer';
import type { ImportReport } from './import-report';

/** Import one CAF beneficiary file: one transaction, a typed report. */
export class ImportCafFileCommand implements ICommand {
  constructor(readonly request: ImportRequest) {}
}

@CommandHandler(ImportCafFileCommand)
export class ImportCafFileHandler implements ICommandHandler<ImportCafFileCommand, ImportReport> {
  constructor(private readonly importer: CafFileImporter) {}

  execute(command: ImportCafFileCommand): Promise<ImportReport> {
    return this.importer.import(command.request);
  }
}
