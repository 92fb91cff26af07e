package com.shopkeeper.shopper;

import static com.shopkeeper.db.Tables.USERS;

import com.shopkeeper.config.Ids;
import com.shopkeeper.config.RenderedOnce;
import com.shopkeeper.crypto.FieldCipher;
import com.shopkeeper.crypto.SensitiveField;
import com.shopkeeper.db.tables.records.UsersRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Shoppers (the specification's users). Phone numbers and names are encrypted at rest. */
@Repository
public class ShopperRepository {

    private final DSLContext db;
    private final FieldCipher cipher;
    private final Clock clock;
    /** The touch of every message, with and without a new name: rendered once ({@link RenderedOnce}). */
    private final RenderedOnce touch;
    private final RenderedOnce touchNamed;

    ShopperRepository(DSLContext db, FieldCipher cipher, Clock clock) {
        this.db = db;
        this.cipher = cipher;
        this.clock = clock;
        var at = DSL.param("at", USERS.LAST_INTERACTION);
        var phone = USERS.PHONE_NUMBER.eq(DSL.param("phone", USERS.PHONE_NUMBER));
        this.touch = RenderedOnce.of(db, db.update(USERS).set(USERS.LAST_INTERACTION, at).where(phone).returning());
        this.touchNamed = RenderedOnce.of(db, db.update(USERS).set(USERS.LAST_INTERACTION, at)
                .set(USERS.NAME, DSL.param("name", USERS.NAME)).where(phone).returning());
    }

    public Optional<Shopper> find(String id) {
        return db.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional(this::toShopper);
    }

    /** The shoppers with these ids (any order; unknown ids are left out). */
    public List<Shopper> findAll(Collection<String> ids) {
        return ids.isEmpty() ? List.of() : db.selectFrom(USERS).where(USERS.ID.in(ids)).fetch(this::toShopper);
    }

    /** The shopper at this address: an E.164 number (Twilio's {@code whatsapp:+1…} is read as the number). */
    public Optional<Shopper> findByAddress(String address) {
        return db.selectFrom(USERS)
                .where(USERS.PHONE_NUMBER.eq(cipher.seal(SensitiveField.SHOPPER_PHONE, Shopper.normalize(address))))
                .fetchOptional(this::toShopper);
    }

    /**
     * The shopper with this address, created on first contact; records the interaction and
     * keeps the latest name the platform reported.
     */
    public Shopper touch(String address, String name) {
        address = Shopper.normalize(address);
        Instant now = clock.instant();
        String sealedAddress = cipher.seal(SensitiveField.SHOPPER_PHONE, address);
        var at = DSL.val(now, USERS.LAST_INTERACTION);
        var phone = DSL.val(sealedAddress, USERS.PHONE_NUMBER);
        var touched = name == null || name.isBlank() ? touch.rows(db, USERS, at, phone)
                : touchNamed.rows(db, USERS, at, DSL.val(cipher.seal(SensitiveField.SHOPPER_NAME, name), USERS.NAME), phone);
        Optional<Shopper> known = touched.fetchOptional().map(this::toShopper);
        if (known.isPresent()) {
            return known.get();
        }
        if (address.startsWith("+") && adoptLegacy(address)) {
            return touch(address, name);
        }
        // Another worker may create the same shopper at the same moment: theirs is as good as ours.
        db.insertInto(USERS)
                .set(USERS.ID, Ids.next())
                .set(USERS.PHONE_NUMBER, sealedAddress)
                .set(USERS.NAME, cipher.seal(SensitiveField.SHOPPER_NAME, name == null || name.isBlank() ? null : name))
                .set(USERS.OPTED_OUT, false)
                .set(USERS.CREATED_AT, now)
                .set(USERS.LAST_INTERACTION, now)
                .onConflictDoNothing()
                .execute();
        return findByAddress(address).orElseThrow();
    }

    /**
     * A shopper stored before numbers were E.164 (as Twilio's {@code whatsapp:+1…}) takes the number
     * on their next message, keeping their conversations, orders and opt-out.
     */
    private boolean adoptLegacy(String e164) {
        return db.update(USERS)
                .set(USERS.PHONE_NUMBER, cipher.seal(SensitiveField.SHOPPER_PHONE, e164))
                .where(USERS.PHONE_NUMBER.eq(cipher.seal(SensitiveField.SHOPPER_PHONE, Shopper.LEGACY_WHATSAPP + e164)))
                .execute() > 0;
    }

    public void setOptedOut(String id, boolean optedOut) {
        db.update(USERS).set(USERS.OPTED_OUT, optedOut).where(USERS.ID.eq(id)).execute();
    }

    public void setActiveConversation(String id, String conversationId) {
        db.update(USERS).set(USERS.ACTIVE_CONVERSATION_ID, conversationId).where(USERS.ID.eq(id)).execute();
    }

    private Shopper toShopper(UsersRecord r) {
        return new Shopper(r.getId(), cipher.open(SensitiveField.SHOPPER_PHONE, r.getPhoneNumber()),
                cipher.open(SensitiveField.SHOPPER_NAME, r.getName()), r.getOptedOut(), r.getCreatedAt(),
                r.getLastInteraction(), r.getActiveConversationId());
    }
}
