"""Blueprints, one per audience."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from webapp.extensions import csrf
    from webapp.routes import (
        admin,
        api,
        auth,
        epcis,
        health,
        inspector,
        producer,
        producer_batches,  # noqa: F401  (routes of producer.bp)
        producer_journey,  # noqa: F401  (routes of producer.bp)
        producer_labels,  # noqa: F401  (routes of producer.bp)
        producer_print,  # noqa: F401  (routes of producer.bp)
        public,
        pwa,
        reports,
        resolver,
        scans,
        staff,
    )

    app.register_blueprint(health.bp)
    app.register_blueprint(public.bp)
    app.register_blueprint(pwa.bp)
    app.register_blueprint(resolver.bp)
    app.register_blueprint(reports.bp)
    app.register_blueprint(scans.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(inspector.bp)
    app.register_blueprint(producer.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(staff.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(epcis.bp)
    # Programs call the API without a browser session; the language switch
    # only changes how pages read, so forging it gains nothing.
    csrf.exempt(api.bp)
    csrf.exempt(public.set_language)
