package datacapsim.structure;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layers of design.md, checked on the compiled main classes: each package may use only the ones below it
 * (chain ← contracts ← economy ← agents ← engine ← metrics ← run ← sweep ← cli; scenario beside them, usable from
 * engine up and by report; report usable by run, sweep and cli), and no two packages depend on each other in a cycle.
 */
class LayersTest {
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("datacapsim");

    @Test
    void everyDependencyPointsDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("chain").definedBy("datacapsim.chain..")
                .layer("contracts").definedBy("datacapsim.contracts..")
                .layer("agents").definedBy("datacapsim.agents..")
                .layer("economy").definedBy("datacapsim.economy..")
                .layer("engine").definedBy("datacapsim.engine..")
                .layer("metrics").definedBy("datacapsim.metrics..")
                .layer("run").definedBy("datacapsim.run..")
                .layer("report").definedBy("datacapsim.report..")
                .layer("sweep").definedBy("datacapsim.sweep..")
                .layer("scenario").definedBy("datacapsim.scenario..")
                .layer("cli").definedBy("datacapsim.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("sweep").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("run").mayOnlyBeAccessedByLayers("sweep", "cli")
                .whereLayer("report").mayOnlyBeAccessedByLayers("run", "sweep", "cli")
                .whereLayer("metrics").mayOnlyBeAccessedByLayers("run", "sweep", "cli")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("metrics", "run", "sweep", "cli")
                .whereLayer("agents").mayOnlyBeAccessedByLayers("engine", "metrics", "run", "sweep", "cli")
                .whereLayer("economy").mayOnlyBeAccessedByLayers("agents", "engine", "metrics", "run", "sweep", "cli")
                .whereLayer("contracts").mayOnlyBeAccessedByLayers("agents", "engine", "metrics", "run", "sweep", "cli")
                .whereLayer("chain").mayOnlyBeAccessedByLayers("contracts", "agents", "engine", "metrics", "run", "sweep", "cli")
                .whereLayer("scenario").mayOnlyBeAccessedByLayers("engine", "metrics", "run", "report", "sweep", "cli")
                .check(MAIN);
    }

    @Test
    void noPackageCycles() {
        slices().matching("datacapsim.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
