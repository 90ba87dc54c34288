"""Which part of a client address names its network, for evidence and for limits."""

from webapp.extensions import address_key
from webapp.services.common.privacy import network_of


def test_ipv6_evidence_network_is_the_home_allocation():
    assert network_of("2001:db8:0:1::5") == network_of("2001:db8:0:2::5")
    assert network_of("2001:db8:0:ff::1") == "2001:db8::/56"
    assert network_of("2001:db8:0:100::5") != network_of("2001:db8:0:1::5")


def test_ipv4_is_kept_whole_and_mapped_addresses_are_ipv4():
    assert network_of("203.0.113.7") == "203.0.113.7"
    assert network_of("::ffff:203.0.113.7") == "203.0.113.7"
    assert network_of("not-an-address") == "not-an-address"


def test_rate_limits_still_go_by_the_64(app):
    with app.test_request_context(environ_base={"REMOTE_ADDR": "2001:db8:0:1::5"}):
        first = address_key()
    with app.test_request_context(environ_base={"REMOTE_ADDR": "2001:db8:0:2::5"}):
        second = address_key()
    assert (first, second) == ("2001:db8:0:1::/64", "2001:db8:0:2::/64")
