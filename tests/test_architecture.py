"""Dependencies point one way: the import-linter contracts of pyproject.toml hold, and each one bites."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest
from importlinter import configuration
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.protected import ProtectedContract

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
CONTRACT_TYPES = {"forbidden": ForbiddenContract, "protected": ProtectedContract}


def test_the_import_contracts_hold() -> None:
    """`lint-imports` (also run by .ci/run) keeps every contract."""
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    result = subprocess.run([lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(CONFIG['contracts'])} kept, 0 broken." in result.stdout


def project_graph() -> grimp.ImportGraph:
    """A new graph of the project's imports (checking a contract drops its ignored imports from it)."""
    configuration.configure()  # what lint-imports does before checking
    return grimp.build_graph(*CONFIG["root_packages"], cache_dir=None)


def contract_check(graph: grimp.ImportGraph, contract_id: str) -> bool:
    """Return whether the contract of this id is kept on the graph."""
    options = next(c for c in CONFIG["contracts"] if c["id"] == contract_id)
    contract_options = {key: value for key, value in options.items() if key not in ("id", "name", "type")}
    contract = CONTRACT_TYPES[options["type"]](
        name=options["name"], session_options=CONFIG, contract_options=contract_options
    )
    return contract.check(graph, verbose=False).kept


@pytest.mark.parametrize(
    ("importer", "imported", "contract_id"),
    [
        pytest.param("redaction.pipeline", "correspondence.models", "redaction-uses-no-app", id="redaction"),
        pytest.param(
            "policies.rules", "correspondence.models", "policies-uses-no-app", id="policies-letters"
        ),
        pytest.param("policies.selectors", "clinics.models", "policies-uses-no-app", id="policies-centres"),
        pytest.param("policies.selectors", "donors.models", "policies-uses-no-app", id="policies-donations"),
        pytest.param("clinics.models", "clinics.api.page_cache", "app-cores-import-no-api", id="core-to-api"),
        pytest.param(
            "clinics.selectors",
            "correspondence.forms",
            "app-cores-import-no-api",
            id="core-to-api-indirectly",
        ),
        pytest.param(
            "correspondence.services.delivery",
            "clinics.api.page_cache",
            "only-config-reaches-the-api",
            id="another-app-to-the-api",
        ),
    ],
)
def test_a_forbidden_import_breaks_its_contract(importer: str, imported: str, contract_id: str) -> None:
    """Each contract holds on the code as it is, and is broken by one import it forbids."""
    assert contract_check(project_graph(), contract_id) is True
    graph = project_graph()
    graph.add_import(importer=importer, imported=imported)
    if contract_id == "app-cores-import-no-api" and imported == "correspondence.forms":
        graph.add_import(importer="correspondence.forms", imported="clinics.api.views")  # through another app
    assert contract_check(graph, contract_id) is False
