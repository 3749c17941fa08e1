/** What the bare servers answer: the API's answer for one record, in shape and size. */
export const HELLO_SCORE = JSON.stringify({ model: 'application-pd', version: '1.0.0', scores: [{ probability: 0.012345678901234567, decision: false }] });
