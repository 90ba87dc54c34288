"""Web glue: requests, responses, sessions, forms, pages and their words."""
