# SPDX-License-Identifier: EUPL-1.2
"""Tamper evidence: digests, the seal chain, `audit_seal` and `audit_verify`.

Tampering is simulated the only way it can happen: by someone who switches
the append-only triggers off (`tamper.triggers_off`) and writes past them.
"""

import datetime
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connections, transaction
from django.utils import timezone

from eenplan import audit
from eenplan.access.tests.actors import act
from eenplan.audit import domain, integrity
from eenplan.audit.models import AuditEntry, AuditSeal

from .tamper import raw, triggers_off

pytestmark = pytest.mark.django_db

NOW = datetime.timedelta(0)


def entries(n, actor=None, **kwargs):
    return [
        audit.record(actor=act(actor), action=f"test.{i}", **kwargs) for i in range(n)
    ]


def verify_fails(match):
    """audit_verify exits 1 and its first broken link matches `match`."""
    with pytest.raises(CommandError, match=match) as excinfo:
        call_command("audit_verify", grace=0, stdout=open_devnull())
    assert excinfo.value.returncode == 1
    return str(excinfo.value)


def kinds(report):
    return [p.kind for p in report.problems]


def only_the_gap_check():
    """What a cut or rewritten tail leaves without the anchor: on SQLite the
    missing ids, on PostgreSQL nothing (its ids may have holes anyway)."""
    return ["gap"] if integrity.ids_are_gapless() else []


def open_devnull():
    import io

    return io.StringIO()


def test_sealing_chains_batches_in_id_order():
    made = entries(5)
    result = integrity.seal(batch_size=2, grace=NOW)
    assert [s.entry_count for s in result.seals] == [2, 2, 1]
    seals = list(AuditSeal.objects.order_by("id"))
    assert seals[0].previous_hash == domain.GENESIS
    assert seals[1].previous_hash == seals[0].seal_hash
    assert seals[2].previous_hash == seals[1].seal_hash
    assert seals[0].first_entry_id == made[0].pk
    assert seals[-1].last_entry_id == made[-1].pk
    assert result.unsealed == 0
    assert integrity.verify().ok


def test_sealing_is_idempotent():
    entries(3)
    assert integrity.seal(grace=NOW).entries == 3
    again = integrity.seal(grace=NOW)
    assert again.seals == [] and again.unsealed == 0
    assert AuditSeal.objects.count() == 1
    entries(2)
    assert integrity.seal(grace=NOW).entries == 2
    assert AuditSeal.objects.count() == 2
    assert integrity.verify().ok


def test_entries_younger_than_the_grace_period_wait_for_the_next_run():
    old, young = entries(2)
    later = timezone.now() + datetime.timedelta(seconds=30)
    # At `later`, with a minute's grace, neither is old enough.
    assert integrity.seal(grace=datetime.timedelta(minutes=1), now=later).seals == []
    result = integrity.seal(grace=NOW)
    assert result.entries == 2


def test_two_sealers_at_once_cannot_fork_the_chain(monkeypatch):
    """The unique previous_hash lets only one seal follow a given seal.

    A second sealer runs in the middle of ours (between reading the chain and
    inserting the seal) and chains the same batch first; ours hits the unique
    constraint, re-reads the chain and finds nothing left to seal.
    """
    entries(3)
    real_batch_hash = domain.batch_hash
    raced = []

    def batch_hash_with_a_competitor(batch):
        if not raced:
            raced.append(True)
            assert integrity.seal(grace=NOW).entries == 3
        return real_batch_hash(batch)

    monkeypatch.setattr(domain, "batch_hash", batch_hash_with_a_competitor)
    result = integrity.seal(grace=NOW)
    assert raced
    assert result.seals == []
    assert AuditSeal.objects.count() == 1
    assert integrity.verify().ok


def test_the_database_refuses_a_second_seal_after_the_same_seal():
    entries(2)
    integrity.seal(grace=NOW)
    first = AuditSeal.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditSeal.objects.create(
            first_entry_id=first.last_entry_id + 1,
            last_entry_id=first.last_entry_id + 1,
            entry_count=1,
            leaves="x",
            batch_hash="x",
            previous_hash=domain.GENESIS,
            seal_hash="y",
            sealed_at=timezone.now(),
        )


def test_verify_passes_on_an_untouched_trail(front_desk, household):
    entries(3, actor=act(front_desk), subject=household, persons=household.members())
    out = open_devnull()
    call_command("audit_verify", grace=0, stdout=out)
    assert "Audit trail intact." in out.getvalue()
    assert "Checked 3 entries and 1 seals" in out.getvalue()


def test_verify_reports_unsealed_entries_when_asked_not_to_seal():
    entries(2)
    out = open_devnull()
    call_command("audit_verify", no_seal=True, stdout=out)
    assert "2 entries are not sealed yet" in out.getvalue()


