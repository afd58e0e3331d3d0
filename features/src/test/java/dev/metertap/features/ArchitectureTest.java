package dev.metertap.features;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of the architecture notes, held against the classes every module ships (their main code, as the
 * build made it; test code is free to reach across).
 */
class ArchitectureTest {

    /** {@code | [`name`](…) | what it is | uses |}: a row of the README's module table. */
    private static final Pattern MODULE_ROW = Pattern.compile("^\\| \\[?`([a-z0-9-]+)`\\]?[^|]*\\|[^|]*\\| ([^|]+) \\|$");
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static JavaClasses shipped;

    @BeforeAll
    static void importShippedClasses() {
        shipped = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ArchitectureTest::notATestJar)
                .importPackages("dev.metertap");
    }

    /** The collector's test-jar is on this module's class path too: it is test code. */
    private static boolean notATestJar(Location location) {
        return !location.contains("-tests.jar");
    }

    @Test
    void eachModuleUsesOnlyTheModulesTheReadmeTableNames() throws IOException {
        Map<String, Set<String>> uses = moduleTable();
        assertThat(uses.keySet()).as("the README's module table lists every module of the build")
                .containsExactlyInAnyOrderElementsOf(buildModules());
        Map<String, String> packages = new LinkedHashMap<>();
        uses.keySet().forEach(module -> packages.put(module, rootPackage(module)));
        uses.forEach((module, allowed) -> {
            if (allowed.contains("all")) {
                return;
            }
            String own = packages.get(module);
            assertThat(shipped.stream().anyMatch(c -> c.getPackageName().startsWith(own)))
                    .as("the classes of module %s (package %s) are imported", module, own).isTrue();
            String[] forbidden = packages.entrySet().stream()
                    .filter(other -> !other.getKey().equals(module) && !allowed.contains(other.getKey()))
                    .map(other -> other.getValue() + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage(own + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .as(module + " uses only " + allowed)
                    .check(shipped);
        });
    }

    @Test
    void exactlyOneClassUsesJSerialComm() {
        Set<String> users = topLevelClassesUsing("com.fazecast.jSerialComm");
        assertThat(users).as("classes that import jSerialComm").hasSize(1);
    }

    @Test
    void exactlyOneClassUsesTheMqttClient() {
        assertThat(topLevelClassesUsing("com.hivemq.client")).as("classes that use the HiveMQ MQTT client")
                .containsExactly("dev.metertap.collector.sink.mqtt.MqttConnection");
    }

    @Test
    void onlyTheCommandLineWritesToStandardOutput() {
        noClasses().that().resideOutsideOfPackages("..cli..", "dev.metertap.benchmarks..")
                .and().areNotAnnotatedWith(picocli.CommandLine.Command.class)
                .should().accessField(System.class, "out")
                .as("main code logs through SLF4J; only the command line prints (figure harnesses print their figures)")
                .check(shipped);
    }

    @Test
    void noPackagesOfAModuleDependOnEachOtherInACycle() {
        // one slice per package below a module's root: dev.metertap.collector.config, …sink, …pge.client
        slices().matching("dev.metertap.(*).(**)").should().beFreeOfCycles().check(shipped);
    }

    /** Top-level classes (a nested class or lambda counts as its outer class) that use a package's classes. */
    private static Set<String> topLevelClassesUsing(String packageName) {
        return shipped.stream()
                .filter(c -> c.getDirectDependenciesFromSelf().stream()
                        .anyMatch(d -> d.getTargetClass().getPackageName().startsWith(packageName)))
                .map(ArchitectureTest::topLevel)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String topLevel(JavaClass javaClass) {
        String name = javaClass.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    /** Module → the modules it may use, from the README. */
    private static Map<String, Set<String>> moduleTable() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        int start = lines.indexOf("## Modules");
        assertThat(start).as("README.md has a '## Modules' section").isNotNegative();
        Map<String, Set<String>> table = new LinkedHashMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher row = MODULE_ROW.matcher(line);
            if (row.matches()) {
                table.put(row.group(1), Arrays.stream(row.group(2).split(","))
                        .map(cell -> cell.strip().replace("`", ""))
                        .filter(cell -> !cell.equals("–"))
                        .collect(Collectors.toSet()));
            }
        }
        return table;
    }

    /** The parent pom's modules. */
    private static List<String> buildModules() throws IOException {
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        return module.results().map(m -> m.group(1)).toList();
    }

    /** The one package under dev.metertap that a module's sources (or, for test-only modules, its tests) live in. */
    private static String rootPackage(String module) {
        Path main = ROOT.resolve(module).resolve("src/main/java/dev/metertap");
        Path sources = Files.isDirectory(main) ? main : ROOT.resolve(module).resolve("src/test/java/dev/metertap");
        try (Stream<Path> packages = Files.list(sources)) {
            List<String> names = packages.filter(Files::isDirectory).map(p -> "dev.metertap." + p.getFileName()).toList();
            assertThat(names).as("packages under %s", sources).hasSize(1);
            return names.get(0);
        } catch (IOException e) {
            throw new AssertionError("module " + module + " has no sources under " + sources, e);
        }
    }
}
