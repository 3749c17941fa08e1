// The contact-hour model's input record (contacts.csv in models/training/portfolio.md). The card
// requires age, employment status and the time zone's offset; everything about how the borrower
// answers (UPI peak hour, answered calls by daypart, SMS clicks) is null until recovery records
// contacts. The model's hours are the borrower's local hours.
import type { EmploymentStatus } from '../../domain/application.js';

export const CONTACT_HOUR_MODEL = 'contact-hour';

export interface ContactProfile {
  age: number;
  employmentStatus: EmploymentStatus;
  /** IANA zone, e.g. Asia/Kolkata */
  timeZone: string;
}

export interface ContactHourRecord {
  age: number;
  employment_status: EmploymentStatus;
  timezone_offset_minutes: number;
  upi_peak_hour: number | null;
  answered_morning_ratio_bps: number | null;
  answered_afternoon_ratio_bps: number | null;
  answered_evening_ratio_bps: number | null;
  last_answered_hour: number | null;
  sms_click_hour: number | null;
}

/** Throws RangeError for a zone the runtime does not know. */
export function contactHourRecord(profile: ContactProfile, atMs: number): ContactHourRecord {
  return {
    age: profile.age,
    employment_status: profile.employmentStatus,
    timezone_offset_minutes: timeZoneOffsetMinutes(profile.timeZone, atMs),
    upi_peak_hour: null,
    answered_morning_ratio_bps: null,
    answered_afternoon_ratio_bps: null,
    answered_evening_ratio_bps: null,
    last_answered_hour: null,
    sms_click_hour: null,
  };
}

const OFFSET = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/;

/** The zone's offset from UTC at that instant, in minutes east (Asia/Kolkata: 330). */
export function timeZoneOffsetMinutes(timeZone: string, atMs: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(atMs).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const match = OFFSET.exec(name);
  if (!match) throw new RangeError(`cannot read the UTC offset of time zone ${JSON.stringify(timeZone)} (got ${JSON.stringify(name)})`);
  if (match[1] === undefined) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}
