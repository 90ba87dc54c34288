"""Keyed hashes for device ids and client addresses."""

import hashlib
import hmac
import ipaddress

IPV6_NETWORK_PREFIX = 56  # a home or office allocation


def keyed_hash(value: str, key: str, purpose: str) -> str:
    """HMAC-SHA256 of value, separated by purpose so hashes cannot be joined."""
    message = f"{purpose}|{value}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def derive_key(secret: str) -> str:
    """A privacy key derived from the app secret when none is configured."""
    return hmac.new(secret.encode(), b"privacy-key", hashlib.sha256).hexdigest()


def network_of(address: str) -> str:
    """The part of a client address that names its network.

    An IPv6 home or office line is allocated a /56 (or wider) and numbers each
    of its own networks with a /64 from it, so one household can choose among
    hundreds of /64s: its network is the /56, and one person cannot pass for
    several independent sources by hopping between /64s of one allocation.
    An IPv4 address (often a carrier's shared one) is kept whole. (Rate limits
    still go by the /64, which is what one subscriber's phone is given.)
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/{IPV6_NETWORK_PREFIX}", strict=False))
    return str(ip)
