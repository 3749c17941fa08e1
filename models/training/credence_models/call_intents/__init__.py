"""`npm run models:call-intents` — the live-call assist's intent model (../../../call-intents/README.md)."""
