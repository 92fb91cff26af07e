package com.shopkeeper.admin;

import static com.shopkeeper.db.Tables.ADMIN_TOKENS;

import com.shopkeeper.config.Ids;
import com.shopkeeper.db.tables.records.AdminTokensRecord;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class AdminTokenRepository {

    private final DSLContext db;
    private final Clock clock;

    AdminTokenRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    AdminToken insert(String name, Role role, String tokenHash) {
        AdminTokensRecord r = db.newRecord(ADMIN_TOKENS);
        r.setId(Ids.next());
        r.setName(name);
        r.setRole(role.name());
        r.setTokenHash(tokenHash);
        r.setCreatedAt(clock.instant());
        r.insert();
        return toToken(r);
    }

    Optional<AdminToken> findActiveByHash(String tokenHash) {
        return db.selectFrom(ADMIN_TOKENS)
                .where(ADMIN_TOKENS.TOKEN_HASH.eq(tokenHash), ADMIN_TOKENS.REVOKED_AT.isNull())
                .fetchOptional(AdminTokenRepository::toToken);
    }

    boolean isActive(String id) {
        return db.fetchExists(ADMIN_TOKENS, ADMIN_TOKENS.ID.eq(id), ADMIN_TOKENS.REVOKED_AT.isNull());
    }

    List<AdminToken> findAll() {
        return db.selectFrom(ADMIN_TOKENS).orderBy(ADMIN_TOKENS.CREATED_AT).fetch(AdminTokenRepository::toToken);
    }

    boolean revoke(String id) {
        return db.update(ADMIN_TOKENS)
                .set(ADMIN_TOKENS.REVOKED_AT, clock.instant())
                .where(ADMIN_TOKENS.ID.eq(id), ADMIN_TOKENS.REVOKED_AT.isNull())
                .execute() == 1;
    }

    private static AdminToken toToken(AdminTokensRecord r) {
        return new AdminToken(r.getId(), r.getName(), Role.valueOf(r.getRole()), r.getCreatedAt(), r.getRevokedAt());
    }
}
