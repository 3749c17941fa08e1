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
  // The call-assist panel (CallAssist.tsx)
  callAssist: { en: 'Live call assist', hi: 'लाइव कॉल सहायता' },
  liveCall: { en: 'Live call', hi: 'लाइव कॉल' },
  endCall: { en: 'End call', hi: 'कॉल समाप्त करें' },
  connecting: { en: 'Connecting…', hi: 'जुड़ रहा है…' },
  callOpen: { en: 'Call open', hi: 'कॉल चालू है' },
  callClosed: { en: 'Call closed', hi: 'कॉल बंद' },
  callRefused: { en: 'The call could not be opened: no access to this case, or the server is unreachable.', hi: 'कॉल नहीं खुल सकी: इस मामले तक पहुँच नहीं है, या सर्वर उपलब्ध नहीं है।' },
  risk: { en: 'Risk', hi: 'जोखिम' },
  propensity: { en: 'Propensity to pay', hi: 'भुगतान की संभावना' },
  rollRisk: { en: 'Roll risk (30 days)', hi: 'बकाया बढ़ने का जोखिम (30 दिन)' },
  segment: { en: 'Segment', hi: 'वर्ग' },
  dpd: { en: 'Days past due', hi: 'देय तिथि से बीते दिन' },
  overdue: { en: 'Overdue', hi: 'अतिदेय' },
  nextAction: { en: 'Next best action', hi: 'अगला सबसे अच्छा कदम' },
  warnings: { en: 'Compliance warnings', hi: 'अनुपालन चेतावनियाँ' },
  newWarning: { en: 'New', hi: 'नई' },
  noWarnings: { en: 'No warnings.', hi: 'कोई चेतावनी नहीं।' },
  transcript: { en: 'Transcript', hi: 'बातचीत का लेख' },
  intents: { en: 'Intents', hi: 'इरादे' },
  promiseHeard: { en: 'Promise heard', hi: 'सुना गया वादा' },
  borrower: { en: 'Borrower', hi: 'उधारकर्ता' },
  collector: { en: 'Collector', hi: 'वसूली अधिकारी' },
  speaker: { en: 'Speaker', hi: 'वक्ता' },
  said: { en: 'What was said', hi: 'क्या कहा गया' },
  send: { en: 'Send', hi: 'भेजें' },
  script: { en: 'Scripted call', hi: 'लिखित कॉल' },
  playScript: { en: 'Play scripted call', hi: 'लिखित कॉल चलाएँ' },
  confirmStop: { en: 'Confirm stop request', hi: 'संपर्क बंद करने का अनुरोध पुष्ट करें' },
  confirmDispute: { en: 'Confirm dispute', hi: 'विवाद पुष्ट करें' },
  confirmedStop: { en: 'Stop request recorded', hi: 'संपर्क बंद करने का अनुरोध दर्ज हुआ' },
  confirmedDispute: { en: 'Dispute recorded', hi: 'विवाद दर्ज हुआ' },
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
