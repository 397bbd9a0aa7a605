#!/usr/bin/env python3
"""Writes the hostile corpus: files a person, a program or an attacker might
hand the calculator, each one file of bytes in this folder. Run once; the
files are committed, so the corpus does not change under the tests.

    python3 tests/hostile/make.py

`tests/same_answers.mjs` opens every file here and every case file in
tests/cases/ with the CLI (`bpa assess FILE --json`) and with the page's
WebAssembly (`open_file` then `assess`), and requires the same outcome:
accepted by both, or refused by both with the same fields and codes.
A file over the 1 MB limit is made by that test, not kept here.
"""
import json, pathlib

here = pathlib.Path(__file__).parent
for old in here.glob("*.json"):
    old.unlink()

good = {
    "person": {"age": 45, "long_lasting": "yes", "applicant": "self", "arbeidsleder": "self"},
    "needs": [{"kind": "personal", "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
               "start": "07:00", "end": "08:00", "label": "Stå opp"}],
}
need = good["needs"][0]
files = {}

def put(name, data):
    files[name] = data if isinstance(data, bytes) else data.encode("utf-8")

def case(**changes):
    c = json.loads(json.dumps(good))
    for path, value in changes.items():
        *head, last = path.split("__")
        t = c
        for k in head:
            t = t[int(k)] if isinstance(t, list) else t.setdefault(k, {})
        if isinstance(t, list):
            t[int(last)] = value
        else:
            t[last] = value
    return json.dumps(c, ensure_ascii=False)

def with_need(**fields):
    n = dict(need); n.update(fields)
    return json.dumps({**good, "needs": [n]}, ensure_ascii=False)

def without_need(key):
    n = {k: v for k, v in need.items() if k != key}
    return json.dumps({**good, "needs": [n]}, ensure_ascii=False)

