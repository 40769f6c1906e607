#!/usr/bin/env python3
"""Validates seed/questions/**.json against the question-file format; prints counts and problems."""
import json, os, re, sys, collections
root = os.path.join(os.path.dirname(__file__), "..", "seed", "questions")
tracks = {"swe_intern","swe_engineer","frontend","backend","data","engineering_manager"}
companies = {"general","amazon","google","meta","microsoft","apple","netflix"}
difficulties = {"easy","medium","hard","expert"}
types = {"behavioral","technical","system_design","dsa"}
problems, ids, count = [], set(), collections.Counter()
for dirpath, _, files in os.walk(root):
    for f in files:
        path = os.path.join(dirpath, f)
        rel = os.path.relpath(path, root)
        parts = rel.split(os.sep)
        if len(parts) != 3 or parts[0] not in tracks or parts[1] not in companies or parts[2][:-5] not in difficulties:
            problems.append(f"{rel}: bad path"); continue
        try: data = json.load(open(path))
        except Exception as e: problems.append(f"{rel}: {e}"); continue
        for q in data.get("questions", []):
            qid = q.get("id", "?")
            if qid in ids: problems.append(f"{rel}: duplicate id {qid}")
            ids.add(qid)
            exp = f"{parts[0]}.{parts[1]}.{parts[2][:-5]}."
            if not str(qid).startswith(exp): problems.append(f"{rel}: id {qid} should start with {exp}")
            if q.get("type") not in types: problems.append(f"{rel}: {qid} bad type")
            if q.get("rubricCategory") != q.get("type"): problems.append(f"{rel}: {qid} rubricCategory != type")
            for field, lo, hi in [("tags",1,6),("expectedKeyPoints",4,6),("followUpHints",2,3)]:
                v = q.get(field)
                if not isinstance(v, list) or not (lo <= len(v) <= hi) or any(not isinstance(x,str) or not x.strip() for x in v):
                    problems.append(f"{rel}: {qid} {field} needs {lo}-{hi} non-empty strings")
            if not all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", t) for t in q.get("tags", [])): problems.append(f"{rel}: {qid} tags must be kebab-case")
            ts = q.get("techStack")
            if not isinstance(ts, list) or any(t != t.lower() for t in ts): problems.append(f"{rel}: {qid} techStack must be a lowercase list")
            if not q.get("text", "").strip(): problems.append(f"{rel}: {qid} empty text")
            count[(parts[1], q.get("type"))] += 1
print("questions:", len(ids))
for k, v in sorted(count.items()): print(" ", k, v)
for p in problems: print("PROBLEM", p)
sys.exit(1 if problems else 0)
