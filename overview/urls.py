"""The overview's routes: the home page, site search, insights and the calendar feeds, mounted at the site root.

The names stay without an app namespace ("home", "search", "insights"): they are the site's entry points, named by
the navigation, the error pages and LOGIN_REDIRECT_URL. The calendar keeps its own "calendar" namespace.
"""

from django.urls import include, path

from . import feeds, insights, search, views

calendar_patterns = [
    path("", feeds.calendar_page, name="page"),
    path("reset/", feeds.reset_token, name="reset"),
    path("<str:token>/<slug:name>.ics", feeds.feed, name="feed"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", search.search_page, name="search"),
    path("insights/", insights.insights_page, name="insights"),
    path("calendar/", include((calendar_patterns, "calendar"))),
]
