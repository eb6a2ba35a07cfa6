package io.nianbao.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Apicurio Registry 3 server as a child process (the bundle deploy/local fetched from Maven
 * Central), in-memory storage, on free loopback ports, with a global BACKWARD compatibility rule. One
 * per JVM; a shell watchdog ends it if the test JVM dies without running its shutdown hook.
 */
public final class TestRegistry {

    private static Process process;
    private static String url;

    private TestRegistry() {
    }

    /** The registry's base URL, e.g. http://127.0.0.1:41234 (serdes use {@code url + /apis/registry/v3}). */
    public static synchronized String url() {
        if (process == null) start();
        return url;
    }

    private static void start() {
        Path dir = Path.of(System.getProperty("nianbao.runtime.dir", "../deploy/local/target/runtime")).resolve("apicurio");
        Path jar = dir.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no Apicurio Registry bundle at " + jar + ": build deploy/local first (./mvnw -pl deploy/local package)");
        }
        int port = freePort();
        int managementPort = freePort();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String command = String.join(" ", List.of(
                "'" + java + "'", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort,
                "-jar", "'" + jar + "'"));
        long parent = ProcessHandle.current().pid();
        // the registry runs in the background; the loop ends it when this JVM is gone
        String script = command + " & child=$!; trap 'kill $child 2>/dev/null; wait $child' TERM INT; "
                + "while kill -0 " + parent + " 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done; kill $child 2>/dev/null; wait $child";
        try {
            Path log = Files.createTempFile("nianbao-test-registry", ".log");
            process = new ProcessBuilder("bash", "-c", script).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(TestRegistry::stop, "test-registry-stop"));
            url = "http://127.0.0.1:" + port;
            waitUntilReady(log);
            io.nianbao.contracts.Registry.setGlobalCompatibility(url, "BACKWARD");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void waitUntilReady(Path log) {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) break;
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(url + "/apis/registry/v3/system/info")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(250);
        }
        String tail;
        try {
            List<String> lines = Files.readAllLines(log);
            tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            tail = "(no log)";
        }
        stop();
        throw new IllegalStateException("Apicurio Registry did not become ready; its log ends with:\n" + tail);
    }

    static synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
            process = null;
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
