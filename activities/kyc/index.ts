export { createKycActivities, type KycActivities, type KycActivitiesDeps, type VerifyIdentityInput } from './kyc.activities.js';
