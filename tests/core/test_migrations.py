import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

FANZHA_APPS = ("org", "accounts", "audit", "detect", "cases", "clues", "freeze", "telecom")


@pytest.mark.django_db(transaction=True)
def test_migrations_run_from_empty_to_head_and_back():
    executor = MigrationExecutor(connection)
    head = executor.loader.graph.leaf_nodes()
    executor.migrate([(app, None) for app in FANZHA_APPS if app in executor.loader.migrated_apps])
    tables = set(connection.introspection.table_names())
    assert not any(t.startswith(("org_", "accounts_", "audit_", "detect_")) for t in tables)
    executor = MigrationExecutor(connection)
    executor.migrate(head)
    tables = set(connection.introspection.table_names())
    assert {"org_orgunit", "accounts_user", "audit_auditentry", "detect_indicator"} <= tables
    from fanzha.detect.models import AllowEntry

    assert AllowEntry.objects.filter(kind="phone", value="96110").exists()
