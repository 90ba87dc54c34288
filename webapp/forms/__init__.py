"""Web forms (Flask-WTF): validation and CSRF, with messages in both languages."""
