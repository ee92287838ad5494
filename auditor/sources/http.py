"""http:// and https:// sources: how long to wait for a server, and what to say when it fails.

fsspec reads these URLs with aiohttp, whose default is to wait up to 300 s for a request to
finish (30 s to connect). A crawl list holds servers that never answer, so a source gets
`timeout` seconds to connect and `timeout` seconds between two pieces of data it sends
(aiohttp's `sock_connect` and `sock_read`): a server that stays silent costs that long per
request (fsspec asks for a size first, then the bytes, so up to about twice that per
document), and a large web archive that keeps arriving is not cut off.
"""
from __future__ import annotations

TIMEOUT = 30.0  # seconds; `auditor batch --http-timeout`


def is_http(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def storage_options(url: str, timeout: float = TIMEOUT) -> dict:
    """fsspec.open's keyword arguments for `url`: the timeouts for http(s), none otherwise."""
    if not is_http(url):
        return {}
    import aiohttp

    return {"client_kwargs": {"timeout": aiohttp.ClientTimeout(
        total=None, sock_connect=timeout, sock_read=timeout)}}


def reason(exc: BaseException, timeout: float = TIMEOUT) -> str:
    """Why a read failed, in words. fsspec turns every failed HTTP request into
    FileNotFoundError(url); the cause it chains says what happened."""
    import asyncio

    cause = exc.__cause__ if isinstance(exc, FileNotFoundError) and exc.__cause__ else exc
    status = getattr(cause, "status", None)
    if isinstance(status, int):
        return f"HTTP {status} {getattr(cause, 'message', '')}".rstrip()
    if isinstance(cause, (TimeoutError, asyncio.TimeoutError)):
        return f"no answer within {timeout:g} s (--http-timeout)"
    return str(cause) or type(cause).__name__


def read_errors() -> tuple[type[BaseException], ...]:
    """What reading a source can raise: OSError (fsspec's FileNotFoundError for a failed
    HTTP request, timeouts), ValueError, ImportError (a filesystem's library missing) and
    aiohttp's errors raised while the bytes arrive (an HTTP 5xx on a later request)."""
    try:
        from aiohttp import ClientError
    except ImportError:
        return OSError, ValueError, ImportError
    return OSError, ValueError, ImportError, ClientError
