package io.nianbao.testsupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the test broker and registry when the test run ends, while the JVM is still whole (after every
 * Quarkus application has stopped); the shutdown hooks stay as the fallback for a run that dies.
 */
public class StopAfterTests implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        TestRegistry.stop();
        TestKafka.close();
    }
}
