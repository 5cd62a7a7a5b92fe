"""The Elasticsearch and OpenSearch clients behind ``ClusterBackend``."""

from .cluster import ClusterBackend


class ElasticsearchBackend(ClusterBackend):
    """Elasticsearch 8 or 9 through the ``elasticsearch`` client (its major must match the
    cluster's)."""

    def errors(self):
        import elastic_transport  # only the engine in use is loaded
        import elasticsearch  # only the engine in use is loaded
        from elasticsearch import helpers  # only the engine in use is loaded

        return (
            elasticsearch.ApiError,
            elasticsearch.UnsupportedProductError,
            elastic_transport.TransportError,
            helpers.BulkIndexError,
            OSError,
        )

    def _make_client(self):
        from elasticsearch import Elasticsearch  # only the engine in use is loaded

        return Elasticsearch(
            self.urls,
            request_timeout=self.timeout,
            max_retries=0,
            retry_on_timeout=False,
            **self.options,
        )

    def _search(self, body, timeout):
        return self.client().options(request_timeout=timeout).search(index=self.alias, **body)

    def _bulk(self, actions):
        from elasticsearch import helpers  # only the engine in use is loaded

        client = self.client().options(request_timeout=self.indexing_timeout, max_retries=2)
        helpers.bulk(client, actions, raise_on_error=True, ignore_status=(404,))

    def _create_index(self, name, body):
        self._indexing().indices.create(index=name, **body)

    def _delete_index(self, name):
        self._indexing().indices.delete(index=name, ignore_unavailable=True)

    def _index_exists(self, name):
        return bool(self._indexing().indices.exists(index=name))

    def _alias_indices(self):
        client = self._indexing()
        if not client.indices.exists_alias(name=self.alias):
            return []
        return sorted(client.indices.get_alias(name=self.alias).body)

    def _update_aliases(self, actions):
        self._indexing().indices.update_aliases(actions=actions)

    def _refresh(self, name):
        self._indexing().indices.refresh(index=name)

    def _count(self):
        return self._indexing().count(index=self.alias)["count"]

    def _indexing(self):
        return self.client().options(request_timeout=self.indexing_timeout)


class OpenSearchBackend(ClusterBackend):
    """OpenSearch 2 or 3 through the ``opensearch-py`` client."""

    def errors(self):
        import opensearchpy  # only the engine in use is loaded
        from opensearchpy import helpers  # only the engine in use is loaded

        return (opensearchpy.OpenSearchException, helpers.BulkIndexError, OSError)

    def _make_client(self):
        from opensearchpy import OpenSearch  # only the engine in use is loaded

        return OpenSearch(
            self.urls, timeout=self.timeout, max_retries=0, retry_on_timeout=False, **self.options
        )

    def _search(self, body, timeout):
        return self.client().search(index=self.alias, body=body, request_timeout=timeout)

    def _bulk(self, actions):
        from opensearchpy import helpers  # only the engine in use is loaded

        helpers.bulk(
            self.client(),
            actions,
            raise_on_error=True,
            ignore_status=(404,),
            request_timeout=self.indexing_timeout,
        )

    def _create_index(self, name, body):
        self.client().indices.create(index=name, body=body, request_timeout=self.indexing_timeout)

    def _delete_index(self, name):
        self.client().indices.delete(
            index=name, ignore_unavailable=True, request_timeout=self.indexing_timeout
        )

    def _index_exists(self, name):
        return bool(self.client().indices.exists(index=name))

    def _alias_indices(self):
        client = self.client()
        if not client.indices.exists_alias(name=self.alias):
            return []
        return sorted(client.indices.get_alias(name=self.alias))

    def _update_aliases(self, actions):
        self.client().indices.update_aliases(
            body={"actions": actions}, request_timeout=self.indexing_timeout
        )

    def _refresh(self, name):
        self.client().indices.refresh(index=name)

    def _count(self):
        return self.client().count(index=self.alias)["count"]
