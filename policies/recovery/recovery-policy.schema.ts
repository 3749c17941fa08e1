// The published JSON Schema (draft 2020-12) of the escalation-policy document, as data: the
// enums come from the same constants the types use, so the schema cannot drift from them, and
// validate-policy.ts compiles it without reading a file (policies/ does no I/O). The committed
// recovery-policy.schema.json is this object; a spec holds the two equal (regenerate it with
// `npm run -s policy:schema`).
import { ARRANGEMENT_KINDS } from '../../domain/arrangements.js';
import { CHANNELS } from '../compliance/rules.js';
import { RECOVERY_SEGMENTS } from '../recovery-segments.js';
import { OFFER_KINDS, PROPENSITY_BAND_NAMES, RECOVERY_EVENTS, WAIT_UNTIL } from './policy-document.js';

export const RECOVERY_POLICY_SCHEMA_ID = 'https://credence.dev/schemas/recovery-policy.schema.json';

export const RECOVERY_POLICY_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": RECOVERY_POLICY_SCHEMA_ID,
    "title": "Credence escalation policy",
    "description": "An escalation (collections) policy: ordered rules; the first rule whose `when` matches a delinquent account names the path of steps that account follows. Mirrors policies/recovery/policy-document.ts (RecoveryPolicyDocument). Semantic rules no schema can state (unique rule ids, a catch-all last rule, known buckets and templates, min <= max, nothing after stop or handoff) are checked by validatePolicy (policies/recovery/validate-policy.ts).",
    "type": "object",
    "required": ["name", "settings", "rules"],
    "additionalProperties": false,
    "properties": {
      "name": { "description": "Human name of the policy line, such as \"retail-default\".", "type": "string", "minLength": 1, "maxLength": 100 },
      "description": { "description": "What the strategy is for, in a sentence or two.", "type": "string", "maxLength": 2000 },
      "settings": { "description": "Policy-wide settings: caps, fallbacks and promise terms.", "$ref": "#/$defs/settings" },
      "rules": {
        "description": "Ordered rules: the first whose `when` matches names the path. The last must match every account.",
        "type": "array",
        "minItems": 1,
        "maxItems": 200,
        "items": { "$ref": "#/$defs/rule" }
      }
    },
    "$defs": {
      "channel": { "description": "A contact channel: texts, WhatsApp, email, a call, or a letter posted through the print-and-mail provider.", "type": "string", "enum": [...CHANNELS] },
      "event": {
        "description": "What made recovery (re)consider the account.",
        "type": "string",
        "enum": [...RECOVERY_EVENTS]
      },
      "segment": { "description": "A recovery segment (policies/recovery-segments.ts).", "type": "string", "enum": [...RECOVERY_SEGMENTS] },
      "propensityBand": { "description": "A band of propensity to pay within 30 days.", "type": "string", "enum": [...PROPENSITY_BAND_NAMES] },
      "key": { "description": "A template or script key in the template catalogue.", "type": "string", "pattern": "^[a-z][a-z0-9_]{0,63}$" },
      "count": { "description": "A whole number, zero or more.", "type": "integer", "minimum": 0 },
      "range": {
        "description": "Inclusive range of whole numbers; either end may be left out (open).",
        "type": "object",
        "additionalProperties": false,
        "minProperties": 1,
        "properties": {
          "min": { "description": "Lowest value that matches (inclusive).", "$ref": "#/$defs/count" },
          "max": { "description": "Highest value that matches (inclusive).", "$ref": "#/$defs/count" }
        }
      },
      "settings": {
        "description": "Policy-wide settings: caps, fallbacks and promise terms.",
        "type": "object",
        "required": ["weeklyCaps", "fallback", "promiseToleranceBps", "promiseMaxDays"],
        "additionalProperties": false,
        "properties": {
          "weeklyCaps": {
            "description": "Outbound contacts allowed per channel in any 7 days; the compliance gate enforces them. A channel left out is capped only by the law.",
            "type": "object",
            "additionalProperties": false,
            "properties": {
              "sms": { "description": "SMS contacts per 7 days.", "type": "integer", "minimum": 0, "maximum": 21 },
              "whatsapp": { "description": "WhatsApp contacts per 7 days.", "type": "integer", "minimum": 0, "maximum": 21 },
              "email": { "description": "Emails per 7 days.", "type": "integer", "minimum": 0, "maximum": 21 },
              "voice": { "description": "Call attempts per 7 days.", "type": "integer", "minimum": 0, "maximum": 21 },
              "letter": { "description": "Letters posted per 7 days (the notices the law requires are never held by it).", "type": "integer", "minimum": 0, "maximum": 7 }
            }
          },
          "fallback": {
            "description": "The channels to try, in order, when a step's channel is revoked, opted out or down.",
            "type": "object",
            "additionalProperties": false,
            "properties": {
              "sms": { "description": "Instead of SMS, in order.", "$ref": "#/$defs/fallbackList" },
              "whatsapp": { "description": "Instead of WhatsApp, in order.", "$ref": "#/$defs/fallbackList" },
              "email": { "description": "Instead of email, in order.", "$ref": "#/$defs/fallbackList" },
              "voice": { "description": "Instead of a call, in order.", "$ref": "#/$defs/fallbackList" },
              "letter": { "description": "Instead of a letter, in order.", "$ref": "#/$defs/fallbackList" }
            }
          },
          "promiseToleranceBps": {
            "description": "A promise is kept when payments reach its amount less this share, in basis points (100 = 1%).",
            "type": "integer",
            "minimum": 0,
            "maximum": 2000
          },
          "promiseMaxDays": { "description": "The most days ahead a promise to pay may be dated.", "type": "integer", "minimum": 1, "maximum": 90 },
          "arrangements": { "description": "What a collector or a borrower's reply may agree alone: a plan, restructure or settlement within these bounds is applied at once; outside them a second person approves it. Without them every arrangement needs a second person.", "$ref": "#/$defs/arrangements" },
          "certifiedHandoff": {
            "description": "Which hand-off cases only assignees with the `certified` skill may take: high-risk accounts (a listed propensity band) or high balances (at least the amount set for the currency). Left out, no case needs it.",
            "type": "object",
            "additionalProperties": false,
            "minProperties": 1,
            "properties": {
              "propensityBands": { "description": "Accounts in these propensity bands (low: the least likely to pay) need a certified assignee.", "type": "array", "uniqueItems": true, "items": { "$ref": "#/$defs/propensityBand" } },
              "minBalanceMinor": {
                "description": "Per currency (ISO 4217 code), the outstanding balance in minor units from which a case needs a certified assignee.",
                "type": "object",
                "propertyNames": { "pattern": "^[A-Z]{3}$" },
                "additionalProperties": { "type": "integer", "minimum": 1 }
              }
            }
          }
        }
      },
      "arrangements": {
        "description": "Bounds on repayment plans, restructures and settlements, and which kinds always need a second person.",
        "type": "object",
        "required": ["plan", "restructure", "settlement", "alwaysApprove"],
        "additionalProperties": false,
        "properties": {
          "plan": {
            "description": "A repayment plan: everything owed, on new dates and amounts.",
            "type": "object",
            "required": ["maxInstalments", "maxMonths", "minInstalmentBps"],
            "additionalProperties": false,
            "properties": {
              "maxInstalments": { "description": "The most instalments a plan may have.", "type": "integer", "minimum": 1, "maximum": 120 },
              "maxMonths": { "description": "The last instalment at most this many months after the day the plan is proposed.", "type": "integer", "minimum": 1, "maximum": 120 },
              "minInstalmentBps": { "description": "Each instalment at least this share of what is owed, in basis points (0: no minimum).", "type": "integer", "minimum": 0, "maximum": 10000 }
            }
          },
          "restructure": {
            "description": "A restructure: the remaining principal over a longer term, after a payment holiday, at a lower rate.",
            "type": "object",
            "required": ["maxExtraMonths", "maxHolidayMonths", "maxRateCutBps", "minAprBps"],
            "additionalProperties": false,
            "properties": {
              "maxExtraMonths": { "description": "The most months a restructure may add to the term.", "type": "integer", "minimum": 0, "maximum": 120 },
              "maxHolidayMonths": { "description": "The longest payment holiday, in months.", "type": "integer", "minimum": 0, "maximum": 24 },
              "maxRateCutBps": { "description": "The most the APR may be lowered, in basis points of APR (150 = 1.5 points).", "type": "integer", "minimum": 0, "maximum": 10000 },
              "minAprBps": { "description": "The APR may not be lowered below this, in basis points.", "type": "integer", "minimum": 0, "maximum": 10000 }
            }
          },
          "settlement": {
            "description": "A settlement: less than is owed, the rest written down once it is paid.",
            "type": "object",
            "required": ["minShareBps", "maxInstalments", "maxMonths"],
            "additionalProperties": false,
            "properties": {
              "minShareBps": { "description": "A settlement pays at least this share of what is owed, in basis points.", "type": "integer", "minimum": 0, "maximum": 10000 },
              "maxInstalments": { "description": "The most instalments a settlement may have.", "type": "integer", "minimum": 1, "maximum": 24 },
              "maxMonths": { "description": "The last instalment at most this many months after the day the settlement is proposed.", "type": "integer", "minimum": 1, "maximum": 24 }
            }
          },
          "alwaysApprove": {
            "description": "Kinds a second person approves even within the bounds. A settlement always needs one (it writes money off), listed or not.",
            "type": "array",
            "uniqueItems": true,
            "items": { "description": "A kind of arrangement.", "type": "string", "enum": [...ARRANGEMENT_KINDS] }
          }
        }
      },
      "fallbackList": { "description": "Channels in the order they are tried.", "type": "array", "uniqueItems": true, "maxItems": 4, "items": { "$ref": "#/$defs/channel" } },
      "rule": {
        "description": "One rule: when its conditions all hold, the account follows its path.",
        "type": "object",
        "required": ["id", "when", "path"],
        "additionalProperties": false,
        "properties": {
          "id": {
            "description": "Stable id, unique in the document: recorded with every action the rule chooses, and the key of the diff between versions.",
            "type": "string",
            "pattern": "^[a-z0-9][a-z0-9_-]{0,63}$"
          },
          "description": { "description": "Why the rule exists, for the people reading the policy.", "type": "string", "maxLength": 1000 },
          "when": { "description": "The conditions, all of which must hold; {} matches every account.", "$ref": "#/$defs/conditions" },
          "path": {
            "description": "The steps, in order. Each step is a map of exactly one key: send, call, wait, offer, handoff or stop.",
            "type": "array",
            "minItems": 1,
            "maxItems": 50,
            "items": { "$ref": "#/$defs/step" }
          }
        }
      },
      "conditions": {
        "description": "Every listed condition must hold; a condition left out matches anything. {} matches every account.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "events": { "description": "What made recovery look at the account.", "type": "array", "minItems": 1, "uniqueItems": true, "items": { "$ref": "#/$defs/event" } },
          "buckets": {
            "description": "Delinquency buckets by name, as the products define them (policies/products/).",
            "type": "array",
            "minItems": 1,
            "uniqueItems": true,
            "items": { "description": "A bucket name.", "type": "string", "minLength": 1, "maxLength": 32 }
          },
          "dpd": { "description": "Days past due.", "$ref": "#/$defs/range" },
          "segments": { "description": "Recovery segments; an account not yet segmented matches none.", "type": "array", "minItems": 1, "uniqueItems": true, "items": { "$ref": "#/$defs/segment" } },
          "propensityBands": {
            "description": "Propensity-to-pay bands; an account not yet scored matches none.",
            "type": "array",
            "minItems": 1,
            "uniqueItems": true,
            "items": { "$ref": "#/$defs/propensityBand" }
          },
          "balance": {
            "description": "Overdue-and-outstanding balance in minor units of `currency`; an account in another currency does not match.",
            "type": "object",
            "required": ["currency"],
            "additionalProperties": false,
            "properties": {
              "currency": { "description": "ISO 4217 code, upper case.", "type": "string", "pattern": "^[A-Z]{3}$" },
              "min": { "description": "Lowest balance that matches, minor units (inclusive).", "$ref": "#/$defs/count" },
              "max": { "description": "Highest balance that matches, minor units (inclusive).", "$ref": "#/$defs/count" }
            }
          },
          "products": {
            "description": "Product codes.",
            "type": "array",
            "minItems": 1,
            "uniqueItems": true,
            "items": { "description": "A product code.", "type": "string", "minLength": 1, "maxLength": 64 }
          },
          "regions": {
            "description": "ISO 3166 alpha-2 countries of the borrower's address.",
            "type": "array",
            "minItems": 1,
            "uniqueItems": true,
            "items": { "description": "ISO 3166 alpha-2, upper case.", "type": "string", "pattern": "^[A-Z]{2}$" }
          },
          "contactHistory": {
            "description": "What has happened in this delinquent episode so far.",
            "type": "object",
            "additionalProperties": false,
            "minProperties": 1,
            "properties": {
              "contacts": { "description": "Outbound contacts attempted (sent, not blocked).", "$ref": "#/$defs/range" },
              "replies": { "description": "Replies received.", "$ref": "#/$defs/range" },
              "promisesBroken": { "description": "Promises to pay broken.", "$ref": "#/$defs/range" },
              "promisesKept": { "description": "Promises to pay kept.", "$ref": "#/$defs/range" },
              "daysSinceLastContact": { "description": "Whole days since the last outbound contact; an account never contacted does not match.", "$ref": "#/$defs/range" }
            }
          }
        }
      },
      "step": {
        "description": "One step of a path: a map with exactly one key naming the kind of step.",
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "additionalProperties": false,
        "properties": {
          "send": {
            "description": "Send a message on a channel.",
            "type": "object",
            "required": ["channel", "template"],
            "additionalProperties": false,
            "properties": {
              "channel": { "description": "The channel the message goes out on.", "$ref": "#/$defs/channel" },
              "template": { "description": "Template key; the language and tone variant are picked per borrower and segment.", "$ref": "#/$defs/key" },
              "automated": { "description": "Automated (autodialled, prerecorded, bulk) for the TCPA; texts default to true. Not for letters, which are posted.", "type": "boolean" },
              "draft": { "description": "The drafting agent writes the message (a reminder in the borrower's tone and language; amounts and dates from the records) instead of the template, which goes instead when the draft fails the compliance gate. Texts, WhatsApp and email only.", "type": "boolean" }
            }
          },
          "call": {
            "description": "Call the borrower with an IVR script.",
            "type": "object",
            "required": ["script"],
            "additionalProperties": false,
            "properties": {
              "script": { "description": "IVR script key (a voice template); the borrower can press keys to promise or reach a person.", "$ref": "#/$defs/key" },
              "automated": { "description": "An autodialled or prerecorded call; defaults to true.", "type": "boolean" }
            }
          },
          "wait": {
            "description": "Wait up to `days`, ending early when one of `until` happens.",
            "type": "object",
            "required": ["days"],
            "additionalProperties": false,
            "properties": {
              "days": { "description": "Whole days to wait, 1 to 60.", "type": "integer", "minimum": 1, "maximum": 60 },
              "until": {
                "description": "What ends the wait early.",
                "type": "array",
                "uniqueItems": true,
                "items": { "description": "paid, promised or replied.", "type": "string", "enum": [...WAIT_UNTIL] }
              }
            }
          },
          "offer": {
            "description": "Offer a promise to pay or a repayment plan, sent as a message on `channel`.",
            "type": "object",
            "required": ["kind", "channel", "template"],
            "additionalProperties": false,
            "properties": {
              "kind": { "description": "promise: a promise to pay; plan: a repayment plan.", "type": "string", "enum": [...OFFER_KINDS] },
              "channel": { "description": "The channel the offer goes out on.", "$ref": "#/$defs/channel" },
              "template": { "description": "Template key of the offer message.", "$ref": "#/$defs/key" }
            }
          },
          "handoff": {
            "description": "Open a case for a person: a work queue, the skills it needs, its priority. Ends the path.",
            "type": "object",
            "required": ["queue"],
            "additionalProperties": false,
            "properties": {
              "queue": { "description": "Work queue name.", "type": "string", "pattern": "^[a-z][a-z0-9_-]{0,63}$" },
              "skills": {
                "description": "Skills an assignee needs.",
                "type": "array",
                "uniqueItems": true,
                "items": { "description": "A skill name.", "type": "string", "pattern": "^[a-z][a-z0-9_-]{0,63}$" }
              },
              "priority": {
                "description": "risk_x_balance (risk times balance), or a fixed priority.",
                "anyOf": [
                  { "type": "string", "const": "risk_x_balance" },
                  { "type": "integer", "minimum": 0, "maximum": 1000000 }
                ]
              }
            }
          },
          "stop": {
            "description": "End recovery's path for the account. Ends the path.",
            "type": "object",
            "required": ["reason"],
            "additionalProperties": false,
            "properties": { "reason": { "description": "Why recovery stops, recorded with the episode.", "type": "string", "minLength": 1, "maxLength": 200 } }
          }
        }
      }
    }
  } as const;
