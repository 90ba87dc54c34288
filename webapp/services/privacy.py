"""Keyed hashes for device ids and client addresses."""

import hashlib
import hmac
import ipaddress


def keyed_hash(value: str, key: str, purpose: str) -> str:
    """HMAC-SHA256 of value, separated by purpose so hashes cannot be joined."""
    message = f"{purpose}|{value}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def derive_key(secret: str) -> str:
    """A privacy key derived from the app secret when none is configured."""
    return hmac.new(secret.encode(), b"privacy-key", hashlib.sha256).hexdigest()


def network_of(address: str) -> str:
    """The part of a client address that names its network.

    IPv6 phones rotate the low 64 bits, so the /64 prefix is the network; an
    IPv4 address (often a carrier's shared one) is kept whole.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)
