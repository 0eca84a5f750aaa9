package datacapsim.scenario;

/**
 * Bad scenario input: names the file, line, field path, the value and what is allowed. The command line turns it
 * into exit code 2 before anything is written.
 */
public final class ScenarioException extends RuntimeException {
    private final String file;
    private final int line;
    private final String path;
    private final String value;
    private final String allowed;
    private final String problem;

    /**
     * @param file    the file (or the command-line option, e.g. "--set clients.count=abc") the bad input came from
     * @param line    1-based line in that file; 0 when there is no line (an option, a file that cannot be read)
     * @param path    dotted field path, e.g. "clients.datasetTib"; null when the input is not about one field
     * @param value   the value as written; null when there is none to show
     * @param allowed what would be accepted, in words
     * @param problem what is wrong, in words
     */
    public ScenarioException(String file, int line, String path, String value, String allowed, String problem) {
        super(format(file, line, path, value, allowed, problem), null, false, false);
        this.file = file;
        this.line = line;
        this.path = path;
        this.value = value;
        this.allowed = allowed;
        this.problem = problem;
    }

    /** The same problem, attributed to another origin (a command-line option has no line). */
    public ScenarioException from(String otherFile, int otherLine) {
        return new ScenarioException(otherFile, otherLine, path, value, allowed, problem);
    }

    private static String format(String file, int line, String path, String value, String allowed, String problem) {
        StringBuilder b = new StringBuilder();
        b.append(file == null ? "<scenario>" : file);
        if (line > 0) b.append(':').append(line);
        b.append(": ");
        if (path != null && !path.isEmpty()) b.append("field '").append(path).append("': ");
        b.append(problem);
        if (value != null) b.append(" (value: ").append(value).append(')');
        if (allowed != null && !allowed.isEmpty()) b.append("; allowed: ").append(allowed);
        return b.toString();
    }

    public String file() { return file; }
    public int line() { return line; }
    public String path() { return path; }
    public String value() { return value; }
    public String allowed() { return allowed; }
    public String problem() { return problem; }
}
