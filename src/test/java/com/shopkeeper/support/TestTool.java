package com.shopkeeper.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs some tests run that are not part of the build: Debian's Chromium for the browser tests,
 * {@code redis-server} and {@code redis-cli} for the Redis Cluster test. CI installs them
 * ({@code .ci/run}), so a missing one fails the test: a skipped test would pass the build without
 * having run. A developer machine without them opts out by name, e.g.
 * {@code ./sk verify -Dshopkeeper.tests.skip-browser=true}; CI never sets these.
 */
public enum TestTool {

    BROWSER("the browser tests", "shopkeeper.tests.skip-browser", "apt-get install -y chromium chromium-driver"),
    REDIS_CLUSTER("the Redis Cluster test", "shopkeeper.tests.skip-cluster", "apt-get install -y redis-server");

    private final String tests;
    private final String optOut;
    private final String install;

    TestTool(String tests, String optOut, String install) {
        this.tests = tests;
        this.optOut = optOut;
        this.install = install;
    }

    /** The system property that skips these tests on a machine without the tool. */
    public String optOut() {
        return optOut;
    }

    /**
     * Returns when the tool is there; else fails the calling test (or class, from {@code @BeforeAll})
     * saying what is missing and how to install it, or aborts it when this machine opted out.
     *
     * @param missing what was looked for and not found, for the message
     */
    public void require(boolean present, String missing) {
        if (present) {
            return;
        }
        if (Boolean.getBoolean(optOut)) {
            Assumptions.abort("SKIPPED (-D" + optOut + "=true): " + missing);
        }
        throw new IllegalStateException(missing + ", which " + tests + " need. Install it (" + install
                + "), or on a machine without it skip " + tests + " with -D" + optOut + "=true.");
    }

    /** The first of these files that exists and is executable. */
    public static Optional<Path> firstExecutable(String... paths) {
        return Stream.of(paths).map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** Whether a program of this name is on the PATH, as a ProcessBuilder would find it. */
    public static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
