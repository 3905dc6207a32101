from core.nighttime import tonight


def site(request):
    """Tonight's date for the header; no queries."""
    return {"tonight": tonight()}
