// A compliance report for a period, rendered as CSV or PDF from the same figures.
import { Injectable } from '@nestjs/common';
import type { Period } from '../../../db/repositories/compliance-report.repository.js';
import { Database } from '../database.js';
import { complianceReport } from './compliance-report.js';
import type { ReportFormat } from './compliance-report-query.dto.js';
import { reportCsv } from './report-csv.js';
import { reportPdf } from './report-pdf.js';

export interface ReportFile {
  contentType: string;
  fileName: string;
  body: Buffer;
}

@Injectable()
export class ExportComplianceReportUseCase {
  constructor(private readonly db: Database) {}

  async execute({ period, format }: { period: Period; format: ReportFormat }): Promise<ReportFile> {
    const report = complianceReport(period, await this.db.complianceReport().figures(period), new Date().toISOString());
    const fileName = `credence-compliance-${period.from.slice(0, 10)}-${period.to.slice(0, 10)}.${format}`;
    if (format === 'pdf') return { contentType: 'application/pdf', fileName, body: Buffer.from(await reportPdf(report)) };
    return { contentType: 'text/csv; charset=utf-8', fileName, body: Buffer.from(reportCsv(report), 'utf8') };
  }
}
