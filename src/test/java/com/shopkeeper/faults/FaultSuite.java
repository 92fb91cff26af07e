package com.shopkeeper.faults;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The fault suite (issue 13): the real jar as separate processes, shoppers on WhatsApp, and an
 * operator's bad day. Run it with one command:
 *
 * <pre>
 *   ./sk -Pfaults verify                      build the jar, then one run (about 3 minutes)
 *   ./sk -Pfaults verify -Dfaults.runs=3      three runs in a row; every one must pass
 *   ./sk -Pfaults verify -Dfaults.shoppers=24 -Dfaults.seed=7
 * </pre>
 *
 * Never part of a plain {@code ./sk verify}: surefire does not pick up {@code *FaultSuite}, and the
 * {@code faults} profile runs only this class, through failsafe, after {@code package} made the jar.
 * Needs {@code redis-server} on the PATH. Each run leaves its logs, SQLite file, Redis append-only
 * file and figures in {@code target/faults/run-N/}; the figures of all runs go to
 * {@code target/faults/summary.txt}.
 *
 * <p>One run: a private redis-server with an append-only file fsynced on every write; a stand-in
 * OpenAI-compatible model that takes 1.5–4 s a call; a stand-in Twilio (WireMock) that records every
 * message sent; two instances (gateway and worker each) sharing one SQLite file, with a 2 s drain
 * timeout and a 3 s staleness. Shoppers post signed webhooks to the instances in turn and retry a
 * 503 or a failed connection with the same MessageSid. While they shop: SIGTERM one instance with
 * turns in flight (and start it again), SIGKILL the other (and start it again), SIGKILL Redis (and
 * start it again on its file). Then, once quiet: every message answered, every cart exactly what was
 * asked, each message recorded once, answers in each shopper's order, nothing left in flight or
 * parked, and duplicate answers reported (goal none; more than 1 per 100 messages fails).
 */
class FaultSuite {

    @TestFactory
    Stream<DynamicTest> runs() throws IOException {
        int runs = Integer.getInteger("faults.runs", 1);
        Path out = Path.of("target", "faults");
        Files.createDirectories(out);
        Path summary = out.resolve("summary.txt");
        Files.writeString(summary, "");
        return IntStream.rangeClosed(1, runs).mapToObj(run -> dynamicTest("fault run " + run + " of " + runs, () -> {
            FaultRun.Result result = new FaultRun(run, out.resolve("run-" + run)).execute();
            Files.writeString(summary, result.summary() + "\n", StandardOpenOption.APPEND);
            result.assertPassed();
        }));
    }
}
