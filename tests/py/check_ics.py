"""Reads calendars back with the `icalendar` package (a parser nobody here wrote).

Input (stdin): a JSON list of {"name", "ics", "events": [{"uid", "date", "summary_has",
"description_has"}]} (the last two: texts the SUMMARY / DESCRIPTION must contain).
Every calendar must parse, and hold exactly the expected all-day events (UID, DTSTART as a
date, DTEND the next day, SUMMARY and DESCRIPTION texts) with a DISPLAY alarm one day before. Prints one line per
problem and exits 1, or prints "ok <n>". Exits 3 when the package is missing.
"""
import datetime
import json
import sys

try:
    import icalendar
except ImportError:
    print("MISSING python package icalendar: run scripts/setup.sh (pip install icalendar)")
    sys.exit(3)


def check(doc):
    errors = []
    name = doc["name"]
    cal = icalendar.Calendar.from_ical(doc["ics"])
    if str(cal.get("VERSION")) != "2.0":
        errors.append(f"{name}: VERSION is {cal.get('VERSION')}")
    if not cal.get("PRODID"):
        errors.append(f"{name}: no PRODID")
    if str(cal.get("CALSCALE")) != "GREGORIAN":
        errors.append(f"{name}: CALSCALE is {cal.get('CALSCALE')}")
    found = {}
    for ev in cal.walk("VEVENT"):
        uid = str(ev.get("UID"))
        start = ev.decoded("DTSTART")
        end = ev.decoded("DTEND")
        if isinstance(start, datetime.datetime) or not isinstance(start, datetime.date):
            errors.append(f"{name} {uid}: DTSTART is not a date: {start!r}")
            continue
        if end != start + datetime.timedelta(days=1):
            errors.append(f"{name} {uid}: DTEND {end} is not the day after {start}")
        stamp = ev.decoded("DTSTAMP")
        if not isinstance(stamp, datetime.datetime) or stamp.utcoffset() != datetime.timedelta(0):
            errors.append(f"{name} {uid}: DTSTAMP is not UTC: {stamp!r}")
        alarms = ev.walk("VALARM")
        if len(alarms) != 1:
            errors.append(f"{name} {uid}: {len(alarms)} alarms")
        else:
            a = alarms[0]
            if str(a.get("ACTION")) != "DISPLAY":
                errors.append(f"{name} {uid}: alarm action {a.get('ACTION')}")
            if a.decoded("TRIGGER") != datetime.timedelta(days=-1):
                errors.append(f"{name} {uid}: alarm trigger {a.decoded('TRIGGER')}")
            if not str(a.get("DESCRIPTION") or ""):
                errors.append(f"{name} {uid}: alarm without description")
        if uid in found:
            errors.append(f"{name}: UID {uid} twice")
        found[uid] = (start.isoformat(), str(ev.get("SUMMARY")), str(ev.get("DESCRIPTION")))
    expected = {e["uid"]: e for e in doc["events"]}
    if set(found) != set(expected):
        errors.append(f"{name}: UIDs {sorted(found)} != expected {sorted(expected)}")
    for uid, e in expected.items():
        if uid not in found:
            continue
        date, summary, description = found[uid]
        if date != e["date"]:
            errors.append(f"{name} {uid}: date {date} != {e['date']}")
        for part in e.get("summary_has", []):
            if part not in summary:
                errors.append(f"{name} {uid}: SUMMARY {summary!r} lacks {part!r}")
        for part in e.get("description_has", []):
            if part not in description:
                errors.append(f"{name} {uid}: DESCRIPTION {description!r} lacks {part!r}")
    return errors


def main():
    docs = json.load(sys.stdin)
    errors = []
    for doc in docs:
        try:
            errors.extend(check(doc))
        except Exception as e:  # a parse failure is a finding, not a crash
            errors.append(f"{doc['name']}: {type(e).__name__}: {e}")
    if errors:
        print("\n".join(errors[:50]))
        sys.exit(1)
    print(f"ok {len(docs)}")


main()
