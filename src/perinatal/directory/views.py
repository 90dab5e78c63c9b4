from django.http import HttpResponse

from perinatal.core.middleware import public_page


@public_page
def search_view(request):
    return HttpResponse("todo")


timeline_view = service_detail_view = report_view = editor_queue_view = search_view
