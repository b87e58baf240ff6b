#!/usr/bin/env python3
"""Measure the margins of the wire-heldout set (texts.json next to this file).

Definition (from the spec):
  words     = re.findall(r"\\w+", " ".join(paragraphs).lower())
  shingles  = set of 5-word windows
  containment = |A & B| / min(|A|, |B|)
  jaccard     = |A & B| / |A | B|
The headline is not included.

Reference text of a story ("fullest copy"): its version "wire" copy with shape
"full" (there is exactly one per story); for write-through copies the
reference is the version "writethrough" copy with shape "full".

Look-alikes are texts whose shape is one of the look-alike kinds
(template, independent, follow-up, release, roundup, same-topic); each has its
own story value. Template groups are the template texts of one agency.

Usage: python3 measure.py [texts.json] [--pairs]
"""
import itertools
import json
import os
import re
import sys
from collections import defaultdict

LOOKALIKE_KINDS = ("template", "independent", "follow-up", "release", "roundup", "same-topic")

# spec ranges: containment (lo, hi) and jaccard (lo, hi) against the fullest copy
RANGES = {
    "cut": ((0.51, 0.60), (0.10, 0.24)),
    "teaser": ((0.51, 0.60), (0.10, 0.24)),
    "local-intro": ((0.44, 0.48), None),
    "edits": ((0.44, 0.48), None),
    "reordered": ((0.21, 0.34), None),
    "two-cuts": ((0.50, 1.00), None),
}


def words(paragraphs):
    return re.findall(r"\w+", " ".join(paragraphs).lower())


def shingles(paragraphs, n=5):
    w = words(paragraphs)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def cont(a, b):
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def jac(a, b):
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def is_lookalike(t):
    return t["shape"] in LOOKALIKE_KINDS


def references(texts):
    ref, wref = {}, {}
    for t in texts:
        if is_lookalike(t) or t["shape"] != "full":
            continue
        if t["version"] == "wire":
            ref[t["story"]] = t
        elif t["version"] == "writethrough":
            wref[t["story"]] = t
    return ref, wref


def nearest_other(t, texts, sh):
    """Most-contained text of another story: (id, containment, jaccard)."""
    best = (None, 0.0, 0.0)
    for u in texts:
        if u["story"] == t["story"]:
            continue
        c = cont(sh[t["id"]], sh[u["id"]])
        if c > best[1]:
            best = (u["id"], c, jac(sh[t["id"]], sh[u["id"]]))
    return best


def analyse(texts):
    sh = {t["id"]: shingles(t["paragraphs"]) for t in texts}
    ref, wref = references(texts)
    rows = []          # (story, id, version, shape, against, C, J)
    for t in texts:
        if is_lookalike(t):
            continue
        s = t["story"]
        if t["version"] == "wire" and s in ref and t["id"] != ref[s]["id"]:
            r = ref[s]
        elif t["version"] == "writethrough" and s in wref and t["id"] != wref[s]["id"]:
            r = wref[s]
        elif t["version"] == "writethrough" and s in ref:
            r = ref[s]   # the write-through itself against the first wire text
        elif t["version"] == "translation" and s in ref:
            r = ref[s]
        else:
            continue
        rows.append((s, t["id"], t["version"], t["shape"], r["id"],
                     cont(sh[t["id"]], sh[r["id"]]), jac(sh[t["id"]], sh[r["id"]])))
    # two-cuts pairs (same story, both shape two-cuts)
    twocuts = []
    by_story = defaultdict(list)
    for t in texts:
        by_story[t["story"]].append(t)
    for s, ts in by_story.items():
        tc = [t for t in ts if t["shape"] == "two-cuts"]
        for a, b in itertools.combinations(tc, 2):
            twocuts.append((s, a["id"], b["id"], cont(sh[a["id"]], sh[b["id"]]), jac(sh[a["id"]], sh[b["id"]])))
    # look-alikes: nearest text of any other story
    looks = []
    for t in texts:
        if is_lookalike(t):
            nid, c, j = nearest_other(t, texts, sh)
            looks.append((t["shape"], t["id"], nid, c, j))
    # template groups: template texts of the same agency, pairwise
    tpl = defaultdict(list)
    for t in texts:
        if t["shape"] == "template":
            tpl[t["agency"]].append(t)
    tplpairs = []
    for ag, ts in tpl.items():
        for a, b in itertools.combinations(ts, 2):
            tplpairs.append((ag, a["id"], b["id"], cont(sh[a["id"]], sh[b["id"]]), jac(sh[a["id"]], sh[b["id"]])))
    # every cross-story pair: the highest containment anywhere
    cross = []
    for a, b in itertools.combinations(texts, 2):
        if a["story"] != b["story"]:
            c = cont(sh[a["id"]], sh[b["id"]])
            if c > 0.05:
                cross.append((c, jac(sh[a["id"]], sh[b["id"]]), a["id"], b["id"]))
    cross.sort(reverse=True)
    return rows, twocuts, looks, tplpairs, cross