def test_audit_seal_command_prints_the_last_seal_hash():
    entries(2)
    out = open_devnull()
    call_command("audit_seal", grace=0, stdout=out)
    seal = AuditSeal.objects.get()
    assert f"Last seal {seal.pk}: {seal.seal_hash}" in out.getvalue()


def test_a_changed_row_is_named_before_and_after_sealing(front_desk):
    first, target, last = entries(3, actor=act(front_desk))
    with triggers_off():
        raw(
            "UPDATE audit_auditentry SET action = %s WHERE id = %s",
            ["household.view", target.pk],
        )
    message = verify_fails(f"entry {target.pk}")
    assert "was changed" in message
    # Unsealed at the time of the change, sealed now by audit_verify: still caught.
    assert AuditSeal.objects.exists()
    verify_fails(f"entry {target.pk}: its fields no longer match its digest")


def test_a_changed_row_with_a_recomputed_digest_is_caught_by_the_seal(front_desk):
    """A careful attacker recomputes the digest too; the seal remembers the old one."""
    _first, target, _last = entries(3, actor=act(front_desk))
    integrity.seal(grace=NOW)
    stored = AuditEntry.objects.get(pk=target.pk)
    stored.outcome = "refused"
    forged = stored.compute_digest()
    with triggers_off():
        raw(
            "UPDATE audit_auditentry SET outcome = 'refused', digest = %s "
            "WHERE id = %s",
            [forged, target.pk],
        )
    verify_fails(f"entry {target.pk} differs from the digest sealed in seal")


def test_a_deleted_row_inside_a_sealed_range_is_detected():
    _first, target, _last = entries(3)
    integrity.seal(grace=NOW)
    with triggers_off():
        raw("DELETE FROM audit_auditentry WHERE id = %s", [target.pk])
    verify_fails(f"entry {target.pk} was sealed in seal .* but is missing")


def test_a_row_inserted_inside_a_sealed_range_is_detected():
    first = audit.record(actor=None, action="first")
    # Leave a gap, as a rolled-back transaction does, then seal over it.
    gap = first.pk + 1
    later = AuditEntry(action="later", outcome="allowed", origin="test")
    later.pk = first.pk + 2
    later.digest = later.compute_digest()
    later.save(force_insert=True)
    integrity.seal(grace=NOW)
    forged = AuditEntry(action="forged", outcome="allowed", origin="test")
    forged.pk = gap
    forged.digest = forged.compute_digest()
    forged.save(force_insert=True)  # INSERT is allowed: that is the point of a log
    verify_fails(f"entry {gap} lies inside the range of seal")


def test_a_removed_seal_breaks_the_chain():
    entries(3)
    integrity.seal(batch_size=1, grace=NOW)
    middle = AuditSeal.objects.order_by("id")[1]
    with triggers_off("audit_auditseal"):
        raw("DELETE FROM audit_auditseal WHERE id = %s", [middle.pk])
    # The entries of the removed seal now lie before the next seal, unsealed.
    verify_fails(f"entry {middle.first_entry_id} lies before seal")
    report = integrity.verify()
    assert any(p.kind == "chain" for p in report.problems)


def test_a_changed_seal_is_detected():
    entries(2)
    integrity.seal(grace=NOW)
    seal = AuditSeal.objects.get()
    with triggers_off("audit_auditseal"):
        raw("UPDATE audit_auditseal SET entry_count = 7 WHERE id = %s", [seal.pk])
    verify_fails(f"seal {seal.pk}: its fields no longer match its hash")


def test_missing_triggers_are_reported_first():
    entries(1)
    with triggers_off():
        report = integrity.verify()
    assert report.problems[0].kind == "trigger"
    assert "audit_auditentry" in str(report.problems[0])
    assert integrity.verify().ok


