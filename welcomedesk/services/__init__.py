"""Use cases: one function is one thing a person does, in one unit of work.

Services hand out plain frozen dataclasses, never live ORM objects.
"""
