package com.shopkeeper.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing tool fails its tests, saying what to install; only an explicit opt-out skips them. */
class TestToolTest {

    @Test
    void aMissingToolFailsAndSaysHowToInstallItOrSkipTheTests() {
        assertThatThrownBy(() -> TestTool.BROWSER.require(false, "No chromium"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No chromium")
                .hasMessageContaining("apt-get install -y chromium chromium-driver")
                .hasMessageContaining("-Dshopkeeper.tests.skip-browser=true");
        assertThatThrownBy(() -> TestTool.REDIS_CLUSTER.require(false, "No redis-server on the PATH"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("-Dshopkeeper.tests.skip-cluster=true");
    }

    @Test
    void onlyTheOptOutOfThatKindOfTestSkipsIt() {
        String before = System.getProperty(TestTool.BROWSER.optOut());
        System.setProperty(TestTool.BROWSER.optOut(), "true");
        try {
            assertThatThrownBy(() -> TestTool.BROWSER.require(false, "No chromium"))
                    .isInstanceOf(TestAbortedException.class);
            assertThatThrownBy(() -> TestTool.REDIS_CLUSTER.require(false, "No redis-cli on the PATH"))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            if (before == null) {
                System.clearProperty(TestTool.BROWSER.optOut());
            } else {
                System.setProperty(TestTool.BROWSER.optOut(), before);
            }
        }
    }

    @Test
    void aToolThatIsThereIsNoMatter() {
        assertThatCode(() -> TestTool.BROWSER.require(true, "unused")).doesNotThrowAnyException();
        assertThat(TestTool.onPath("sh")).isTrue();
        assertThat(TestTool.onPath("no-such-program-" + System.nanoTime())).isFalse();
    }
}
