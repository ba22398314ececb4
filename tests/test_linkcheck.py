"""External links are fetched concurrently with timeouts, from a local server (never the internet)."""

from kbgen.checks.linkcheck import fetch_all


def test_each_url_gets_a_status(local_http):
    statuses = fetch_all([f"{local_http}/ok", f"{local_http}/gone", f"{local_http}/no-head", f"{local_http}/ok"])
    assert {url.rsplit("/", 1)[1]: status.error for url, status in statuses.items()} == {
        "ok": None, "gone": "HTTP 404 Not Found", "no-head": None}


def test_a_slow_server_times_out_and_closed_ports_fail(local_http):
    statuses = fetch_all([f"{local_http}/slow", "http://127.0.0.1:9/"], timeout=0.5)
    assert statuses[f"{local_http}/slow"].error == "cannot connect: timed out"
    assert statuses["http://127.0.0.1:9/"].error.startswith("cannot connect:")
