package com.shopkeeper.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The first start of several instances at once (a deploy of two replicas onto an empty key
 * directory): each finds no keyset and generates one. Only one may win; the others must use it,
 * or each instance would encrypt with keys the others cannot read.
 */
class KeysetCreationTest {

    @RepeatedTest(5)
    void instancesStartingTogetherOnAnEmptyKeyDirectoryAllUseTheSameKeys() throws Exception {
        Path dir = Files.createTempDirectory("keys").resolve("keys");
        int instances = 6;
        CyclicBarrier together = new CyclicBarrier(instances);
        Callable<FieldCipher> start = () -> {
            together.await();
            return new CryptoConfig().fieldCipher(new CryptoProperties(null, null, dir));
        };
        List<FieldCipher> ciphers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(instances)) {
            List<Future<FieldCipher>> started = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                started.add(pool.submit(start));
            }
            for (Future<FieldCipher> f : started) {
                ciphers.add(f.get());
            }
        }
        String sealed = ciphers.getFirst().seal(SensitiveField.MESSAGE_CONTENT, "hello");
        for (FieldCipher other : ciphers) {
            assertThat(other.open(SensitiveField.MESSAGE_CONTENT, sealed)).isEqualTo("hello");
            assertThat(other.pseudonym("+15551234567")).isEqualTo(ciphers.getFirst().pseudonym("+15551234567"));
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .as("the two keysets and no temporary file left behind")
                    .containsExactly(CryptoConfig.AEAD_FILE, CryptoConfig.DETERMINISTIC_FILE);
        }
    }
}
