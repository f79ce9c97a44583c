// Imperium's pytest plugin, written for one run into its private folder and loaded with `-p`. It
// removes its own file as soon as Python has read it (before any conftest.py or test module loads),
// so the seal in its source lives on only in the process's memory. Where pytest-xdist is installed,
// its workers import the plugin again, so the file stays until pytest is configured, and for the
// whole run when xdist's workers are in use. It does two things:
//
// - the must-fail canary (testCanary.ts): after collection and selection it adds two tests to every
//   module that has tests, after the module's own, so they run under the same conftest.py hooks and
//   fixtures: one whose `assert 1 == 2` must be reported failed, one that must be reported passed.
//   They are compiled under the module's own file name, so their results are reported in that file.
//   The one that must fail is not counted among the session's failures, so neither `-x` nor
//   `--maxfail` stops at it and pytest's exit code is that of the project's own tests.
// - the seal on pytest's report: once pytest has written its JUnit XML report, it appends a sealed
//   record with the report's SHA-256, so a report rewritten afterwards (an atexit hook of the code
//   under test) no longer matches, and a run that never got that far has no such record.
import type { RecordDestination } from './reporterRecords';
import type { TestCanary } from './testCanary';

/** A Python string literal (JSON's escapes are Python's). */
const py = (text: string): string => JSON.stringify(text);

export const pytestPluginSource = (destination: RecordDestination, report: string, canary: TestCanary): string => `# Imperium Flow's pytest plugin (see src/infra/testRunners/pytestPluginSource.ts).
import hashlib
import importlib.util
import json
import os

import pytest


def _remove_own_file():
    try:
        os.unlink(__file__)
    except OSError:
        pass


if importlib.util.find_spec("xdist") is None:
    _remove_own_file()

_RECORDS = ${py(destination.file)}
_SEAL = ${py(destination.seal)}
_REPORT = ${py(report)}
_CANARY = ${py(`def ${canary.mustFail}():\n    assert 1 == 2\n\ndef ${canary.mustPass}():\n    assert 1 == 1\n`)}


def _write(record):
    record["seal"] = _SEAL
    with open(_RECORDS, "a", encoding="utf-8") as records:
        records.write(json.dumps(record) + "\\n")


def _canary_items(module):
    namespace = {}
    exec(compile(_CANARY, str(module.path), "exec"), namespace)
    return [pytest.Function.from_parent(module, name=name, callobj=namespace[name]) for name in (${py(canary.mustFail)}, ${py(canary.mustPass)})]


def pytest_configure(config):
    if not getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput"):
        _remove_own_file()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    last = {}
    for index, item in enumerate(items):
        module = item.getparent(pytest.Module)
        if module is not None:
            last[module] = index
    after = {index: module for module, index in last.items()}
    with_canary = []
    for index, item in enumerate(items):
        with_canary.append(item)
        if index in after:
            with_canary.extend(_canary_items(after[index]))
    items[:] = with_canary


class _CanaryUncounted:
    # Called before the session's own hook (tryfirst, and registered after it), which counts a
    # failure only without "wasxfail".
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_logreport(self, report):
        if report.failed and report.nodeid.endswith("::" + ${py(canary.mustFail)}) and not hasattr(report, "wasxfail"):
            report.wasxfail = ""
            report.imperium_uncounted = True


class _CanaryRestored:
    # Called before the JUnit and terminal reporters (registered after them), which report it failed.
    def pytest_runtest_logreport(self, report):
        if getattr(report, "imperium_uncounted", False):
            del report.wasxfail
            del report.imperium_uncounted


def pytest_sessionstart(session):
    session.config.pluginmanager.register(_CanaryUncounted(), "imperium-canary-uncounted")
    session.config.pluginmanager.register(_CanaryRestored(), "imperium-canary-restored")


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    # xdist's workers finish sessions of their own; the report is the controller's.
    if hasattr(session.config, "workerinput"):
        return
    try:
        with open(_REPORT, "rb") as report:
            digest = hashlib.sha256(report.read()).hexdigest()
    except OSError:
        digest = None
    _write({"type": "end", "report": digest})
`;
