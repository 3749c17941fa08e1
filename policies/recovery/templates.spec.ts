// The message catalogue: every key in every channel, language and tone, rendering from records
// alone with the gate's disclosures appended; an unknown placeholder refused when it is loaded.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CONTACT_LANGUAGES } from '../../domain/application.js';
import { renderContact } from './render-template.js';
import { expandCatalogue, TemplateCatalogueError } from './template-catalogue.js';
import { channelsOf, TEMPLATE_KEYS, TEMPLATE_TONES } from './template-keys.js';

const dir = join(import.meta.dirname, 'templates');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((name) => ({ name, document: parse(readFileSync(join(dir, name), 'utf8')) as unknown }));
const catalogue = expandCatalogue(files);
const COLLECTOR = { name: 'Credence Collections', address: 'PO Box 7, Wilmington, DE 19801', phone: '+1 (555) 010-0199', hours: 'Mon-Fri 9-5 ET' };
const records = { loanId: '6f1c1f3e-0000-4000-8000-000000000001', firstName: 'Priya', currency: 'INR', amountDueMinor: 1_454_457, outstandingMinor: 30_000_000, dueOn: '2026-11-20', lender: { name: 'Credence Finance', agent: 'Credence Collections' }, collector: COLLECTOR, originalCreditor: { name: 'First Bank of Example', address: '10 Main St, Dover, DE 19901' }, links: { pay: 'https://pay.test/pay/6f1c1f3e-0000-4000-8000-000000000001', validation: 'https://pay.test/validation/6f1c1f3e-0000-4000-8000-000000000001' } };
const context = { country: 'IN', unsubscribeUrl: 'https://pay.test/unsubscribe/k', gatherUrl: 'https://pay.test/gather?d=k', on: '2026-12-04' };
/** A US loan's validation figures, as the dispatcher reads them from the loan's records for a letter. */
const NOTICE = { itemizationDate: '2026-06-01', amountThen: 150_000, interest: 9_000, fees: 2_500, paymentsAndCredits: 28_000, amountNow: 133_500, validationEndsOn: '2027-01-18' };

