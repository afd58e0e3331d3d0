package dev.metertap.collector.cli;

import dev.metertap.collector.emu2.command.NamedCommand;
import dev.metertap.collector.emu2.session.Emu2Listener;
import dev.metertap.collector.emu2.session.Emu2Options;
import dev.metertap.collector.emu2.session.Emu2Session;
import dev.metertap.collector.emu2.session.NoReplyException;
import dev.metertap.collector.emu2.session.UnknownCommandException;
import dev.metertap.collector.emu2.transport.Endpoint;
import dev.metertap.collector.emu2.wire.Emu2Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code metertap emu2 send}: one command, retried as the device needs, reply printed as JSON. */
@Command(name = "send",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:the reply was printed (or, for a command without one, the device did not refuse it)", "1:no reply after --attempts", "2:the device answered 'Unknown command', a bad option, or the port cannot be opened"},
        mixinStandardHelpOptions = true,
        description = {
                "Sends one command to the EMU-2 and prints its reply as JSON.",
                "Replies often go missing or get cut by scheduled notifications: each attempt waits --timeout, "
                        + "and the command is sent up to --attempts times."},
        footer = {"", "Commands (from Rainforest's XML API): get_device_info, get_meter_list, get_meter_info, "
                + "get_network_info, get_connection_status, get_instantaneous_demand, get_current_summation_delivered, "
                + "get_current_price, get_time, get_message, get_schedule, get_profile_data, get_current_period_usage, "
                + "get_last_period_usage, set_schedule, set_current_price, set_fast_poll, confirm_message, restart, …",
                "", "Examples:",
                "  metertap emu2 send get_device_info --port /dev/ttyACM0",
                "  metertap emu2 send get_instantaneous_demand --param Refresh=Y \\",
                "      --port /tmp/emu2/ttyEMU2",
                "  metertap emu2 send set_schedule --param Event=demand \\",
                "      --param Frequency=0x0a --param Enabled=Y"})
final class Emu2SendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Emu2PortOption port;

    @Parameters(index = "0", paramLabel = "COMMAND", description = "The command's name, e.g. get_device_info.")
    String command;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
            description = "A parameter, as the device names it (MeterMacId, Refresh, Event, Frequency, …). Repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "2s", paramLabel = "D",
            description = "How long each attempt waits for the reply. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--attempts", defaultValue = "4", paramLabel = "N",
            description = "Attempts before giving up. Default: ${DEFAULT-VALUE}.")
    int attempts;

    @Override
    public Integer call() throws InterruptedException {
        Endpoint endpoint = port.endpoint();
        NamedCommand named = NamedCommand.of(command, params);
        Emu2Options options = Emu2Options.DEFAULTS.withReplyTimeout(timeout).withAttempts(attempts).withLearnDevice(false);
        // connecting, every attempt and its backoff, with room to spare
        Duration deadline = timeout.plus(options.retryBackoff().multipliedBy(2)).multipliedBy(attempts).plusSeconds(5);
        try (Emu2Session session = new Emu2Session(endpoint.transport(), options, new Emu2Listener() {
        })) {
            session.startConnected();
            Emu2Message reply = session.client().send(named).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (reply == null) {
                spec.commandLine().getErr().println("metertap: sent " + named.name() + " (the device sends no reply to it, "
                        + "and did not answer 'Unknown command' within "
                        + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms") + ")");
            } else {
                spec.commandLine().getOut().println(MessageJson.toJson(reply));
            }
            return 0;
        } catch (IOException e) {
            spec.commandLine().getErr().println("metertap: " + e.getMessage());
            return 2;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownCommandException) {
                spec.commandLine().getErr().println("metertap: " + e.getCause().getMessage()
                        + " (the commands it knows: metertap emu2 send --help)");
                return 2;
            }
            spec.commandLine().getErr().println("metertap: " + e.getCause().getMessage()
                    + (e.getCause() instanceof NoReplyException ? " (is " + endpoint + " the EMU-2, and is it powered?)" : ""));
            return 1;
        } catch (TimeoutException e) {
            spec.commandLine().getErr().println("metertap: could not reach the EMU-2 at " + endpoint + " within " + deadline.toSeconds() + " s");
            return 1;
        }
    }
}
