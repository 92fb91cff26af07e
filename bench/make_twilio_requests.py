#!/usr/bin/env python3
"""Writes N distinct, pre-signed Twilio WhatsApp webhook requests, one per line: signature TAB form body.

usage: make_twilio_requests.py N RUN_ID AUTH_TOKEN SIGNED_URL SHOPPERS > requests.tsv
Signed as Twilio signs: base64(HMAC-SHA1(token, url + each param name and value, sorted by name)).
"""
import base64, hashlib, hmac, sys, urllib.parse

n, run, token, url, shoppers = int(sys.argv[1]), sys.argv[2], sys.argv[3].encode(), sys.argv[4], int(sys.argv[5])
out = sys.stdout
for i in range(n):
    sid = "SM%s%024x" % (run[:8].rjust(8, "0"), i)
    params = {
        "AccountSid": "AC0123456789abcdef0123456789abcdef",
        "Body": "Do you have blue sofas under 500? (%d)" % i,
        "From": "whatsapp:+1555%07d" % (i % shoppers),
        "MessageSid": sid,
        "NumMedia": "0",
        "ProfileName": "Bench",
        "SmsMessageSid": sid,
        "To": "whatsapp:+14155238886",
    }
    data = url + "".join(k + params[k] for k in sorted(params))
    sig = base64.b64encode(hmac.new(token, data.encode(), hashlib.sha1).digest()).decode()
    out.write(sig + "\t" + urllib.parse.urlencode(params) + "\n")
