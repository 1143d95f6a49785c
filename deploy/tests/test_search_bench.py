"""The search section of `make bench`: where it makes its database, and how it reports."""

from deploy import search_bench


def test_it_uses_the_postgresql_server_of_database_url(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://app:secret@db.internal:5433/site")
    server = search_bench.postgresql_server()
    assert search_bench.with_database(server, "bench") == (
        "postgresql://app:secret@db.internal:5433/bench"
    )


def test_without_postgresql_in_database_url_it_asks_the_local_server(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:///db.sqlite3")
    assert search_bench.postgresql_server() == search_bench.LOCAL_SERVER


def test_the_report_gives_each_query_and_all_of_them_against_the_target():
    visitors = {"anonymous": "", "practitioner": "sessionid=x"}
    times = {
        (visitor, query): [10.0] * 9 + [100.0 if visitor == "anonymous" else 200.0]
        for visitor in visitors
        for query in search_bench.QUERIES
    }
    lines = search_bench.report(times, visitors).splitlines()
    assert len(lines) == 1 + len(search_bench.QUERIES) + 2
    assert lines[1].split() == ["neglect", "10.0", "59.5", "10.0", "114.5"]
    assert lines[-2].split()[-4:] == ["10.0", "100.0", "10.0", "200.0"]
    assert lines[-1] == ("search p95 target 150 ms: MISSED (anonymous 100 ms, practitioner 200 ms)")
