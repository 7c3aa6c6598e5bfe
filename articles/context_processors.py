from .models import Service


def site_navigation(request):
    """The service list shown on every public page; lazy, so pages that do not render it pay nothing."""
    return {"nav_services": Service.objects.active()}
