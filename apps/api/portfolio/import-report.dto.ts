// What an import answers: how many rows came, how many loans it started, how many were already
// here, and each rejected row with every fault by field.
import { ApiProperty } from '@nestjs/swagger';
import { LOAN_ID_SCHEMA } from '../http/loan-id.pipe.js';
import { FieldErrorDto, ProblemDto } from '../http/problem.dto.js';
import type { RejectedRow } from '../../../db/repositories/portfolio-import.repository.js';

export class RejectedRowDto implements RejectedRow {
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 1, description: 'The CSV data row (1 is the first row after the header), or the position in `loans` counting from 1', example: 3 })
  row!: number;

  @ApiProperty({ type: String, nullable: true, description: 'As the row gave it, when it gave one', example: 'LN-2025-000123' })
  lenderReference!: string | null;

  @ApiProperty({ type: [FieldErrorDto], description: 'Every fault, by field: the JSON path, which is also the CSV column (payments[2].amount is the third entry of the payments cell)' })
  errors!: FieldErrorDto[];
}

export class ImportReportDto {
  @ApiProperty({ ...LOAN_ID_SCHEMA, description: 'The import: derived from the Idempotency-Key, or from the body without one, so the same file again is the same import' })
  importId!: string;

  @ApiProperty({ type: 'integer', format: 'int32', description: 'Rows in the body', example: 300 })
  received!: number;

  @ApiProperty({ type: 'integer', format: 'int32', description: 'Loans this request started', example: 297 })
  imported!: number;

  @ApiProperty({ type: 'integer', format: 'int32', description: 'Valid rows whose loan was imported before (the same row, by an earlier request): nothing started again', example: 0 })
  alreadyImported!: number;

  @ApiProperty({ type: [RejectedRowDto] })
  rejected!: RejectedRowDto[];
}

export class StoredImportReportDto extends ImportReportDto {
  @ApiProperty({ type: String, format: 'date-time', description: 'When the import was first received' })
  createdAt!: string;
}

export class ImportRejectedProblemDto extends ProblemDto {
  @ApiProperty({ type: () => ImportReportDto, description: 'The report: every row rejected, with its faults' })
  report!: ImportReportDto;
}
