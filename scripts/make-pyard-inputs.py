#!/usr/bin/env python3
"""Generate the varied typing inputs compared against py-ard (deterministic, seed 2026).

Usage (see scripts/make-pyard-expected): python3 scripts/make-pyard-inputs.py ../shared/imgt-hla/3.58.0 > fixtures/pyard/inputs-3.58.0.txt
Reads the release files only to pick real names; writes one typing per line.
"""
import random
import sys
from pathlib import Path

rel = Path(sys.argv[1])
rng = random.Random(2026)

def data_lines(p):
    return [l.rstrip("\n") for l in p.read_text().splitlines() if l and not l.startswith("#")]

alleles = [l.split(",")[1] for l in data_lines(rel / "Allelelist.txt")[1:]]
loci_main = ["A", "B", "C", "DRB1", "DQB1", "DPB1"]
by_locus = {}
for a in alleles:
    by_locus.setdefault(a.split("*")[0], []).append(a)

out = []
def add(x):
    out.append(x)

# 1. full names, all loci (weighted to the main ones)
for loc, names in sorted(by_locus.items()):
    k = 60 if loc in loci_main else 6
    for a in rng.sample(names, min(k, len(names))):
        add(a)
# 2. truncations to 3 and 2 fields (suffix dropped, as labs write them)
for loc in loci_main + ["DRB3", "DRB4", "DRB5", "DQA1", "DPA1"]:
    names = by_locus.get(loc, [])
    for a in rng.sample(names, min(40, len(names))):
        core = a.rstrip("NLSQCA")
        f = core.split(":")
        add(":".join(f[:2]))
        if len(f) > 2:
            add(":".join(f[:3]))
# 3. null and other expression-suffixed alleles
suffixed = [a for a in alleles if a[-1] in "NLSQCA"]
for a in rng.sample(suffixed, 120):
    add(a)
    f = a[:-1].split(":")
    if len(f) > 2:
        add(":".join(f[:2]) + a[-1])  # short-null style
# 4. XX codes
for loc in loci_main + ["DRB3", "DRB4", "DRB5", "DQA1"]:
    firsts = sorted({a.split("*")[1].split(":")[0] for a in by_locus.get(loc, [])})
    for f1 in rng.sample(firsts, min(12, len(firsts))):
        add(f"{loc}*{f1}:XX")
add("A*09:XX"); add("B*12:XX"); add("DRB1*02:XX"); add("C*10:XX")
# 5. serology
sero = ["A1","A2","A203","A210","A3","A9","A10","A11","A19","A23","A24","A2403","A25","A26","A28","A29","A30","A31",
        "A32","A33","A34","A36","A43","A66","A68","A69","A74","A80","B5","B7","B703","B8","B12","B13","B14","B15",
        "B16","B17","B18","B21","B22","B27","B2708","B35","B37","B38","B39","B3901","B3902","B40","B4005","B41","B42",
        "B44","B45","B46","B47","B48","B49","B50","B51","B5102","B5103","B52","B53","B54","B55","B56","B57","B58",
        "B59","B60","B61","B62","B63","B64","B65","B67","B70","B71","B72","B73","B75","B76","B77","B78","B81","B82",
        "Cw1","Cw2","Cw3","Cw4","Cw5","Cw6","Cw7","Cw8","Cw9","Cw10","DR1","DR103","DR2","DR3","DR4","DR5","DR6",
        "DR7","DR8","DR9","DR10","DR11","DR12","DR13","DR14","DR1403","DR1404","DR15","DR16","DR17","DR18",
        "DQ1","DQ2","DQ3","DQ4","DQ5","DQ6","DQ7","DQ8","DQ9"]
for s in sero:
    add(s)
# 6. G and P group names
def groups(fname):
    res = []
    for l in data_lines(rel / "wmda" / fname):
        loc, members, name = l.split(";")[:3]
        if name:
            res.append(loc + name)
    return res
for g in rng.sample(groups("hla_nom_g.txt"), 150):
    add(g)
for p in rng.sample(groups("hla_nom_p.txt"), 150):
    add(p)
# 7. GL strings: genotypes, allele lists, multi-locus, with and without the HLA- prefix
def two_field(loc):
    a = rng.choice(by_locus[loc]).rstrip("NLSQCA")
    return ":".join(a.split(":")[:2])
for i in range(200):
    parts = []
    for loc in rng.sample(loci_main, rng.randint(1, 3)):
        x, y = two_field(loc), two_field(loc)
        if rng.random() < 0.3:
            y = y + "/" + two_field(loc)
        parts.append(f"{x}+{y}")
    gl = "^".join(parts)
    if rng.random() < 0.3:
        gl = "^".join("+".join("/".join("HLA-" + a for a in al.split("/")) for al in g.split("+")) for g in gl.split("^"))
    add(gl)
for i in range(30):
    add(f"{two_field('A')}+{two_field('A')}|{two_field('A')}+{two_field('A')}")
    add(f"{two_field('DRB1')}~{two_field('DQB1')}+{two_field('DRB1')}~{two_field('DQB1')}")
# 8. HLA- prefixed singles and a few malformed inputs
for a in rng.sample(alleles, 60):
    add("HLA-" + a)
for bad in ["A*99:99", "A*01:01:01:01:01", "B*07:", "A*", "DRB1*15:01:01:01:01", "HLA-A*01:9999", "A*01:01X",
            "C*123:01", "XYZ*01:01", "A1000", "B*07:02+", "A*01:01^^B*08:01", "DR99", "A*02:01:01:01G"]:
    add(bad)

seen = set()
for x in out:
    if x not in seen:
        seen.add(x)
        print(x)
print(f"# {len(seen)} inputs", file=sys.stderr)
