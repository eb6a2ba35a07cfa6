package io.nianbao.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: offline parse and validate, and the clients of a running stack. */
@Command(name = "nianbao", mixinStandardHelpOptions = true, version = "nianbao 0.1.0",
        description = "Government information-disclosure annual reports: parse, validate, ingest, watch.",
        subcommands = {ParseCommand.class, ValidateCommand.class, ScoreCommand.class, IngestCommand.class, WatchCommand.class, AggregatesCommand.class,
                BenchCommand.class, PipelineBenchCommand.class, StagesBenchCommand.class, StoresBenchCommand.class, ChaosCommand.class, TopicsCommand.class, DeadLettersCommand.class, SourcesCommand.class,
                RegistryCommand.class, CommandLine.HelpCommand.class})
public final class Nianbao {

    public static void main(String[] args) {
        // the registry client logs its Vert.x set-up through java.util.logging; a terminal user needs none of it
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
        System.exit(run(args));
    }

    static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The whole command line as {@code ./nianbao} runs it: enum options take their values in any case. */
    static CommandLine commandLine() {
        return new CommandLine(new Nianbao()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
