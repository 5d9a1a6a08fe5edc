"""Every URL pattern of the project, made concrete with ids from the demo data.

The permission matrix and the hostile-input tests walk this list, so a new URL is covered (or fails loudly until
someone says how to fill its arguments) without anyone remembering to add it.
"""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    pattern: str
    converters: tuple  # names of the URL arguments

    def __str__(self):
        return self.name


def _walk(resolver, namespace="", prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry, full_ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            name = entry.name or ""
            full = f"{namespace}:{name}" if namespace else name
            arguments = tuple(entry.pattern.converters) or tuple(entry.pattern.regex.groupindex)
            yield Route(full, prefix + str(entry.pattern), arguments)


def project_routes():
    """All routes except the Django admin site, whose permissions Django itself enforces and tests."""
    routes = []
    for route in _walk(get_resolver()):
        if route.name.startswith("admin:") or route.pattern.startswith("admin/"):
            continue
        if route.pattern.startswith(("static/", "media/", "^static/", "^media/")):
            continue
        if "format" in route.converters:
            continue  # the REST framework's ".json" variants of the same views
        routes.append(route)
    return sorted(set(routes), key=lambda r: (r.name, r.pattern))


def url_for(route, ids):
    """The concrete URL of `route`, with its arguments taken from `ids` (a dict built from the demo data)."""
    kwargs = {}
    for arg in route.converters:
        key = f"{route.name}.{arg}"
        if key in ids:
            kwargs[arg] = ids[key]
        elif route.name.split(":")[0] in ids and arg == "pk":
            kwargs[arg] = ids[route.name.split(":")[0]]
        elif f"*.{arg}" in ids:
            kwargs[arg] = ids[f"*.{arg}"]
        else:
            raise KeyError(f"No demo value for argument {arg!r} of URL {route.name!r} ({route.pattern}): add it to ids")
    return reverse(route.name, kwargs=kwargs)
