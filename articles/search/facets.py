"""Facet counts from the (service, category, platform, count) combinations of the matches.

One GROUP BY query yields the combinations; every facet's counts (ignoring that facet's own
selection, OR within a facet, AND across facets) and the total are sums over them in Python —
a few hundred rows at most, whatever the number of matching articles.
"""

from ..models import Category, Platform, Service
from .backends.base import FacetIds
from .types import FACETS, FacetValue, SearchFilters

Combination = tuple[int, int, int, int]  # service_id, category_id, platform_id, count


def selected_ids(filters: SearchFilters) -> FacetIds:
    """Selected slugs -> ids of active taxonomy (None where the facet is not filtered)."""
    models = {"service": Service, "category": Category, "platform": Platform}
    ids = {}
    for facet in FACETS:
        slugs = getattr(filters, facet)
        ids[facet] = (
            tuple(models[facet].objects.active().filter(slug__in=slugs).values_list("pk", flat=True)) if slugs else None
        )
    return FacetIds(**ids)


def _passes(combo: Combination, selected: FacetIds, skip: str | None = None) -> bool:
    for i, facet in enumerate(FACETS):
        ids = getattr(selected, facet)
        if facet != skip and ids is not None and combo[i] not in ids:
            return False
    return True


def total(combos: list[Combination], selected: FacetIds) -> int:
    return sum(c[3] for c in combos if _passes(c, selected))


def facet_values(combos: list[Combination], filters: SearchFilters, selected: FacetIds) -> dict[str, list[FacetValue]]:
    counts: dict[str, dict[int, int]] = {facet: {} for facet in FACETS}
    for combo in combos:
        for i, facet in enumerate(FACETS):
            if _passes(combo, selected, skip=facet):
                counts[facet][combo[i]] = counts[facet].get(combo[i], 0) + combo[3]

    def values(facet: str, queryset) -> list[FacetValue]:
        chosen = set(getattr(filters, facet))
        out = []
        for obj in queryset:
            count = counts[facet].get(obj.pk, 0)
            if count or obj.slug in chosen:
                parent = getattr(obj, "service", None)
                out.append(
                    FacetValue(
                        slug=obj.slug,
                        name=obj.name,
                        count=count,
                        selected=obj.slug in chosen,
                        parent_slug=parent.slug if parent else "",
                        parent_name=parent.name if parent else "",
                    )
                )
        return out

    def relevant(model, facet: str):
        ids = set(counts[facet]) | set(getattr(selected, facet) or ())
        return model.objects.active().filter(pk__in=ids)

    return {
        "service": values("service", relevant(Service, "service").order_by("order", "name")),
        "category": values(
            "category",
            relevant(Category, "category")
            .select_related("service")
            .order_by("service__order", "service__name", "order", "name"),
        ),
        "platform": values("platform", relevant(Platform, "platform").order_by("order", "name")),
    }
