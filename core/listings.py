"""A page of a listing, known by primary key, read only where its card is not kept."""


class ListingItems:
    """The items of one page of a listing, known by primary key. A card kept in the process
    needs nothing more; the pages of the other cards are read together, in one query, when
    the first of them is rendered. Iterating gives ``ListingItem`` objects, in order."""

    def __init__(self, ids, queryset):
        self.ids = list(ids)
        self.queryset = queryset
        self._pages = None

    def __iter__(self):
        return (ListingItem(self, pk) for pk in self.ids)

    def __len__(self):
        return len(self.ids)

    def page(self, pk):
        if self._pages is None:
            self._pages = self.queryset.in_bulk(self.ids)
        return self._pages.get(pk)


class ListingItem:
    def __init__(self, listing, pk):
        self.listing = listing
        self.pk = pk

    def resolve(self):
        return self.listing.page(self.pk)
