"""`gongkai graph ID`: what a document cites, what repealed or amended it, what it repealed (issue 19),
walked breadth-first over the store's validity edges to a depth."""

from __future__ import annotations

from typing import Any

#: how a stated edge reads from the stating document's side, and from the named document's side
#: (extends, session 17: an extension's edge raised KeyError in `gongkai graph`; a kind not listed reads as itself)
_OUT = {"repeals": "repeals", "amends": "amends", "amended_by": "amended_by", "cites": "cites", "extends": "extends",
        "suspends": "suspends", "resumes": "resumes"}
_IN = {
    "repeals": "repealed_by",
    "amends": "amended_by",
    "amended_by": "amends",
    "cites": "cited_by",
    "extends": "extended_by",
    "suspends": "suspended_by",  # validity3: 暂停执行《X》 and 恢复执行《X》
    "resumes": "resumed_by",
    "suspends_part": "suspended_in_part_by",
}


def walk(store: Any, record_id: str, depth: int = 1) -> dict[str, Any]:
    """Nodes (id, title, doc_number, status) and edges (from, to, kind, statement, title of an unresolved
    target) reachable from `record_id` within `depth` steps. Unresolved targets are nodes with id null."""
    depth = max(0, min(depth, 5))
    seen = {record_id}
    frontier = [record_id]
    edges: list[dict[str, Any]] = []
    edge_ids: set[int] = set()
    for _ in range(depth):
        following: list[str] = []
        for node in frontier:
            for edge in store.validity_edges(node):
                if edge["id"] in edge_ids:
                    continue
                edge_ids.add(edge["id"])
                edges.append(
                    {
                        "from": edge["src_id"],
                        "to": edge["dst_id"],
                        "kind": edge["kind"],
                        "title": edge["title"],
                        "doc_number": edge["doc_number"],
                        "date": edge["ref_date"].isoformat() if edge["ref_date"] else None,
                        "statement": edge["statement"],
                    }
                )
                for other in (edge["src_id"], edge["dst_id"]):
                    if other and other not in seen:
                        seen.add(other)
                        following.append(other)
        frontier = following
    records = store.get_many(sorted(seen))
    statuses = store.validity_statuses(sorted(seen))
    nodes = [
        {"id": rid, "title": rec.title, "doc_number": rec.doc_number, "status": statuses.get(rid, "unknown")}
        for rid, rec in sorted(records.items())
    ]
    return {"id": record_id, "depth": depth, "nodes": nodes, "edges": edges}


def lines(graph: dict[str, Any]) -> list[str]:
    """The graph as text, one edge a line, read from the asked document's side where it is one end."""
    titles = {n["id"]: n["title"] for n in graph["nodes"]}
    root = graph["id"]
    out = []
    for e in graph["edges"]:
        target = titles.get(e["to"]) or f"《{e['title']}》" + (f"（{e['doc_number']}）" if e["doc_number"] else "") + (
            "" if e["to"] else " [未收录]"
        )
        if e["from"] == root:
            out.append(f"{_OUT.get(e['kind'], e['kind']):<11} {e['to'] or '-'}  {target}")
        elif e["to"] == root:
            out.append(f"{_IN.get(e['kind'], e['kind'] + '_by'):<11} {e['from']}  {titles.get(e['from'], '')}")
        else:
            out.append(f"  {e['from']} {e['kind']} {e['to'] or '-'}  {target}")
    return out
