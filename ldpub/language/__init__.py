"""Language: understanding article text over spaCy — sentences, names, attributions.

- :mod:`ldpub.language.analysis` — the spaCy pipeline (loaded once) and its words and entity spans;
- :mod:`ldpub.language.names` — names in a text and their kinds (Person, Organization, Place);
- :mod:`ldpub.language.candidates` — names the authority does not know, typed from their context;
- :mod:`ldpub.language.linking` — both over one text, linked to the newsroom's authority;
- :mod:`ldpub.language.claims` — who said what: attributions as claims with their authors;
- :mod:`ldpub.language.annotate` — the step every extractor shares: headline and body → entities,
  about/mentions and claims in a record.

The knowledge these read (reporting verbs, titles, outlets, …) is data in :mod:`ldpub.lexicon`.
"""
