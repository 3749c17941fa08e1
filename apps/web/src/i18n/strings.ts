// The collector and agency screens' words in English and Hindi. One table: a key missing a
// language is a type error, and the component test checks none is blank.
import { useSyncExternalStore } from 'react';

export const LANGUAGES = { en: 'English', hi: 'हिन्दी' } as const;
export type Language = keyof typeof LANGUAGES;

export const STRINGS = {
  deskTitle: { en: 'My queue', hi: 'मेरी कतार' },
  deskIntro: { en: 'Cases handed to you, highest priority first.', hi: 'आपको सौंपे गए मामले, सबसे ऊँची प्राथमिकता पहले।' },
  language: { en: 'Language', hi: 'भाषा' },
  loan: { en: 'Loan', hi: 'ऋण' },
  queue: { en: 'Queue', hi: 'कतार' },
  priority: { en: 'Priority', hi: 'प्राथमिकता' },
  status: { en: 'Status', hi: 'स्थिति' },
  opened: { en: 'Opened', hi: 'खोला गया' },
  slaBreaches: { en: 'SLA breaches', hi: 'SLA उल्लंघन' },
  actions: { en: 'Actions', hi: 'कार्य' },
  accept: { en: 'Accept', hi: 'स्वीकार करें' },
  decline: { en: 'Decline', hi: 'अस्वीकार करें' },
  declineReason: { en: 'Reason for declining', hi: 'अस्वीकार करने का कारण' },
  openCase: { en: 'Open case', hi: 'मामला खोलें' },
  recordOutcome: { en: 'Record call outcome', hi: 'कॉल का परिणाम दर्ज करें' },
  outcome: { en: 'Outcome', hi: 'परिणाम' },
  note: { en: 'Note', hi: 'टिप्पणी' },
  promiseAmount: { en: 'Promised amount (minor units)', hi: 'वादा की गई राशि (न्यूनतम इकाइयाँ)' },
  promiseDue: { en: 'Promised by (date)', hi: 'वादे की तारीख' },
  save: { en: 'Save', hi: 'सहेजें' },
  saved: { en: 'Saved', hi: 'सहेजा गया' },
  empty: { en: 'Nothing in your queue.', hi: 'आपकी कतार में कुछ नहीं है।' },
  open: { en: 'open', hi: 'खुला' },
  accepted: { en: 'accepted', hi: 'स्वीकृत' },
  closed: { en: 'closed', hi: 'बंद' },
  reached: { en: 'Reached', hi: 'संपर्क हुआ' },
  no_answer: { en: 'No answer', hi: 'कोई उत्तर नहीं' },
  wrong_party: { en: 'Wrong person', hi: 'गलत व्यक्ति' },
  refused: { en: 'Refused to pay', hi: 'भुगतान से इनकार' },
  promised: { en: 'Promised to pay', hi: 'भुगतान का वादा' },
  disputed: { en: 'Disputes the debt', hi: 'ऋण पर विवाद' },
  hardship: { en: 'Hardship', hi: 'आर्थिक कठिनाई' },
  plan_requested: { en: 'Asked for a plan', hi: 'किस्त योजना का अनुरोध' },
} as const satisfies Record<string, Record<Language, string>>;

export type StringKey = keyof typeof STRINGS;

const KEY = 'credence.language';
const listeners = new Set<() => void>();

function current(): Language {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
  return saved === 'hi' ? 'hi' : 'en';
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const english = (): Language => 'en';

export function setLanguage(language: Language): void {
  localStorage.setItem(KEY, language);
  document.documentElement.lang = language;
  for (const l of listeners) l();
}

export function useLanguage(): [Language, (key: StringKey) => string] {
  const language = useSyncExternalStore(subscribe, current, english);
  return [language, (key) => STRINGS[key][language]];
}
