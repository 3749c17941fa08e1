// A draft's figures come from records, never from a model: any digit, currency sign, written-out
// amount or calendar date in a composer's text (outside its placeholders) is refused, so whatever
// the model believes the balance or the due date to be never reaches a borrower.
const DIGIT = /\p{Nd}/u;
const CURRENCY = /\p{Sc}|\b(?:rs|inr|usd|eur|mxn|rupees?|dollars?|pesos?|euros?|lakhs?|crores?)\b/iu;
const NUMBER_WORDS = /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|half|percent)\b/i;
const MONTH_OR_DAY = /\b(?:january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|yesterday)\b/i;

export interface FigureProblem {
  kind: 'digit' | 'currency' | 'number_word' | 'date';
  text: string;
}

/** Problems in `text` with its placeholders taken out; [] when it states no figure of its own. */
export function unsourcedFigures(text: string): FigureProblem[] {
  const bare = text.replace(/\{[A-Za-z]+\}/g, ' ');
  const problems: FigureProblem[] = [];
  const found = (kind: FigureProblem['kind'], re: RegExp) => {
    const m = re.exec(bare);
    if (m) problems.push({ kind, text: m[0] });
  };
  found('digit', DIGIT);
  found('currency', CURRENCY);
  found('number_word', NUMBER_WORDS);
  found('date', MONTH_OR_DAY);
  return problems;
}
