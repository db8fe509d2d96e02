package org.lapsewatch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout of DESIGN.md §5 kept true: the functional core ({@code model}, {@code rules}) does
 * no I/O and knows no adapter; {@code cli} and {@code web} are the outer shell that nothing else
 * depends on; capability packages do not depend on each other in cycles.
 */
@AnalyzeClasses(packages = "org.lapsewatch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** I/O and framework packages the core must not touch. */
    private static final String[] IO = {
            "java.net..", "java.net.http..", "java.sql..", "java.nio.file..", "javax.sql..", "org.jdbi..",
            "io.javalin..", "com.zaxxer..", "org.flywaydb..", "org.xbill.DNS.."};

    private static final String[] ADAPTERS = {
            "org.lapsewatch.store..", "org.lapsewatch.web..", "org.lapsewatch.cli..", "org.lapsewatch.sim..",
            "org.lapsewatch.watch..", "org.lapsewatch.policy..", "org.lapsewatch.alert..",
            "org.lapsewatch.mailflow..", "org.lapsewatch.dns..", "org.lapsewatch.registration.."};

    @ArchTest
    static final ArchRule core_does_no_io = noClasses()
            .that().resideInAnyPackage("org.lapsewatch.model..", "org.lapsewatch.rules..")
            .should().dependOnClassesThat().resideInAnyPackage(IO)
            .because("rules and the model are pure functions of values (DESIGN.md §4)");

    @ArchTest
    static final ArchRule core_knows_no_adapter = noClasses()
            .that().resideInAnyPackage("org.lapsewatch.model..", "org.lapsewatch.rules..")
            .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
            .because("dependencies point inward");

    @ArchTest
    static final ArchRule model_depends_only_on_itself = noClasses()
            .that().resideInAPackage("org.lapsewatch.model..")
            .should().dependOnClassesThat(resideInAPackage("org.lapsewatch..")
                    .and(not(resideInAPackage("org.lapsewatch.model.."))))
            .because("the model is the innermost layer");

    @ArchTest
    static final ArchRule rules_depend_only_on_model_and_rules = noClasses()
            .that().resideInAPackage("org.lapsewatch.rules..")
            .should().dependOnClassesThat(resideInAPackage("org.lapsewatch..")
                    .and(not(resideInAnyPackage("org.lapsewatch.model..", "org.lapsewatch.rules.."))))
            .because("rules take inventory entries, observations and exposures as values");

    @ArchTest
    static final ArchRule nothing_depends_on_the_cli = noClasses()
            .that().resideOutsideOfPackage("org.lapsewatch.cli..")
            .should().dependOnClassesThat().resideInAPackage("org.lapsewatch.cli..")
            .because("the command line wires capabilities together; none of them may need it");

    @ArchTest
    static final ArchRule only_the_cli_depends_on_the_web = noClasses()
            .that().resideOutsideOfPackages("org.lapsewatch.cli..", "org.lapsewatch.web..")
            .should().dependOnClassesThat().resideInAPackage("org.lapsewatch.web..")
            .because("the web UI is an outer shell, started by the command line");

    @ArchTest
    static final ArchRule capabilities_are_free_of_cycles = slices()
            .matching("org.lapsewatch.(*)..")
            .should().beFreeOfCycles();
}
