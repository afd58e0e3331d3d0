package dev.metertap.features;

import dev.metertap.collector.emu2.command.GetInstantaneousDemand;
import dev.metertap.collector.emu2.wire.InstantaneousDemand;
import dev.metertap.simulator.journal.CommandEntry;
import dev.metertap.simulator.journal.FragmentEntry;
import dev.metertap.simulator.journal.Integrity;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Questions the collector asks the display, and the display's answers. */
public final class CommandSteps {

    private static final String DEMAND_QUESTION = "get_instantaneous_demand";

    private final VirtualDisplay display;
    private final ScenarioCollector collector;
    private final List<InstantaneousDemand> answers = new ArrayList<>();
    private int asked;
    private long askedFrom;

    public CommandSteps(VirtualDisplay display, ScenarioCollector collector) {
        this.display = display;
        this.collector = collector;
    }

    @When("the collector asks the display for the current demand {int} times, a minute apart")
    public void theCollectorAsksForDemand(int times) throws Exception {
        askedFrom = display.journal().size();
        for (int i = 0; i < times; i++) {
            display.pass(Duration.ofMinutes(1));  // each answer has its own time and value to check
            answers.add(collector.session().client().send(new GetInstantaneousDemand())
                    .get(ScenarioCollector.CATCH_UP.toSeconds(), TimeUnit.SECONDS));
            asked++;
        }
    }

    /**
     * Whole demand fragments of any origin: when an answer is cut short, the demand notification that
     * cut it is the current demand too, and the collector may rightly take it as the answer.
     */
    @Then("every answer is a demand the display sent whole")
    public void everyAnswerIsAWholeDemand() {
        Set<String> wholeAnswers = new HashSet<>();
        for (FragmentEntry entry : display.journal().fragments("InstantaneousDemand")) {
            if (entry.isIntact() && entry.deviceTime() != null) {
                wholeAnswers.add(entry.deviceTime() + " " + entry.value("demand_kw").stripTrailingZeros().toPlainString());
            }
        }
        assertThat(answers).extracting(InstantaneousDemand::timeStamp).as("one fresh answer per question")
                .doesNotHaveDuplicates();
        assertThat(answers).hasSize(asked).allSatisfy(answer -> assertThat(wholeAnswers)
                .contains(answer.timeStamp().instant().orElseThrow() + " "
                        + answer.kilowatts().stripTrailingZeros().toPlainString()));
    }

    @Then("some answers were cut short and asked for again")
    public void someAnswersWereAskedAgain() {
        long cut = display.journal().fragments("InstantaneousDemand").stream().filter(entry -> entry.sequence() > askedFrom)
                .filter(entry -> entry.trigger().equals("reply:" + DEMAND_QUESTION))
                .filter(entry -> entry.integrity() == Integrity.CLOBBERED)
                .count();
        // the collector's own question at connect came before: only the scenario's questions count
        long received = display.journal().commands().stream().filter(command -> command.sequence() > askedFrom)
                .map(CommandEntry::name).filter(DEMAND_QUESTION::equals).count();
        assertThat(cut).as("answers cut short").isPositive();
        // not asked + cut: when the fragment that cut an answer is itself the same demand, that is the answer
        assertThat(received).as("questions the display received").isGreaterThan(asked);
    }
}
