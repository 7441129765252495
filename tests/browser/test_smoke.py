"""The browser fixtures work: log in through the real form in Chromium, land on the dashboard."""


def test_login_lands_on_the_dashboard_with_a_clean_console(page):
    assert page.url == f"{page.base}/"
    assert "Dashboard" in page.title()
    assert page.locator("nav[aria-label=Main]").is_visible()
    page.watch.assert_clean()


def test_wrong_password_shows_a_field_error(browser, live_server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server}/login")
    page.fill("input[name=username]", "nobody")
    page.fill("input[name=password]", "wrong")
    page.click("button[type=submit]")
    assert page.locator(".errors").inner_text().strip().endswith("wrong password.")
    context.close()
