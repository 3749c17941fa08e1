// Calendar dates as ISO strings (YYYY-MM-DD, UTC). Loans are due on dates, not instants.
/** A calendar date, YYYY-MM-DD. */
export type IsoDate = string;
