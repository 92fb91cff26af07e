package com.shopkeeper.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A redis-server of a test's own, on a free port: a test that kills Redis or needs an empty one
 * cannot disturb the machine's Redis or another test. Kill it (SIGKILL) and start it again on the
 * same port and directory, as an operator's Redis restarts; with append-only on, what it had
 * acknowledged comes back.
 */
public final class PrivateRedis implements AutoCloseable {

    private final int port;
    private final Path dir;
    private final boolean appendOnly;
    private Process process;

    private PrivateRedis(int port, Path dir, boolean appendOnly) {
        this.port = port;
        this.dir = dir;
        this.appendOnly = appendOnly;
    }

    public static PrivateRedis start(boolean appendOnly) {
        try {
            return start(appendOnly, Files.createTempDirectory("private-redis"));
        } catch (IOException e) {
            throw new IllegalStateException("could not start a private redis-server", e);
        }
    }

    /** In a directory of the caller's (its append-only file and log stay there to be read). */
    public static PrivateRedis start(boolean appendOnly, Path dir) {
        try {
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Files.createDirectories(dir);
            PrivateRedis redis = new PrivateRedis(port, dir, appendOnly);
            redis.restart();
            return redis;
        } catch (IOException e) {
            throw new IllegalStateException("could not start a private redis-server", e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    public int port() {
        return port;
    }

    /** SIGKILL: no shutdown save, connections cut. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized void restart() {
        try {
            process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", appendOnly ? "yes" : "no", "--appendfsync", "always",
                    "--dir", dir.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server is not installed", e);
        }
        Eventually.until(this::answers);
    }

    private boolean answers() {
        try (var client = new java.net.Socket("127.0.0.1", port)) {
            client.getOutputStream().write("PING\r\n".getBytes());
            byte[] buf = new byte[7];
            int n = client.getInputStream().read(buf);
            return n > 0 && new String(buf, 0, n).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        kill();
    }
}
