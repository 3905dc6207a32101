"""/api/v1/docs/ in a real browser: Swagger UI from our own files, working under the site's
Content-Security-Policy (no inline script), asking nothing of another site."""

import pytest

pytestmark = pytest.mark.usefixtures("live_plan")

WATCH_CSP = ("document.addEventListener('securitypolicyviolation', event => "
             "(window.cspViolations = window.cspViolations || []).push(event.violatedDirective + ' ' + event.blockedURI))")


def test_swagger_ui_lists_every_operation_and_tries_one_under_the_sites_csp(page, live_server, screenshots):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.add_init_script(WATCH_CSP)
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".opblock-summary-path", timeout=20_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert len(paths) == 11 and "/api/v1/tonight/" in [path.strip() for path in paths]
    page.locator(".opblock-summary", has_text="/api/v1/tonight/").first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.wait_for_selector(".live-responses-table tbody .response-col_status", timeout=20_000)
    assert page.locator(".live-responses-table tbody .response-col_status").first.inner_text().strip() == "200"
    page.screenshot(path=str(screenshots / "api-docs.png"), full_page=False, scale="css")
    assert page.evaluate("window.cspViolations || []") == []
    assert [url for url in requests if not url.startswith((live_server.url, "data:"))] == []
