"""Extract the Digital Link parse cases and verdicts from the engine's dl.c.

Usage: python extract_cases.py dl.c > dl-parse-cases.json

Reads test_dl_parseDLuri(): each test_parseDLuri(verdict, uri, expect) call,
with the options in force when it runs (zero-suppressed GTINs, convenience
alphas, unknown AIs), so a test can choose the cases of the options it uses.
"""

import json
import re
import sys

source = open(sys.argv[1], encoding="utf-8").read()
body = source[source.index("void test_dl_parseDLuri(void)") :]
body = body[: body.index("\n}\n")]
options = {
    "zero_suppressed_gtin": False,
    "convenience_alphas": False,
    "unknown_ais": False,
}
token = re.compile(
    r"setPermitZeroSuppressedGTINinDLuris\(ctx, (true|false)\)"
    r"|permitConvenienceAlphas = (true|false)"
    r"|setPermitUnknownAIs\(ctx, (true|false)\)"
    r"|setValidationEnabled\(ctx, gs1_encoder_vUNKNOWN_AI_NOT_DL_ATTR, (true|false)\)"
    r'|test_parseDLuri\((true|false),\s*(?://[^\n]*\n\s*)?"((?:[^"\\]|\\.)*)"'
)
cases, attr_check = [], True
for match in token.finditer(body):
    zs, alphas, unknown, attr, verdict, uri = match.groups()
    if zs:
        options["zero_suppressed_gtin"] = zs == "true"
    elif alphas:
        options["convenience_alphas"] = alphas == "true"
    elif unknown:
        options["unknown_ais"] = unknown == "true"
    elif attr:
        attr_check = attr == "true"
    else:
        uri = uri.encode().decode("unicode_escape")
        cases.append(
            {
                "uri": uri,
                "valid": verdict == "true",
                **options,
                "unknown_ai_not_attribute_checked": attr_check,
            }
        )
json.dump(cases, sys.stdout, indent=1, ensure_ascii=False)
print()
