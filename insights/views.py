import logging

from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from articles.models import Article
from articles.search_page import search_context

from .logging import is_recordable, visitor_token
from .models import SearchClick, SearchLog

logger = logging.getLogger(__name__)
MAX_POSITION = 1000


@never_cache
@require_GET
def click(request, search_id: int, article_id: int, position: int):
    """Record a click on a search result, then go to the article (always our own URL, never a parameter)."""
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    if 1 <= position <= MAX_POSITION and is_recordable(request):
        record_click(request, search_id=search_id, article=article, position=position)
    # The search's own parameters ride along (the article links back to the results and marks the query).
    context = search_context(request.GET)
    return HttpResponseRedirect(article.get_absolute_url() + (f"?{context}" if context else ""))


def record_click(request, *, search_id: int, article, position: int) -> bool:
    """Only the browser that searched counts: a shared or crawled click link doesn't inflate the numbers."""
    token = visitor_token(request, create=False)
    if not token:
        return False
    try:
        if not SearchLog.objects.filter(pk=search_id, session_token=token).exists():
            return False
        with transaction.atomic():
            SearchClick.objects.create(search_id=search_id, article=article, position=position)
        return True
    except Exception:
        logger.warning("search click write failed", exc_info=True)
        return False
