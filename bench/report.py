"""The printed table and the issue's targets, from the report dict."""

from .queries import CLASS_LABELS, CLASSES

TARGET_P95_MS = {"postgresql": 20.0, "sqlite": 20.0}  # issue 12: every class, uncached, first execution
TARGET_SPEEDUP = 20.0
TARGET_IMPORT_RATE = 2000.0
TARGET_IMPORT_MB = 1024.0
TARGET_HTTP_RPS = 500.0  # cached
TARGET_HTTP_UNCACHED_RPS = 100.0
TARGET_TYPEAHEAD_P95_MS = 10.0
TARGET_FIRST_SEARCH_S = 0.5
TARGET_SAVE_MS = 50.0


def targets(report: dict) -> dict[str, dict]:
    vendor = report["meta"]["database"]
    p95_limit = TARGET_P95_MS.get(vendor, 60.0)
    worst = max(report["search"][k]["p95_ms"] for k in CLASSES)
    slowest_ratio = min((r for r in report["speedup_p95"].values() if r is not None), default=0)
    checks = {
        f"search p95 <= {p95_limit:g} ms (every class)": (worst, worst <= p95_limit),
        f"speed-up >= {TARGET_SPEEDUP:g}x at p95 (every class)": (slowest_ratio, slowest_ratio >= TARGET_SPEEDUP),
        f"import >= {TARGET_IMPORT_RATE:g} articles/s": (
            report["import"]["articles_per_second"], report["import"]["articles_per_second"] >= TARGET_IMPORT_RATE),
        f"import peak < {TARGET_IMPORT_MB:g} MB": (
            report["import"]["peak_rss_mb"], report["import"]["peak_rss_mb"] < TARGET_IMPORT_MB),
    }
    if "typeahead" in report:
        p95 = report["typeahead"]["p95_ms"]
        checks[f"type-ahead p95 <= {TARGET_TYPEAHEAD_P95_MS:g} ms"] = (p95, p95 <= TARGET_TYPEAHEAD_P95_MS)
        save = report["save"]["median_ms"]
        checks[f"admin save incl. index <= {TARGET_SAVE_MS:g} ms (median)"] = (save, save <= TARGET_SAVE_MS)
    first = report.get("fresh_worker", {}).get("first_search_s")
    if first is not None:
        checks[f"fresh worker's first search <= {TARGET_FIRST_SEARCH_S:g} s"] = (first, first <= TARGET_FIRST_SEARCH_S)
    page = report["http"].get("search_page")
    if page:
        checks[f"search page (cached) >= {TARGET_HTTP_RPS:g} req/s, 0 errors"] = (
            page["rps"], page["rps"] >= TARGET_HTTP_RPS and page["errors"] == 0)
    page = report["http"].get("search_page_uncached")
    if page:
        checks[f"search page (uncached) >= {TARGET_HTTP_UNCACHED_RPS:g} req/s, 0 errors"] = (
            page["rps"], page["rps"] >= TARGET_HTTP_UNCACHED_RPS and page["errors"] == 0)
    return {name: {"value": value, "met": met} for name, (value, met) in checks.items()}


def table(report: dict) -> str:
    meta, imp = report["meta"], report["import"]
    lines = [
        f"bench: {meta['articles']:,} articles ({report['corpus']['public']:,} public) on {meta['database']}, "
        f"{report['queries']['distinct']} distinct queries, {meta['machine']}",
        f"engine: HEAD {meta['engine']['head']}{' + uncommitted search/' if meta['engine']['search_dirty'] else ''}"
        f" (search/ sha1 {meta['engine']['search_sha1']})",
        "",
        f"{'class':<24}{'n':>4}  {'ours p50':>9}{'p95':>9}{'p99':>9}  {'naive n':>7}{'p50':>10}{'p95':>10}{'p99':>10}"
        f"  {'x p95':>7}",
    ]
    for kind in CLASSES:
        s, b = report["search"][kind], report["baseline"][kind]
        ratio = report["speedup_p95"][kind]
        errors = f"  ({s['errors']} errors)" if s["errors"] else ""
        lines.append(
            f"{CLASS_LABELS[kind]:<24}{s['n']:>4}  {s['p50_ms']:>9.1f}{s['p95_ms']:>9.1f}{s['p99_ms']:>9.1f}"
            f"  {b['n']:>7}{b['p50_ms']:>10.1f}{b['p95_ms']:>10.1f}{b['p99_ms']:>10.1f}"
            f"  {ratio if ratio is not None else '-':>7}{errors}"
        )
    lines += ["", "(latencies in ms; 'x p95' = naive p95 / ours p95)", ""]
    lines.append(
        f"import: {imp['articles']:,} articles in {imp['seconds']:.1f} s = {imp['articles_per_second']:,.0f} articles/s, "
        f"peak RSS {imp['peak_rss_mb']:.0f} MB  [{imp['method']}]"
    )
    if "typeahead" in report:
        t, save, worker = report["typeahead"], report["save"], report.get("fresh_worker", {})
        lines.append(f"type-ahead: {t['n']} prefixes, p50 {t['p50_ms']} ms, p95 {t['p95_ms']} ms")
        lines.append(f"admin save incl. index: median {save['median_ms']} ms, p95 {save['p95_ms']} ms")
        if "first_search_s" in worker:
            lines.append(
                f"fresh worker: django setup {worker['django_setup_s']:.2f} s, first search {worker['first_search_s']:.3f} s, "
                f"RSS after the query mix {worker['worker_rss_mb']:.0f} MB"
            )
        lines.append(f"index on disk: {report['index']['mb']} MB; rebuild_search_index {report.get('rebuild_s', '?')} s")
    http = report["http"]
    if http.get("skipped"):
        lines.append("http: skipped")
    if http.get("stale_schema"):
        lines.append(f"http: INVALID — the code on disk gained migrations during the run: {', '.join(http['stale_schema'])}")
    for name in ("search_page", "api_search", "search_page_uncached", "api_search_uncached"):
        if name in http:
            h = http[name]
            lines.append(
                f"http {name:<12} {h['rps']:>8.1f} req/s  p50 {h['p50_ms']:.1f} ms  p99 {h['p99_ms']:.1f} ms  "
                f"errors {h['errors']} (non-2xx {h['non_2xx']}, socket {h['socket_errors']}; first status "
                f"{h['probe_status']})  [{h['tool']}]"
            )
    lines += ["", "document frequency of the query terms (public articles containing the term):"]
    for row in report["terms"]:
        lines.append(f"  {row['class']:<9} {row['term']:<14} {row['df']:>8,}  {row['df_pct']:>7.3f}%")
    lines += ["", "targets:"]
    for name, check in report["targets"].items():
        value = check["value"]
        shown = f"{value:,.1f}" if isinstance(value, float | int) else value
        lines.append(f"  [{'met' if check['met'] else 'MISSED'}] {name}: {shown}")
    return "\n".join(lines)
