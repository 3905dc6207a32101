"""Two editors cancelling the same night of the same event at the same moment (issue 24): no
500, one cancellation, and the second editor either saves theirs or is told why, with the form
and their reason back. Two threads, two connections, the real database."""

import threading

import pytest
from django.db import connection
from django.db.models.signals import pre_save
from django.test import Client

from events.models import Event, NightChange, NightChangeKind
from tests.admin.helpers import editor

SLUG = "jiuzhouchi-chishang-fanhua"
CANCEL = "/admin/events/event/cancel-night/"


@pytest.mark.django_db(transaction=True)
def test_two_editors_cancelling_one_night_at_once_get_no_500(live_plan, at):
    at("2026-05-08 18:30")
    event = Event.objects.get(slug=SLUG)
    clients = []
    for name in ("li", "wang"):
        client = Client(raise_request_exception=False)
        client.force_login(editor(name))
        clients.append(client)
    # Both editors have looked for an existing change and are about to write theirs: the moment
    # a race happens in. Where the site serialises the writes (a lock), the second never gets
    # here while the first waits, and the barrier gives up after a second: no interleaving forced.
    arrived = threading.Barrier(2, timeout=1)

    def both_about_to_write(sender, instance, **kwargs):
        try:
            arrived.wait()
        except threading.BrokenBarrierError:
            pass

    pre_save.connect(both_about_to_write, sender=NightChange, dispatch_uid="race")
    answers = {}

    def cancel(client, reason):
        try:
            answers[reason] = client.post(CANCEL, {"ids": [event.pk], "night": "2026-05-08", "reason": reason})
        finally:
            connection.close()

    try:
        threads = [threading.Thread(target=cancel, args=(client, reason))
                   for client, reason in zip(clients, ("因降雨取消", "因大风取消"))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        pre_save.disconnect(dispatch_uid="race", sender=NightChange)

    statuses = sorted(answer.status_code for answer in answers.values())
    assert 500 not in statuses, statuses
    change = NightChange.objects.get(event=event)
    assert change.kind == NightChangeKind.CANCELLED and change.reason in answers
    for reason, answer in answers.items():
        if answer.status_code == 400:  # told, with their reason still in the form
            html = answer.content.decode()
            assert reason in html and "Another editor" in html or "另一位编辑" in html
        else:
            assert answer.status_code == 302
