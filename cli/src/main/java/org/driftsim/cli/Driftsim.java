package org.driftsim.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code driftsim} command line.
 *
 * <pre>
 * bin/driftsim field --geometry sphere --kernel laplace --tau 0.3 --field gradient \
 *     --queries Q.csv --positives P.csv --negatives N.csv --out V.csv
 * </pre>
 */
@Command(
    name = "driftsim",
    mixinStandardHelpOptions = true,
    versionProvider = Driftsim.Version.class,
    description = "Trains and simulates drifting generative models.",
    subcommands = {TrainCommand.class, SampleCommand.class, EvalCommand.class,
        SubmitCommand.class,
        SimulateCommand.class, FieldCommand.class,
        NodeCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Driftsim implements Runnable {
  /** Exit code for bad input: options, files, values. */
  public static final int EXIT_BAD_INPUT = 2;
  /** Exit code for an internal error. */
  public static final int EXIT_INTERNAL = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Initialize logging before any thread logs, so that nothing is replayed out of order.
    org.slf4j.LoggerFactory.getLogger(Driftsim.class);
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code (for tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Driftsim());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((ex, argv) -> {
      ex.getCommandLine().getErr().println(ex.getMessage());
      return EXIT_BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter e = commandLine.getErr();
      if (ex instanceof IllegalArgumentException) {
        e.println(ex.getMessage()); // bad input: one message, no stack trace
        return EXIT_BAD_INPUT;
      }
      e.println("driftsim: internal error: " + ex);
      ex.printStackTrace(e);
      return EXIT_INTERNAL;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reads the version from the jar manifest (the Maven project version). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Driftsim.class.getPackage().getImplementationVersion();
      return new String[] {"driftsim " + (v == null ? "(development build)" : v)};
    }
  }
}
