#!/usr/bin/env python3
"""Measure the margins of the wire-dev set (part A).

Definition (from the spec): words = re.findall(r"\\w+", " ".join(paragraphs).lower());
shingles = set of 5-word windows; containment = |A&B| / min(|A|,|B|);
jaccard = |A&B| / |A|B|.  The headline is not included.

Usage:  python3 measure.py [a.json ...]      (default: a.json next to this script)
        python3 measure.py --markdown a.json  (print the tables as Markdown)
        python3 measure.py --notes a.json     (print one margin line per text)

Reports:
  * every same-story text against the fullest wire copy of its story
    (the "full" wire copy, else the longest wire copy), grouped by version/shape;
  * the two "two-cuts" copies of a story against each other;
  * every look-alike against its nearest other text (highest containment),
    grouped by kind (the look-alike's "shape" field);
  * the highest containment between any two texts of different stories.
"""
import itertools
import json
import os
import re
import sys


def shingles(paragraphs):
    words = re.findall(r"\w+", " ".join(paragraphs).lower())
    return {tuple(words[i:i + 5]) for i in range(len(words) - 4)}


def margins(a, b):
    inter = len(a & b)
    if not a or not b:
        return 0.0, 0.0
    return inter / min(len(a), len(b)), inter / len(a | b)


LOOKALIKE_KINDS = ("template", "independent", "follow-up", "release", "roundup", "same-topic")


def is_lookalike(t):
    return t["shape"] in LOOKALIKE_KINDS


def load(paths):
    texts = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            texts.extend(json.load(f))
    return texts


def fullest(copies):
    wire = [t for t in copies if t["version"] == "wire"]
    full = [t for t in wire if t["shape"] == "full"]
    pool = full or wire or copies
    return max(pool, key=lambda t: len(" ".join(t["paragraphs"]).split()))


def analyse(texts):
    sh = {t["id"]: shingles(t["paragraphs"]) for t in texts}
    by_story = {}
    for t in texts:
        by_story.setdefault(t["story"], []).append(t)

    rows = []      # same-story rows: (story, id, version, shape, c, j, ref)
    pair_rows = []  # two-cuts pairs
    for story, copies in sorted(by_story.items()):
        if len(copies) < 2:
            continue
        ref = fullest(copies)
        for t in copies:
            if t is ref:
                continue
            c, j = margins(sh[t["id"]], sh[ref["id"]])
            rows.append((story, t["id"], t["version"], t["shape"], c, j, ref["id"]))
        tc = [t for t in copies if t["shape"] == "two-cuts"]
        for x, y in itertools.combinations(tc, 2):
            c, j = margins(sh[x["id"]], sh[y["id"]])
            pair_rows.append((story, x["id"], y["id"], c, j))

    la_rows = []   # (kind, id, nearest id, c, j)
    for t in texts:
        if not is_lookalike(t):
            continue
        best = (-1, 0, None)
        for u in texts:
            if u is t:
                continue
            c, j = margins(sh[t["id"]], sh[u["id"]])
            if c > best[0]:
                best = (c, j, u["id"])
        la_rows.append((t["shape"], t["id"], best[2], best[0], best[1]))

    cross = (-1, 0, None, None)
    same_min = {}  # "wire" / "wire+writethrough": least same-story pair
    for x, y in itertools.combinations(texts, 2):
        c, j = margins(sh[x["id"]], sh[y["id"]])
        if x["story"] != y["story"]:
            if c > cross[0]:
                cross = (c, j, x["id"], y["id"])
            continue
        vs = {x["version"], y["version"]}
        keys = []
        if vs == {"wire"}:
            keys.append("wire")
        if "translation" not in vs:
            keys.append("wire+writethrough")
        for k in keys:
            if k not in same_min or c < same_min[k][0]:
                same_min[k] = (c, j, x["id"], y["id"])
    analyse.same_min = same_min
    return rows, pair_rows, la_rows, cross


