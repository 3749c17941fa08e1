export { fraudRecord, FRAUD_ANOMALY_MODEL } from './fraud-record.js';
