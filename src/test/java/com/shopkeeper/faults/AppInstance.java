package com.shopkeeper.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Shopkeeper instance as an operator runs it: {@code java -jar} in a process of its own, on its
 * own port, sharing the SQLite file, the keys and Redis with the others. Stopped with SIGTERM
 * ({@link Process#destroy()}) or SIGKILL ({@link Process#destroyForcibly()}), and started again on
 * the same port. Each start logs to a file of its own.
 */
final class AppInstance {

    private static final Pattern WORKER = Pattern.compile("queue: worker instance (\\S+) started");
    private static final Pattern HANDED_BACK = Pattern.compile("handed back (\\d+) message\\(s\\) still in flight");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    private final Path dir;
    private final List<String> command;
    private Process process;
    private Path log;
    private int starts;

    AppInstance(String name, int port, Path dir, String java, Path jar, Map<String, String> properties) {
        this.name = name;
        this.port = port;
        this.dir = dir;
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseZGC",
                "-Xms256m", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + port));
        properties.forEach((k, v) -> cmd.add("--" + k + "=" + v));
        this.command = List.copyOf(cmd);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    void start() {
        starts++;
        log = dir.resolve(name + "-" + starts + ".log");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start instance " + name, e);
        }
    }

    /** Waits until the instance answers its health check and its workers have started. */
    void awaitReady(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new AssertionError("instance " + name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (healthy() && workerId() != null) {
                return;
            }
            pause(Duration.ofMillis(250));
        }
        throw new AssertionError("instance " + name + " not ready after " + timeout.toSeconds() + " s; see " + log);
    }

    private boolean healthy() {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The id this start's worker pool registered in Redis under, from its log; null until it started. */
    String workerId() {
        Matcher m = WORKER.matcher(logText());
        return m.find() ? m.group(1) : null;
    }

    /** How many messages this start handed back to the queue when it stopped (its log says). */
    int handedBack() {
        Matcher m = HANDED_BACK.matcher(logText());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Lines of all this instance's logs that contain {@code text}. */
    long countInLogs(String text) {
        long n = 0;
        for (int i = 1; i <= starts; i++) {
            try {
                n += Files.readAllLines(dir.resolve(name + "-" + i + ".log")).stream().filter(l -> l.contains(text)).count();
            } catch (IOException e) {
                // not written yet
            }
        }
        return n;
    }

    private String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGTERM, as a deploy or Kubernetes stops a pod; waits for the process to end. */
    Duration terminate() {
        long started = System.nanoTime();
        process.destroy();
        await(Duration.ofSeconds(60));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** SIGKILL: no shutdown hook, no hand-back, connections cut. */
    void kill() {
        process.destroyForcibly();
        await(Duration.ofSeconds(30));
    }

    private void await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError("instance " + name + " did not stop within " + timeout.toSeconds() + " s; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Ends the instance whatever it is doing (the suite's own cleanup). */
    void stopQuietly() {
        if (alive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
