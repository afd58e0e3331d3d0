package dev.metertap.collector.reading;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The list the CLI checks {@code --series} against is the README's data model, and covers every kind of reading. */
class MeasurementsTest {

    @Test
    void areTheDataModelOfTheReadme() throws Exception {
        String readme = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("README.md"));
        int block = readme.indexOf("```", readme.indexOf("## Data model")) + 3;
        String model = readme.substring(block, readme.indexOf("```", block));
        Matcher line = Pattern.compile("(?m)^(\\w+)[, ]").matcher(model);
        List<String> documented = new java.util.ArrayList<>();
        while (line.find()) {
            documented.add(line.group(1));
        }
        assertThat(Reading.MEASUREMENTS).containsExactlyElementsOf(documented);
    }

    @Test
    void nameEveryKindOfReading() {
        List<String> kinds = Arrays.stream(Reading.class.getPermittedSubclasses()).map(kind -> {
            try {
                return (String) kind.getField("MEASUREMENT").get(null);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(kind.getSimpleName() + " has no MEASUREMENT", e);
            }
        }).toList();
        assertThat(Reading.MEASUREMENTS).containsExactlyInAnyOrderElementsOf(kinds);
    }
}
