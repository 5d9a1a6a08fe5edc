"""Running calls at the same moment, for the race tests (PostgreSQL only: SQLite takes one writer at a time)."""

import threading

from django.db import connection


def at_once(*calls, timeout=60):
    """Run each call in its own thread, with its own database connection, released together by a barrier.
    Returns what each returned or raised, in order."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 - the test compares what each thread got
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return outcomes
