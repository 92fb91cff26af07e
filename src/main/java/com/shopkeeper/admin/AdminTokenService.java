package com.shopkeeper.admin;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Issues, checks and revokes admin API tokens. Tokens are 256 random bits, so a plain SHA-256
 * is the right way to store them (a slow password hash adds nothing against guessing 2^256).
 */
@Service
public class AdminTokenService {

    private static final Logger log = LoggerFactory.getLogger(AdminTokenService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String PREFIX = "skt_";
    private static final String BOOTSTRAP_ID = "bootstrap";

    private final AdminTokenRepository tokens;
    private final byte[] bootstrapHash;

    AdminTokenService(AdminTokenRepository tokens, AdminProperties props) {
        this.tokens = tokens;
        this.bootstrapHash = sha256(bootstrapToken(props)).getBytes(StandardCharsets.US_ASCII);
    }

    /** Who holds this token, if anyone. */
    public Optional<Caller> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        String hash = sha256(token);
        if (MessageDigest.isEqual(bootstrapHash, hash.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(new Caller(BOOTSTRAP_ID, "bootstrap", Role.ADMIN));
        }
        return tokens.findActiveByHash(hash).map(t -> new Caller(t.id(), t.name(), t.role()));
    }

    /** Whether a caller signed in earlier still holds an unrevoked token (a revoked token ends its sessions). */
    public boolean stillValid(Caller caller) {
        return BOOTSTRAP_ID.equals(caller.tokenId()) || tokens.isActive(caller.tokenId());
    }

    /**
     * Who made a request; kept in the admin UI's session, hence serializable. A {@link Principal}, so
     * that a controller's {@code Principal.getName()} (who took a conversation over, who changed a
     * setting) is the token's name rather than this record's toString.
     */
    public record Caller(String tokenId, String name, Role role) implements Serializable, Principal {
        @Override
        public String getName() {
            return name;
        }
    }

    public record Issued(AdminToken token, String secret) {
    }

    public Issued issue(String name, Role role) {
        String secret = newSecret();
        AdminToken token = tokens.insert(name, role, sha256(secret));
        log.info("issued admin token id={} name={} role={}", token.id(), name, role);
        return new Issued(token, secret);
    }

    public List<AdminToken> list() {
        return tokens.findAll();
    }

    public boolean revoke(String id) {
        boolean revoked = tokens.revoke(id);
        if (revoked) {
            log.info("revoked admin token id={}", id);
        }
        return revoked;
    }

    private static String bootstrapToken(AdminProperties props) {
        if (props.bootstrapToken() != null && !props.bootstrapToken().isBlank()) {
            return props.bootstrapToken();
        }
        Path file = props.bootstrapTokenFile();
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            String secret = newSecret();
            Files.createDirectories(file.toAbsolutePath().getParent());
            // Owner-only from the moment it exists (not chmod after writing, which leaves a window), and
            // made here or not at all: CREATE_NEW never follows a link someone left at the path.
            FileAttribute<?>[] ownerOnly = file.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            try (SeekableByteChannel out = Files.newByteChannel(file,
                    EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly)) {
                ByteBuffer bytes = ByteBuffer.wrap((secret + "\n").getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            } catch (FileAlreadyExistsException e) {
                throw new IllegalStateException("the bootstrap token file " + file + " cannot be created: something "
                        + "(a link?) is already there. Remove it, or set shopkeeper.admin.bootstrap-token.", e);
            }
            log.warn("No shopkeeper.admin.bootstrap-token was set: generated an admin token into {} "
                    + "(use it as 'Authorization: Bearer <token>').", file.toAbsolutePath());
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the bootstrap token file " + file, e);
        }
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