def checks(texts):
    problems = []
    ids = [t["id"] for t in texts]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        problems.append("duplicate ids: %s" % sorted(dup))
    iom = {"en": r"\bIOM\b|International Organi[sz]ation for Migration", "de": r"\bIOM\b|Internationale[n]? Organisation für Migration",
           "ar": "المنظمة الدولية للهجرة"}
    for t in texts:
        pat = iom.get(t["lang"], r"\bOIM\b")
        if not re.search(pat, " ".join(t["paragraphs"])):
            problems.append("%s: IOM not named in body" % t["id"])
    ref, _ = references(texts)
    for s, t in ref.items():
        n = len(words(t["paragraphs"]))
        p = len(t["paragraphs"])
        # furniture lines ("— AFP", copyright) may sit at the end of a full copy
        if not (300 <= n <= 700) or not (6 <= p <= 14):
            problems.append("%s: wire text has %d words in %d paragraphs" % (t["id"], n, p))
    stories = defaultdict(list)
    for t in texts:
        stories[t["story"]].append(t)
    for s, ts in stories.items():
        if is_lookalike(ts[0]):
            if len(ts) != 1:
                problems.append("look-alike story %s has %d texts" % (s, len(ts)))
            continue
        nwire = sum(1 for t in ts if t["version"] == "wire")
        if not 3 <= nwire <= 6:
            problems.append("%s: %d wire copies" % (s, nwire))
    return problems


def fmt(x):
    return "%.3f" % x


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "texts.json")
    texts = load(path)
    rows, twocuts, looks, tplpairs, cross = analyse(texts)
    stories = {t["story"] for t in texts if not is_lookalike(t)}
    print("texts: %d   stories: %d   look-alikes: %d" % (
        len(texts), len(stories), sum(1 for t in texts if is_lookalike(t))))
    print()
    print("Same-story copies against the story's fullest copy")
    print("%-13s %-12s %3s  %-13s %-13s %s" % ("shape", "version", "n", "containment", "jaccard", "spec"))
    groups = defaultdict(list)
    for s, i, v, shp, r, c, j in rows:
        groups[(v, shp)].append((c, j))
    for (v, shp), cj in sorted(groups.items(), key=lambda k: (k[0][0] != "wire", k[0])):
        cs = [c for c, _ in cj]
        js = [j for _, j in cj]
        spec = ""
        if v == "wire" and shp in RANGES:
            (clo, chi), jr = RANGES[shp]
            spec = "C %.2f-%.2f" % (clo, chi) + (" J %.2f-%.2f" % jr if jr else "")
        print("%-13s %-12s %3d  %s-%s   %s-%s   %s" % (shp, v, len(cj), fmt(min(cs)), fmt(max(cs)),
                                                    fmt(min(js)), fmt(max(js)), spec))
    if twocuts:
        cs = [c for *_, c, _ in twocuts]
        print("%-13s %-12s %3d  %s-%s   (the two cuts of one story against each other; spec ~0.10-0.15)" % (
            "two-cuts pair", "wire", len(twocuts), fmt(min(cs)), fmt(max(cs))))
    print()
    print("Look-alikes: nearest text of any other story")
    print("%-12s %3s  %-9s %-9s" % ("kind", "n", "max C", "max J"))
    kinds = defaultdict(list)
    for k, i, n, c, j in looks:
        kinds[k].append((c, j))
    for k in LOOKALIKE_KINDS:
        if k in kinds:
            print("%-12s %3d  %-9s %-9s" % (k, len(kinds[k]), fmt(max(c for c, _ in kinds[k])),
                                            fmt(max(j for _, j in kinds[k]))))
    if tplpairs:
        cs = [c for *_, c, _ in tplpairs]
        js = [j for *_, j in tplpairs]
        print("template pairs within a group: n=%d  C %s-%s  J %s-%s (spec ~0.5-0.6 / ~0.35-0.4)" % (
            len(tplpairs), fmt(min(cs)), fmt(max(cs)), fmt(min(js)), fmt(max(js))))
    print()
    wire_c = [c for s, i, v, shp, r, c, j in rows if v == "wire"]
    # any two version-"wire" copies of one story (not only against the fullest)
    sh = {t["id"]: shingles(t["paragraphs"]) for t in texts}
    anypair = []
    by_story = defaultdict(list)
    for t in texts:
        if not is_lookalike(t) and t["version"] == "wire":
            by_story[t["story"]].append(t["id"])
    for s, ids in by_story.items():
        for a, b in itertools.combinations(ids, 2):
            anypair.append((cont(sh[a], sh[b]), a, b))
    if anypair:
        lo = min(anypair)
        print("least containment, any two wire copies of one story: %s (%s / %s)" % (fmt(lo[0]), lo[1], lo[2]))
    if wire_c and cross:
        print("least containment, same-story wire copy vs fullest: %s" % fmt(min(wire_c)))
        print("most containment, any two texts of different stories: %s (%s / %s)" % (
            fmt(cross[0][0]), cross[0][2], cross[0][3]))
    probs = checks(texts)
    print()
    print("checks: %s" % ("ok" if not probs else "; ".join(probs)))
    if "--pairs" in sys.argv:
        print()
        for s, i, v, shp, r, c, j in rows:
            print("%-10s %-12s %-12s vs %-10s C=%s J=%s" % (i, v, shp, r, fmt(c), fmt(j)))
        for s, a, b, c, j in twocuts:
            print("two-cuts %s %s C=%s J=%s" % (a, b, fmt(c), fmt(j)))
        for k, i, n, c, j in looks:
            print("%-12s %-10s nearest %-10s C=%s J=%s" % (k, i, n, fmt(c), fmt(j)))
        for ag, a, b, c, j in tplpairs:
            print("template %-8s %s %s C=%s J=%s" % (ag, a, b, fmt(c), fmt(j)))
        for c, j, a, b in cross[:15]:
            print("cross %s %s C=%s J=%s" % (a, b, fmt(c), fmt(j)))


if __name__ == "__main__":
    main()
