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

    public ScenarioException(String file, int line, String path, String value, String allowed, String problem) {
        super(format(file, line, path, value, allowed, problem), null, false, false);
        this.file = file;
        this.line = line;
        this.path = path;
        this.value = value;
        this.allowed = allowed;
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
}
