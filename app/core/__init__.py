"""Pure-Python heart of the app: models, normalisation, matching, rules, checking. No Qt here."""
