"""The province's programme: coverage of its plan, progress, training, charts."""
