"""Triage of incoming cases from the worker's own words (issue 18).

features.py (normalised text, character and word n-grams)  model.py (the classifier, saved per site)
train.py (seed corpus + confirmed cases, the weekly retrain)  rules.py (safety and urgency rules)
suggest.py (what a new case gets, the confirm click, similar closed cases)  corpus/ (the seed corpus
and the realistic test set)
"""
