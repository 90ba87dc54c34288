"""Derive linktypes.json (as ref.gs1.org/voc/data/linktypes) from the vocabulary.

Usage: python make_linktypes.py gs1Voc.jsonld > linktypes.json

Every property of GS1's Web Vocabulary that is a sub-property of gs1:linkType, keyed
by its name without the prefix, with its English label and comment.
"""

import json
import sys


def text(value) -> str:
    if isinstance(value, list):
        value = next((v for v in value if v.get("@language") == "en"), value[0])
    return value["@value"] if isinstance(value, dict) else value


def link_types(graph: list[dict]) -> dict:
    found = {}
    for node in graph:
        parents = node.get("rdfs:subPropertyOf", [])
        parents = parents if isinstance(parents, list) else [parents]
        if {"@id": "gs1:linkType"} in parents and node["@id"].startswith("gs1:"):
            found[node["@id"][4:]] = {
                "title": text(node.get("rdfs:label", "")),
                "description": text(node.get("rdfs:comment", "")),
            }
    return dict(sorted(found.items()))


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8-sig") as file:
        vocabulary = json.load(file)
    json.dump(
        link_types(vocabulary["@graph"]), sys.stdout, ensure_ascii=False, indent=1
    )
    sys.stdout.write("\n")
