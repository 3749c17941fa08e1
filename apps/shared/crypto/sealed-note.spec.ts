import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { FieldCipher } from './field-cipher.js';
import { isSealed, NOTE_CONTEXT, openNotes, sealNote } from './sealed-note.js';

const cipher = new FieldCipher({ activeKeyId: 'k1', keys: new Map([['k1', randomBytes(32)]]) });

describe('sealed notes', () => {
  it('seal free text under the one context every store of it shares', () => {
    const sealed = sealNote(cipher, 'Spoke to Karan on +919000000102');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('Karan');
    expect(cipher.decrypt(sealed, NOTE_CONTEXT)).toBe('Spoke to Karan on +919000000102');
    expect(() => cipher.decrypt(sealed, 'contact_profiles.name')).toThrow();
  });

  it('open the sealed note and reason of a record, and leave the rest, and anything not sealed, alone', () => {
    const data = { outcome: 'reached', note: sealNote(cipher, 'a note'), reason: 'nobody else eligible has room', by: 'col-asha' };
    expect(openNotes(cipher, data)).toEqual({ outcome: 'reached', note: 'a note', reason: 'nobody else eligible has room', by: 'col-asha' });
    expect(data.note).toMatch(/^f1:k1:/);
    const plain = { reason: 'no eligible assignee has room' };
    expect(openNotes(cipher, plain)).toBe(plain);
  });

  it('stay sealed without keys to open them', () => {
    const data = { note: sealNote(cipher, 'a note') };
    expect(openNotes(null, data)).toBe(data);
  });
});
