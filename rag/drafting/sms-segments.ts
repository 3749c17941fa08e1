// How many SMS segments a text takes: GSM-7 when every character is in the GSM 03.38 basic set or
// its extension (which costs two), 160 characters alone or 153 per part; otherwise UCS-2, 70 alone
// or 67 per part (counted in UTF-16 units, as carriers count them).
const GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = '^{}\\[~]|€\f';

export function smsSegments(text: string): { encoding: 'gsm7' | 'ucs2'; segments: number } {
  let gsmUnits = 0;
  let gsm = true;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) gsmUnits += 1;
    else if (GSM_EXTENDED.includes(ch)) gsmUnits += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { encoding: 'gsm7', segments: gsmUnits <= 160 ? 1 : Math.ceil(gsmUnits / 153) };
  const units = text.length;
  return { encoding: 'ucs2', segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}
