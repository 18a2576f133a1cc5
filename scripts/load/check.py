#!/usr/bin/env python3
"""Checks a running `cordmatch serve` on loopback (docs/BENCHMARKS.md).

  check.py concurrent PORT TOKEN IDS [N]   N requests at once (default 1000), each answer compared with a serial one
  check.py during-import PORT TOKEN ID -- CMD...   searches ID in a loop while CMD (an import) runs; prints the
                                           distinct answers in the order seen and when CMD returned
"""
import hashlib, subprocess, sys, threading, time, urllib.request
from concurrent.futures import ThreadPoolExecutor

def get(port, token, path):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req, timeout=300) as r:
        return r.status, r.read()

def concurrent(port, token, ids_file, n=1000):
    ids = [l.strip() for l in open(ids_file) if l.strip()][:50]
    paths = [f"/api/v1/recipients/{i}/search?search_date=2026-01-15" for i in ids]
    serial = {p: get(port, token, p) for p in paths}
    barrier = threading.Barrier(n)
    def one(k):
        p = paths[k % len(paths)]
        barrier.wait()
        return p, get(port, token, p)
    start = time.time()
    with ThreadPoolExecutor(max_workers=n) as pool:
        results = list(pool.map(one, range(n)))
    errors = sum(1 for _, (s, _) in results if s != 200)
    differ = sum(1 for p, r in results if r != serial[p])
    print(f"{n} concurrent requests over {len(paths)} recipients in {time.time() - start:.1f} s: {errors} errors, {differ} answers differing from serial")
    return 1 if errors or differ else 0

def during_import(port, token, rid, cmd):
    path = f"/api/v1/recipients/{rid}/search?search_date=2026-01-15"
    seen, done = [], []
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    def waiter():
        proc.wait(); done.append(time.time())
    threading.Thread(target=waiter).start()
    while not done or len([s for s in seen if s[0] > done[0]]) < 20:
        t = time.time()
        status, body = get(port, token, path)
        seen.append((t, status, hashlib.sha256(body).hexdigest()[:12]))
    order = []
    for t, s, h in seen:
        if not order or order[-1] != h: order.append(h)
    after_commit = {h for t, s, h in seen if t > done[0]}
    print(f"{len(seen)} searches while importing; answers in the order seen: {' → '.join(order)}; "
          f"started after the import returned: {sorted(after_commit)}; errors: {sum(1 for x in seen if x[1] != 200)}; import exit {proc.returncode}")
    return 0 if len(order) <= 2 and len(after_commit) == 1 and after_commit == {order[-1]} else 1

if __name__ == "__main__":
    a = sys.argv[1:]
    if a[0] == "concurrent":
        sys.exit(concurrent(int(a[1]), a[2], a[3], int(a[4]) if len(a) > 4 else 1000))
    if a[0] == "during-import":
        sys.exit(during_import(int(a[1]), a[2], a[3], a[a.index("--") + 1:]))
    sys.exit(__doc__)
