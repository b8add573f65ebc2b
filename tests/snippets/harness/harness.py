

# --- test harness (tests/snippets): appended after the snippet under test.
if __name__ == "__main__":
    import base64 as _b64
    import json as _json
    import sys as _sys

    with open(_sys.argv[1], encoding="utf-8") as _f:
        for _case in _json.load(_f):
            _ok = verify_webhook(_case["secret"], _b64.b64decode(_case["body"]), *_case["headers"])
            print("true" if _ok is True else "false")
