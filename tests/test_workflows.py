"""The GitHub Actions workflows, the pre-commit hooks, and the check step run for real.

Every workflow file is parsed as YAML and its triggers and steps asserted
(PyYAML reads the key ``on`` as ``True``). The repository's workflows and the
ones ``ashyq init`` writes come from one template; tests keep them equal. The
check step's exact ``run:`` command is then executed in a shell on a broken
portal, and its ``::error file=…,line=…`` annotations must point at the broken
file and line, as GitHub shows them on the pull request.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from ashyq.scaffold.init import INSTALL, WORKFLOWS, init_portal, render_workflow
from ashyq.synthetic import write_portal

REPO = Path(__file__).resolve().parents[1]
WORKFLOW_DIR = REPO / ".github" / "workflows"
# GitHub's own actions by major version; anyone else's by the full commit (a tag can be moved).
PINNED = re.compile(r"^(actions/[a-z-]+@v\d+(\.\d+){0,2}|[A-Za-z0-9-]+/[A-Za-z0-9._-]+@[0-9a-f]{40})$")
COUNCIL = "councils/council-001"


def load(text: str) -> dict:
    return yaml.safe_load(text)


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the bare key `on` as the boolean true.
    assert "on" not in workflow
    return workflow[True]


def steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def step(workflow: dict, job: str, name: str) -> dict:
    found = [s for s in steps(workflow, job) if s.get("name") == name]
    assert len(found) == 1, [s.get("name") for s in steps(workflow, job)]
    return found[0]


def uses(workflow: dict, job: str, action: str) -> dict:
    found = [s for s in steps(workflow, job) if s.get("uses", "").split("@")[0] == action]
    assert len(found) == 1, (action, [s.get("uses") for s in steps(workflow, job)])
    return found[0]


def project_python() -> str:
    spec = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    return re.search(r"(\d+\.\d+)", spec).group(1)


@pytest.fixture(scope="module")
def new_portal(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("init") / "portal"
    init_portal(root, today=dt.date(2026, 3, 2), name_kk="Кеңес", name_ru="Совет", slug="kenes",
                council_type="city", base_url="https://kenes.example.kz/")
    return root


def all_workflows(new_portal: Path) -> list[tuple[str, str, dict]]:
    """``(flavour, file name, parsed)`` for the repository's and a new portal's workflows."""
    out = []
    for flavour, folder in (("repo", WORKFLOW_DIR), ("portal", new_portal / ".github" / "workflows")):
        assert sorted(p.name for p in folder.glob("*.yml")) == sorted(WORKFLOWS)
        for name in WORKFLOWS:
            out.append((flavour, name, load((folder / name).read_text(encoding="utf-8"))))
    return out


# --- one source ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", WORKFLOWS)
def test_repository_workflow_is_rendered_from_the_shared_template(name):
    assert (WORKFLOW_DIR / name).read_text(encoding="utf-8") == render_workflow(name, "repo"), (
        "regenerate with: python -c 'from pathlib import Path; from ashyq.scaffold.init import "
        "write_repo_files; write_repo_files(Path(\".\"))'")


@pytest.mark.parametrize("name", WORKFLOWS)
def test_portal_workflow_differs_only_in_how_the_tool_is_installed(name, new_portal):
    repo = (WORKFLOW_DIR / name).read_text(encoding="utf-8").splitlines()
    portal = (new_portal / ".github" / "workflows" / name).read_text(encoding="utf-8").splitlines()
    assert len(repo) == len(portal)
    differing = [(a, b) for a, b in zip(repo, portal) if a != b]
    allowed = {INSTALL["repo"][0], INSTALL["portal"][0], INSTALL["repo"][1], INSTALL["portal"][1]}
    for a, b in differing:
        assert a.startswith("#") or any(token in a for token in allowed), (a, b)


# --- triggers and steps ----------------------------------------------------------------------------------------------

def test_every_action_is_pinned_to_a_version(new_portal):
    for flavour, name, workflow in all_workflows(new_portal):
        for job in workflow["jobs"].values():
            for s in job["steps"]:
                if "uses" in s:
                    assert PINNED.match(s["uses"]), (flavour, name, s["uses"])


def test_checkout_leaves_no_token_and_every_job_states_its_permissions(new_portal):
    for flavour, name, wf in all_workflows(new_portal):
        assert wf["permissions"] == {}, (flavour, name)
        for job_name, job in wf["jobs"].items():
            assert "permissions" in job, (flavour, name, job_name)
            runs_the_tool = any(s.get("name") == "Install ashyq" for s in job["steps"])
            if runs_the_tool:  # records run through the tool only where nothing can be published
                assert job["permissions"] == {"contents": "read"}, (flavour, name, job_name)
            for s in job["steps"]:
                if s.get("uses", "").startswith("actions/checkout@"):
                    # the default keeps the job's token in .git/config, readable by anything the build runs
                    assert s["with"]["persist-credentials"] is False, (flavour, name, job_name)


def test_check_workflow(new_portal):
    python = project_python()
    for flavour, name, wf in all_workflows(new_portal):
        if name != "check.yml":
            continue
        assert triggers(wf)["pull_request"]["types"] == ["opened", "reopened", "synchronize", "closed"]
        assert wf["permissions"] == {}  # nothing unless a job asks
        assert wf["jobs"]["check"]["permissions"] == {"contents": "read"}
        assert wf["jobs"]["check"]["if"] == "github.event.action != 'closed'"
        assert list(wf["jobs"]) == ["check", "preview"]  # the preview: tests/test_previews.py
        names = [s.get("name") for s in steps(wf, "check")]
        assert names == ["Check out the records", "Set up Python", "Install ashyq", "Check the records",
                         "Build the site", "Upload the site preview"]
        assert uses(wf, "check", "actions/checkout")["with"]["fetch-depth"] == 0  # dates come from git history
        setup = uses(wf, "check", "actions/setup-python")["with"]
        assert setup["python-version"] == python == "3.11"
        assert setup["cache"] == "pip"
        assert setup["cache-dependency-path"] == INSTALL[flavour][1]
        assert step(wf, "check", "Install ashyq")["run"] == INSTALL[flavour][0]
        assert step(wf, "check", "Check the records")["run"] == "ashyq check --format github"
        assert step(wf, "check", "Build the site")["run"] == "ashyq build --out site"
        upload = uses(wf, "check", "actions/upload-artifact")
        assert upload["with"]["path"] == "site" and upload["with"]["name"] == "site-preview"
        # order: install before check, check before build, build before upload
        order = [s.get("name") for s in steps(wf, "check")]
        assert order.index("Check the records") < order.index("Build the site") < order.index(
            "Upload the site preview")


def test_deploy_workflow(new_portal):
    for flavour, name, wf in all_workflows(new_portal):
        if name != "deploy.yml":
            continue
        on = triggers(wf)
        assert on["push"] == {"branches": ["main"]}
        assert "pull_request" not in on
        # every night, just after midnight in Kazakhstan: deadlines that passed show though no one pushed
        assert on["schedule"] == [{"cron": "5 19 * * *"}]
        assert wf["permissions"] == {}  # nothing unless a job asks
        # the build (which runs record contents through the tool) can only read; only deploy can publish
        assert wf["jobs"]["build"]["permissions"] == {"contents": "read"}
        assert wf["jobs"]["deploy"]["permissions"] == {"contents": "write"}
        assert wf["concurrency"]["group"] == "pages"
        assert wf["concurrency"]["cancel-in-progress"] is False
        assert set(wf["jobs"]) == {"build", "deploy"}
        assert uses(wf, "build", "actions/checkout")["with"]["fetch-depth"] == 0
        setup = uses(wf, "build", "actions/setup-python")["with"]
        assert setup["python-version"] == project_python() and setup["cache"] == "pip"
        assert setup["cache-dependency-path"] == INSTALL[flavour][1]
        assert step(wf, "build", "Install ashyq")["run"] == INSTALL[flavour][0]
        assert step(wf, "build", "Check the records")["run"] == "ashyq check --format github"
        build = step(wf, "build", "Build the site")
        assert build["run"] == "ashyq build --out site"
        assert build["env"] == {"ASHYQ_EDITOR_AUTH_URL": "${{ vars.EDITOR_AUTH_URL }}"}
        assert uses(wf, "build", "actions/upload-artifact")["with"]["path"] == "site"
        deploy = wf["jobs"]["deploy"]
        assert deploy["needs"] == "build"
        assert not any(s.get("name") == "Install ashyq" for s in deploy["steps"])  # publishes, runs nothing
        assert uses(wf, "deploy", "actions/download-artifact")["with"] == {"name": "site", "path": "site"}
        assert step(wf, "deploy", "Serve the files as they are")["run"] == "touch site/.nojekyll"
        publish = uses(wf, "deploy", "JamesIves/github-pages-deploy-action")["with"]
        # the site goes to gh-pages, whose pr-preview/ folder (previews of open pull requests) is kept
        assert publish["folder"] == "site" and publish["branch"] == "gh-pages"
        assert publish["clean-exclude"] == "pr-preview/"


def test_portal_installs_a_pinned_tool_not_the_pypi_name(new_portal):
    lines = [ln.strip() for ln in (new_portal / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    assert len(lines) == 1
    # "ashyq" on PyPI is an unrelated package: never install the bare name.
    assert lines[0].startswith("ashyq @ git+https://") and re.search(r"@v\d+\.\d+\.\d+$", lines[0])


def test_init_writes_the_tool_requirement_given(tmp_path, capsys):
    from ashyq.cli import main

    req = "ashyq @ git+https://example.org/council-tools/ashyq@v0.1.0"
    assert main(["init", str(tmp_path / "p"), "--tool", req, "--no-input", "--today", "2026-03-02"]) == 0
    assert req in (tmp_path / "p" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "requirements.txt" not in capsys.readouterr().err  # no warning when the tool is known


# --- pre-commit ------------------------------------------------------------------------------------------------------

def test_pre_commit_hooks(new_portal):
    hooks = load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "ashyq-check" and hook["entry"] == "ashyq check"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "councils/x/meetings/2025-01.md")
    assert re.search(hook["files"], "site_config.yml")
    assert not re.search(hook["files"], "README.md")
    repo_config = (REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert repo_config == (new_portal / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    (local,) = load(repo_config)["repos"]
    assert local["repo"] == "local"
    (hook,) = local["hooks"]
    assert hook["id"] == "ashyq-check" and hook["entry"] == "ashyq check" and hook["language"] == "system"


# --- the check step, run for real on a broken portal -----------------------------------------------------------------

def check_command() -> str:
    wf = load((WORKFLOW_DIR / "check.yml").read_text(encoding="utf-8"))
    return step(wf, "check", "Check the records")["run"]


def run_step(command: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run a workflow step's shell command as the runner would, with this venv's ``ashyq`` on PATH."""
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def annotations(stdout: str, level: str) -> list[dict[str, str]]:
    out = []
    for line in stdout.splitlines():
        m = re.match(rf"^::{level} (?P<props>[^:]*)::(?P<message>.*)$", line)
        if m:
            props = dict(p.split("=", 1) for p in m.group("props").split(","))
            out.append({**props, "message": m.group("message")})
    return out


