"""Domain logic in plain modules: no Flask request, no templates."""
