"""Stories: one statement as every article and outlet carried it.

Pure parts of the cross-article layer (the store runs them over its statements in
``qawl.store.stories``): who a statement's speaker is across articles (``keys``), whether two
statements are the same one (``match``) and how their wording differs (``wording``).
"""
