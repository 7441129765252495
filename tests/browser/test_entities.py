"""Entity pages in a real Chromium: create an organisation, use the picker, add a membership."""

from __future__ import annotations

from tracker.repositories import register
from tracker.repositories.networks import NETWORKS


def test_create_organisation_through_the_ui(page, db):
    page.goto(f"{page.base}/organisations")
    page.click("text=New organisation")
    page.fill("input[name=name]", "Data Cymru <b>&</b>")
    assert page.input_value("input[name=id]") == "data-cymru-b-b"  # the id offered from the name
    page.fill("input[name=type]", "Local government body")
    page.fill("input[name=nation]", "Wales")
    page.click("form.entity-form button[type=submit]")
    page.wait_for_url(f"{page.base}/organisations/data-cymru-b-b")
    assert page.locator("h1").inner_text() == "Data Cymru <b>&</b>"  # shown literally
    assert "created" in page.locator(".flash-success").inner_text()
    page.goto(f"{page.base}/organisations?q=cymru")
    assert page.locator("tbody tr").count() == 1
    page.watch.assert_clean()


def test_offered_id_can_be_changed(page, db):
    page.goto(f"{page.base}/networks/new")
    page.locator("input[name=name]").press_sequentially("NHS-R Community")
    assert page.input_value("input[name=id]") == "nhs-r-community"
    page.fill("input[name=id]", "nhsr")
    page.locator("input[name=name]").press_sequentially("!")  # no longer overwrites the id
    assert page.input_value("input[name=id]") == "nhsr"
    page.click("form.entity-form button[type=submit]")
    page.wait_for_url(f"{page.base}/networks/nhsr")
    page.watch.assert_clean()


def test_duplicate_warning_then_create_anyway(page, db):
    page.goto(f"{page.base}/organisations/new")
    page.fill("input[name=name]", "Welsh Government")
    page.click("form.entity-form button[type=submit]")
    page.wait_for_url("**/organisations/welsh-government")
    page.goto(f"{page.base}/organisations/new")
    page.fill("input[name=name]", "Welsh Government Digital")
    page.click("form.entity-form button[type=submit]")
    assert page.locator("#match-heading").is_visible()
    page.check("input[name=create_anyway]")
    page.click("form.entity-form button[type=submit]")
    page.wait_for_url("**/organisations/welsh-government-digital")
    page.watch.assert_clean()


def test_picker_offers_names_and_membership_is_added(page, db):
    NETWORKS.create(db, "nhs-r", {"name": "NHS-R Community"})
    page.goto(f"{page.base}/organisations/new")
    page.fill("input[name=name]", "NHS Wales")
    page.click("form.entity-form button[type=submit]")
    page.wait_for_url("**/organisations/nhs-wales")
    picker = page.locator("input[name=of][data-picker=group]")
    picker.press_sequentially("nhs-r", delay=30)
    option = page.locator("datalist#of-options option[value='nhs-r']")
    option.wait_for(state="attached")
    assert "NHS-R Community" in option.get_attribute("label")
    picker.fill("nhs-r")
    picker.dispatch_event("input")
    assert page.locator(".picker-name").first.inner_text() == "NHS-R Community"
    page.fill("input[name=since]", "2022-04-01")
    page.click("text=Add membership")
    page.wait_for_url("**/organisations/nhs-wales")
    assert "NHS-R Community" in page.locator("#memberships").inner_text()
    assert "2022-04-01" in page.locator("#memberships").inner_text()
    page.watch.assert_clean()


PAIRED = """
<div id="row-0" data-row>
  <input type="hidden" name="rows-0-actor" id="rows-0-actor" data-picker-id>
  <input type="text" name="rows-0-actor_name" id="rows-0-actor_name" data-picker="actor"
         data-picker-target="rows-0-actor">
</div>
"""


def test_picker_name_box_fills_its_hidden_id_and_survives_row_copies(page, db):
    """The contract the log-a-collaboration form relies on (name box + hidden id, cloned rows)."""
    NETWORKS.create(db, "nhs-r", {"name": "NHS-R Community"})
    page.goto(f"{page.base}/people/new")
    page.evaluate("""html => {
        const box = document.createElement('div'); box.id = 'rows'; box.innerHTML = html;
        document.querySelector('main').appendChild(box); Picker.scan(box); }""", PAIRED)
    name = page.locator("#rows-0-actor_name")
    name.press_sequentially("NHS", delay=30)
    page.locator("#rows-0-actor_name-options option[value='NHS-R Community']").wait_for(
        state="attached")
    name.fill("NHS-R Community")  # what choosing the suggestion does
    assert page.input_value("#rows-0-actor") == "nhs-r"
    assert name.input_value() == "NHS-R Community"
    name.fill("A brand new partner")  # typed, not picked: the hidden id is cleared
    assert page.input_value("#rows-0-actor") == ""
    # rows.js copies the last row (with the picker's list) and announces it
    page.evaluate("""() => {
        const copy = document.getElementById('row-0').cloneNode(true);
        copy.id = 'row-1';
        copy.querySelectorAll('[id],[name],[data-picker-target]').forEach(el => {
          for (const a of ['id', 'name', 'data-picker-target']) {
            if (el.hasAttribute(a)) el.setAttribute(a, el.getAttribute(a).replace('-0-', '-1-'));
          }
        });
        document.getElementById('rows').appendChild(copy);
        copy.dispatchEvent(new CustomEvent('rows:added', {bubbles: true}));
    }""")
    assert page.locator("#row-1 datalist").count() == 1
    copy = page.locator("#rows-1-actor_name")
    copy.fill("")
    copy.press_sequentially("NHS", delay=30)
    page.locator("#rows-1-actor_name-options option").first.wait_for(state="attached")
    copy.fill("NHS-R Community")
    assert page.input_value("#rows-1-actor") == "nhs-r"
    assert page.input_value("#rows-0-actor") == ""  # the first row is untouched
    page.watch.assert_clean()


def test_register_entry_offered_while_typing_opens_it(page, db, tmp_path):
    csv = tmp_path / "list.csv"
    csv.write_text("id,name,nation,region,type\nW001,Welsh Government,Wales,,Devolved\n",
                   encoding="utf-8")
    register.import_csv(db, csv, "id", "name", "nation", "region", "type")
    page.goto(f"{page.base}/organisations/new")
    page.locator("input[name=name]").press_sequentially("Welsh Gov", delay=30)
    page.click("text=Use Welsh Government")
    page.wait_for_url(f"{page.base}/organisations/W001")
    assert page.locator("h1").inner_text() == "Welsh Government"
    assert db.read_value("organisations/exists", ids=["welsh-gov"]) is None  # no duplicate
    page.watch.assert_clean()