# SQLite lets one writer at a time into the whole file, whatever we do.
@pytest.mark.database("postgresql")
# serialized_rollback: the browser tests that follow reload the migrations' data
# after this test's flush, instead of finding content types recreated under new ids.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_writers_do_not_wait_for_each_other_or_for_a_global_lock(front_desk):
    """Concurrent inserts need no global lock.

    `record()` computes its digest from its own fields only and INSERTs one
    row: it reads no earlier entry and takes no lock beyond that row's. Here
    writer A opens a transaction, writes an entry and keeps the transaction
    open; writer B, on another connection, writes and commits while A still
    holds its transaction. If record() took a table or chain lock, B would
    wait for A and hit its lock timeout. The sealer later chains both, in id
    order.
    """
    a_wrote, b_done = threading.Event(), threading.Event()
    errors = []

    def writer_a():
        try:
            with transaction.atomic():
                audit.record(actor=act(front_desk), action="writer.a")
                a_wrote.set()
                assert b_done.wait(10), "B did not finish while A held its transaction"
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    def writer_b():
        try:
            assert a_wrote.wait(10)
            with transaction.atomic():
                raw("SET LOCAL lock_timeout = '2s'")
                audit.record(actor=act(front_desk), action="writer.b")
            b_done.set()
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
            b_done.set()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer_a), threading.Thread(target=writer_b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert errors == []
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {
        "writer.a",
        "writer.b",
    }
    assert integrity.seal(grace=NOW).entries == 2
    assert integrity.verify().ok


# --- The anchor outside the database (issue 9) --------------------------------------


def _anchored(tmp_path, settings, n=6, batch_size=2):
    path = tmp_path / "anchors.log"
    settings.EENPLAN_AUDIT_ANCHOR_FILE = str(path)
    entries(n)
    integrity.seal(batch_size=batch_size, grace=NOW)
    return path


def _verify_with(path):
    """audit_verify --anchor fails; the anchor's own findings, one per line."""
    with pytest.raises(CommandError, match="Audit trail broken"):
        call_command("audit_verify", grace=0, anchor=str(path), stdout=open_devnull())
    report = integrity.verify(anchors=path)
    return "\n".join(p.message for p in report.problems if p.kind == "anchor")


def test_every_seal_is_anchored_outside_the_database(tmp_path, settings):
    path = _anchored(tmp_path, settings)
    lines = path.read_text().splitlines()
    assert len(lines) == AuditSeal.objects.count() == 3
    assert integrity.verify(anchors=path).ok
    out = open_devnull()
    call_command("audit_verify", grace=0, anchor=str(path), stdout=out)
    assert "Audit trail intact" in out.getvalue()


def test_a_cut_off_tail_is_found_by_the_anchor(tmp_path, settings):
    path = _anchored(tmp_path, settings)
    last = AuditSeal.objects.order_by("-id").first()
    # The last seal and its entries removed: the chain left looks whole.
    with triggers_off("audit_auditseal"), triggers_off("audit_auditentry"):
        raw("DELETE FROM audit_auditseal WHERE id = %s", [last.pk])
        raw("DELETE FROM audit_auditentry WHERE id >= %s", [last.first_entry_id])
    assert kinds(integrity.verify()) == only_the_gap_check()
    assert "is gone" in _verify_with(path)


def test_a_resealed_tail_is_found_by_the_anchor(tmp_path, settings):
    path = _anchored(tmp_path, settings)
    last = AuditSeal.objects.order_by("-id").first()
    # Remove the last seal and one of its entries, then seal again: a new,
    # valid seal over fewer entries, with another id or hash.
    with triggers_off("audit_auditseal"), triggers_off("audit_auditentry"):
        raw("DELETE FROM audit_auditseal WHERE id = %s", [last.pk])
        raw("DELETE FROM audit_auditentry WHERE id = %s", [last.last_entry_id])
    settings.EENPLAN_AUDIT_ANCHOR_FILE = ""
    integrity.seal(grace=NOW)
    assert kinds(integrity.verify()) == only_the_gap_check()
    assert "anchor" in _verify_with(path)


def test_a_broken_anchor_line_is_reported(tmp_path, settings):
    path = _anchored(tmp_path, settings)
    with path.open("a") as file:
        file.write("not an anchor\n")
    assert "line 4" in _verify_with(path)


def test_an_unsealed_entry_deleted_before_sealing_is_found_on_sqlite():
    """Deleted, then sealed over: the seal is consistent, but the id is gone.

    Only SQLite guarantees ids without holes; on PostgreSQL a rolled-back
    transaction leaves one too, so there the anchor and the triggers are the
    defence (docs/privacy.md, remaining risk).
    """
    _first, target, _last = entries(3)
    with triggers_off():
        raw("DELETE FROM audit_auditentry WHERE id = %s", [target.pk])
    integrity.seal(grace=NOW)
    report = integrity.verify()
    gaps = [p for p in report.problems if p.kind == "gap"]
    if integrity.ids_are_gapless():
        assert [p.entry_id for p in gaps] == [target.pk]
        assert f"entries {target.pk}–{target.pk} are missing" in gaps[0].message
    else:
        assert gaps == []


def test_unsealed_entries_cut_off_the_end_are_found_on_sqlite():
    first, *tail = entries(3)
    with triggers_off():
        raw("DELETE FROM audit_auditentry WHERE id > %s", [first.pk])
    report = integrity.verify()
    gaps = [p for p in report.problems if p.kind == "gap"]
    if integrity.ids_are_gapless():
        assert len(gaps) == 1
        assert f"entries {tail[0].pk}–{tail[-1].pk} are missing at the end" in (
            gaps[0].message
        )
    else:
        assert gaps == []
