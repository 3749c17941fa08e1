// The real model (the pinned int8 all-MiniLM-L6-v2 the install step brings): 384 dimensions, unit
// length, and sentences that mean the same thing closer than sentences that do not.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EMBEDDING_DIMENSION, MiniLmEmbeddings } from './minilm-onnx.js';

let model: MiniLmEmbeddings;
beforeAll(async () => {
  model = await MiniLmEmbeddings.open();
});
afterAll(async () => {
  await model.close();
});

const cosine = (a: number[], b: number[]): number => a.reduce((sum, v, i) => sum + v * b[i]!, 0);

describe('MiniLM embeddings', () => {
  it('are 384 numbers of unit length, the same for a text alone or in a batch', async () => {
    const [a, b] = await model.embedDocuments(['The borrower missed a payment.', 'A short one']);
    const alone = await model.embedQuery('The borrower missed a payment.');
    expect(a).toHaveLength(EMBEDDING_DIMENSION);
    expect(Math.sqrt(cosine(a!, a!))).toBeCloseTo(1, 5);
    expect(Math.sqrt(cosine(b!, b!))).toBeCloseTo(1, 5);
    expect(cosine(a!, alone)).toBeCloseTo(1, 4);
  });

  it('put similar sentences closer than unrelated ones', async () => {
    const [call, phone, weather, recipe] = await model.embedDocuments([
      'A debt collector may not call the consumer before 8 a.m.',
      'Collection agents must not telephone borrowers early in the morning.',
      'It will rain in Paris tomorrow afternoon.',
      'Whisk the eggs with sugar until the mixture is pale.',
    ]);
    expect(cosine(call!, phone!)).toBeGreaterThan(cosine(call!, weather!) + 0.2);
    expect(cosine(call!, phone!)).toBeGreaterThan(cosine(call!, recipe!) + 0.2);
  });

  it('cut a text longer than the model takes instead of failing', async () => {
    const long = 'payment '.repeat(2000);
    expect(await model.embedQuery(long)).toHaveLength(EMBEDDING_DIMENSION);
  });
});
