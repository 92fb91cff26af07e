package com.shopkeeper.conversation;

import java.time.Instant;

/** A conversation waits for a person from the shop: why (as the transition log says it) and since when. */
public record NeedsPerson(String reason, Instant since) {
}