def test_check_step_points_at_the_broken_file_and_line(tmp_path):
    root = write_portal(tmp_path / "portal", councils=2)
    meeting = root / COUNCIL / "meetings" / "2025-02.md"
    text = meeting.read_text(encoding="utf-8")
    assert "status: held" in text
    meeting.write_text(text.replace("status: held", "status: helld", 1), encoding="utf-8")
    status_line = line_of(meeting, "status: helld")

    rec = root / COUNCIL / "recommendations" / "2025-r2.yml"
    lines = rec.read_text(encoding="utf-8").splitlines()
    broken = next(i for i, ln in enumerate(lines) if ln.startswith("addressee:"))
    lines[broken] = "addressee: {kk: \"Қалалық әкімдік\", ru: \"Городской акимат\""  # unclosed flow mapping
    rec.write_text("\n".join(lines) + "\n", encoding="utf-8")

    plan = root / "councils/council-002/plans/2026.yml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("approved:", "aproved:", 1), encoding="utf-8")
    typo_line = line_of(plan, "aproved:")

    proc = run_step(check_command(), root)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    errors = annotations(proc.stdout, "error")
    by_file = {}
    for e in errors:
        by_file.setdefault(e["file"], []).append(e)

    (status,) = by_file[f"{COUNCIL}/meetings/2025-02.md"]
    assert status["line"] == str(status_line) and status["title"] == "data.type"
    assert "helld" in status["message"]

    (syntax,) = by_file[f"{COUNCIL}/recommendations/2025-r2.yml"]
    assert syntax["title"] == "data.syntax"
    # YAML notices an unclosed mapping where it expected the closing brace: on the broken line or the next
    assert int(syntax["line"]) in (broken + 1, broken + 2)

    (typo,) = by_file["councils/council-002/plans/2026.yml"]
    assert typo["line"] == str(typo_line) and typo["title"] == "data.unknown-field"
    assert "aproved" in typo["message"] and "approved" in typo["message"]  # the guess at what was meant

    assert set(by_file) == {f"{COUNCIL}/meetings/2025-02.md", f"{COUNCIL}/recommendations/2025-r2.yml",
                            "councils/council-002/plans/2026.yml"}
    # the last line is the summary, in Kazakh by default
    assert proc.stdout.splitlines()[-1].startswith("Өтпеді")


def test_check_step_reports_compliance_findings_as_warnings(tmp_path):
    root = write_portal(tmp_path / "portal", councils=1)
    meeting = root / COUNCIL / "meetings" / "2025-03.md"
    text = meeting.read_text(encoding="utf-8")
    agenda = re.search(r"^agenda_published: .*$", text, re.M).group(0)
    meeting.write_text(text.replace(agenda, "agenda_published: 2025-12-31"), encoding="utf-8")
    proc = run_step(check_command(), root)
    assert proc.returncode == 0, proc.stdout  # findings are published, they do not fail the check
    warnings = [w for w in annotations(proc.stdout, "warning") if w["title"] == "meeting.agenda-published"]
    assert warnings and warnings[0]["file"] == f"{COUNCIL}/meetings/2025-03.md"
    assert warnings[0]["line"] == str(line_of(meeting, "agenda_published: 2025-12-31"))
    assert not annotations(proc.stdout, "error")
