"""Load the whole demo: the catalog, then the weeks of market and casework around it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from webapp.demo.casework import seed_casework
from webapp.demo.market import MarketStamps, seed_market
from webapp.demo.seed import seed_demo
from webapp.models import utcnow
from webapp.services.common.settings import Settings
from webapp.services.stamps.issuance import IssuedStamp


@dataclass(frozen=True)
class LoadedDemo:
    catalog: list[IssuedStamp]  # the stamps nobody has scanned yet
    market: MarketStamps  # the stamps sold and scanned, with their stories

    @property
    def stamps(self) -> list[IssuedStamp]:
        return [*self.catalog, *self.market.issued]


def load_demo(
    session: Session, settings: Settings, now: datetime | None = None
) -> LoadedDemo:
    """Everything the demo shows, as of now; the caller commits."""
    now = now or utcnow()
    catalog = seed_demo(session, settings, now)
    market = seed_market(session, settings, now)
    seed_casework(session, market, settings.base_url, now)
    return LoadedDemo(catalog, market)
