"""Template tags for listing photos: the gallery on a detail page, and absolute image URLs."""

from django import template

register = template.Library()

# The gallery is at most 40rem wide (site.css "Photos"); a wide photo fills it, the others half.
WIDE_SIZES = "(min-width: 42rem) 40rem, calc(100vw - 2rem)"
HALF_SIZES = "(min-width: 42rem) 20rem, calc(50vw - 1.25rem)"


@register.inclusion_tag("includes/_photos.html")
def photo_gallery(photos):
    """{% photo_gallery venue.photo_list %}: the first photo wide and eager, the rest in two
    columns and lazy; a last photo alone on its row is wide too. Renders nothing for no photos."""
    photos = list(photos or [])
    items = []
    for index, photo in enumerate(photos):
        alone_at_end = index == len(photos) - 1 and index % 2 == 1
        wide = index == 0 or alone_at_end
        items.append({"photo": photo, "first": index == 0, "wide": wide, "sizes": WIDE_SIZES if wide else HALF_SIZES})
    return {"items": items}


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """`url` made absolute with the request's host (Open Graph needs that); unchanged when it
    already is absolute (object storage) or there is no request."""
    request = context.get("request")
    return request.build_absolute_uri(url) if request and url else url
