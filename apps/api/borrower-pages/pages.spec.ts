import { describe, expect, it } from '@jest/globals';
import { noticeFigures } from '../../../domain/recovery/validation-notice.js';
import { payPage } from './pay.page.js';
import { noticeFormRecordedPage, validationNoticePage } from './validation-notice.page.js';

const figures = noticeFigures({
  currency: 'USD',
  principal: 250_000,
  disbursedOn: '2026-08-01',
  schedule: [{ seq: 1, dueDate: '2026-09-01', principal: 40_000, interest: 3_100, fees: 2_500, amountDue: 45_600, amountPaid: 0, status: 'past_due' }],
  payments: [],
  creditBalance: 0,
  firstCommunicationOn: null,
});
const notice = { loanId: '3f1c2b4a-9d8e-4c7b-a6f5-0e1d2c3b4a59', name: 'Ana <b>Ruiz</b>', collector: { name: 'Cobros & Co', mailingAddress: 'PO Box <12>, Austin, TX 78701', phone: '+1 (512) 555-0100', hours: 'Mon-Fri 8-6 CT' }, creditor: "O'Brien Lending", figures, reference: '0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b', language: 'en' as const };

describe('the borrower pages', () => {
  it('escape every value from a record, in text and in attributes', () => {
    const html = validationNoticePage(notice);
    expect(html).toContain('To: Ana &lt;b&gt;Ruiz&lt;/b&gt;');
    expect(html).toContain('Cobros &amp; Co is a debt collector.');
    expect(html).toContain('O&apos;Brien Lending');
    expect(html).not.toContain('<b>');
    expect(payPage({ loanId: notice.loanId, lender: '"><script>', currency: 'USD', overdue: 45_600, outstanding: 255_600, open: true, language: 'en' })).not.toContain('<script>');
  });

  it('identify the debt collector as 1006.34(c)(1) asks: its name and mailing address, and the number to call with its hours', () => {
    const html = validationNoticePage(notice);
    const address = '<address>Cobros &amp; Co<br>PO Box &lt;12&gt;, Austin, TX 78701</address>';
    expect(html).toContain(`<section id="collector"><h2>Debt collector</h2>${address}<p>Call us at +1 (512) 555-0100, Mon-Fri 8-6 CT.</p></section>`);
    // Where to write to dispute or ask for the original creditor, and where to mail the form.
    expect(html.split(address)).toHaveLength(4);
    expect(html).toContain('<p>Or mail this form to:</p><address>');
    expect(validationNoticePage({ ...notice, language: 'es' })).toContain('<p>Llámenos al +1 (512) 555-0100, Mon-Fri 8-6 CT.</p>');
  });

  it('say what the form recorded: a dispute, a request for the original creditor, or both', () => {
    expect(noticeFormRecordedPage({ disputed: true, originalCreditor: false, language: 'en' })).toContain('<p>We have recorded your dispute.');
    const asked = noticeFormRecordedPage({ disputed: false, originalCreditor: true, language: 'en' });
    expect(asked).toContain('<p>We have recorded your request for the name and address of the original creditor. We will stop collecting the debt until we send them to you.</p>');
    expect(asked).not.toContain('dispute');
    expect(noticeFormRecordedPage({ disputed: true, originalCreditor: true, language: 'es' }).match(/<p>/g)).toHaveLength(2);
  });

  it('write the amounts with the messages\' formatter, and the period from receipt when no message has gone out yet', () => {
    const html = validationNoticePage(notice);
    expect(html).toContain('<th scope="row">You were charged this amount in fees:</th><td>+ USD 25.00</td>');
    expect(html).toContain('<th scope="row">Total amount of the debt now:</th><td>USD 2,556.00</td>');
    expect(html).toContain('Call or write to us within 30 days after you receive this notice');
  });

  it('speak Spanish to a borrower who reads it; the pay page says how to pay and takes no payment itself', () => {
    expect(validationNoticePage({ ...notice, language: 'es' })).toContain('<th scope="row">Cantidad total de la deuda ahora:</th><td>USD 2,556.00</td>');
    const pay = payPage({ loanId: notice.loanId, lender: 'Credence Finance', currency: 'USD', overdue: 45_600, outstanding: 255_600, open: true, language: 'es' });
    expect(pay).toContain('<th scope="row">Cantidad vencida</th><td>USD 456.00</td>');
    expect(pay).toContain(`<strong id="reference">${notice.loanId}</strong>`);
    expect(pay).not.toContain('<form');
    expect(payPage({ loanId: notice.loanId, lender: 'Credence Finance', currency: 'USD', overdue: 0, outstanding: 0, open: false, language: 'en' })).toContain('This loan is closed and takes no payments.');
  });
});
