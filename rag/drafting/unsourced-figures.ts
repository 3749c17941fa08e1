// A draft's figures come from records, never from a model: any digit, currency sign, written-out
// amount or calendar date in a composer's text (outside its placeholders) is refused, so whatever
// the model believes the balance or the due date to be never reaches a borrower. A draft may be
// written in any of the borrowers' languages, so the words are looked for in each of them (a
// model asked for Hindi may still slip into English, and a Spanish draft may say "quince de
// marzo"). Articles that are also "one" (un, una, एक) are left out: every sentence has them.
import { CONTACT_LANGUAGES, type ContactLanguage } from '../../domain/application.js';

const DIGIT = /\p{Nd}/u;

interface Words {
  currency: string[];
  number: string[];
  date: string[];
}

const WORDS: Record<ContactLanguage, Words> = {
  en: {
    currency: ['rs', 'inr', 'usd', 'eur', 'mxn', 'rupees?', 'dollars?', 'pesos?', 'euros?', 'lakhs?', 'crores?'],
    number: ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'twenty', 'thirty', 'forty', 'fifty', 'hundred', 'thousand', 'million', 'billion', 'half', 'percent'],
    date: ['january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'tomorrow', 'tonight', 'yesterday'],
  },
  es: {
    currency: ['pesos?', 'euros?', 'd[oó]lares', 'd[oó]lar', 'rupias?'],
    number: ['dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce', 'trece', 'catorce', 'quince', 'dieci\\p{L}+', 'veinte', 'veinti\\p{L}+', 'treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta', 'noventa', 'cien', 'cientos?', '\\p{L}+cientos', 'mil', 'millón', 'millones', 'mitad', 'porcentaje', 'por ciento'],
    date: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'setiembre', 'octubre', 'noviembre', 'diciembre', 'lunes', 'martes', 'miércoles', 'miercoles', 'jueves', 'viernes', 'sábado', 'sabado', 'domingo', 'mañana', 'manana', 'ayer', 'anoche'],
  },
  hi: {
    currency: ['रुपये', 'रुपए', 'रुपया', 'रुपयों', 'रु', 'लाख', 'करोड़', 'करोड'],
    number: ['दो', 'तीन', 'चार', 'पांच', 'पाँच', 'छह', 'छः', 'सात', 'आठ', 'नौ', 'दस', 'ग्यारह', 'बारह', 'पंद्रह', 'बीस', 'पच्चीस', 'तीस', 'चालीस', 'पचास', 'सौ', 'हज़ार', 'हजार', 'आधा', 'आधी', 'प्रतिशत'],
    date: ['जनवरी', 'फ़रवरी', 'फरवरी', 'मार्च', 'अप्रैल', 'मई', 'जून', 'जुलाई', 'अगस्त', 'सितंबर', 'सितम्बर', 'अक्टूबर', 'अक्तूबर', 'नवंबर', 'नवम्बर', 'दिसंबर', 'दिसम्बर', 'सोमवार', 'मंगलवार', 'बुधवार', 'गुरुवार', 'बृहस्पतिवार', 'शुक्रवार', 'शनिवार', 'रविवार', 'कल', 'परसों'],
  },
};

/** A whole word of any script: JavaScript's \b knows only ASCII letters, so Devanagari and "á" need letter and mark classes. */
function wordsOf(kind: keyof Words, languages: readonly ContactLanguage[]): RegExp {
  const words = languages.flatMap((language) => WORDS[language][kind]).map((w) => w.normalize('NFC'));
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{Nd}])(?:${words.join('|')})(?![\\p{L}\\p{M}\\p{Nd}])`, 'iu');
}

const CURRENCY_SIGN = /\p{Sc}/u;

/** Per language the draft is in: its own words and English's (a model drifts into English, seldom the other way; "once" is eleven only in Spanish). */
const LOOKED_FOR = new Map(
  [...CONTACT_LANGUAGES, undefined].map((language) => {
    const languages = language === undefined ? CONTACT_LANGUAGES : [...new Set<ContactLanguage>(['en', language])];
    return [language, { currency: wordsOf('currency', languages), number: wordsOf('number', languages), date: wordsOf('date', languages) }] as const;
  }),
);

export interface FigureProblem {
  kind: 'digit' | 'currency' | 'number_word' | 'date';
  text: string;
}

/** Problems in `text` (in `language`; every language's words when not said) with its placeholders taken out; [] when it states no figure of its own. */
export function unsourcedFigures(text: string, language?: ContactLanguage): FigureProblem[] {
  const words = LOOKED_FOR.get(language)!;
  const bare = text.replace(/\{[A-Za-z]+\}/g, ' ').normalize('NFC');
  const problems: FigureProblem[] = [];
  const found = (kind: FigureProblem['kind'], ...res: RegExp[]) => {
    for (const re of res) {
      const m = re.exec(bare);
      if (m) return void problems.push({ kind, text: m[0] });
    }
  };
  found('digit', DIGIT);
  found('currency', CURRENCY_SIGN, words.currency);
  found('number_word', words.number);
  found('date', words.date);
  return problems;
}
