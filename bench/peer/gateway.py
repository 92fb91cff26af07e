"""The specification's webhook gateway in the stack its section names (FastAPI + Redis): the peer
bench/bench.sh part 4 measures ours against, under the same signed Twilio load on the same machine.

It keeps the same contract as ours, written the way that stack's documentation shows it: Twilio's
own RequestValidator over the public URL (403 otherwise), a MessageSid seen before is answered
and not queued again (SET NX with a TTL), the shopper's hourly limit (rate_limit:<From> HASH),
LPUSH of a JSON item on message_queue, and empty TwiML at once. Redis through redis-py's asyncio
client, one pipeline a request. Run by uvicorn with one worker process a core.
"""
import json
import os
import time

import redis.asyncio as aioredis
from fastapi import FastAPI, Request, Response
from twilio.request_validator import RequestValidator

TOKEN = os.environ["PEER_TWILIO_AUTH_TOKEN"]
URL = os.environ["PEER_PUBLIC_URL"].rstrip("/") + "/webhook/twilio"
LIMIT = int(os.environ.get("PEER_LIMIT_PER_HOUR", "1000000"))
TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'

validator = RequestValidator(TOKEN)
store = aioredis.from_url(os.environ["PEER_REDIS_URL"])
app = FastAPI()


@app.post("/webhook/twilio")
async def webhook(request: Request) -> Response:
    params = dict(await request.form())
    if not validator.validate(URL, params, request.headers.get("X-Twilio-Signature", "")):
        return Response(status_code=403)
    sid, sender = params.get("MessageSid"), params.get("From")
    if not sid or not sender:
        return Response(status_code=400)
    now = int(time.time())
    async with store.pipeline(transaction=False) as p:
        p.set("seen:" + sid, 1, nx=True, ex=86400)
        p.hincrby("rate_limit:" + sender, "count", 1)
        p.expire("rate_limit:" + sender, 3600)
        fresh, count, _ = await p.execute()
    if fresh and count <= LIMIT:
        item = {"mid": sid, "from": sender, "text": params.get("Body", ""), "at": now}
        await store.lpush("message_queue", json.dumps(item))
    return Response(content=TWIML, media_type="application/xml")
