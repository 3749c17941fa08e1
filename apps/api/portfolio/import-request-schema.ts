// The import's body in the OpenAPI document: the JSON form is ImportRequestDto; the CSV form is
// text whose header names the same fields (csv-rows.ts), which a decorator cannot say.
import type { OpenAPIObject } from '@nestjs/swagger';
import { CSV_COLUMNS } from './csv-rows.js';

export const IMPORTS_PATH = '/v1/portfolio/imports';

export function describeImportCsv(document: OpenAPIObject): void {
  const content = (document.paths[IMPORTS_PATH]?.post?.requestBody as { content?: Record<string, unknown> } | undefined)?.content;
  if (!content) throw new Error(`the OpenAPI document has no request body for POST ${IMPORTS_PATH}`);
  content['text/csv'] = {
    schema: {
      type: 'string',
      description:
        `UTF-8 CSV. The header row names the columns, in any order: ${CSV_COLUMNS.join(', ')} (the JSON form's dotted paths). ` +
        'An empty cell leaves the field out; `payments` holds `date:amount:reference` entries separated by `;`.',
    },
    example:
      `${CSV_COLUMNS.join(',')}\n` +
      'LN-1,Asha,Verma,1990-02-01,asha@example.com,+919800000001,ABCPV1234K,12 MG Road,Pune,MH,411001,IN,Asia/Kolkata,hi,personal,INR,10000000,1899,12,2026-01-10,,,2026-02-10:916700:UTR-1,true,false,false,salaried,6000000',
  };
}
