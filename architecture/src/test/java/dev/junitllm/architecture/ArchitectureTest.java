package dev.junitllm.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of junit-llm, checked over the production classes of every module on this test's classpath
 * (the modules' jars or {@code target/classes}; tests are not imported).
 *
 * <p>API packages hold what users import; {@code internal} packages hold the rest and may change in any
 * release. The API package of the extension reaches its engine at exactly two declared points, both
 * forced by JUnit and Java: {@code @LlmTest} names the extension class in {@code @ExtendWith}, and
 * {@code LlmContext.current()} reads the engine's thread-local context. Every other dependency points
 * from the engine to the API, never back.
 */
class ArchitectureTest {

    /** Packages users import, one or more per published module. */
    private static final String[] API_PACKAGES = {
        "dev.junitllm",
        "dev.junitllm.assertions",
        "dev.junitllm.assertions.spi",
        "dev.junitllm.testkit",
        "dev.junitllm.results..",
        "dev.junitllm.stats",
    };

    private static final int PUBLIC_TYPE_BUDGET = 45;

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.junitllm");
        // guard against a rule passing vacuously because a module is missing from the classpath
        assertThat(classes.stream().map(JavaClass::getPackageName).distinct())
                .contains(
                        "dev.junitllm",
                        "dev.junitllm.internal.engine",
                        "dev.junitllm.assertions",
                        "dev.junitllm.testkit",
                        "dev.junitllm.semantic.internal",
                        "dev.junitllm.otel.internal",
                        "dev.junitllm.results",
                        "dev.junitllm.stats",
                        "dev.junitllm.report",
                        "dev.junitllm.allure");
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().assignedFrom(EACH_PACKAGE)
                .should()
                .beFreeOfCycles()
                .ignoreDependency(named("dev.junitllm.LlmTest"), named("dev.junitllm.internal.engine.LlmExtension"))
                .ignoreDependency(
                        named("dev.junitllm.LlmContext"), named("dev.junitllm.internal.engine.CurrentContext"))
                .check(classes);
    }

    @Test
    void theExtensionsApiReachesItsEngineOnlyAtTheDeclaredPoints() {
        noClasses()
                .that()
                .resideInAPackage("dev.junitllm")
                .and(describe(
                        "are not LlmTest or LlmContext",
                        c -> !Set.of("dev.junitllm.LlmTest", "dev.junitllm.LlmContext")
                                .contains(c.getName())))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.junitllm.internal.engine..")
                .check(classes);
    }

    @Test
    void apiTypesExposeNoInternalType() {
        classes()
                .that()
                .resideInAnyPackage(API_PACKAGES)
                .and()
                .arePublic()
                .should(exposeNoInternalType())
                .check(classes);
    }

    @Test
    void noModuleReachesIntoAnotherModulesInternals() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.junitllm", "dev.junitllm.internal..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.junitllm.internal..")
                .because("the extension's internals are its own; other modules use its API or the results module")
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.junitllm.assertions..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.junitllm.assertions.internal..")
                .check(classes);
    }

    @Test
    void productionCodeNeverUsesTheTestkit() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.junitllm.testkit..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.junitllm.testkit..")
                .because("junit-llm-testkit is a test-scope artifact, never in the production jars")
                .check(classes);
    }

    @Test
    void theLocalEmbeddingModelIsOnlyInTheSemanticModule() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.junitllm.semantic..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.junitllm.semantic..", "dev.langchain4j..", "ai.onnxruntime..")
                .because("junit-llm-semantic is opt-in and found through java.util.ServiceLoader")
                .check(classes);
    }

    @Test
    void openTelemetryIsOnlyInTheOtelModule() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.junitllm.otel..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.junitllm.otel..", "io.opentelemetry..")
                .because("junit-llm-otel is opt-in and found through java.util.ServiceLoader")
                .check(classes);
    }

    @Test
    void theOtelModuleReadsTheResultsSchemaOnly() {
        noClasses()
                .that()
                .resideInAPackage("dev.junitllm.otel..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.junitllm", "dev.junitllm.internal..", "dev.junitllm.assertions..", "org.junit..")
                .because("spans are built from the documented results schema a listener is handed")
                .check(classes);
    }

    @Test
    void theResultsModuleAndTheReportCoreStandOnJacksonAlone() {
        // both run inside the Allure commandline, where only Jackson is on the classpath
        noClasses()
                .that()
                .resideInAnyPackage("dev.junitllm.results..", "dev.junitllm.stats..", "dev.junitllm.report..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.junitllm",
                        "dev.junitllm.internal..",
                        "dev.junitllm.assertions..",
                        "org.junit..",
                        "okhttp3..")
                .check(classes);
    }

    @Test
    void everyPublicApiTypeDeclaresItsStatus() {
        classes()
                .that()
                .resideInAnyPackage(API_PACKAGES)
                .and()
                .arePublic()
                .and()
                .areTopLevelClasses()
                .should()
                .beAnnotatedWith(API.class)
                .check(classes);
    }

    @Test
    void everyInternalPackageIsMarkedInternal() {
        classes()
                .that()
                .resideInAPackage("..internal..")
                .should(beInAPackageMarkedInternal())
                .check(classes);
    }

    @Test
    void thePublicApiOfTheExtensionAndTheAssertionsStaysSmall() {
        List<String> publicTypes = classes.stream()
                .filter(c -> c.isTopLevelClass() && c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> Stream.of("dev.junitllm", "dev.junitllm.assertions", "dev.junitllm.assertions.spi")
                        .anyMatch(c.getPackageName()::equals))
                .map(JavaClass::getName)
                .sorted()
                .toList();
        assertThat(publicTypes)
                .as("public API types of junit-llm-extension and junit-llm-assertions")
                .hasSizeLessThanOrEqualTo(PUBLIC_TYPE_BUDGET);
    }

    private static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return javaClass.getPackageName().startsWith("dev.junitllm")
                    ? SliceIdentifier.of(javaClass.getPackageName())
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "each package of junit-llm";
        }
    };

    private static DescribedPredicate<JavaClass> named(String name) {
        return describe(name, c -> c.getName().equals(name));
    }

    private static ArchCondition<JavaClass> exposeNoInternalType() {
        return new ArchCondition<>("expose no type of an internal package in a public or protected signature") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                Set<String> exposed = new TreeSet<>();
                type.getRawSuperclass().ifPresent(s -> collect(s, "superclass", exposed));
                type.getRawInterfaces().forEach(i -> collect(i, "interface", exposed));
                for (JavaMember member : type.getMembers()) {
                    if (!visible(member)) {
                        continue;
                    }
                    if (member instanceof JavaField field) {
                        collectAll(field.getType(), field.getName(), exposed);
                    } else if (member instanceof JavaCodeUnit code) {
                        collectAll(code.getReturnType(), code.getName() + "() return", exposed);
                        code.getParameterTypes().forEach(p -> collectAll(p, code.getName() + "() parameter", exposed));
                    }
                }
                exposed.forEach(e -> events.add(SimpleConditionEvent.violated(type, type.getName() + " exposes " + e)));
            }
        };
    }

    private static boolean visible(JavaMember member) {
        Set<JavaModifier> modifiers = member.getModifiers();
        return (modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED))
                && !member.tryGetAnnotationOfType(API.class)
                        .map(api -> api.status() == API.Status.INTERNAL)
                        .orElse(false)
                && !modifiers.contains(JavaModifier.SYNTHETIC);
    }

    private static void collectAll(JavaType type, String where, Set<String> exposed) {
        type.getAllInvolvedRawTypes().forEach(raw -> collect(raw, where, exposed));
    }

    private static void collect(JavaClass raw, String where, Set<String> exposed) {
        if (raw.getPackageName().contains(".internal")) {
            exposed.add(raw.getName() + " (" + where + ")");
        }
    }

    private static ArchCondition<JavaClass> beInAPackageMarkedInternal() {
        return new ArchCondition<>("be in a package annotated @API(status = INTERNAL)") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean marked = type.getPackage()
                        .tryGetAnnotationOfType(API.class)
                        .map(api -> api.status() == API.Status.INTERNAL)
                        .orElse(false);
                if (!marked) {
                    events.add(SimpleConditionEvent.violated(
                            type, type.getPackageName() + " has no package-info.java with @API(status = INTERNAL)"));
                }
            }
        };
    }
}
