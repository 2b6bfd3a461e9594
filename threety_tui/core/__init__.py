"""The Textual-free core: models, store, composer, rules, import and export."""
