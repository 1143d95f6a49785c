import re

from deploy.bench import machine_speed


def test_the_benchmark_names_the_machine_s_python_speed_in_microseconds():
    line = machine_speed()
    match = re.fullmatch(r"Python on this machine: sum\(range\(1000\)\) takes (\d+\.\d) µs", line)
    assert match, line
    assert 0 < float(match[1]) < 10_000
