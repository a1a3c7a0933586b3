from itertools import pairwise

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from fanzha.audit import services
from fanzha.audit.models import AppendOnlyError, AuditEntry


@pytest.fixture
def chain(db):
    for i in range(5):
        services.record("update", object_type="test.thing", object_id=str(i), after={"n": i, "名": "值"})
    return list(AuditEntry.objects.order_by("id"))


def test_an_untouched_chain_verifies(chain):
    result = services.verify()
    assert result.ok and result.checked == 5


def test_entries_link_to_their_predecessor(chain):
    assert chain[0].prev_hash == services.GENESIS
    assert all(b.prev_hash == a.hash for a, b in pairwise(chain))


def test_editing_a_row_in_the_database_is_detected(chain):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET summary = 'forged' WHERE id = %s", [chain[2].pk])
    result = services.verify()
    assert not result.ok
    assert result.broken_id == chain[2].pk
    assert "篡改" in result.reason


def test_deleting_a_middle_row_is_detected(chain):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [chain[1].pk])
    result = services.verify()
    assert not result.ok and result.broken_id == chain[2].pk


def test_deleting_the_newest_row_is_detected(chain):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [chain[-1].pk])
    assert not services.verify().ok


def test_the_model_refuses_updates_and_deletes(chain):
    entry = chain[0]
    entry.summary = "x"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_the_cli_exits_nonzero_on_tampering(chain, capsys):
    call_command("audit", "verify")
    assert "共 5 条" in capsys.readouterr().out
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET client_ip = '6.6.6.6' WHERE id = %s", [chain[0].pk])
    with pytest.raises(CommandError, match="校验失败"):
        call_command("audit", "verify")


def test_changes_record_before_and_after(personas):
    from fanzha.org import services as org

    org.update_unit(personas.unit("T-D1-SA"), name="甲派出所（新址）")
    entry = AuditEntry.objects.filter(action="update", object_type="org.orgunit").get()
    assert entry.before == {"name": "甲派出所"}
    assert entry.after == {"name": "甲派出所（新址）"}