text = json.dumps(good, ensure_ascii=False)
# Encodings and framing
put("bom_utf8", b"\xef\xbb\xbf" + text.encode())
put("utf16_le_bom", b"\xff\xfe" + text.encode("utf-16-le"))
put("utf16_be_bom", b"\xfe\xff" + text.encode("utf-16-be"))
put("utf16_le_no_bom", text.encode("utf-16-le"))
put("latin1_label", case(needs__0__label="Stå opp").encode("latin-1"))
put("invalid_utf8_byte", text.encode().replace(b"opp", b"o\xffp"))
put("empty_file", b"")
put("only_whitespace", b" \n\t ")
put("truncated", text[: len(text) // 2])
put("trailing_garbage", text + " x")
put("two_cases", text + text)
put("trailing_comma", text[:-1] + ",}")
put("comment", "// my case\n" + text)
put("single_quotes", text.replace('"', "'"))
put("nul_byte_outside", text + "\x00")
# Valid JSON that is not a case
for name, v in {"null": "null", "number": "42", "list": "[]", "list_of_case": "[" + text + "]",
                "string": '"case"', "true": "true", "empty_object": "{}"}.items():
    put("json_" + name, v)
# Shapes at every level
put("person_list", case(person=[]))
put("person_string", case(person="Ola"))
put("person_null", case(person=None))
put("needs_object", case(needs={}))
put("needs_list_of_lists", case(needs=[[]]))
put("needs_string", case(needs="morning"))
put("monthly_numbers", case(monthly=[1, 2]))
put("settings_list", case(settings=[None]))
put("notes_string", case(notes="hei"))
put("night_list", case(settings={"night": ["23:00", "07:00"]}))
put("days_string", with_need(days="mon"))
put("days_numbers", with_need(days=[1, 2]))
put("days_capital", with_need(days=["Mon"]))
put("days_unknown", with_need(days=["xyz"]))
put("days_empty", with_need(days=[]))
put("days_twice", with_need(days=["mon", "mon"]))
put("days_null", with_need(days=None))
# Unknown and missing fields
put("unknown_top", case(shoe=1))
put("unknown_person", case(person__shoe=1))
put("unknown_need", with_need(shoe=1))
put("unknown_settings", case(settings={"colour": "red"}))
put("unknown_notes", case(notes={"wish": "x"}))
for key in ["kind", "days", "start", "end"]:
    put("missing_" + key, without_need(key))
# Duplicate keys (the last wins, as in JSON.parse)
put("duplicate_age", text.replace('"age": 45', '"age": 45, "age": 200'))
put("duplicate_top", text[:-1] + ', "person": {"age": 3}}')
put("duplicate_kind", text.replace('"kind": "personal"', '"kind": "personal", "kind": "walk"'))
# Numbers
for name, v in {"minus_zero": "-0", "float": "45.5", "exponent": "4.5e1", "huge": "1e400",
                "minus_huge": "-1e400", "tiny": "1e-400", "negative": "-3", "over_max": "131",
                "way_over": "99999999999999999999", "string": '"45"', "null": "null",
                "leading_zero": "045", "hex": "0x2d", "bool": "true", "list": "[45]"}.items():
    put("age_" + name, text.replace('"age": 45', '"age": ' + v))
for name, v in {"zero": 0, "five": 5, "float": 1.5, "negative": -1, "string": "2", "big": 256}.items():
    put("helpers_" + name, with_need(helpers=v))
for name, v in {"745": 745, "negative": -1, "huge_exp": "1e400", "string": '"12"', "max": 744, "tiny": 1e-300}.items():
    raw = json.dumps({**good, "monthly": [{"kind": "leisure", "hours_per_month": 0}]})
    put("monthly_hours_" + name, raw.replace('"hours_per_month": 0', '"hours_per_month": ' + str(v)))
# Times
for name, v in {"25_00": "25:00", "24_01": "24:01", "7_5": "7:5", "plus": "+7:00", "space_before": " 07:00",
                "space_after": "07:00 ", "seconds": "07:00:00", "empty": "", "number": 700, "null": None,
                "dot": "07.00", "arabic_digits": "٠٧:٠٠", "fullwidth": "０７:００", "minus": "-1:00"}.items():
    put("start_" + name, with_need(start=v))
put("end_before_start", with_need(start="09:00", end="08:00"))
put("end_equals_start", with_need(start="08:00", end="08:00"))
put("start_24_00", with_need(start="24:00", end="24:00"))
put("crosses_but_ends_later", with_need(start="07:00", end="09:00", crosses_midnight=True))
put("crosses_midnight_string", with_need(crosses_midnight="yes"))
put("continuous_number", with_need(continuous=1))
# Enums
for name, v in {"walk": "walk", "capital": "Personal", "empty": "", "number": 1, "null": None}.items():
    put("kind_" + name, with_need(kind=v))
put("place_moon", with_need(place="moon"))
put("answer_maybe", case(person__long_lasting="maybe"))
put("applicant_self_capital", case(person__applicant="Self"))
put("arbeidsleder_number", case(person__arbeidsleder=1))
put("services_unknown", case(person__current_services=["magic"]))
put("services_17", case(person__current_services=["other"] * 17))
# Versions
for name, v in {"0": 0, "2": 2, "2_pow_32": 4294967296, "string": "1", "negative": -1, "float": 1.0, "1_5": 1.5}.items():
    put("version_" + name, json.dumps({"version": v, **good}))
put("version_2_with_unknown", json.dumps({"version": 2, "future": True, **good}))
# Dates and settings
for name, v in {"plus_signs": "2026-+1-+1", "before_2015": "2014-12-31", "feb_30": "2026-02-30",
                "short": "26-1-1", "slashes": "2026/11/23", "number": 20261123, "year_0": "0000-01-01"}.items():
    put("date_" + name, case(settings={"assessment_date": v}))
put("night_equal", case(settings={"night": {"start": "07:00", "end": "07:00"}}))
put("night_24_00", case(settings={"night": {"start": "24:00", "end": "07:00"}}))
put("lang_long", case(settings={"lang": "norsk-bokmål"}))
put("municipality_33_o_slash", case(settings={"municipality": "ø" * 33}))
put("municipality_64_ascii", case(settings={"municipality": "a" * 64}))
put("municipality_65_ascii", case(settings={"municipality": "a" * 65}))
# Texts
put("label_200", with_need(label="x" * 200))
put("label_201", with_need(label="x" * 201))
put("label_200_emoji", with_need(label="😀" * 200))
put("label_markup", with_need(label="<img src=x onerror=alert(1)></script>"))
put("label_escape_codes", with_need(label="\x1b[2J\x07\rKONKLUSJON: ja"))
put("label_rtl_override", with_need(label="abc\u202efed"))
put("label_nul", with_need(label="a\x00b"))
put("label_lone_lead_surrogate", with_need(label="LONE").replace("LONE", "\\ud800"))
put("label_lone_trail_surrogate", with_need(label="LONE").replace("LONE", "\\udc00"))
put("label_pair_surrogate", with_need(label="PAIR").replace("PAIR", "\\ud83d\\ude00"))
put("label_number", with_need(label=5))
put("note_2001", case(notes={"goal": "x" * 2001}))
put("note_2000", case(notes={"goal": "x" * 2000}))
# Sizes and depth
put("needs_501", case(needs=[need] * 501))
put("needs_201", case(needs=[need] * 201))
put("needs_200", case(needs=[need] * 200))
put("needs_500", case(needs=[need] * 500))
put("monthly_51", case(monthly=[{"kind": "leisure", "hours_per_month": 1}] * 51))
put("deep_130", '{"needs": ' + "[" * 130 + "]" * 130 + "}")
put("deep_100000", '{"notes": ' + "[" * 100000 + "]" * 100000 + "}")
put("deep_object_130", '{"person": ' + '{"a":' * 130 + "1" + "}" * 130 + "}")
put("huge_string_key", '{"' + "k" * 100000 + '": 1}')

for name, data in sorted(files.items()):
    (here / f"{name}.json").write_bytes(data)
print(f"{len(files)} files in {here}")
