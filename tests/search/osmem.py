"""Test configuration for osmem-server, the in-memory OpenSearch-compatible stand-in.

The elasticsearch 8/9 clients send ``application/vnd.elasticsearch+json; compatible-with=N``,
which osmem answers with 406 Not Acceptable. This transport node, used only by the tests'
settings (``PORTAL_SEARCH_OPTIONS["node_class"]``), sends plain ``application/json`` instead.
Production code and settings never use it.
"""

from elastic_transport import HttpHeaders, Urllib3HttpNode

COMPAT_PREFIX = "application/vnd.elasticsearch+"


class PlainJsonNode(Urllib3HttpNode):
    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        headers = HttpHeaders(headers or {})
        for name in ("accept", "content-type"):
            value = headers.get(name)
            if value and value.startswith(COMPAT_PREFIX):
                headers[name] = "application/" + value[len(COMPAT_PREFIX) :].split(";")[0]
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)


# osmem has no Arabic or Hindi analyzer; a real cluster gets the built-in ones.
OSMEM_ANALYZERS = {"ar": "standard", "hi": "standard"}
