package com.shopkeeper.admin;

import java.time.Instant;

/** A named API token. Only its SHA-256 is stored; the token itself is shown once, when issued. */
public record AdminToken(String id, String name, Role role, Instant createdAt, Instant revokedAt) {
}
