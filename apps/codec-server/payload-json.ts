// Payloads as the Temporal UI and CLI send them to a codec server: proto3 JSON, where every
// metadata value and the data are base64 strings.
import type { Payload } from '@temporalio/common';

export interface JsonPayload {
  metadata?: Record<string, string> | null;
  data?: string | null;
}

export class MalformedPayloadsError extends Error {}

export function fromJson(body: unknown): Payload[] {
  // Proto3 JSON leaves an empty list out: the CLI sends `{}` for an event without payloads.
  const payloads = (body as { payloads?: unknown } | null)?.payloads ?? [];
  if (typeof body !== 'object' || body === null || !Array.isArray(payloads)) throw new MalformedPayloadsError('the body must be {"payloads": [...]}');
  return payloads.map((raw, i) => {
    const { metadata, data } = (raw ?? {}) as JsonPayload;
    if (metadata != null && (typeof metadata !== 'object' || Object.values(metadata).some((v) => typeof v !== 'string'))) {
      throw new MalformedPayloadsError(`payloads[${i}].metadata must map names to base64 strings`);
    }
    if (data != null && typeof data !== 'string') throw new MalformedPayloadsError(`payloads[${i}].data must be a base64 string`);
    return {
      metadata: metadata ? Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])) : {},
      ...(data ? { data: Buffer.from(data, 'base64') } : {}),
    };
  });
}

export function toJson(payloads: Payload[]): { payloads: JsonPayload[] } {
  return {
    payloads: payloads.map(({ metadata, data }) => ({
      metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
      ...(data ? { data: Buffer.from(data).toString('base64') } : {}),
    })),
  };
}
