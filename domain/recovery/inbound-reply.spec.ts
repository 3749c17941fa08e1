import { describe, expect, it } from '@jest/globals';
import { understandReply } from './inbound-reply.js';

// 2026-12-03 is a Thursday.
const ON = '2026-12-03';

describe('a borrower reply, understood', () => {
  it('reads opt-outs, help and pay requests in English, Hindi and Spanish, as the whole message only', () => {
    for (const text of ['STOP', 'stop.', 'Unsubscribe', 'बंद करो', 'band karo', 'ALTO', 'Cancelar']) expect([text, understandReply(text, ON)]).toEqual([text, { kind: 'stop' }]);
    for (const text of ['HELP', 'मदद', 'ayuda']) expect(understandReply(text, ON)).toEqual({ kind: 'help' });
    for (const text of ['PAY', 'भुगतान', 'pagar']) expect(understandReply(text, ON)).toEqual({ kind: 'pay' });
    // "stop" inside a sentence is not a keyword opt-out (it needs reading by a person or the assistant).
    expect(understandReply('please stop calling my office', ON)).toEqual({ kind: 'unknown' });
  });

  it('reads promises with their amount and day', () => {
    expect(understandReply('I will pay 5000 on Friday', ON)).toEqual({ kind: 'promise', amountMinor: 500_000, on: '2026-12-04' });
    expect(understandReply("I'll pay Rs. 12,500 tomorrow", ON)).toEqual({ kind: 'promise', amountMinor: 1_250_000, on: '2026-12-04' });
    expect(understandReply('मैं शुक्रवार को ५००० दूंगा', ON)).toEqual({ kind: 'promise', amountMinor: 500_000, on: '2026-12-04' });
    expect(understandReply('kal 3000 de dunga', ON)).toEqual({ kind: 'promise', amountMinor: 300_000, on: '2026-12-04' });
    expect(understandReply('pagaré 2000 el lunes', ON)).toEqual({ kind: 'promise', amountMinor: 200_000, on: '2026-12-07' });
    // A weekday that is today means next week's.
    expect(understandReply('will pay on thursday', ON)).toEqual({ kind: 'promise', amountMinor: null, on: '2026-12-10' });
    expect(understandReply('I can pay 1,00,000 on 2026-12-15', ON)).toEqual({ kind: 'promise', amountMinor: 10_000_000, on: '2026-12-15' });
    // Saying no is not a promise.
    for (const text of ["I can't pay on Friday", 'main nahi de dunga', 'मैं नहीं दूंगा', 'no puedo pagar']) expect([text, understandReply(text, ON)]).toEqual([text, { kind: 'unknown' }]);
  });

  it('reads a request for a repayment plan, with the instalments asked for when it says', () => {
    expect(understandReply('PLAN', ON)).toEqual({ kind: 'plan', instalments: null });
    expect(understandReply('plan 3', ON)).toEqual({ kind: 'plan', instalments: 3 });
    expect(understandReply('I will pay in 4 instalments', ON)).toEqual({ kind: 'plan', instalments: 4 });
    expect(understandReply("I can't pay it all, can I get a payment plan?", ON)).toEqual({ kind: 'plan', instalments: null });
    expect(understandReply('6 kisht mein de dunga', ON)).toEqual({ kind: 'plan', instalments: 6 });
    expect(understandReply('क्या मैं किस्तों में दे सकता हूँ', ON)).toEqual({ kind: 'plan', instalments: null });
    expect(understandReply('puedo pagar en 3 cuotas', ON)).toEqual({ kind: 'plan', instalments: 3 });
    // An amount is not a count of instalments; a plain promise stays a promise.
    expect(understandReply('EMI of 5000', ON)).toEqual({ kind: 'plan', instalments: null });
    expect(understandReply('I will pay 5000 on Friday', ON).kind).toBe('promise');
  });

  it('reads disputes and wrong numbers before anything else they contain', () => {
    expect(understandReply('This is not my loan, I will pay nothing', ON)).toEqual({ kind: 'dispute' });
    expect(understandReply('no es mi deuda', ON)).toEqual({ kind: 'dispute' });
    expect(understandReply('Wrong number, I am not Priya', ON)).toEqual({ kind: 'wrong_number' });
    expect(understandReply('galat number hai', ON)).toEqual({ kind: 'wrong_number' });
  });
});

describe('a revocation by any reasonable means', () => {
  it.each(['STOP ALL', 'UNSUBSCRIBE ALL', 'Please stop', 'stop calling me', "don't contact me", 'Do not call me again', 'mujhe call mat karo', 'no me llames'])('%s is a stop', (text) => {
    expect(understandReply(text, '2026-12-03')).toEqual({ kind: 'stop' });
  });

  it('a promise that also asks us to stop calling is a promise (a person reads the rest)', () => {
    expect(understandReply('I will pay, stop calling', '2026-12-03').kind).toBe('promise');
  });
});
