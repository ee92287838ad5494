"""language_tool_python's client classes as auditor uses them. Importing this module imports
language_tool_python and requests (about 0.05 s), so `auditor.grammar` imports it only when a
run actually talks to LanguageTool."""
from __future__ import annotations

import copy

from language_tool_python import LanguageTool, LanguageToolPublicAPI


class Client(LanguageTool):
    """The real client, with a bounded request timeout, no retries, and the last JSON answer kept
    (its `Match` objects drop the rule description and miscount lengths after astral characters)."""

    def __init__(self, *, request_timeout: float, **kwargs) -> None:
        self._TIMEOUT = request_timeout
        self.last_json = None
        super().__init__(**kwargs)

    def _query_server(self, url, params=None, num_tries=2, **kwargs):
        self.last_json = None
        answer = super()._query_server(url, params, 1, **kwargs)
        self.last_json = copy.deepcopy(answer)
        return answer


class PublicClient(Client, LanguageToolPublicAPI):
    pass
