#!/usr/bin/env python3
"""Writes N distinct, pre-signed WhatsApp Cloud API (Meta) webhook requests, one per line: signature TAB JSON body.

usage: make_meta_requests.py N RUN_ID APP_SECRET PHONE_NUMBER_ID SHOPPERS > requests.tsv
Signed as Meta signs: "sha256=" + hex(HMAC-SHA256(app secret, raw body)). One text message per body,
in the documented shape (object, entry[].changes[].value with metadata, contacts and messages).
"""
import hashlib, hmac, json, sys

n, run, secret, phone_id, shoppers = int(sys.argv[1]), sys.argv[2], sys.argv[3].encode(), sys.argv[4], int(sys.argv[5])
out = sys.stdout
for i in range(n):
    wa_id = "1555%07d" % (i % shoppers)
    body = json.dumps({
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550783881", "phone_number_id": phone_id},
            "contacts": [{"profile": {"name": "Bench"}, "wa_id": wa_id}],
            "messages": [{"from": wa_id, "id": "wamid.%s%024x" % (run[:8].rjust(8, "0"), i),
                          "timestamp": "1764763200", "type": "text",
                          "text": {"body": "Do you have blue sofas under 500? (%d)" % i}}]}}]}]},
        separators=(",", ":"))
    sig = "sha256=" + hmac.new(secret, body.encode(), hashlib.sha256).hexdigest()
    out.write(sig + "\t" + body + "\n")
