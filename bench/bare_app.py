"""The baselines of bench/scan_story.py: bare Flask, and bare Flask with one
primary-key select on the same PostgreSQL database (SQLAlchemy Core, a pool
without a ping), served by the same gunicorn as the app.

    DATABASE_URL=postgresql+psycopg://… gunicorn --pythonpath bench bare_app:app
"""

import os

from flask import Flask
from sqlalchemy import create_engine, text

app = Flask(__name__)
engine = create_engine(os.environ["DATABASE_URL"], pool_recycle=1800)
BY_KEY = text("SELECT id, serial, status FROM stamp WHERE id = :id")


@app.get("/hello")
def hello():
    return "hello"


@app.get("/stamp/<int:stamp_id>")
def stamp(stamp_id: int):
    with engine.connect() as connection:
        row = connection.execute(BY_KEY, {"id": stamp_id}).one()
    return {"id": row.id, "serial": row.serial, "status": row.status}
