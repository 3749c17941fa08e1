export {
  behaviourRecord,
  delinquencyRollRecord,
  portfolioBucket,
  propensityRecord,
  recoveryFeatures,
  DELINQUENCY_ROLL_MODEL,
  PROPENSITY_TO_PAY_MODEL,
  type BehaviourRecord,
  type PortfolioBucket,
  type PropensityRecord,
} from './behaviour-record.js';
export { contactHourRecord, timeZoneOffsetMinutes, CONTACT_HOUR_MODEL, type ContactHourRecord, type ContactProfile } from './contact-record.js';
