package datacapsim.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules every notebook in {@code notebooks/} keeps (README "Notebooks"): a valid nbformat 4 document committed
 * without outputs or execution counts, on the Debian {@code python3} kernel, importing only the standard library,
 * numpy, pandas and matplotlib; its first code cell names its own output folder {@code output/notebooks/<name>}
 * and every call of {@code ./datacap-sim} it makes passes {@code --out}, so it never writes into a user's outputs.
 */
final class NotebookRules {
    private NotebookRules() {}

    /** The folder of the notebooks, relative to the checkout (Maven runs tests from it). */
    static final Path DIR = Path.of("notebooks");

    /** Top-level modules a notebook may import: the standard library's that the notebooks use, and the Debian trio. */
    static final Set<String> IMPORTS = Set.of("collections", "concurrent", "datetime", "functools", "itertools", "json",
            "math", "operator", "os", "pathlib", "re", "shlex", "shutil", "statistics", "subprocess", "sys", "textwrap",
            "time", "numpy", "pandas", "matplotlib");

    private static final Pattern IMPORT = Pattern.compile("^\\s*(?:from\\s+([\\w.]+)\\s+import|import\\s+([\\w., ]+))",
            Pattern.MULTILINE);
    private static final Pattern SHELL = Pattern.compile("^\\s*[!%]", Pattern.MULTILINE);
    private static final Pattern OUT_FOLDER = Pattern.compile("NOTEBOOK_OUT = \"output/notebooks/([^\"]+)\"");

    /** Every {@code *.ipynb} in {@code notebooks/}, sorted by name. */
    static List<Path> all() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    /** The notebook's name without {@code .ipynb}. */
    static String stem(Path notebook) {
        String n = notebook.getFileName().toString();
        return n.substring(0, n.length() - ".ipynb".length());
    }

    /** The output folder the notebook's first code cell names, or null. */
    static String outFolder(JsonNode nb) {
        List<String> code = codeSources(nb);
        if (code.isEmpty()) return null;
        Matcher m = OUT_FOLDER.matcher(code.get(0));
        return m.find() ? m.group(1) : null;
    }

    /** What breaks the rules in one notebook (empty when it keeps them all); {@code stem} is its file name's stem. */
    static List<String> problems(String stem, String json) {
        List<String> p = new ArrayList<>();
        JsonNode nb;
        try {
            nb = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            return List.of("not valid JSON: " + e.getMessage());
        }
        if (nb == null || !nb.isObject()) return List.of("not a JSON object");
        if (nb.path("nbformat").asInt(-1) != 4) p.add("nbformat is " + nb.path("nbformat") + ", not 4");
        if (!nb.path("nbformat_minor").isInt()) p.add("no nbformat_minor");
        if (!"python3".equals(nb.path("metadata").path("kernelspec").path("name").asText()))
            p.add("kernelspec.name is not python3");
        JsonNode cells = nb.path("cells");
        if (!cells.isArray() || cells.isEmpty()) return add(p, "no cells");
        boolean markdown = false;
        for (int i = 0; i < cells.size(); i++) {
            JsonNode c = cells.get(i);
            String type = c.path("cell_type").asText();
            if (!Set.of("markdown", "code", "raw").contains(type)) p.add("cell " + i + ": cell_type '" + type + "'");
            if (!c.path("source").isTextual() && !c.path("source").isArray()) p.add("cell " + i + ": no source");
            markdown |= type.equals("markdown");
            if (!type.equals("code")) continue;
            if (!c.path("outputs").isArray() || !c.path("outputs").isEmpty())
                p.add("cell " + i + ": outputs committed (clear them before committing)");
            if (!c.path("execution_count").isNull()) p.add("cell " + i + ": execution_count committed");
            String src = source(c);
            Matcher m = IMPORT.matcher(src);
            while (m.find()) {
                String names = m.group(1) != null ? m.group(1) : m.group(2);
                for (String name : names.split(",")) {
                    String top = name.trim().split("[.\\s]")[0];
                    if (!IMPORTS.contains(top))
                        p.add("cell " + i + ": imports '" + top + "' (allowed: " + IMPORTS + ")");
                }
            }
            if (SHELL.matcher(src).find()) p.add("cell " + i + ": shell escape or magic (! or %)");
        }
        if (!markdown) p.add("no markdown cell: a notebook explains its steps");
        String out = outFolder(nb);
        if (out == null) p.add("the first code cell does not set NOTEBOOK_OUT = \"output/notebooks/" + stem + "\"");
        else if (!out.equals(stem)) p.add("NOTEBOOK_OUT is output/notebooks/" + out + ", not output/notebooks/" + stem);
        String code = String.join("\n", codeSources(nb));
        if (!code.contains("\"./datacap-sim\"")) p.add("never runs ./datacap-sim (a notebook makes its own input)");
        if (!code.contains("DATACAP_SIM_ROOT")) p.add("does not honour DATACAP_SIM_ROOT when finding the checkout");
        int calls = 0;
        for (String call : calls(code, "datacap_sim(")) {
            calls++;
            if (!call.contains("\"--out\"")) p.add("a call of ./datacap-sim without --out: datacap_sim(" + call + ")");
        }
        if (calls == 0) p.add("no datacap_sim(...) call");
        return p;
    }

    private static List<String> add(List<String> p, String s) {
        p.add(s);
        return p;
    }

    /** The arguments of each call {@code name(...)} in the code, except its definition ({@code def name(...)}). */
    static List<String> calls(String code, String name) {
        List<String> out = new ArrayList<>();
        for (int i = code.indexOf(name); i >= 0; i = code.indexOf(name, i + 1)) {
            if (i > 0 && (Character.isLetterOrDigit(code.charAt(i - 1)) || code.charAt(i - 1) == '_')) continue;
            if (code.substring(Math.max(0, i - 4), i).equals("def ")) continue;
            int depth = 0;
            int start = i + name.length();
            int j = start;
            for (; j < code.length(); j++) {
                char ch = code.charAt(j);
                if (ch == '(') depth++;
                else if (ch == ')' && depth-- == 0) break;
            }
            out.add(code.substring(start, Math.min(j, code.length())));
        }
        return out;
    }

    static List<String> codeSources(JsonNode nb) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : nb.path("cells")) if (c.path("cell_type").asText().equals("code")) out.add(source(c));
        return out;
    }

    static String source(JsonNode cell) {
        JsonNode s = cell.path("source");
        if (s.isTextual()) return s.asText();
        StringBuilder b = new StringBuilder();
        for (JsonNode line : s) b.append(line.asText());
        return b.toString();
    }
}
