"""GS1 resolver links: RFC 9264 linksets and RFC 8288 Link headers."""

from __future__ import annotations

from dataclasses import dataclass

GS1_VOC = "https://gs1.org/voc/"
LINKSET_MEDIA_TYPE = "application/linkset+json"


@dataclass(frozen=True)
class Link:
    """One target of a Digital Link, named by its GS1 link type (gs1:pip…)."""

    link_type: str
    href: str
    title: str
    media_type: str
    hreflang: tuple[str, ...] = ()

    @property
    def relation(self) -> str:
        """The link type as the full URI a linkset uses."""
        prefix, _, name = self.link_type.partition(":")
        return GS1_VOC + name if prefix == "gs1" else self.link_type


def find(links: list[Link], link_type: str) -> Link | None:
    return next((link for link in links if link.link_type == link_type), None)


def linkset(anchor: str, links: list[Link], description: str | None = None) -> dict:
    """The RFC 9264 JSON linkset of anchor, as GS1 resolvers publish it."""
    context: dict = {"anchor": anchor}
    if description:
        context["itemDescription"] = description
    for link in links:
        target = {"href": link.href, "title": link.title, "type": link.media_type}
        if link.hreflang:
            target["hreflang"] = list(link.hreflang)
        context.setdefault(link.relation, []).append(target)
    return {"linkset": [context]}


def link_header(links: list[Link], linkset_href: str) -> str:
    """A Link header value listing each target and the linkset itself."""
    values = [f'<{linkset_href}>; rel="linkset"; type="{LINKSET_MEDIA_TYPE}"']
    for link in links:
        values.append(
            f'<{link.href}>; rel="{link.relation}"; type="{link.media_type}"'
            + (f'; hreflang="{link.hreflang[0]}"' if len(link.hreflang) == 1 else "")
        )
    return ", ".join(values)
