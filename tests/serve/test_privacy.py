"""Privacy (issue 16, item 7): what people type is stored without identifying numbers, old conversations are
purged, a conversation can be deleted, and a long one is read in pages."""

from __future__ import annotations

import time

import httpx
import pytest

from coach.backends import get_conversations
from coach.privacy import redact
from coach.serve.web import create_app
from tests.conftest import make_settings
from tests.servers import live_server


def test_emails_phones_and_id_numbers_are_redacted_but_figures_stay():
    said = "SSN 123-45-6789, call +44 7700 900123, mail me@x.com, NI AB 12 34 56 C; $45,000 from 2019-2021"
    assert (
        redact(said) == "SSN [removed], call [removed], mail [removed], NI [removed]; $45,000 from 2019-2021"
    )


def test_the_store_keeps_no_identifying_numbers_and_purges_old_conversations(tmp_path, database_url):
    store = get_conversations(make_settings(tmp_path, database_url=database_url, retention_days=30))
    sid = store.session(None)
    store.add_exchange(
        sid, "My SSN is 123-45-6789, what does a nurse earn?", "A nurse earns...", {"question": "x"}
    )
    assert store.history(sid)[0]["content"] == "My SSN is [removed], what does a nurse earn?"
    old = store.session(None)
    with store._db(write=True) as db:  # a conversation last touched 31 days ago
        db.execute("UPDATE sessions SET updated = ? WHERE id = ?", (time.time() - 31 * 86400, old))
    assert store.purge() == 1
    assert store.messages(old) is None and store.messages(sid) is not None
    assert store.delete(sid) and store.messages(sid) is None and not store.delete(sid)


@pytest.mark.slow
@pytest.mark.server
def test_delete_and_pages_over_http(coach, tmp_path):
    app = create_app(coach, make_settings(tmp_path, rate_limit_per_minute=1000), ui=False)
    with live_server(app) as url:
        first = httpx.post(f"{url}/api/chat", json={"message": "What does a nurse earn?"}, timeout=30).json()
        sid = first["session_id"]
        httpx.post(f"{url}/api/chat", json={"message": "And what do they do?", "session_id": sid}, timeout=30)
        page = httpx.get(f"{url}/api/sessions/{sid}", params={"limit": 3}).json()
        assert [page["total"], page["offset"], page["limit"], page["next_offset"]] == [4, 0, 3, 3]
        assert len(page["messages"]) == 3
        rest = httpx.get(f"{url}/api/sessions/{sid}", params={"offset": 3}).json()
        assert len(rest["messages"]) == 1 and rest["next_offset"] is None
        assert httpx.get(f"{url}/api/sessions/{sid}", params={"limit": 500}).status_code == 422
        assert httpx.delete(f"{url}/api/sessions/{sid}").status_code == 204
        assert httpx.get(f"{url}/api/sessions/{sid}").status_code == 404
        assert httpx.delete(f"{url}/api/sessions/{sid}").status_code == 404
        assert httpx.delete(f"{url}/api/sessions/bad%20id!").status_code == 422
