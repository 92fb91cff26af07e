package com.shopkeeper.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.Message;
import com.shopkeeper.conversation.MessageRepository;
import com.shopkeeper.insight.SearchLog;
import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.support.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Opens the SQLite file behind the application's back and looks for personal data in the clear. */
@SpringBootTest
class EncryptionAtRestTest {

    static final Path DIR = TestDatabases.tempDir("sk-encryption");
    static final String PHONE = "whatsapp:+15557654321";
    static final String NAME = "Grace Brewster Hopper";
    static final String TEXT = "please deliver to 42 Elmwood Crescent";
    static final String QUERY = "Larkspur maternity pillow";

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        TestDatabases.sqlite(registry, DIR);
    }

    @Autowired ShopperRepository shoppers;
    @Autowired ConversationRepository conversations;
    @Autowired MessageRepository messages;
    @Autowired SearchLog searches;

    @Test
    void noPhoneNameMessageOrSearchIsStoredInTheClear() throws Exception {
        var shopper = shoppers.touch(PHONE, NAME);
        var conversation = conversations.create(shopper.id(), "twilio");
        messages.append(conversation.id(), Message.Role.USER, TEXT, "SM-enc-1");
        searches.record(conversation.id(), QUERY, 0);

        // The application reads them back...
        assertThat(shoppers.findByAddress(PHONE).orElseThrow().name()).isEqualTo(NAME);
        assertThat(messages.recent(conversation.id(), 1).getFirst().content()).isEqualTo(TEXT);

        // ...but no table cell holds them.
        List<String> cells = new ArrayList<>();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + DIR.resolve("shopkeeper.db"))) {
            for (String table : List.of("users", "messages", "conversations", "searches")) {
                try (var rs = c.createStatement().executeQuery("select * from " + table)) {
                    while (rs.next()) {
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            cells.add(String.valueOf(rs.getString(i)));
                        }
                    }
                }
            }
        }
        assertThat(cells).isNotEmpty().noneMatch(v -> v.contains("5557654321") || v.contains("Hopper") || v.contains("Elmwood")
                || v.contains("Larkspur"));

        // Nor do the raw database and write-ahead-log bytes.
        for (String file : List.of("shopkeeper.db", "shopkeeper.db-wal")) {
            Path path = DIR.resolve(file);
            if (Files.exists(path)) {
                String raw = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
                assertThat(raw).as(file).doesNotContain("5557654321").doesNotContain("Hopper").doesNotContain("Elmwood")
                        .doesNotContain("Larkspur");
            }
        }
    }

    @Test
    void theKeysetWasGeneratedOwnerReadableOnly() throws Exception {
        Path aead = DIR.resolve("keys").resolve(CryptoConfig.AEAD_FILE);
        assertThat(aead).exists();
        assertThat(Files.getPosixFilePermissions(aead).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }
}
