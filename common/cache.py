"""Redis as a cache that may go away: while it cannot be reached every read misses and every write is dropped.

Sessions are cached in front of the database (settings.SESSION_ENGINE "cached_db"), so a miss reads the session
from the database and nobody is signed out or shown an error. Django's RedisCache raises instead.

A write dropped during the outage leaves an old value in Redis (a session signed out since, an idle clock reset),
so the first call that reaches Redis again empties it before anything is read.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger("common.cache")

UNREACHABLE = (ConnectionError, TimeoutError)
# After a failure the cache is skipped for a few seconds, so a request does not wait on Redis for every call.
RETRY_AFTER_SECONDS = 5
# One warning a minute while Redis is down, not one per request.
REPORT_EVERY_SECONDS = 60


def _degrades_to(fallback):
    """Run the Redis call; if Redis cannot be reached, log it and answer fallback(*args) instead."""

    def decorate(method):
        @functools.wraps(method)
        def call(self, *args):
            if self.down_since is not None:
                if time.monotonic() < self.retry_at:
                    return fallback(*args)
                try:
                    self.recover()
                except UNREACHABLE as error:
                    self.report_unreachable(error)
                    return fallback(*args)
            try:
                return method(self, *args)
            except UNREACHABLE as error:
                self.report_unreachable(error)
                return fallback(*args)

        return call

    return decorate


def _key_missing(key, delta):
    # What incr() says of a key that is not there.
    raise ValueError(f"Key '{key}' not found.")


class ResilientRedisCacheClient(RedisCacheClient):
    down_since = None
    reported_at = None
    retry_at = 0.0

    def report_unreachable(self, error):
        now = time.monotonic()
        if self.down_since is None:
            self.down_since = now
        self.retry_at = now + RETRY_AFTER_SECONDS
        if self.reported_at is None or now - self.reported_at >= REPORT_EVERY_SECONDS:
            self.reported_at = now
            logger.warning("Redis cannot be reached (%s); serving without the cache", error)

    def recover(self):
        RedisCacheClient.clear(self)
        logger.warning("Redis answers again after %.0f s; cache emptied and in use", time.monotonic() - self.down_since)
        self.down_since = self.reported_at = None

    add = _degrades_to(lambda key, value, timeout: False)(RedisCacheClient.add)
    get = _degrades_to(lambda key, default: default)(RedisCacheClient.get)
    set = _degrades_to(lambda key, value, timeout: None)(RedisCacheClient.set)
    touch = _degrades_to(lambda key, timeout: False)(RedisCacheClient.touch)
    delete = _degrades_to(lambda key: False)(RedisCacheClient.delete)
    get_many = _degrades_to(lambda keys: {})(RedisCacheClient.get_many)
    has_key = _degrades_to(lambda key: False)(RedisCacheClient.has_key)
    incr = _degrades_to(_key_missing)(RedisCacheClient.incr)
    set_many = _degrades_to(lambda data, timeout: None)(RedisCacheClient.set_many)
    delete_many = _degrades_to(lambda keys: None)(RedisCacheClient.delete_many)
    clear = _degrades_to(lambda: False)(RedisCacheClient.clear)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
