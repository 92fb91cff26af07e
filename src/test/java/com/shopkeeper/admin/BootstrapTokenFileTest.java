package com.shopkeeper.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated first admin token, on the real file system: owner-only, and written only into a
 * file the service creates itself (never through a link someone left at the path, which would put
 * the token wherever the link points, readable as that place allows).
 */
class BootstrapTokenFileTest {

    @TempDir
    Path dir;

    @Test
    void theGeneratedTokenFileIsOwnerOnlyAndItsTokenIsAnAdmins() throws Exception {
        Path file = dir.resolve("data").resolve("admin-token");
        var service = new AdminTokenService(null, new AdminProperties(null, file));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String token = Files.readString(file).strip();
        assertThat(token).startsWith(AdminTokenService.PREFIX);
        assertThat(service.authenticate(token)).get().extracting(AdminTokenService.Caller::role).isEqualTo(Role.ADMIN);

        // A second start reads the same token back.
        var again = new AdminTokenService(null, new AdminProperties(null, file));
        assertThat(again.authenticate(token)).isPresent();
    }

    @Test
    void aLinkLeftAtThePathIsNotFollowed() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere")).resolve("stolen-token");
        Path file = dir.resolve("admin-token");
        Files.createSymbolicLink(file, elsewhere);

        assertThatThrownBy(() -> new AdminTokenService(null, new AdminProperties(null, file)))
                .hasMessageContaining("cannot be created");
        assertThat(elsewhere).doesNotExist();
        assertThat(Files.isSymbolicLink(file)).isTrue();
        assertThat(Files.exists(file, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
