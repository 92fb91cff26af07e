package com.shopkeeper.queue;

import com.shopkeeper.support.TestTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small Redis Cluster of local {@code redis-server} processes (three masters, no replicas) with
 * the append-only file on and fsynced at every write, so that a node killed and started again
 * comes back with everything it acknowledged.
 */
final class LocalRedisCluster implements AutoCloseable {

    private final List<Integer> ports;
    private final Path dir;
    private final Process[] nodes;

    private LocalRedisCluster(List<Integer> ports, Path dir) {
        this.ports = ports;
        this.dir = dir;
        this.nodes = new Process[ports.size()];
    }

    /** Fails (or skips, with {@code -Dshopkeeper.tests.skip-cluster=true}) when the programs it runs are not on the PATH. */
    static void requireTools() {
        boolean server = TestTool.onPath("redis-server");
        boolean cli = TestTool.onPath("redis-cli");
        TestTool.REDIS_CLUSTER.require(server && cli, "No " + (server ? "" : "redis-server") + (server || cli ? "" : " and no ")
                + (cli ? "" : "redis-cli") + " on the PATH");
    }

    static LocalRedisCluster start(List<Integer> ports) throws Exception {
        LocalRedisCluster cluster = new LocalRedisCluster(ports, Files.createTempDirectory("shopkeeper-redis-cluster"));
        for (int i = 0; i < ports.size(); i++) {
            cluster.startNode(i);
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        ports.forEach(p -> create.add("127.0.0.1:" + p));
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        run(create);
        cluster.awaitHealthy();
        return cluster;
    }

    void startNode(int i) throws IOException {
        int port = ports.get(i);
        Path nodeDir = Files.createDirectories(dir.resolve(Integer.toString(port)));
        nodes[i] = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000",
                "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--dir", nodeDir.toString())
                .redirectErrorStream(true).redirectOutput(nodeDir.resolve("redis.log").toFile()).start();
        awaitPing(port);
    }

    /** Kills the node as a crash would (SIGKILL): only its append-only file survives. */
    void kill(int i) throws InterruptedException {
        nodes[i].destroyForcibly();
        nodes[i].waitFor(10, TimeUnit.SECONDS);
    }

    /** The index of the node that serves this key's hash slot. */
    int nodeOf(String key) throws Exception {
        String slot = run(List.of("redis-cli", "-p", Integer.toString(ports.getFirst()), "cluster", "keyslot", key)).strip();
        String slots = run(List.of("redis-cli", "-p", Integer.toString(ports.getFirst()), "cluster", "slots"));
        // Each range prints as: from, to, ip, port, id (one per line).
        String[] lines = slots.strip().split("\n");
        int s = Integer.parseInt(slot);
        for (int i = 0; i + 3 < lines.length; i++) {
            if (lines[i].strip().matches("\\d+") && lines[i + 1].strip().matches("\\d+") && lines[i + 2].strip().equals("127.0.0.1")) {
                int from = Integer.parseInt(lines[i].strip());
                int to = Integer.parseInt(lines[i + 1].strip());
                int port = Integer.parseInt(lines[i + 3].strip());
                if (s >= from && s <= to) {
                    return ports.indexOf(port);
                }
            }
        }
        throw new IllegalStateException("no node serves slot " + slot);
    }

    /** Empties every node. */
    void flushAll() throws Exception {
        for (int port : ports) {
            run(List.of("redis-cli", "-p", Integer.toString(port), "flushall"));
        }
    }

    /** CPU seconds each node's main thread (the one that runs commands and scripts) has used so far. */
    double[] mainThreadCpu() throws Exception {
        double[] cpu = new double[ports.size()];
        for (int i = 0; i < ports.size(); i++) {
            for (String line : run(List.of("redis-cli", "-p", Integer.toString(ports.get(i)), "info", "cpu")).lines().toList()) {
                if (line.startsWith("used_cpu_sys_main_thread:") || line.startsWith("used_cpu_user_main_thread:")) {
                    cpu[i] += Double.parseDouble(line.substring(line.indexOf(':') + 1).strip());
                }
            }
        }
        return cpu;
    }

    /** The keys node {@code i} holds. */
    List<String> keysOn(int i) throws Exception {
        return run(List.of("redis-cli", "-p", Integer.toString(ports.get(i)), "--scan")).lines().filter(l -> !l.isBlank()).toList();
    }

    void awaitHealthy() throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            boolean ok = true;
            for (int port : ports) {
                ok &= run(List.of("redis-cli", "-p", Integer.toString(port), "cluster", "info")).contains("cluster_state:ok");
            }
            if (ok) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the cluster did not become healthy");
    }

    String nodes() {
        return String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
    }

    private static void awaitPing(int port) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            try {
                if (run(List.of("redis-cli", "-p", Integer.toString(port), "ping")).contains("PONG")) {
                    return;
                }
                Thread.sleep(50);
            } catch (Exception e) {
                // not up yet
            }
        }
        throw new IllegalStateException("redis-server on port " + port + " did not start");
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() {
        for (Process node : nodes) {
            if (node != null) {
                node.destroyForcibly();
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
