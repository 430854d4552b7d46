"""Validates FHIR Bundles with the R4B models of `fhir.resources` (a validator nobody here
wrote).

Input (stdin): a JSON list of {"name", "bundle"}. Each must validate as an R4B Bundle whose
entries parse to their typed resources, and every coded element the advisor writes must be
in its required value set (from the R4B spec; the models do not check bindings). Prints one line per problem and exits 1, or prints
"ok <n> <resource counts>". Exits 3 when the package is missing.
"""
import collections
import json
import sys

try:
    from fhir.resources.R4B.bundle import Bundle
except ImportError:
    print("MISSING python package fhir.resources (R4B models): run scripts/setup.sh "
          "(pip install fhir.resources)")
    sys.exit(3)


# Required bindings of the FHIR R4B spec for the coded elements the advisor writes
# (fhir.resources checks structure and types, not value sets).
REQUIRED = {
    ("Bundle", "type"): {"document", "message", "transaction", "transaction-response", "batch",
                         "batch-response", "history", "searchset", "collection"},
    ("QuestionnaireResponse", "status"): {"in-progress", "completed", "amended",
                                          "entered-in-error", "stopped"},
    ("CarePlan", "status"): {"draft", "active", "on-hold", "revoked", "completed",
                             "entered-in-error", "unknown"},
    ("CarePlan", "intent"): {"proposal", "plan", "order", "option"},
    ("CarePlan.activity.detail", "kind"): {"Appointment", "CommunicationRequest", "DeviceRequest",
                                           "MedicationRequest", "NutritionOrder", "Task",
                                           "ServiceRequest", "VisionPrescription"},
    ("CarePlan.activity.detail", "status"): {"not-started", "scheduled", "in-progress", "on-hold",
                                             "completed", "cancelled", "stopped", "unknown",
                                             "entered-in-error"},
    ("ServiceRequest", "status"): {"draft", "active", "on-hold", "revoked", "completed",
                                   "entered-in-error", "unknown"},
    ("ServiceRequest", "intent"): {"proposal", "plan", "directive", "order", "original-order",
                                   "reflex-order", "filler-order", "instance-order", "option"},
    ("ServiceRequest", "priority"): {"routine", "urgent", "asap", "stat"},
    ("ContactPoint", "system"): {"phone", "fax", "email", "pager", "url", "sms", "other"},
}


def check_bindings(name, bundle):
    errors = []

    def want(where, key, value):
        allowed = REQUIRED[(where, key)]
        if value not in allowed:
            errors.append(f"{name}: {where}.{key} = {value!r} is not in its required value set")

    want("Bundle", "type", bundle.get("type"))
    for e in bundle.get("entry", []):
        r = e["resource"]
        kind = r["resourceType"]
        for (where, key) in REQUIRED:
            if where == kind and key in r:
                want(where, key, r[key])
        for a in r.get("activity", []) if kind == "CarePlan" else []:
            for key in ("kind", "status"):
                if key in a.get("detail", {}):
                    want("CarePlan.activity.detail", key, a["detail"][key])
        for t in r.get("telecom", []):
            want("ContactPoint", "system", t.get("system"))
    return errors


def validate(obj):
    # fhir.resources 7+ (pydantic 2) has model_validate; older versions parse_obj.
    if hasattr(Bundle, "model_validate"):
        return Bundle.model_validate(obj)
    return Bundle.parse_obj(obj)


def main():
    docs = json.load(sys.stdin)
    errors = []
    counts = collections.Counter()
    for doc in docs:
        errors.extend(check_bindings(doc["name"], doc["bundle"]))
        try:
            b = validate(doc["bundle"])
            for e in b.entry or []:
                kind = type(e.resource).__name__
                if kind != e.resource.get_resource_type():
                    errors.append(f"{doc['name']}: entry parsed as {kind}")
                counts[kind] += 1
        except Exception as e:
            errors.append(f"{doc['name']}: {type(e).__name__}: {str(e)[:2000]}")
    if errors:
        print("\n".join(errors[:20]))
        sys.exit(1)
    print(f"ok {len(docs)} " + json.dumps(dict(sorted(counts.items()))))


main()
