// Every migration, in order. A spec checks this list against the files in this folder, so a
// generated migration cannot be forgotten here. Written by apps/tools/create-migration.ts.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121234457_initial } from './Migration20261121234457_initial.js';
import { Migration20261122014122_model_scores } from './Migration20261122014122_model_scores.js';
import { Migration20261122020941_credit_limit } from './Migration20261122020941_credit_limit.js';
import { Migration20261202200914_unapplied_cash } from './Migration20261202200914_unapplied_cash.js';
import { Migration20261203120952_recovery_episodes } from './Migration20261203120952_recovery_episodes.js';
import { Migration20261203121324_recovery_contact } from './Migration20261203121324_recovery_contact.js';
import { Migration20261203122807_recovery_cases } from './Migration20261203122807_recovery_cases.js';
import { Migration20261203124134_provider_webhook_events } from './Migration20261203124134_provider_webhook_events.js';
import { Migration20261203124416_recovery_policies } from './Migration20261203124416_recovery_policies.js';
import { Migration20261203125337_portfolio_imports } from './Migration20261203125337_portfolio_imports.js';
import { Migration20261203131130_recovery_experiments } from './Migration20261203131130_recovery_experiments.js';
import { Migration20261203164010_round_robin_turns_and_claims } from './Migration20261203164010_round_robin_turns_and_claims.js';
import { Migration20261204153842_episode_signal_outbox } from './Migration20261204153842_episode_signal_outbox.js';
import { Migration20261204154730_original_creditor_requests } from './Migration20261204154730_original_creditor_requests.js';
import { Migration20261204161406_api_keys } from './Migration20261204161406_api_keys.js';
import { Migration20261204165455_contact_profile_postal_address } from './Migration20261204165455_contact_profile_postal_address.js';
import { Migration20261204173900_audit_log } from './Migration20261204173900_audit_log.js';
import { Migration20261204174000_seal_free_text } from './Migration20261204174000_seal_free_text.js';
import { Migration20261204185722_agency_placements } from './Migration20261204185722_agency_placements.js';
import { Migration20261204185729_approvals } from './Migration20261204185729_approvals.js';
import { Migration20261204185826_rag_chunks } from './Migration20261204185826_rag_chunks.js';
import { Migration20261204192339_loan_arrangement } from './Migration20261204192339_loan_arrangement.js';
import { Migration20261204200353_model_scores_by_subject } from './Migration20261204200353_model_scores_by_subject.js';
import { Migration20261204200711_assistant_conversations } from './Migration20261204200711_assistant_conversations.js';
import { Migration20261204202500_contact_delivery_composer } from './Migration20261204202500_contact_delivery_composer.js';
import { Migration20261204221800_rag_chunks_pgvector } from './Migration20261204221800_rag_chunks_pgvector.js';

export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261121234457_initial', class: Migration20261121234457_initial },
  { name: 'Migration20261122014122_model_scores', class: Migration20261122014122_model_scores },
  { name: 'Migration20261122020941_credit_limit', class: Migration20261122020941_credit_limit },
  { name: 'Migration20261202200914_unapplied_cash', class: Migration20261202200914_unapplied_cash },
  { name: 'Migration20261203120952_recovery_episodes', class: Migration20261203120952_recovery_episodes },
  { name: 'Migration20261203121324_recovery_contact', class: Migration20261203121324_recovery_contact },
  { name: 'Migration20261203122807_recovery_cases', class: Migration20261203122807_recovery_cases },
  { name: 'Migration20261203124134_provider_webhook_events', class: Migration20261203124134_provider_webhook_events },
  { name: 'Migration20261203124416_recovery_policies', class: Migration20261203124416_recovery_policies },
  { name: 'Migration20261203125337_portfolio_imports', class: Migration20261203125337_portfolio_imports },
  { name: 'Migration20261203131130_recovery_experiments', class: Migration20261203131130_recovery_experiments },
  { name: 'Migration20261203164010_round_robin_turns_and_claims', class: Migration20261203164010_round_robin_turns_and_claims },
  { name: 'Migration20261204153842_episode_signal_outbox', class: Migration20261204153842_episode_signal_outbox },
  { name: 'Migration20261204154730_original_creditor_requests', class: Migration20261204154730_original_creditor_requests },
  { name: 'Migration20261204161406_api_keys', class: Migration20261204161406_api_keys },
  { name: 'Migration20261204165455_contact_profile_postal_address', class: Migration20261204165455_contact_profile_postal_address },
  { name: 'Migration20261204173900_audit_log', class: Migration20261204173900_audit_log },
  { name: 'Migration20261204174000_seal_free_text', class: Migration20261204174000_seal_free_text },
  { name: 'Migration20261204185722_agency_placements', class: Migration20261204185722_agency_placements },
  { name: 'Migration20261204185729_approvals', class: Migration20261204185729_approvals },
  { name: 'Migration20261204185826_rag_chunks', class: Migration20261204185826_rag_chunks },
  { name: 'Migration20261204192339_loan_arrangement', class: Migration20261204192339_loan_arrangement },
  { name: 'Migration20261204200353_model_scores_by_subject', class: Migration20261204200353_model_scores_by_subject },
  { name: 'Migration20261204200711_assistant_conversations', class: Migration20261204200711_assistant_conversations },
  { name: 'Migration20261204202500_contact_delivery_composer', class: Migration20261204202500_contact_delivery_composer },
  { name: 'Migration20261204221800_rag_chunks_pgvector', class: Migration20261204221800_rag_chunks_pgvector },
];
