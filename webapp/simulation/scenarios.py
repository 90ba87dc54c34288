"""Named markets for `flask simulate-market --scenario`: the adversaries to beat.

Each scenario changes the base market (sizes from the command's options) in
one way; the table in bench/README.md gives one row per scenario.
"""

from __future__ import annotations

from dataclasses import replace

from webapp.simulation.market import MarketConfig

SCENARIOS: dict[str, dict] = {
    # The market as described in market.py.
    "market": {},
    # One address frames genuine codes: a claimed far province from two invented
    # device ids, or two far positions a minute apart; an honest buyer follows.
    "framing": {"framed_serials": 20},
    # One person frames from two networks of their own: two /64s of one IPv6
    # line, or Wi-Fi and mobile data; fresh device ids every time.
    "framing-two-networks": {"framed_serials": 20, "framer_networks": 2},
    # Many browsers, each on its own address, post through a third-party page.
    "third-party-origin": {"foreign_serials": 10},
    # Carrier-grade NAT: households and fake buyers behind a handful of shared
    # addresses per province (mobile and home lines alike).
    "carrier-nat": {"carrier_pool": 4, "shared_homes": 6},
    # Gifts: a quarter of genuine items travel and are scanned once elsewhere.
    "gifts": {"traveller_rate": 0.25},
    # Small clone runs: only 2 to 5 fakes, every one of them scanned.
    "small-clones": {"fakes_per_clone": (2, 5), "fake_scan_rate": 1.0},
}


def configure(base: MarketConfig, name: str) -> MarketConfig:
    """The base market changed as the named scenario says."""
    return replace(base, **SCENARIOS[name])
