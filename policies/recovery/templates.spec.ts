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
const records = { loanId: '6f1c1f3e-0000-4000-8000-000000000001', firstName: 'Priya', currency: 'INR', amountDueMinor: 1_454_457, outstandingMinor: 30_000_000, dueOn: '2026-11-20', lender: { name: 'Credence Finance', agent: 'Credence Collections' }, links: { pay: 'https://pay.test/pay/6f1c1f3e-0000-4000-8000-000000000001', validation: 'https://pay.test/validation/6f1c1f3e-0000-4000-8000-000000000001' } };
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
    // 9 text keys x 3 channels + 2 voice scripts, in 3 languages and 4 tones.
    expect(rendered).toBe((9 * 3 + 2) * 3 * 4);
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

  it('refuses a template with a placeholder the renderer does not fill, or a missing key', () => {
    const en = structuredClone(files.find((f) => f.name === 'en.yaml')!);
    const doc = en.document as { templates: Record<string, { text?: string }> };
    doc.templates.reminder!.text = 'Pay {amountDue} to {collectorPhone}';
    delete doc.templates.promise_offer;
    expect(() => expandCatalogue([en, ...files.filter((f) => f.name !== 'en.yaml')])).toThrow(TemplateCatalogueError);
    try {
      expandCatalogue([en, ...files.filter((f) => f.name !== 'en.yaml')]);
    } catch (err) {
      expect((err as TemplateCatalogueError).faults).toEqual(['en.yaml: templates.reminder.text: unknown placeholder {collectorPhone} (allowed: {firstName} {amountDue} {outstanding} {dueDate} {paymentLink} {lenderName})', 'en.yaml: templates.promise_offer.text is missing', 'en.yaml: templates.promise_offer.email needs a subject (and may have a body)']);
    }
  });
});
