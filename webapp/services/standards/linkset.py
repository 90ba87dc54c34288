"""GS1 resolver links: RFC 9264 linksets and RFC 8288 Link headers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

GS1_VOC = "https://gs1.org/voc/"
LINKSET_MEDIA_TYPE = "application/linkset+json"
# The JSON-LD context that reads a GS1 linkset as linked data.
LINKSET_CONTEXT = "https://gs1.github.io/linkset/gs1-linkset-context.json"
VOCABULARY_URIS = (GS1_VOC, "http://gs1.org/voc/", "https://ref.gs1.org/voc/")
# Names once used here for what GS1's Web Vocabulary 1.16 calls otherwise.
ALIASES = {"gs1:traceability": "gs1:epcis"}


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


def link_type_name(text: str) -> str:
    """A requested link type as gs1:name, whether given short or as a full URI."""
    text = text.strip()
    for base in VOCABULARY_URIS:
        if text.startswith(base):
            text = "gs1:" + text.removeprefix(base)
            break
    return ALIASES.get(text, text)


def find(links: list[Link], link_type: str) -> Link | None:
    return next((link for link in links if link.link_type == link_type), None)


def linkset(
    anchor: str,
    links: list[Link],
    description: str | None = None,
    wider: Sequence[tuple[str, list[Link]]] = (),
) -> dict:
    """The RFC 9264 JSON linkset of anchor, as GS1 resolvers publish it.

    wider: the anchors up the tree (the lot, the GTIN) with their own links.
    """
    contexts = []
    for here, its_links in [(anchor, links), *wider]:
        context: dict = {"anchor": here}
        if description:
            context["itemDescription"] = description
        for link in its_links:
            target: dict[str, object]
            if link.link_type == "gs1:defaultLink":  # a title and nothing else
                target = {"href": link.href, "title": link.title}
            else:
                target = {"href": link.href, "title": link.title}
                target["type"] = link.media_type
                if link.hreflang:
                    target["hreflang"] = list(link.hreflang)
            context.setdefault(link.relation, []).append(target)
        contexts.append(context)
    return {"linkset": contexts}


def link_header(links: list[Link], linkset_href: str) -> str:
    """A Link header value listing each target and the linkset itself."""
    values = [f'<{linkset_href}>; rel="linkset"; type="{LINKSET_MEDIA_TYPE}"']
    for link in links:
        values.append(
            f'<{link.href}>; rel="{link.relation}"; type="{link.media_type}"'
            + (f'; hreflang="{link.hreflang[0]}"' if len(link.hreflang) == 1 else "")
        )
    return ", ".join(values)
