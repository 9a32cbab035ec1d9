"""The programme builder's planning core: a problem in, a plan out.

Pure Python, no Django: ``problem`` describes rooms, slots, sessions, people's wants and the previous
plan; ``score`` is the one scoring function (full and incremental); ``search`` builds a plan (greedy
construction, then simulated annealing); ``explain`` says why an item landed where it did; ``instance``
reads the shared benchmark format. See docs/builder.md.
"""