describe('message templates', () => {
  it('has every key in every channel, language and tone, and each renders from the records alone', () => {
    let rendered = 0;
    for (const key of TEMPLATE_KEYS)
      for (const channel of channelsOf(key))
        for (const language of CONTACT_LANGUAGES)
          for (const tone of TEMPLATE_TONES) {
            const template = catalogue.find((t) => t.key === key && t.channel === channel && t.language === language && t.tone === tone);
            expect(template).toBeDefined();
            const out = renderContact(template!, records, { ...context, channel, language, disclosures: ['in.rbi.identity'] });
            expect(out.text).not.toMatch(/[{}]/);
            expect(out.text).toContain('Priya');
            expect(out.text).toContain('Credence Collections');
            if (channel === 'voice') expect(out.twiml).toMatch(/^<\?xml[^>]*><Response><Gather numDigits="1" action="https:\/\/pay.test\/gather\?d=k"/);
            if (channel === 'email' || channel === 'letter') expect(out.subject).toBeTruthy();
            if (channel === 'letter') expect(out.html).toMatch(/^<!DOCTYPE html><html lang="(en|hi|es)">.*Priya.*<\/html>$/s);
            if (channel !== 'voice') expect(out.disclosures).toEqual(['in.rbi.identity', 'credence.opt-out']);
            rendered++;
          }
    // 11 text keys (the two notices among them) x 4 channels (texts, WhatsApp, email, letter) + 2 voice scripts, in 3 languages and 4 tones.
    expect(rendered).toBe((11 * 4 + 2) * 3 * 4);
    expect(catalogue).toHaveLength(rendered);
  });

  it('formats amounts from minor units and writes Hindi in Devanagari', () => {
    const reminder = catalogue.find((t) => t.key === 'reminder' && t.channel === 'sms' && t.language === 'hi' && t.tone === 'gentle')!;
    const out = renderContact(reminder, records, { ...context, channel: 'sms', language: 'hi', disclosures: ['in.rbi.identity'] });
    expect(out.text).toBe(
      'नमस्ते Priya जी, आपकी INR 14,544.57 की किस्त 20 नवंबर 2026 को देय थी। कृपया यहाँ भुगतान करें: https://pay.test/pay/6f1c1f3e-0000-4000-8000-000000000001 धन्यवाद! Credence Finance की ओर से; वसूली एजेंट: Credence Collections। संदेश बंद करवाने के लिए STOP या बंद लिखकर भेजें।',
    );
    const usd = renderContact(catalogue.find((t) => t.key === 'firm_reminder' && t.channel === 'email' && t.language === 'en' && t.tone === 'firm')!, { ...records, currency: 'USD', amountDueMinor: 5, outstandingMinor: 120_000 }, { ...context, country: 'US', channel: 'email', language: 'en', disclosures: ['us.reg-f.1006.18(e)', 'us.reg-f.1006.6(e)'] });
    expect(usd.text).toContain('USD 0.05 has been outstanding since 20 November 2026, and your total balance is USD 1,200.00');
    expect(usd.text).toContain('This is a communication from a debt collector.');
    expect(usd.text).toMatch(/To stop these emails, unsubscribe here: https:\/\/pay.test\/unsubscribe\/k$/);
  });

  it('writes the notices the law requires with the collector who sends them and, in an answer, the original creditor', () => {
    const find = (key: string, channel: 'sms' | 'email', language: 'en' | 'es') => catalogue.find((t) => t.key === key && t.channel === channel && t.language === language && t.tone === 'neutral')!;
    const us = { ...context, country: 'US', disclosures: ['us.reg-f.1006.18(e)', 'us.reg-f.1006.6(e)', 'us.reg-f.1006.34'] };
    const notice = renderContact(find('validation_notice', 'email', 'en'), { ...records, currency: 'USD' }, { ...us, channel: 'email', language: 'en' });
    expect(notice.subject).toBe('Validation notice: your debt to Credence Finance');
    expect(notice.text).toContain('Credence Collections is a debt collector. We are trying to collect a debt that you owe to Credence Finance.');
    expect(notice.text).toContain('call us on +1 (555) 010-0199 (Mon-Fri 9-5 ET) or write to us:\nCredence Collections\nPO Box 7, Wilmington, DE 19801');
    // The gate's validation disclosure links the full notice and names the collector again.
    expect(notice.text).toContain('Your validation notice: https://pay.test/validation/6f1c1f3e-0000-4000-8000-000000000001 To dispute, call +1 (555) 010-0199 (Mon-Fri 9-5 ET) or write to Credence Collections, PO Box 7, Wilmington, DE 19801.');
    expect(notice.disclosures).toEqual(['us.reg-f.1006.18(e)', 'us.reg-f.1006.34', 'us.reg-f.1006.6(e)', 'credence.opt-out']);
    const answer = renderContact(find('original_creditor_answer', 'sms', 'es'), records, { ...us, channel: 'sms', language: 'es', disclosures: ['us.reg-f.1006.18(e)'] });
    expect(answer.text).toContain('usted pidió el nombre y la dirección del acreedor original de su deuda: First Bank of Example, 10 Main St, Dover, DE 19901.');
    // No record of the original creditor, no answer with a gap in it.
    const { originalCreditor: _none, ...without } = records;
    expect(() => renderContact(find('original_creditor_answer', 'email', 'en'), without, { ...us, channel: 'email', language: 'en' })).toThrow('placeholder {originalCreditorName} has no value from the records');
  });

  it('refuses a template with a placeholder the renderer does not fill, or a missing key', () => {
    const en = structuredClone(files.find((f) => f.name === 'en.yaml')!);
    const doc = en.document as { templates: Record<string, { text?: string }> };
    doc.templates.reminder!.text = 'Pay {amountDue} to {collectorFax}';
    delete doc.templates.promise_offer;
    expect(() => expandCatalogue([en, ...files.filter((f) => f.name !== 'en.yaml')])).toThrow(TemplateCatalogueError);
    try {
      expandCatalogue([en, ...files.filter((f) => f.name !== 'en.yaml')]);
    } catch (err) {
      expect((err as TemplateCatalogueError).faults).toEqual(['en.yaml: templates.reminder.text: unknown placeholder {collectorFax} (allowed: {firstName} {amountDue} {outstanding} {dueDate} {paymentLink} {lenderName} {collectorName} {collectorAddress} {collectorPhone} {collectorHours} {originalCreditorName} {originalCreditorAddress})', 'en.yaml: templates.promise_offer.text is missing', 'en.yaml: templates.promise_offer.email needs a subject (and may have a body)']);
    }
  });

  it('writes the validation notice as a letter that carries the notice itself: the itemization, the period to dispute, how to dispute', () => {
    const notice = catalogue.find((t) => t.key === 'validation_notice' && t.channel === 'letter' && t.language === 'en' && t.tone === 'neutral')!;
    const us = { ...context, country: 'US', channel: 'letter' as const, language: 'en' as const, disclosures: ['us.reg-f.1006.18(e)', 'us.reg-f.1006.34'] };
    const out = renderContact(notice, { ...records, currency: 'USD', notice: NOTICE }, us);
    expect(out.subject).toBe('Validation notice');
    for (const line of [
      'Credence Collections is a debt collector. We are trying to collect a debt that you owe to Credence Finance.',
      'As of 1 June 2026, you owed: USD 1,500.00',
      'You were charged this amount in interest: + USD 90.00',
      'You were charged this amount in fees: + USD 25.00',
      'You paid or were credited this amount toward the debt: - USD 280.00',
      'Total amount of the debt now: USD 1,335.00',
      'Call or write to us by 18 January 2027 to dispute all or part of the debt.',
      'Write to Credence Collections, PO Box 7, Wilmington, DE 19801, or call +1 (555) 010-0199 (Mon-Fri 9-5 ET).',
      'This is a communication from a debt collector.',
      'To ask us to stop writing to you, or to stop contacting you at all, write to Credence Collections',
    ])
      expect(out.text).toContain(line);
    // Paper: dated the day it is posted, naming the account; no electronic opt-out (1006.6(e) is for electronic messages).
    expect(out.html).toContain('<p class="meta">4 December 2026<br>Account: 6f1c1f3e-0000-4000-8000-000000000001</p><h1>Validation notice</h1>');
    expect(out.html).toContain('You paid or were credited this amount toward the debt: - USD 280.00<br>Total amount of the debt now: USD 1,335.00</p>');
    // One amount: the body states none of its own beside the itemization.
    expect(out.text).not.toContain('USD 300,000.00');
    expect(out.disclosures).toEqual(['us.reg-f.1006.18(e)', 'us.reg-f.1006.34', 'credence.opt-out']);
    expect(out.html!.length).toBeLessThan(10_000);
    // In Spanish and Hindi too; without the loan's figures there is no notice to print.
    expect(renderContact(catalogue.find((t) => t.key === 'validation_notice' && t.channel === 'letter' && t.language === 'es' && t.tone === 'neutral')!, { ...records, currency: 'USD', notice: NOTICE }, { ...us, language: 'es' }).text).toContain('Cantidad total de la deuda ahora: USD 1,335.00');
    const hindi = renderContact(catalogue.find((t) => t.key === 'validation_notice' && t.channel === 'letter' && t.language === 'hi' && t.tone === 'neutral')!, { ...records, currency: 'USD', notice: NOTICE }, { ...us, language: 'hi' });
    expect(hindi.text).toContain('ऋण की कुल वर्तमान राशि: USD 1,335.00');
    expect(hindi.html).toContain('Noto Sans Devanagari');
    expect(() => renderContact(notice, { ...records, currency: 'USD' }, us)).toThrow('disclosure us.reg-f.1006.34 needs {itemizationDate}');
    expect(() => renderContact(notice, { ...records, currency: 'USD', notice: NOTICE }, { ...us, on: undefined })).toThrow('a letter needs the day it is posted');
  });

  it('escapes every record it prints on paper', () => {
    const answer = catalogue.find((t) => t.key === 'original_creditor_answer' && t.channel === 'letter' && t.language === 'en' && t.tone === 'neutral')!;
    const out = renderContact(answer, { ...records, originalCreditor: { name: 'Bank <script>alert(1)</script> & Co', address: '1 "Quoted" St' } }, { ...context, channel: 'letter', language: 'en', disclosures: ['in.rbi.identity'] });
    expect(out.html).toContain('Bank &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co<br>1 &quot;Quoted&quot; St');
    expect(out.html).not.toContain('<script>');
  });
});
