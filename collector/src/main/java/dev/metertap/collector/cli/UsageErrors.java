package dev.metertap.collector.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A mistyped command line is answered with one line in the user's words and exit status 2. Picocli's
 * own answer is its message (naming Java types such as {@code java.time.LocalDate}) followed by the
 * whole usage, which pushes the message off the screen.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

    static final int EXIT = 2;

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("metertap: " + explain(e));
        err.flush();
        return EXIT;
    }

    static String explain(CommandLine.ParameterException e) {
        ArgSpec arg = e.getArgSpec();
        String value = e.getValue();
        CommandLine.Model.CommandSpec command = e.getCommandLine().getCommandSpec();
        String help = " (see '" + command.qualifiedName() + " --help')";
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            String what = unmatched.getUnmatched().isEmpty() ? unmatched.getMessage()
                    : unmatched.isUnknownOption() ? "unknown option '" + unmatched.getUnmatched().get(0) + "'"
                    : "'" + unmatched.getUnmatched().get(0) + "' is not a command or option of '" + command.qualifiedName() + "'";
            return what + (suggestions.isEmpty() ? help : "; did you mean " + String.join(" or ", suggestions) + "?");
        }
        if (arg == null && !command.subcommands().isEmpty() && e.getMessage().startsWith("Missing required subcommand")) {
            return "'" + command.qualifiedName() + "' needs a command: "
                    + String.join(", ", command.subcommands().values().stream().map(CommandLine::getCommandName).distinct().toList()) + help;
        }
        if (arg == null || value == null) {
            return e.getMessage() + help;
        }
        String name = arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
        Class<?> type = arg.type();
        if (type.isEnum()) {
            String choices = Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            return name + ": '" + value + "' is not one of " + choices;
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return name + ": '" + value + "' is not a whole number";
        }
        if (e.getCause() instanceof CommandLine.TypeConversionException conversion) {
            return name + ": " + conversion.getMessage();
        }
        return e.getMessage() + help;
    }
}
