package io.nianbao.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Docker engine and nianbao's images for the system tests, on a fresh machine too: when no engine
 * answers, {@code deploy/local/images.sh} (what {@code ./nianbao images} runs) installs Debian's docker.io if
 * needed, starts dockerd and builds the images (always run: unchanged images come from Docker's cache); the engine it started is stopped again by {@link #stop}
 * (by its PID). An engine that was already running is used and left alone.
 */
final class DockerEngine {

    private static Long startedPid;

    static synchronized void ensure() throws IOException, InterruptedException {
        Path root = Stack.projectDir();
        boolean running = run(List.of("docker", "info"), null) == 0;
        // always through the script: an unchanged image rebuilds from Docker's cache in seconds, a changed jar is picked up
        // its output through System.out, not inherited: the forked test JVM's own stdout is surefire's channel
        ProcessBuilder pb = new ProcessBuilder(root.resolve("deploy/local/images.sh").toString()).redirectErrorStream(true);
        pb.environment().put("NIANBAO_KEEP_ENGINE", "1");
        pb.environment().put("NIANBAO_IMAGE_TAG", Stack.tag());
        Path pidFile = root.resolve("deploy/local/target/images/dockerd.pid");
        Files.deleteIfExists(pidFile);
        Process script = pb.start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(script.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            lines.lines().forEach(System.out::println);
        }
        int rc = waitFor(script, 30);
        // no shutdown hook of its own: hooks run all at once, and the engine would go before the caller's hook
        // had removed its containers; the caller stops it last (ClusterSystemIT.stopEverything, hook included)
        if (!running && Files.isRegularFile(pidFile)) startedPid = Long.parseLong(Files.readString(pidFile).trim());
        if (rc != 0) throw new IllegalStateException("deploy/local/images.sh failed with exit code " + rc);
        for (String image : allImages()) {
            if (run(List.of("docker", "image", "inspect", image), null) != 0) throw new IllegalStateException("no image " + image + " after deploy/local/images.sh");
        }
    }


    static List<String> allImages() {
        List<String> images = new java.util.ArrayList<>(Stack.SERVICES.stream().map(Stack.Service::image).toList());
        images.add(Stack.kafkaImage());
        images.add(Stack.registryImage());
        return images;
    }

    /** Stops the engine {@link #ensure} started, if it did (its containerd goes with it). */
    static synchronized void stop() {
        if (startedPid == null) return;
        ProcessHandle.of(startedPid).ifPresent(p -> {
            p.destroy();
            try {
                p.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
        startedPid = null;
    }

    private static int run(List<String> command, Path dir) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return waitFor(p, 2);
        } catch (IOException e) {
            return -1; // no docker client at all
        }
    }

    private static int waitFor(Process p, int minutes) throws InterruptedException {
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private DockerEngine() {
    }
}