def summarise(rows, pair_rows, la_rows, cross, md=False):
    out = []
    groups = {}
    for story, tid, version, shape, c, j, ref in rows:
        key = shape if version == "wire" else "%s (%s)" % (version, shape)
        groups.setdefault(key, []).append((c, j))
    if md:
        out.append("| same-story group (vs fullest wire copy) | n | containment min | containment max | jaccard min | jaccard max |")
        out.append("|---|---|---|---|---|---|")
    else:
        out.append("same-story texts vs the fullest wire copy of their story")
        out.append("%-28s %3s %7s %7s %7s %7s" % ("group", "n", "c.min", "c.max", "j.min", "j.max"))
    for key in sorted(groups):
        v = groups[key]
        cs = [c for c, _ in v]
        js = [j for _, j in v]
        if md:
            out.append("| %s | %d | %.3f | %.3f | %.3f | %.3f |" % (key, len(v), min(cs), max(cs), min(js), max(js)))
        else:
            out.append("%-28s %3d %7.3f %7.3f %7.3f %7.3f" % (key, len(v), min(cs), max(cs), min(js), max(js)))
    if pair_rows:
        cs = [p[3] for p in pair_rows]
        js = [p[4] for p in pair_rows]
        if md:
            out.append("| two-cuts pair (copy vs copy) | %d | %.3f | %.3f | %.3f | %.3f |" % (len(pair_rows), min(cs), max(cs), min(js), max(js)))
        else:
            out.append("%-28s %3d %7.3f %7.3f %7.3f %7.3f" % ("two-cuts pair (vs each other)", len(pair_rows), min(cs), max(cs), min(js), max(js)))
    out.append("")
    lg = {}
    for kind, tid, nid, c, j in la_rows:
        lg.setdefault(kind, []).append((c, j, tid, nid))
    if md:
        out.append("| look-alike kind (vs nearest other text) | n | containment min | containment max | jaccard at max | pair at max |")
        out.append("|---|---|---|---|---|---|")
    else:
        out.append("look-alikes vs their nearest other text")
        out.append("%-14s %3s %7s %7s %7s  %s" % ("kind", "n", "c.min", "c.max", "j@max", "pair at max"))
    for kind in LOOKALIKE_KINDS:
        if kind not in lg:
            continue
        v = lg[kind]
        top = max(v)
        if md:
            out.append("| %s | %d | %.3f | %.3f | %.3f | %s ~ %s |" % (kind, len(v), min(x[0] for x in v), top[0], top[1], top[2], top[3]))
        else:
            out.append("%-14s %3d %7.3f %7.3f %7.3f  %s ~ %s" % (kind, len(v), min(x[0] for x in v), top[0], top[1], top[2], top[3]))
    out.append("")
    for k, v in sorted(getattr(analyse, "same_min", {}).items()):
        out.append("least containment between any two same-story texts (%s): %.3f (jaccard %.3f), %s ~ %s" % ((k,) + v))
    out.append("highest containment between texts of different stories: %.3f (jaccard %.3f), %s ~ %s" % cross)
    return "\n".join(out)


def per_text(rows, pair_rows, la_rows):
    out = []
    for story, tid, version, shape, c, j, ref in rows:
        out.append("%-14s %-12s %-12s c=%.3f j=%.3f vs %s" % (tid, version, shape, c, j, ref))
    for story, x, y, c, j in pair_rows:
        out.append("%-14s two-cuts pair with %s: c=%.3f j=%.3f" % (x, y, c, j))
    for kind, tid, nid, c, j in la_rows:
        out.append("%-14s %-12s nearest %s: c=%.3f j=%.3f" % (tid, kind, nid, c, j))
    return "\n".join(out)


def main(argv):
    md = "--markdown" in argv
    notes = "--notes" in argv
    paths = [a for a in argv if not a.startswith("--")]
    if not paths:
        paths = [os.path.join(os.path.dirname(os.path.abspath(__file__)), "a.json")]
    texts = load(paths)
    rows, pair_rows, la_rows, cross = analyse(texts)
    if notes:
        print(per_text(rows, pair_rows, la_rows))
        print()
    print(summarise(rows, pair_rows, la_rows, cross, md=md))


if __name__ == "__main__":
    main(sys.argv[1:])
