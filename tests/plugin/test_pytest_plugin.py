"""The pytest plugin (dli_emulator.pytest_plugin) as its users meet it: test files run by pytest's
own `pytester` in a fresh interpreter, the plugin loaded through its installed `pytest11` entry
point, never by -p. (Not in-process: pytester forgets the modules such a run imported, and
importing DuckDB's extension module a second time aborts the interpreter.)"""

import json
import re
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from dli_emulator.pytest_plugin import reset

if TYPE_CHECKING:
    from dli_emulator.testing import EmulatorFactory

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow

USER_TESTS = """
import json, os
from pathlib import Path

import pytest
from dli_client.models import JobStatus
from dli_toolkit import JobFailed

SEEN = Path(os.environ["SEEN_FILE"])


def test_first_leaves_a_table_and_jobs(dli, dli_emulator):
    dli.wait(dli.submit("CREATE TABLE leftover (id INT)").job_id)
    job = dli.submit("INSERT INTO leftover VALUES (1), (2)")
    assert dli.wait(job.job_id).status == JobStatus.FINISHED
    SEEN.write_text(json.dumps({"first": dli_emulator.base_url}))


def test_second_starts_clean_on_the_same_server(dli, dli_emulator_server):
    assert list(dli.iter_jobs()) == []
    job = dli.submit("SELECT count(*) AS n FROM leftover")
    with pytest.raises(JobFailed, match="leftover does not exist"):
        dli.wait(job.job_id)
    seen = json.loads(SEEN.read_text())
    seen["second"] = dli_emulator_server.base_url
    SEEN.write_text(json.dumps(seen))


def test_client_signs_with_aksk_and_reads_rows(dli, dli_emulator):
    job = dli.submit("SELECT id, id * 2 AS twice FROM range(3) AS t(id) ORDER BY id")
    assert dli.wait(job.job_id).status == JobStatus.FINISHED
    assert dli.preview(job.job_id).rows == [[0, 0], [1, 2], [2, 4]]
    assert dli.project_id == dli_emulator.project_id
"""


def test_entry_point_is_registered() -> None:
    plugins = {e.name: e.value for e in entry_points(group="pytest11")}
    assert plugins.get("dli_emulator") == "dli_emulator.pytest_plugin"


def test_fixtures_share_one_server_and_reset_between_tests(pytester: pytest.Pytester) -> None:
    seen = pytester.path / "seen.json"
    pytester.makepyfile(test_user=USER_TESTS)
    # A fresh interpreter: the plugin must arrive through the entry point alone.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SEEN_FILE", str(seen))
        result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=3)
    urls = json.loads(seen.read_text())
    assert urls["first"] == urls["second"]
    assert urls["first"].startswith("http://127.0.0.1:")


def test_readme_example_runs_as_written(pytester: pytest.Pytester) -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### In your tests (pytest plugin)") :]
    example = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert example is not None, "README's plugin section has no Python example"
    pytester.makepyfile(test_readme=example.group(1))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=2)


def test_server_stops_when_tests_fail(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_failing="""
        import os
        from pathlib import Path

        def test_fails(dli_emulator):
            Path(os.environ["URL_FILE"]).write_text(dli_emulator.base_url)
            raise AssertionError("planned failure")
        """
    )
    # Session fixtures are torn down with the last test, before pytest_sessionfinish: a server
    # the plugin forgot to stop would still be listening in that process when this hook runs.
    pytester.makeconftest(
        """
        import os, socket
        from pathlib import Path
        from urllib.parse import urlsplit

        def pytest_sessionfinish(session):
            url = urlsplit(Path(os.environ["URL_FILE"]).read_text())
            try:
                socket.create_connection((url.hostname, url.port), timeout=2.0).close()
                state = "still listening"
            except ConnectionRefusedError:
                state = "stopped"
            Path(os.environ["STATE_FILE"]).write_text(state)
        """
    )
    url_file, state_file = pytester.path / "url.txt", pytester.path / "state.txt"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("URL_FILE", str(url_file))
        patch.setenv("STATE_FILE", str(state_file))
        result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*planned failure*"])
    assert url_file.read_text().startswith("http://127.0.0.1:")
    assert state_file.read_text() == "stopped"


def test_reset_without_the_reset_route_is_an_error(emulator_factory: "EmulatorFactory") -> None:
    # The plugin's own reset must fail loudly, never leave a test on a dirty server.
    emulator = emulator_factory.start(enable_reset=False)
    with pytest.raises(RuntimeError, match="answered 404"):
        reset(emulator)


def test_without_the_emulator_extra_the_fixtures_say_what_to_install(
    pytester: pytest.Pytester,
) -> None:
    # A base install registers the entry point too; Starlette missing stands for the extra.
    pytester.makeconftest("import sys\nsys.modules['starlette'] = None\n")
    pytester.makepyfile(test_base="def test_needs_emulator(dli_emulator):\n    pass\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(errors=1)
    result.stdout.re_match_lines([r".*pip install 'dli-sqljob\[emulator\]'.*"])
    result.stdout.no_fnmatch_line("*pytest_plugin.py:*")
