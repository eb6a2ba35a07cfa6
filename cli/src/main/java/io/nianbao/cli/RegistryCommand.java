package io.nianbao.cli;

import io.nianbao.contracts.Registry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "registry", description = "Set the registry-wide BACKWARD compatibility rule (idempotent).")
final class RegistryCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = StackOptions.REGISTRY_URL)
    String url;

    @Option(names = "--compatibility", defaultValue = "BACKWARD")
    String compatibility;

    @Override
    public Integer call() {
        Registry.setGlobalCompatibility(url, compatibility);
        System.out.println("compatibility rule " + compatibility + " set on " + url);
        return 0;
    }
}
