#!/usr/bin/env python3
"""Measure the margins of the part-B wire-dev set (b.json).

Definition (from the spec): words = re.findall(r"\\w+", " ".join(paragraphs).lower());
shingles = set of 5-word windows; containment = |A&B| / min(|A|,|B|); jaccard = |A&B| / |A|B|.
Headlines are not included.

Usage: python3 measure-b.py [path/to/b.json] [--pairs]
"""
import itertools, json, os, re, sys
from collections import defaultdict

SPEC = {  # containment ranges against the fullest copy of the story, from the spec
    "cut": (0.51, 0.60), "teaser": (0.51, 0.60), "local-intro": (0.44, 0.48),
    "edits": (0.44, 0.48), "reordered": (0.21, 0.34),
}
SPEC_J = {"cut": (0.10, 0.24), "teaser": (0.10, 0.24)}


def shingles(paras, k=5):
    w = re.findall(r"\w+", " ".join(paras).lower())
    return set(tuple(w[i:i + k]) for i in range(len(w) - k + 1))


def cj(a, b):
    i = len(a & b)
    return i / min(len(a), len(b)), i / len(a | b)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "b.json")
    texts = json.load(open(path, encoding="utf-8"))
    S = {t["id"]: shingles(t["paragraphs"]) for t in texts}
    by_story = defaultdict(list)
    for t in texts:
        by_story[t["story"]].append(t)
    looks = {s for s, ts in by_story.items() if len(ts) == 1}
    stories = {s: ts for s, ts in by_story.items() if s not in looks}
    problems = []

    # 1. same-story copies against the fullest copy, by version/shape
    rows = defaultdict(list)
    twocut = []
    for s, ts in sorted(stories.items()):
        full = [t for t in ts if t["version"] == "wire" and t["shape"] == "full"][0]
        for t in ts:
            if t is full:
                continue
            c, j = cj(S[t["id"]], S[full["id"]])
            key = t["shape"] if t["version"] == "wire" else t["version"] + ("" if t["version"] == "translation" else "")
            rows[key].append((c, j, t["id"]))
            if t["version"] == "wire" and t["shape"] in SPEC:
                lo, hi = SPEC[t["shape"]]
                if not lo <= round(c, 2) <= hi:
                    problems.append(f"{t['id']} {t['shape']} containment {c:.3f} outside {lo}-{hi}")
                if t["shape"] in SPEC_J:
                    lo, hi = SPEC_J[t["shape"]]
                    if not lo <= round(j, 2) <= hi:
                        problems.append(f"{t['id']} {t['shape']} jaccard {j:.3f} outside {lo}-{hi}")
            if t["shape"] == "two-cuts" and c < 0.5:
                problems.append(f"{t['id']} two-cuts only {c:.3f} against fullest copy")
        tc = [t for t in ts if t["shape"] == "two-cuts"]
        for a, b in itertools.combinations(tc, 2):
            c, j = cj(S[a["id"]], S[b["id"]])
            twocut.append((c, j, a["id"] + " ~ " + b["id"]))
            if not 0.10 <= round(c, 2) <= 0.15:
                problems.append(f"two-cuts pair {a['id']} {b['id']} containment {c:.3f} outside 0.10-0.15")

    # least containment over every same-story pair in the same language
    least_pair = []
    for s, ts in stories.items():
        for a, b in itertools.combinations(ts, 2):
            if a["lang"] == b["lang"]:
                c, j = cj(S[a["id"]], S[b["id"]])
                least_pair.append((c, j, a["id"] + " ~ " + b["id"]))
    least_pair.sort()

    # 2. look-alikes: most containment / jaccard against any text of another story
    lk = defaultdict(list)
    for s in looks:
        t = by_story[s][0]
        best = max((cj(S[t["id"]], S[u["id"]]) + (u["id"],) for u in texts if u["story"] != s), key=lambda x: x[0])
        bestj = max((cj(S[t["id"]], S[u["id"]])[1], u["id"]) for u in texts if u["story"] != s)
        lk[t["shape"]].append((best[0], bestj[0], t["id"] + " ~ " + best[2]))
    # most between texts of different (non-look-alike) stories
    cross = max((cj(S[a["id"]], S[b["id"]]) + (a["id"] + " ~ " + b["id"],)
                 for a, b in itertools.combinations([t for t in texts if t["story"] not in looks], 2)
                 if a["story"] != b["story"]), key=lambda x: x[0])

    # report
    n_copies = sum(len(ts) for ts in stories.values())
    print(f"file: {path}")
    print(f"{len(texts)} texts: {len(stories)} stories with {n_copies} copies, {len(looks)} look-alikes\n")
    print("Same-story copies against the story's fullest copy (shape 'full', version 'wire')")
    print(f"{'shape / version':22} {'n':>3}  {'least C':>8} {'most C':>7}  {'least J':>8} {'most J':>7}  spec C")
    order = ["cut", "teaser", "two-cuts", "local-intro", "edits", "reordered", "furniture", "writethrough", "translation"]
    for k in order + sorted(set(rows) - set(order)):
        if k not in rows:
            continue
        r = rows[k]
        spec = "-".join(map(str, SPEC[k])) if k in SPEC else ("≥0.5" if k == "two-cuts" else "")
        print(f"{k:22} {len(r):3}  {min(x[0] for x in r):8.3f} {max(x[0] for x in r):7.3f}  "
              f"{min(x[1] for x in r):8.3f} {max(x[1] for x in r):7.3f}  {spec}")
    if twocut:
        print(f"{'two-cuts pair (each other)':22} {len(twocut):3}  {min(x[0] for x in twocut):8.3f} "
              f"{max(x[0] for x in twocut):7.3f}  {min(x[1] for x in twocut):8.3f} {max(x[1] for x in twocut):7.3f}  0.10-0.15")
    c, j, p = least_pair[0]
    print(f"\nleast containment of any same-story, same-language pair: {c:.3f} (jaccard {j:.3f}) {p}")
    print("\nLook-alikes: most containment / jaccard against any text of another story")
    print(f"{'kind':14} {'n':>3}  {'most C':>7} {'most J':>7}  pair with most C")
    for k in ["template", "independent", "follow-up", "release", "roundup", "same-topic"] + sorted(set(lk) - {"template", "independent", "follow-up", "release", "roundup", "same-topic"}):
        if k not in lk:
            continue
        r = lk[k]
        top = max(r)
        print(f"{k:14} {len(r):3}  {top[0]:7.3f} {max(x[1] for x in r):7.3f}  {top[2]}")
    print(f"\nmost containment between copies of two different stories: {cross[0]:.3f} (jaccard {cross[1]:.3f}) {cross[2]}")
    if "--pairs" in sys.argv:
        print("\nAll copies against fullest:")
        for k, r in rows.items():
            for c, j, i in sorted(r):
                print(f"  {k:14} {i:10} C={c:.3f} J={j:.3f}")
        for k, r in lk.items():
            for c, j, i in sorted(r):
                print(f"  {k:14} {i:24} C={c:.3f} J={j:.3f}")
    print("\nrange problems:", "none" if not problems else "")
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
