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
const context = { country: 'IN', unsubscribeUrl: 'https://pay.test/unsubscribe/k', gatherUrl: 'https://pay.test/gather?d=k' };

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
            if (channel === 'email') expect(out.subject).toBeTruthy();
            if (channel !== 'voice') expect(out.disclosures).toEqual(['in.rbi.identity', 'credence.opt-out']);
            rendered++;
          }
    // 11 text keys (the two notices among them) x 3 channels + 2 voice scripts, in 3 languages and 4 tones.
    expect(rendered).toBe((11 * 3 + 2) * 3 * 4);
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
});
