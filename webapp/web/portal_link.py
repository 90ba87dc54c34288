"""The app's connection to the national portal: settings and public image links."""

from __future__ import annotations

from flask import current_app

from webapp.extensions import settings
from webapp.models import Product
from webapp.services.standards.national_portal import PortalClient, PortalSettings
from webapp.web.links import UPLOADED


def configured() -> bool:
    config = current_app.config
    return bool(config["PORTAL_BASE_URL"] and config["PORTAL_CLIENT_ID"])


def client() -> PortalClient:
    config = current_app.config
    return PortalClient(
        PortalSettings(
            base_url=config["PORTAL_BASE_URL"].rstrip("/"),
            token_url=config["PORTAL_TOKEN_URL"],
            client_id=config["PORTAL_CLIENT_ID"],
            client_secret=config["PORTAL_CLIENT_SECRET"],
        )
    )


def image_url(product: Product) -> str | None:
    """The product picture as the portal must fetch it: public, absolute."""
    if not product.image_path:
        return None
    base = settings().base_url.rstrip("/")
    if product.image_path.startswith(UPLOADED):
        return f"{base}/media/products/{product.image_path.removeprefix(UPLOADED)}"
    return f"{base}/static/{product.image_path}"
