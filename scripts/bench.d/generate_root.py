#!/usr/bin/env python3
"""Write a synthetic Sitrep artifact root for the benchmark.

The records have the shapes `sitrep simulate` writes (node states, order/position
reconciliation, SLO evaluations, data quality cycles, incident journals), but are produced in
bulk: the simulator writes live, one locked and fsynced append at a time, which is right for
a demo and far too slow for a gigabyte. Output is deterministic for a given --seed and --now.

  generate_root.py --root DIR --runs 200 --nodes 1000 --megabytes 1024 --incidents 10000 --active 20
"""
import argparse
import datetime as dt
import json
import os
import random

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def iso(seconds):
    return (EPOCH + dt.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f)


def order_line(ts, run, check, mismatch):
    if mismatch:
        return (
            f'{{"ts":"{iso(ts)}","run_id":"{run}","check":{check},"status":"mismatch","orders_checked":{118 + check % 9},'
            f'"mismatch_count":2,"mismatched_order_ids":["ORD-{70400 + check}","ORD-{70417 + check}"],'
            f'"detail":"broker fill status differs from the ledger","venue":"XNAS","latency_ms":{(check * 7) % 90 + 3}.5}}\n'
        )
    return (
        f'{{"ts":"{iso(ts)}","run_id":"{run}","check":{check},"status":"match","orders_checked":{118 + check % 9},'
        f'"mismatch_count":0,"venue":"XNAS","latency_ms":{(check * 7) % 90 + 3}.5,"note":"cycle \\u2714 ok"}}\n'
    )


def position_line(ts, run, check):
    return (
        f'{{"ts":"{iso(ts)}","run_id":"{run}","check":{check},"status":"match","symbols_checked":14,'
        f'"mismatch_count":0,"book":"paper","positions":{{"AAPL":{check % 300},"MSFT":{check % 170},"NVDA":-{check % 50}}}}}\n'
    )


def slo_line(ts, run, check):
    value = 40 + (check * 13) % 200
    return (
        f'{{"ts":"{iso(ts)}","run_id":"{run}","event_type":"slo_evaluation","slo":"order_latency_p99_ms",'
        f'"value":{value},"target":250,"breached":false,"window_s":60,"samples":{1000 + check % 500}}}\n'
    )


def dq_line(ts, run, check):
    return (
        f'{{"ts":"{iso(ts)}","run_id":"{run}","cycle":{check},"errors":0,"stale_warnings":{check % 3},'
        f'"feeds":["quotes","trades","reference"],"checked_rows":{20000 + check % 999}}}\n'
    )


def journal(run_index, run, incidents, active, start, step, rng, now):
    lines = []
    for k in range(incidents):
        number = run_index * incidents + k
        iid = f"INC-{run}-{k:04d}"
        sev = ("SEV0", "SEV1", "SEV2", "SEV3")[number % 4]
        live = k < active
        opened = now - 60 * (k + 2) if live else start + k * step
        base = {"incident_id": iid, "run_id": run}
        lines.append(dict(event_type="incident_open", severity=sev, title=f"Synthetic incident {number} on {run}",
                          ts=iso(opened), event_id=f"{iid}-open", by="bench", source="bench", **base))
        if live:
            continue
        lines.append(dict(event_type="incident_ack", ack_by="alice", notes="looking", ts=iso(opened + 120),
                          event_id=f"{iid}-ack", **base))
        lines.append(dict(event_type="incident_update", by="alice", message="mitigation in progress",
                          ts=iso(opened + 900), event_id=f"{iid}-upd", **base))
        lines.append(dict(event_type="incident_resolved", by="alice", root_cause="synthetic",
                          ts=iso(opened + 1800 + rng.randrange(600)), event_id=f"{iid}-res", **base))
    return "".join(json.dumps(line, separators=(",", ":")) + "\n" for line in lines)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--root", required=True)
    p.add_argument("--runs", type=int, default=200)
    p.add_argument("--nodes", type=int, default=1000)
    p.add_argument("--megabytes", type=float, default=1024)
    p.add_argument("--incidents", type=int, default=10000, help="incidents over all run journals")
    p.add_argument("--active", type=int, default=20, help="incidents left open (live countdowns), newest runs first")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--now", type=float, default=None, help="epoch seconds (default: the clock)")
    a = p.parse_args()
    rng = random.Random(a.seed)
    now = int(a.now if a.now is not None else dt.datetime.now(dt.timezone.utc).timestamp())
    history = 30 * 86400
    per_run_bytes = a.megabytes * 1024 * 1024 / a.runs
    per_run_incidents = max(1, a.incidents // a.runs)

    for n in range(1, a.nodes + 1):
        write_json(f"{a.root}/nodes/node-{n:04d}/node_state.json", {
            "node_id": f"node-{n:04d}", "health": "ok", "last_heartbeat": iso(now - n % 20),
            "uptime_ratio": 0.999, "last_cycle_ok": True, "failing_smoke_step": None, "cycle": 4000 + n})
    write_json(f"{a.root}/pilot/pilot_metrics.json", {
        "last_cycle_ok": True, "step_count": 1200, "uptime_ratio_24h": 0.994, "status_collected": True,
        "updated_at": iso(now)})
    write_json(f"{a.root}/gateway/stats.json", {"kill_switch": False, "halt_reason": None, "updated_at": iso(now)})

    active_left = a.active
    for r in range(a.runs):
        run = f"run-{r:04d}"
        directory = f"{a.root}/results/runs/{run}"
        os.makedirs(directory, exist_ok=True)
        start = now - history + r * history // a.runs
        span = history // a.runs
        active = min(active_left, per_run_incidents) if r >= a.runs - (a.active + per_run_incidents - 1) // per_run_incidents else 0
        active_left -= active
        with open(f"{directory}/incident_events.jsonl", "w") as f:
            f.write(journal(r, run, per_run_incidents, active, start, span // per_run_incidents, rng, now))
        shares = {"order_reconciliation_events.jsonl": 0.45, "position_reconciliation_events.jsonl": 0.25,
                  "ops_slo_events.jsonl": 0.18, "data_quality_events.jsonl": 0.12}
        for name, share in shares.items():
            target = per_run_bytes * share
            written = 0
            check = 0
            with open(f"{directory}/{name}", "w", buffering=1 << 20) as f:
                while written < target:
                    block = []
                    for _ in range(500):
                        check += 1
                        ts = start + check
                        if name.startswith("order"):
                            line = order_line(ts, run, check, check % 97 == 0)
                        elif name.startswith("position"):
                            line = position_line(ts, run, check)
                        elif name.startswith("ops"):
                            line = slo_line(ts, run, check)
                        else:
                            line = dq_line(ts, run, check)
                        block.append(line)
                    text = "".join(block)
                    f.write(text)
                    written += len(text)


if __name__ == "__main__":
    main()
