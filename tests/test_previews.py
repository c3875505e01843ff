"""Pull-request previews: the check workflow publishes each pull request's site at a stable address.

The repository's and a new portal's workflows are parsed and their preview job asserted: it
needs the check, runs no code from the pull request (it only publishes the built artifact), holds
the only write permissions, deploys to ``gh-pages/pr-preview/pr-<number>/`` with an action pinned
by commit, comments the link, and removes the preview when the pull request is closed. The check
job keeps its ``--format github`` annotations.
"""

from __future__ import annotations

import pytest

from test_workflows import WORKFLOW_DIR, all_workflows, load, new_portal, step, steps, triggers, uses  # noqa: F401

PREVIEW_ACTION = "rossjrw/pr-preview-action"


def check_workflows(new_portal):
    return [(flavour, wf) for flavour, name, wf in all_workflows(new_portal) if name == "check.yml"]


def test_the_preview_job_publishes_what_the_check_built(new_portal):
    for flavour, wf in check_workflows(new_portal):
        preview = wf["jobs"]["preview"]
        assert preview["needs"] == "check"
        condition = " ".join(preview["if"].split())
        # runs after a successful check, and on close to remove the preview; never for a fork's pull request
        assert "needs.check.result == 'success'" in condition and "github.event.action == 'closed'" in condition
        assert "github.event.pull_request.head.repo.full_name == github.repository" in condition
        assert condition.startswith("always()")
        assert preview["permissions"] == {"contents": "write", "pull-requests": "write"}
        assert preview["concurrency"]["group"] == "preview-${{ github.ref }}"
        names = [s.get("name") for s in steps(wf, "preview")]
        assert names == ["Check out the repository", "Download the site preview", "Publish the preview"], flavour
        assert not any("run" in s for s in steps(wf, "preview"))  # nothing from the pull request is executed
        download = uses(wf, "preview", "actions/download-artifact")
        assert download["with"] == {"name": "site-preview", "path": "site"}
        assert download["if"] == "github.event.action != 'closed'"
        upload = uses(wf, "check", "actions/upload-artifact")["with"]
        assert upload["name"] == download["with"]["name"] and upload["path"] == "site"


def test_the_preview_has_a_stable_address_a_comment_and_goes_away_on_close(new_portal):
    for flavour, wf in check_workflows(new_portal):
        publish = uses(wf, "preview", PREVIEW_ACTION)
        ref = publish["uses"].split("@")[1]
        assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), flavour  # pinned by commit
        settings = publish["with"]
        assert settings["source-dir"] == "site"
        assert settings["preview-branch"] == "gh-pages"
        assert settings["umbrella-dir"] == "pr-preview"  # <Pages>/pr-preview/pr-<number>/
        assert settings["action"] == "auto"  # deploy on open and push, remove on close
        assert settings["comment"] is True
        assert triggers(wf)["pull_request"]["types"] == ["opened", "reopened", "synchronize", "closed"]


def test_the_check_keeps_its_annotations(new_portal):
    for flavour, wf in check_workflows(new_portal):
        assert step(wf, "check", "Check the records")["run"] == "ashyq check --format github"
        assert step(wf, "check", "Build the site")["run"] == "ashyq build --out site"


def test_production_keeps_the_previews(new_portal):
    for flavour, name, wf in all_workflows(new_portal):
        if name == "deploy.yml":
            publish = uses(wf, "deploy", "JamesIves/github-pages-deploy-action")["with"]
            assert publish["branch"] == "gh-pages" and publish["clean-exclude"] == "pr-preview/"


@pytest.mark.parametrize("name", ["check.yml", "deploy.yml"])
def test_the_workflows_parse(name):
    assert load((WORKFLOW_DIR / name).read_text(encoding="utf-8"))["jobs"]
