package datacapsim.notebooks;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed notebooks keep {@link NotebookRules} (valid nbformat 4, no outputs, allowed imports, their own
 * {@code --out} folder), without running them; {@code NotebooksIT} executes them. The rules are also checked to
 * catch each kind of breach, so a notebook committed with outputs or writing into {@code output/} fails here.
 */
class NotebookFilesTest {
    static final List<String> ISSUE_14 = List.of("01-a-run", "02-a-sweep", "03-designs-compared", "04-calibration");

    @Test
    void everyNotebookKeepsTheRules() throws IOException {
        List<Path> notebooks = NotebookRules.all();
        List<String> stems = notebooks.stream().map(NotebookRules::stem).toList();
        assertTrue(stems.containsAll(ISSUE_14), "notebooks/ holds " + stems);
        Map<String, String> folders = new HashMap<>();
        for (Path nb : notebooks) {
            String json = Files.readString(nb);
            List<String> problems = NotebookRules.problems(NotebookRules.stem(nb), json);
            assertEquals(List.of(), problems, nb + " breaks the notebook rules");
            String out = NotebookRules.outFolder(new ObjectMapper().readTree(json));
            String before = folders.put(out, nb.toString());
            assertNull(before, nb + " and " + before + " write into the same folder output/notebooks/" + out);
        }
    }

    static final String GOOD_CODE = "NOTEBOOK_OUT = \\\"output/notebooks/x\\\"\\nimport os\\n"
            + "ROOT = os.environ.get(\\\"DATACAP_SIM_ROOT\\\")\\ncmd = [\\\"./datacap-sim\\\"]\\n"
            + "def datacap_sim(*args):\\n    pass\\n"
            + "datacap_sim(\\\"run\\\", \\\"scenarios/direct.yaml\\\", \\\"--out\\\", OUT)";

    static String notebook(String code, String outputs, String count) {
        return "{\"nbformat\": 4, \"nbformat_minor\": 4, \"metadata\": {\"kernelspec\": {\"name\": \"python3\"}},"
                + " \"cells\": [{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": \"# x\"},"
                + " {\"cell_type\": \"code\", \"metadata\": {}, \"source\": \"" + code + "\", \"outputs\": " + outputs
                + ", \"execution_count\": " + count + "}]}";
    }

    @Test
    void aNotebookThatKeepsTheRulesPasses() {
        assertEquals(List.of(), NotebookRules.problems("x", notebook(GOOD_CODE, "[]", "null")));
    }

    @Test
    void eachBreachIsFound() {
        mentions(NotebookRules.problems("x", "{not json"), "not valid JSON");
        mentions(NotebookRules.problems("x", notebook(GOOD_CODE, "[{\"output_type\": \"stream\"}]", "3")),
                "outputs committed", "execution_count committed");
        mentions(NotebookRules.problems("x", notebook(GOOD_CODE.replace("--out", "--days"), "[]", "null")),
                "without --out");
        mentions(NotebookRules.problems("x", notebook("import seaborn\\n" + GOOD_CODE, "[]", "null")),
                "imports 'seaborn'");
        mentions(NotebookRules.problems("x", notebook("!pip install x\\n" + GOOD_CODE, "[]", "null")),
                "shell escape");
        mentions(NotebookRules.problems("y", notebook(GOOD_CODE, "[]", "null")),
                "NOTEBOOK_OUT is output/notebooks/x, not output/notebooks/y");
        mentions(NotebookRules.problems("x", notebook(GOOD_CODE, "[]", "null").replace("\"nbformat\": 4",
                "\"nbformat\": 3")), "not 4");
    }

    static void mentions(List<String> problems, String... parts) {
        for (String part : parts)
            assertTrue(problems.stream().anyMatch(p -> p.contains(part)),
                    "no problem mentions '" + part + "': " + problems);
    }
}
